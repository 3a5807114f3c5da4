import { countryName, isIso3 } from "../../common/countries.js";
import type { Language } from "../../common/localized.js";
import type { TableColumn } from "./tabular.js";

/**
 * The one way an export speaks the reader's language: headers in EN/RU, values as names (countries, drugs,
 * statuses), numbers as numbers and dates as dates. XLSX cell formats are stored independently of any locale
 * (Excel and LibreOffice show `#,##0.00` with the reader's own separators), so one file reads right in Moscow and
 * in Vienna; CSV keeps plain numbers and ISO dates, which every program reads back.
 */
export type Bilingual = { en: string; ru: string };

export type ExportKind = "text" | "integer" | "decimal" | "money" | "mass" | "date" | "code";

export interface ExportColumn {
  key: string;
  header: Bilingual;
  width?: number;
  /** How the cells are written: numbers and dates get a locale-independent XLSX format; `code` marks an identifier. */
  kind?: ExportKind;
}

const FORMATS: Partial<Record<ExportKind, string>> = {
  integer: "#,##0",
  decimal: "#,##0.###",
  money: "#,##0.00",
  mass: "#,##0.000",
  date: "yyyy-mm-dd",
};

/** The columns in the reader's language, with their cell formats. */
export function localizeColumns(columns: readonly ExportColumn[], lang: Language): TableColumn[] {
  return columns.map((c) => {
    const kind = c.kind ?? "text";
    const format = FORMATS[kind];
    return {
      key: c.key,
      header: c.header[lang],
      ...(c.width ? { width: c.width } : {}),
      ...(format ? { numFmt: format } : {}),
    };
  });
}

/** A calendar date (`YYYY-MM-DD`, or a timestamp) as a date cell; null when there is none or it is not a date. */
export function dateCell(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === "") return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** A number cell from a numeric column (PostgreSQL's numeric arrives as text); null when empty. */
export function numberCell(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Country names in the reader's language (a code that is no country, a region say, stays as it is). */
export function countryNames(codes: readonly string[] | string | null | undefined, lang: Language): string {
  if (!codes) return "";
  const list = typeof codes === "string" ? [codes] : codes;
  return list.map((c) => (isIso3(c) ? countryName(c, lang) : c)).join("; ");
}

type Catalogue = Record<string, unknown>;

/**
 * Labels of codes from the web app's own message files (the server imports the JSON, as the duplicate check
 * does), so a status or a theme reads the same in an export as on the screen. `path` is the dotted key of the
 * group (`projects.theme`); a code the catalogue does not know is returned as it is.
 */
export function labelsFrom(en: Catalogue, ru: Catalogue) {
  const walk = (root: Catalogue, path: string): unknown =>
    path
      .split(".")
      .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Catalogue)[key] : undefined), root);
  return (path: string, code: string | null | undefined, lang: Language): string => {
    if (code === null || code === undefined || code === "") return "";
    const found = walk(lang === "ru" ? ru : en, `${path}.${code}`);
    return typeof found === "string" ? found : code;
  };
}
