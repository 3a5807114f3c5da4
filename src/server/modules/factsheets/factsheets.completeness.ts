import { type FactsheetContent, INDICATOR_KINDS } from "../../../common/factsheets.js";
import type { LocalizedText } from "../../../common/localized.js";
import { missingMonths } from "./arq.service.js";
import type { ContentSubject } from "./factsheets.content.js";
import type { DecidedCell } from "./factsheets.disclosure.js";
import type { SeizureReader } from "./seizure-reader.js";

export const KIND_LABEL: Record<(typeof INDICATOR_KINDS)[number], LocalizedText> = {
  price: { en: "Drug prices", ru: "Цены на наркотики" },
  purity: { en: "Purity", ru: "Чистота" },
  treatment: { en: "People in treatment", ru: "Лица, проходящие лечение" },
  prevalence: { en: "Prevalence", ru: "Распространённость" },
  precursor_seizure: { en: "Precursor seizures", ru: "Изъятия прекурсоров" },
  stopped_shipment: { en: "Stopped precursor shipments", ru: "Остановленные поставки прекурсоров" },
};

/** What a fact sheet lacks: seizure records of every month, each kind of indicator, reported totals, translations. */
export function completeness(
  subject: ContentSubject,
  data: {
    reader: SeizureReader;
    thisYear: DecidedCell[];
    months: number[];
    indicators: { kind: string }[];
    totals: number;
    byCountry: { country: string; name: LocalizedText; cases: number | null; withheld: number }[];
  },
): FactsheetContent["completeness"] {
  const missing = missingMonths(data.months);
  const shown = data.thisYear.filter((c) => !c.withheld).length;
  const flags: FactsheetContent["completeness"] = [
    {
      key: "seizure_records",
      ok: shown > 0 && missing.length === 0,
      label: { en: "Seizure records for every month", ru: "Записи об изъятиях за каждый месяц" },
      detail: !data.reader.available
        ? { en: "The seizure module is not available.", ru: "Модуль изъятий недоступен." }
        : data.thisYear.length === 0
          ? {
              en: "No published seizure records shared publicly for the year.",
              ru: "Нет опубликованных общедоступных записей об изъятиях за год.",
            }
          : shown === 0
            ? {
                en: "Every line is withheld by the disclosure rules.",
                ru: "Все строки скрыты по правилам защиты от раскрытия.",
              }
            : missing.length
              ? {
                  en: `No records for months ${missing.join(", ")}.`,
                  ru: `Нет записей за месяцы ${missing.join(", ")}.`,
                }
              : null,
    },
    ...INDICATOR_KINDS.map((kind) => ({
      key: `indicator:${kind}`,
      ok: data.indicators.some((i) => i.kind === kind),
      label: KIND_LABEL[kind],
      detail: data.indicators.some((i) => i.kind === kind) ? null : { en: "Not entered.", ru: "Не введено." },
    })),
    {
      key: "reported_totals",
      ok: data.totals > 0,
      label: { en: "Officially reported national totals", ru: "Официально представленные национальные итоги" },
      detail: data.totals > 0 ? null : { en: "Not entered.", ru: "Не введено." },
    },
    {
      key: "notes_translated",
      ok: !!subject.notes.en && !!subject.notes.ru,
      label: { en: "Notes in English and Russian", ru: "Примечания на английском и русском" },
      detail:
        !subject.notes.en && !subject.notes.ru
          ? { en: "No notes.", ru: "Нет примечаний." }
          : !subject.notes.ru
            ? { en: "Russian missing.", ru: "Нет русского текста." }
            : !subject.notes.en
              ? { en: "English missing.", ru: "Нет английского текста." }
              : null,
    },
    {
      key: "sources",
      ok: subject.sources.length > 0,
      label: { en: "Sources listed", ru: "Указаны источники" },
      detail: subject.sources.length ? null : { en: "No sources.", ru: "Источники не указаны." },
    },
  ];
  if (subject.scope === "region") {
    const without = data.byCountry.filter((c) => c.cases === null && c.withheld === 0);
    flags.push({
      key: "countries_with_data",
      ok: without.length === 0,
      label: { en: "Seizure data from every country", ru: "Данные об изъятиях по всем странам" },
      detail: without.length
        ? {
            en: `No data: ${without.map((c) => c.name.en ?? c.country).join(", ")}.`,
            ru: `Нет данных: ${without.map((c) => c.name.ru ?? c.country).join(", ")}.`,
          }
        : null,
    });
  }
  return flags;
}
