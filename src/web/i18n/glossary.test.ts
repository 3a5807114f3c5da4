// @vitest-environment node
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The bilingual glossary (docs/glossary.md) names each term once; this test reads its table and fails when a UI
 * string uses a variant the glossary rules out ("офицер связи", "ЮНОДК", "справка" for a fact sheet), or an ё.
 */
const here = dirname(fileURLToPath(import.meta.url));
/** Each module's own messages file (`pages/<module>/<module>.messages.ts`, module-messages.ts), by path. */
const owned = import.meta.glob<Record<"en" | "ru", unknown>>("../pages/*/*.messages.ts", { eager: true });
const root = join(here, "../../..");

interface Rule {
  concept: string;
  language: "en" | "ru";
  variant: string;
  pattern: RegExp;
}

function patternOf(variant: string): RegExp {
  const body = variant
    .split("*")
    .map((part) => part.replace(/[.?+^$()[\]{}|\\]/g, "\\$&").replace(/ /g, "\\s+"))
    .join("\\p{L}*");
  // Whole words: no letter right before the variant, none after unless a * asked for an ending.
  return new RegExp(`(?<!\\p{L})${body}${variant.endsWith("*") ? "" : "(?!\\p{L})"}`, "iu");
}

function glossaryRules(): Rule[] {
  const text = readFileSync(join(root, "docs/glossary.md"), "utf8");
  const rows = text.split("\n").filter((l) => l.startsWith("|") && !l.startsWith("|---"));
  const [header, ...body] = rows.map((r) =>
    r
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim()),
  );
  expect(header).toEqual(["concept", "English", "Russian", "not (English)", "not (Russian)"]);
  return body.flatMap(([concept = "", , , notEn = "", notRu = ""]) =>
    (
      [
        ["en", notEn],
        ["ru", notRu],
      ] as const
    ).flatMap(([language, list]) =>
      list
        .split(";")
        .map((v) => v.trim())
        .filter(Boolean)
        .map((variant) => ({ concept, language, variant, pattern: patternOf(variant) })),
    ),
  );
}

/** Every string of a language's i18n files, with the file and key it comes from. */
function strings(language: "en" | "ru"): { where: string; text: string }[] {
  const files = [
    `${language}.json`,
    ...readdirSync(join(here, "modules"))
      .filter((f) => f.endsWith(`.${language}.json`))
      .map((f) => `modules/${f}`),
  ];
  const out: { where: string; text: string }[] = [];
  const walk = (file: string, value: unknown, path: string) => {
    if (typeof value === "string") out.push({ where: `${file}: ${path}`, text: value });
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) walk(file, v, path ? `${path}.${k}` : k);
  };
  for (const file of files) walk(file, JSON.parse(readFileSync(join(here, file), "utf8")), "");
  // Each module's own messages file (pages/<module>/<module>.messages.ts, module-messages.ts).
  for (const [file, m] of Object.entries(owned)) walk(file, m[language], "");
  return out;
}

describe("one glossary for both languages (issue 19)", () => {
  const rules = glossaryRules();

  it("lists the terms people met in two spellings", () => {
    const variants = rules.map((r) => r.variant);
    expect(variants).toEqual(expect.arrayContaining(["офицер* связи", "ЮНОДК", "справк*"]));
    expect(patternOf("офицер* связи").test("Офицеры связи")).toBe(true);
    expect(patternOf("сотрудни* по связи").test("сотрудниками по связи")).toBe(true);
    expect(patternOf("сотрудни* по связи").test("сотрудники по связям")).toBe(false);
    expect(patternOf("справк*").test("справочник")).toBe(false);
  });

  for (const language of ["en", "ru"] as const) {
    it(`uses only the glossary's terms in the ${language} strings`, () => {
      const found = strings(language).flatMap((s) =>
        rules
          .filter((r) => r.language === language && r.pattern.test(s.text))
          .map((r) => `${s.where}: "${r.variant}" (${r.concept}) in "${s.text.slice(0, 80)}"`),
      );
      expect(found).toEqual([]);
    });
  }

  it("writes е, never ё, in the Russian strings", () => {
    const found = strings("ru")
      .filter((s) => /[ёЁ]/.test(s.text))
      .map((s) => s.where);
    expect(found).toEqual([]);
  });
});
