import type { Language } from "../../../common/localized.js";
import type { CellKind, SeizureField } from "../../../common/seizure-fields.js";
import { DRUG_GROUP_NAMES, drugOf, SEIZURE_FIELDS } from "../../../common/seizures.js";
import seizuresEn from "../../../web/i18n/modules/seizures.en.json" with { type: "json" };
import seizuresRu from "../../../web/i18n/modules/seizures.ru.json" with { type: "json" };
import {
  countryNames,
  dateCell,
  type ExportColumn,
  labelsFrom,
  localizeColumns,
  numberCell,
} from "../../platform/export-labels.js";
import type { TableColumn } from "../../platform/tabular.js";

const label = labelsFrom(seizuresEn, seizuresRu);

/**
 * The export of individual seizures in the reader's language: names of countries, drugs, units and every list
 * value; dates and numbers as such. The record's id is the one code kept (to find the record again).
 */
const FIELDS = Object.entries(SEIZURE_FIELDS as Record<string, SeizureField>).flatMap(([key, f]) =>
  f.export ? [{ key, field: f, spec: f.export }] : [],
);
const COLUMNS: readonly ExportColumn[] = FIELDS.map(({ key, spec }) => ({
  key,
  header: spec.header,
  ...(spec.width ? { width: spec.width } : {}),
  ...(spec.kind ? { kind: spec.kind } : {}),
}));

export function seizureExportColumns(lang: Language): TableColumn[] {
  return localizeColumns(COLUMNS, lang);
}

/** One stored seizure (the repository's export row) as a row of the export. */
export function seizureExportRow(r: Record<string, unknown>, lang: Language): Record<string, unknown> {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const out: Record<string, unknown> = {};
  for (const { key, field, spec } of FIELDS) {
    const v = r[field.row ?? field.column];
    out[key] = cell(spec.cell, v, field.labels, lang, text);
  }
  return out;
}

function cell(
  kind: CellKind,
  v: unknown,
  labels: string | undefined,
  lang: Language,
  text: (v: unknown) => string | null,
): unknown {
  switch (kind) {
    case "text":
      return v;
    case "number":
      return numberCell(v as string | number | null);
    case "date":
      return dateCell(text(v));
    case "country":
      return countryNames(text(v), lang);
    case "countries":
      return countryNames(v as string[] | null, lang);
    case "label":
      return label(labels as string, text(v), lang);
    case "drug": {
      const drug = text(v);
      return drug ? (drugOf(drug)?.name[lang] ?? drug) : null;
    }
    case "drugGroup": {
      const group = text(v) as keyof typeof DRUG_GROUP_NAMES | null;
      return group ? (DRUG_GROUP_NAMES[group]?.[lang] ?? group) : null;
    }
  }
}

export const SEIZURE_EXPORT_NOTE = {
  en: "Individual seizure records: internal analysis only (DMP terms of use). Do not pass them on or publish them.",
  ru: "Отдельные записи об изъятиях: только для внутреннего анализа (условия использования ПМН). Не передавайте и не публикуйте их.",
};
