// @vitest-environment node
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import en from "../../i18n/en.json" with { type: "json" };
import ru from "../../i18n/ru.json" with { type: "json" };

const here = dirname(fileURLToPath(import.meta.url));
const ANALYSES = join(here, "../../../server/modules/analyses");

/** The audit actions (any such string literal: some are chosen by a condition) the saved analyses, dashboards and scheduled reports record, read from their source. */
function loggedActions(): string[] {
  const found = new Set<string>();
  for (const file of readdirSync(ANALYSES).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
    const text = readFileSync(join(ANALYSES, file), "utf8");
    for (const m of text.matchAll(/"((?:report_schedule|analysis|dashboard)\.[a-z_]+)"/g)) found.add(m[1] ?? "");
  }
  return [...found].sort();
}

describe("audit log labels", () => {
  it("name every action of saved analyses, dashboards and report schedules in English and Russian", () => {
    const actions = loggedActions();
    expect(actions).toContain("report_schedule.send_now");
    expect(actions).toContain("report_schedule.pause");
    const labels = { en: en.admin.actions as Record<string, string>, ru: ru.admin.actions as Record<string, string> };
    for (const action of actions) {
      const key = action.replaceAll(".", "_");
      expect(labels.en[key], `en ${key}`).toMatch(/\w/);
      expect(labels.ru[key], `ru ${key}`).toMatch(/[а-яё]/i);
    }
  });
});
