// @vitest-environment node
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import en from "../../i18n/en.json" with { type: "json" };
import ru from "../../i18n/ru.json" with { type: "json" };

const here = dirname(fileURLToPath(import.meta.url));
const IMPORTS = join(here, "../../../server/platform/imports");

/** The audit actions the import pipeline's own services record (`import.…` string literals in their source). */
function loggedActions(): string[] {
  const found = new Set<string>();
  for (const file of readdirSync(IMPORTS).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
    const text = readFileSync(join(IMPORTS, file), "utf8");
    for (const m of text.matchAll(/action: "(import\.[a-z_.]+)"/g)) found.add(m[1] ?? "");
  }
  return [...found].sort();
}

describe("the import pipeline's audit entries", () => {
  it("are named on the audit screen in English and Russian (a forgotten value mapping)", () => {
    const actions = loggedActions();
    expect(actions).toContain("import.value_mapping.delete");
    const labels = { en: en.admin.actions as Record<string, string>, ru: ru.admin.actions as Record<string, string> };
    for (const action of actions) {
      const key = action.replaceAll(".", "_");
      expect(labels.en[key], `en ${key}`).toMatch(/\w/);
      expect(labels.ru[key], `ru ${key}`).toMatch(/[а-я]/);
    }
  });
});
