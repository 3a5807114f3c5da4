import { createInstance } from "i18next";
import ICU from "i18next-icu";
import { describe, expect, it } from "vitest";
import { formatList } from "../../../common/format.js";
import en from "../../i18n/modules/projects.en.json" with { type: "json" };
import ru from "../../i18n/modules/projects.ru.json" with { type: "json" };
import { describeRevision } from "./project-history.js";

async function translator(lang: "en" | "ru") {
  const i18n = createInstance();
  await i18n.use(new ICU()).init({ lng: lang, resources: { [lang]: { translation: lang === "en" ? en : ru } } });
  return i18n.t;
}

describe("project history in words (issue 19)", () => {
  it("names the changed fields in the reader's language, never the columns", async () => {
    const t = await translator("ru");
    const list = (l: string[]) => formatList(l, "ru");
    const created = { action: "create", changes: { id: { from: null, to: "x" }, code: { from: null, to: "P-1" } } };
    expect(describeRevision(t, created, list)).toBe("проект создан");
    const update = {
      action: "update",
      changes: { stage: { from: "planned", to: "ongoing" }, planned_start: { from: null, to: "2024-01-01" } },
    };
    expect(describeRevision(t, update, list)).toBe("изменено: этап и плановое начало");
    const transition = { action: "transition", changes: { workflow: { from: "draft", to: "published" } } };
    expect(describeRevision(t, transition, list)).toBe("статус: Опубликован");
    const odd = { action: "update", changes: { some_new_column: { from: 1, to: 2 }, tsv: { from: 1, to: 2 } } };
    expect(describeRevision(t, odd, list)).toBe("изменено: другие сведения");
  });

  it("reads the same way in English", async () => {
    const t = await translator("en");
    const update = { action: "update", changes: { title: { from: {}, to: {} }, fundings: { from: [], to: [] } } };
    expect(describeRevision(t, update, (l) => formatList(l, "en"))).toBe("changed: title and donors and commitments");
  });
});
