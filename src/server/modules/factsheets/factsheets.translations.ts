import type { TranslationSource } from "../translations/translations.sources.js";
import type { FactsheetsService } from "./factsheets.service.js";

/**
 * Fact sheets in the translation queue: the notes of a draft (a submitted or published edition is fixed; its
 * notes change only in the next draft), saved through the fact sheet's update.
 */
export function factsheetsTranslationSources(sheets: FactsheetsService): TranslationSource[] {
  return [
    {
      module: "factsheets",
      table: "factsheets",
      titleColumn: "notes",
      fields: ["notes"],
      editable: "archived_at is null and status = 'draft'",
      link: (id) => `/factsheets/${id}`,
      async save(id, version, values, principal, actor) {
        await sheets.update(id, { version, ...(values.notes ? { notes: values.notes } : {}) }, principal, actor);
      },
    },
  ];
}
