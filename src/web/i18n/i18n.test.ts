// @vitest-environment node
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import IntlMessageFormat from "intl-messageformat";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const LOCALES = ["en", "ru"] as const;
type Locale = (typeof LOCALES)[number];

/** CLDR cardinal categories a message must cover for each locale (other is always required). */
const REQUIRED_PLURAL_CATEGORIES: Record<Locale, string[]> = {
  en: ["one", "other"],
  ru: ["one", "few", "many", "other"],
};

/** Each module's own messages file (`pages/<module>/<module>.messages.ts`, module-messages.ts), by path. */
const owned = import.meta.glob<Record<Locale, Record<string, unknown>>>("../pages/*/*.messages.ts", { eager: true });

/**
 * The base file plus every module's file (`modules/<module>.<locale>.json`) and every module's own messages file,
 * merged as the web app merges them (bundle.<locale>.ts).
 */
function load(locale: Locale): Record<string, unknown> {
  const merged = JSON.parse(readFileSync(join(here, `${locale}.json`), "utf8")) as Record<string, unknown>;
  const dir = join(here, "modules");
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(`.${locale}.json`)) : [];
  const parts: [string, Record<string, unknown>][] = [
    ...files
      .sort()
      .map((file): [string, Record<string, unknown>] => [
        file,
        JSON.parse(readFileSync(join(dir, file), "utf8")) as Record<string, unknown>,
      ]),
    ...Object.entries(owned).map(([file, m]): [string, Record<string, unknown>] => [file, m[locale]]),
  ];
  for (const [file, part] of parts) {
    if (!part) throw new Error(`${file}: no "${locale}" export`);
    for (const key of Object.keys(part)) {
      if (key in merged) throw new Error(`${file}: top-level key "${key}" is already defined elsewhere`);
      merged[key] = part[key];
    }
  }
  return merged;
}

function flatten(obj: Record<string, unknown>, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of flatten(value as Record<string, unknown>, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

interface AstNode {
  /** 0 literal, 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural, 7 pound, 8 tag. */
  type: number;
  value?: string;
  pluralType?: "cardinal" | "ordinal";
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}

/** Cardinal plural selectors in a parsed message, nested ones included. */
function pluralSelectors(nodes: AstNode[]): string[][] {
  const found: string[][] = [];
  for (const node of nodes) {
    if (node.options) {
      if (node.pluralType === "cardinal") found.push(Object.keys(node.options));
      for (const option of Object.values(node.options)) found.push(...pluralSelectors(option.value));
    }
    if (node.children) found.push(...pluralSelectors(node.children));
  }
  return found;
}

/** Names of the arguments a message uses ({name}, {count, plural, …}), nested ones included. */
function argumentNames(nodes: AstNode[], into = new Set<string>()): Set<string> {
  for (const node of nodes) {
    if (node.type >= 1 && node.type <= 6 && node.value) into.add(node.value);
    for (const option of Object.values(node.options ?? {})) argumentNames(option.value, into);
    if (node.children) argumentNames(node.children, into);
  }
  return into;
}

describe("modules' own messages files", () => {
  it("are found and merged, each under its own top-level key", () => {
    expect(Object.keys(owned)).toContain("../pages/translations/translations.messages.ts");
    for (const m of Object.values(owned)) {
      expect(Object.keys(m).sort()).toEqual(["en", "ru"]);
      expect(Object.keys(m.ru)).toEqual(Object.keys(m.en));
    }
    expect(flatten(load("ru")).get("translations.nav")).toBe("Переводы");
  });
});

const messages = Object.fromEntries(LOCALES.map((l) => [l, flatten(load(l))])) as Record<Locale, Map<string, unknown>>;

describe("web i18n files", () => {
  it("have identical key sets", () => {
    const en = [...messages.en.keys()].sort();
    const ru = [...messages.ru.keys()].sort();
    expect(
      ru.filter((k) => !messages.en.has(k)),
      "keys only in ru.json",
    ).toEqual([]);
    expect(
      en.filter((k) => !messages.ru.has(k)),
      "keys only in en.json",
    ).toEqual([]);
  });

  for (const locale of LOCALES) {
    it(`${locale}: every value is a non-empty string`, () => {
      const bad = [...messages[locale]].filter(([, v]) => typeof v !== "string" || v.trim() === "").map(([k]) => k);
      expect(bad).toEqual([]);
    });

    it(`${locale}: every message parses as ICU and covers the locale's plural categories`, () => {
      const problems: string[] = [];
      for (const [key, value] of messages[locale]) {
        if (typeof value !== "string") continue;
        try {
          const ast = new IntlMessageFormat(value, locale).getAst() as AstNode[];
          for (const selectors of pluralSelectors(ast)) {
            const missing = REQUIRED_PLURAL_CATEGORIES[locale].filter((c) => !selectors.includes(c));
            if (missing.length) problems.push(`${key}: plural lacks ${missing.join(", ")}`);
          }
        } catch (err) {
          problems.push(`${key}: ${(err as Error).message}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it("uses the same placeholders in both languages", () => {
    const names = (s: string, locale: Locale) =>
      [...argumentNames(new IntlMessageFormat(s, locale).getAst() as AstNode[])].sort().join();
    const differing: string[] = [];
    for (const [key, en] of messages.en) {
      const ru = messages.ru.get(key);
      if (typeof en !== "string" || typeof ru !== "string") continue;
      try {
        if (names(en, "en") !== names(ru, "ru")) differing.push(key);
      } catch {
        // Parse errors are reported by the ICU test above.
      }
    }
    expect(differing).toEqual([]);
  });
});
