import type { ImportIssue } from "../../common/imports.js";

type Message = ImportIssue["message"];

/**
 * Messages of the problems every import can report, in both languages. A module's own table comes first (its
 * wording is more precise); a code found in neither gets a plain sentence, never the code itself: a person reads
 * the Problem column, and `invalid_date` means nothing to them.
 */
export const COMMON_IMPORT_MESSAGES: Record<string, Message> = {
  required: { en: "A value is required.", ru: "Значение обязательно." },
  invalid_date: { en: "Not a valid date (use YYYY-MM-DD).", ru: "Неверная дата (используйте ГГГГ-ММ-ДД)." },
  future_date: { en: "The date is in the future.", ru: "Дата в будущем." },
  unknown_country: {
    en: "The country was not recognised: give its name or its three-letter ISO code.",
    ru: "Страна не распознана: укажите ее название или трехбуквенный код ISO.",
  },
  invalid_number: { en: "Not a number.", ru: "Это не число." },
  out_of_range: { en: "The value is outside the allowed range.", ru: "Значение вне допустимого диапазона." },
  unknown_value: { en: "Not one of the allowed values.", ru: "Не входит в число допустимых значений." },
  too_long: { en: "The value is too long.", ru: "Слишком длинное значение." },
  missing_column: { en: "A required column is missing.", ru: "Отсутствует обязательный столбец." },
  invalid_value: { en: "The value is not valid.", ru: "Недопустимое значение." },
  unknown_code: { en: "Unknown code.", ru: "Неизвестный код." },
  // The pipeline's own stages (`platform/imports`): reading, layout, column and value mapping, repeats, the report.
  unknown_layout: {
    en: "The columns of the file were not recognised: map them to the import's fields and check again.",
    ru: "Столбцы файла не распознаны: сопоставьте их с полями импорта и проверьте снова.",
  },
  unknown_sheet: { en: "There is no sheet of that name.", ru: "Листа с таким названием нет." },
  unknown_column: {
    en: "The mapping names a column the file does not have.",
    ru: "В сопоставлении указан столбец, которого нет в файле.",
  },
  empty: { en: "The file has no rows under its header.", ru: "В файле нет строк под заголовком." },
  unsupported_file_type: {
    en: "The file is not a spreadsheet (CSV, XLSX, XLS or ODS).",
    ru: "Файл не является таблицей (CSV, XLSX, XLS или ODS).",
  },
  unreadable_file: { en: "The file could not be read.", ru: "Не удалось прочитать файл." },
  empty_file: { en: "The file is empty.", ru: "Файл пуст." },
  duplicate_row: { en: "The same key appears twice in the file.", ru: "Тот же ключ повторяется в файле." },
  duplicate_in_file: {
    en: "Repeats an earlier row of the file: merge the repeats or keep both.",
    ru: "Повторяет строку выше: объедините повторы или сохраните оба.",
  },
  too_many_issues: { en: "More problems than are listed.", ru: "Проблем больше, чем показано." },
  too_many_unknown_values: {
    en: "More than 500 different values are unknown: is a column mapped to the wrong field?",
    ru: "Неизвестно более 500 разных значений: не сопоставлен ли столбец не с тем полем?",
  },
  invalid_value_mapping: {
    en: "The value is mapped to a code the field does not have.",
    ru: "Значение сопоставлено с кодом, которого у этого поля нет.",
  },
  warnings_not_confirmed: {
    en: "The file has unusual values (see the warnings). Check them and confirm to import.",
    ru: "В файле есть необычные значения (см. предупреждения). Проверьте их и подтвердите импорт.",
  },
};

const FALLBACK: Message = { en: "The value is not valid.", ru: "Недопустимое значение." };

/** The message of an import problem: the module's own, else the platform's, else a plain sentence. */
export function importMessage(code: string, own: Record<string, Message> = {}): Message {
  return own[code] ?? COMMON_IMPORT_MESSAGES[code] ?? FALLBACK;
}
