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
};

const FALLBACK: Message = { en: "The value is not valid.", ru: "Недопустимое значение." };

/** The message of an import problem: the module's own, else the platform's, else a plain sentence. */
export function importMessage(code: string, own: Record<string, Message> = {}): Message {
  return own[code] ?? COMMON_IMPORT_MESSAGES[code] ?? FALLBACK;
}
