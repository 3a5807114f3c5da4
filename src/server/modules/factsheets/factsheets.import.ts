import type { ZodType } from "zod";
import { countryCodeOf } from "../../../common/countries.js";
import {
  DEFAULT_INDICATOR_UNIT,
  INDICATOR_KINDS,
  type IndicatorInput,
  IndicatorInputSchema,
  type NationalTotalInput,
  NationalTotalInputSchema,
} from "../../../common/factsheets.js";
import type { ImportIssue } from "../../../common/imports.js";
import { IDS_DRUGS } from "../../../common/vocabularies/unodc-ids.js";
import { type NumberFormat, NumberReader } from "../../platform/number-format.js";
import { findHeaderRow, normalizeHeader, type TabularSheet } from "../../platform/tabular.js";

/**
 * Reading the two import layouts of the module (indicators and reported national totals) from CSV/XLSX
 * sheets. Headers are recognised in English and Russian; each bad cell is reported with the row number the
 * user sees and the column as written in the file.
 */
interface ColumnSpec {
  key: string;
  headers: string[];
  type: "text" | "number" | "integer" | "iso3" | "year";
  required?: boolean;
}

export const INDICATOR_COLUMNS: ColumnSpec[] = [
  { key: "country", headers: ["Country", "ISO3", "Country ISO3", "Страна"], type: "iso3", required: true },
  { key: "year", headers: ["Year", "Год"], type: "year", required: true },
  { key: "kind", headers: ["Indicator", "Kind", "Показатель"], type: "text", required: true },
  { key: "drug", headers: ["Drug", "Substance", "Drug/Substance", "Наркотик", "Вещество"], type: "text" },
  { key: "market", headers: ["Market", "Level", "Рынок"], type: "text" },
  { key: "unit", headers: ["Unit", "Единица"], type: "text" },
  { key: "currency", headers: ["Currency", "Валюта"], type: "text" },
  { key: "usdRate", headers: ["USD rate", "Rate to USD", "Курс USD"], type: "number" },
  { key: "typical", headers: ["Typical", "Value", "Типичное", "Значение"], type: "number" },
  { key: "min", headers: ["Minimum", "Min", "Минимум"], type: "number" },
  { key: "max", headers: ["Maximum", "Max", "Максимум"], type: "number" },
  { key: "source", headers: ["Source", "Источник"], type: "text" },
  { key: "note", headers: ["Note", "Notes", "Примечание"], type: "text" },
];

export const TOTAL_COLUMNS: ColumnSpec[] = [
  { key: "country", headers: ["Country", "ISO3", "Country ISO3", "Страна"], type: "iso3", required: true },
  { key: "year", headers: ["Year", "Год"], type: "year", required: true },
  { key: "drug", headers: ["Drug", "Drug/Substance", "Наркотик"], type: "text", required: true },
  { key: "unit", headers: ["Unit", "Measurement Unit", "Единица"], type: "text", required: true },
  { key: "quantity", headers: ["Quantity", "Quantity Seized", "Total", "Количество"], type: "number", required: true },
  { key: "cases", headers: ["Cases", "Number of cases", "Случаи", "Число случаев"], type: "integer" },
  { key: "source", headers: ["Source", "Источник"], type: "text" },
  { key: "note", headers: ["Note", "Notes", "Примечание"], type: "text" },
];

/**
 * UNODC's data portal (dataUNODC) publishes reported national seizure totals with the columns
 * `Region, SubRegion, Country/Territory, msCode, Drug group, DrugSubGroup, Drug, Year, Kilograms`: one quantity
 * in kilograms per country, drug and year. Region, sub-region and drug group are derived data and not read.
 */
export const PORTAL_TOTAL_COLUMNS: ColumnSpec[] = [
  { key: "countryName", headers: ["Country/Territory"], type: "text" },
  { key: "msCode", headers: ["msCode"], type: "text" },
  { key: "drug", headers: ["Drug"], type: "text", required: true },
  { key: "year", headers: ["Year"], type: "year", required: true },
  { key: "quantity", headers: ["Kilograms"], type: "number", required: true },
];

/**
 * The data portal's drug prices: `Region, SubRegion, Country/Territory, DrugGroup, Drug, LevelOfSale, Year,
 * Typical_USD, Minimum_USD, Maximum_USD, Unit`, in US dollars per unit.
 */
export const PORTAL_PRICE_COLUMNS: ColumnSpec[] = [
  { key: "countryName", headers: ["Country/Territory"], type: "text" },
  { key: "msCode", headers: ["msCode"], type: "text" },
  { key: "drug", headers: ["Drug"], type: "text", required: true },
  { key: "level", headers: ["LevelOfSale"], type: "text" },
  { key: "year", headers: ["Year"], type: "year", required: true },
  { key: "typical", headers: ["Typical_USD"], type: "number" },
  { key: "min", headers: ["Minimum_USD"], type: "number" },
  { key: "max", headers: ["Maximum_USD"], type: "number" },
  { key: "unit", headers: ["Unit"], type: "text" },
];

const PORTAL_SOURCE = "UNODC data portal (dataUNODC)";

/** The data portal's units of a price, as the indicator units of the platform. */
const PORTAL_UNITS: Record<string, string> = {
  gram: "g",
  grams: "g",
  kilogram: "kg",
  kilograms: "kg",
  kg: "kg",
  g: "g",
};

/** A data-portal row's country: its code when given, else its UN name ("Iran (Islamic Republic of)"). */
function portalCountry(raw: Record<string, unknown>, row: number, header: (key: string) => string): ImportIssue[] {
  const code = typeof raw.msCode === "string" ? countryCodeOf(raw.msCode) : undefined;
  const named = typeof raw.countryName === "string" ? countryCodeOf(raw.countryName) : undefined;
  delete raw.msCode;
  const name = raw.countryName;
  delete raw.countryName;
  if (code ?? named) {
    raw.country = code ?? named;
    return [];
  }
  return [issue(row, header("countryName"), typeof name === "string" ? name : null, "unknown_country")];
}

/** A drug as UNODC names it ("Cannabis herb (marijuana)") becomes the platform's code; other names stay as written. */
function portalDrug(raw: Record<string, unknown>) {
  if (typeof raw.drug === "string") raw.drug = IDS_DRUGS[raw.drug] ?? raw.drug;
}

/** Russian and English names of the indicator kinds as people write them in a sheet. */
const KIND_ALIASES: Record<string, (typeof INDICATOR_KINDS)[number]> = {
  price: "price",
  цена: "price",
  purity: "purity",
  чистота: "purity",
  treatment: "treatment",
  peopleintreatment: "treatment",
  лечение: "treatment",
  prevalence: "prevalence",
  распространенность: "prevalence",
  precursorseizure: "precursor_seizure",
  precursorseizures: "precursor_seizure",
  изъятияпрекурсоров: "precursor_seizure",
  stoppedshipment: "stopped_shipment",
  stoppedshipments: "stopped_shipment",
  остановленныепоставки: "stopped_shipment",
};

const MESSAGES: Record<string, { en: string; ru: string }> = {
  required: { en: "A value is required", ru: "Требуется значение" },
  invalid_number: { en: "Not a number", ru: "Не число" },
  invalid_country: { en: "Not an ISO 3166-1 alpha-3 country code", ru: "Не код страны ISO 3166-1 alpha-3" },
  invalid_year: { en: "Not a year between 1990 and 2100", ru: "Не год между 1990 и 2100" },
  unknown_indicator: {
    en: `Unknown indicator (one of ${INDICATOR_KINDS.join(", ")})`,
    ru: `Неизвестный показатель (один из: ${INDICATOR_KINDS.join(", ")})`,
  },
  invalid_value: { en: "The value is not valid here", ru: "Недопустимое значение" },
  unknown_country: {
    en: "Not a country name or code this platform knows",
    ru: "Название или код страны не распознаны",
  },
  duplicate_row: { en: "The same key appears twice in the file", ru: "Тот же ключ повторяется в файле" },
  no_header: {
    en: "No header row was found (expected columns such as Country, Year …)",
    ru: "Строка заголовков не найдена (ожидаются столбцы Страна, Год …)",
  },
  missing_column: { en: "A required column is missing", ru: "Нет обязательного столбца" },
  country_not_allowed: {
    en: "You may not enter data for this country",
    ru: "Вы не можете вводить данные по этой стране",
  },
};

export function issue(row: number, column: string | null, value: string | null, code: string): ImportIssue {
  return {
    row,
    column,
    value: value === null ? null : value.slice(0, 200),
    code,
    message: MESSAGES[code] ?? MESSAGES.invalid_value ?? { en: code, ru: code },
  };
}

export interface ParsedRows<T> {
  /** How the file writes its numbers, decided once from all of them (`platform/number-format.ts`). */
  numberFormat?: NumberFormat;
  /** The layout recognised, when the file is not in the platform's own one (e.g. the UNODC data portal's). */
  layout?: string;
  sheet: string | null;
  rowsRead: number;
  rowsSkipped: number;
  rows: { row: number; value: T }[];
  errors: ImportIssue[];
}

function readSheet(sheet: TabularSheet, spec: ColumnSpec[]) {
  const allHeaders = spec.flatMap((c) => c.headers);
  const headerIndex = findHeaderRow(sheet.rows, allHeaders, 3);
  if (headerIndex < 0) return null;
  const header = sheet.rows[headerIndex] ?? [];
  const positions = new Map<string, { index: number; header: string }>();
  header.forEach((cell, index) => {
    const normal = normalizeHeader(cell);
    const column = spec.find((c) => c.headers.some((h) => normalizeHeader(h) === normal));
    if (column && !positions.has(column.key)) positions.set(column.key, { index, header: cell });
  });
  return { headerIndex, positions };
}

/** Cells → typed raw object; reports cell-level problems. */
function readRow(
  cells: string[],
  rowNumber: number,
  spec: ColumnSpec[],
  positions: Map<string, { index: number; header: string }>,
  numbers: NumberReader,
) {
  const value: Record<string, unknown> = {};
  const errors: ImportIssue[] = [];
  for (const column of spec) {
    const at = positions.get(column.key);
    const raw = at ? (cells[at.index] ?? "").trim() : "";
    const header = at?.header ?? column.headers[0] ?? column.key;
    if (!raw) {
      if (column.required) errors.push(issue(rowNumber, header, raw, "required"));
      continue;
    }
    if (column.type === "number" || column.type === "integer") {
      const n = numbers.read(raw, () => ({ row: rowNumber, column: header }));
      if (n === null || (column.type === "integer" && !Number.isInteger(n)))
        errors.push(issue(rowNumber, header, raw, "invalid_number"));
      else value[column.key] = n;
    } else if (column.type === "iso3") {
      if (!/^[A-Za-z]{3}$/.test(raw)) errors.push(issue(rowNumber, header, raw, "invalid_country"));
      else value[column.key] = raw.toUpperCase();
    } else if (column.type === "year") {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1990 || n > 2100) errors.push(issue(rowNumber, header, raw, "invalid_year"));
      else value[column.key] = n;
    } else value[column.key] = raw;
  }
  return { value, errors };
}

function parseSheets<T>(
  sheets: TabularSheet[],
  spec: ColumnSpec[],
  schema: ZodType<T>,
  prepare: (raw: Record<string, unknown>, rowNumber: number, header: (key: string) => string) => ImportIssue[],
): ParsedRows<T> {
  for (const sheet of sheets) {
    const found = readSheet(sheet, spec);
    if (!found) continue;
    const result: ParsedRows<T> = { sheet: sheet.name, rowsRead: 0, rowsSkipped: 0, rows: [], errors: [] };
    const missing = spec.filter((c) => c.required && !found.positions.has(c.key));
    for (const column of missing)
      result.errors.push(issue(found.headerIndex + 1, column.headers[0] ?? column.key, null, "missing_column"));
    if (missing.length) return result;
    const header = (key: string) => found.positions.get(key)?.header ?? key;
    // The decimal separator, decided once from every number of the sheet: `1,500` reads the way the rest do.
    const numbers = new NumberReader({ delimiter: sheet.delimiter ?? null });
    const numberColumns = spec
      .filter((c) => c.type === "number" || c.type === "integer")
      .map((c) => found.positions.get(c.key)?.index)
      .filter((i): i is number => i !== undefined);
    numbers.decide(
      sheet.rows.slice(found.headerIndex + 1).flatMap((cells) => numberColumns.map((i) => (cells[i] ?? "").trim())),
    );
    for (let i = found.headerIndex + 1; i < sheet.rows.length; i++) {
      const cells = sheet.rows[i] ?? [];
      const rowNumber = i + 1;
      if (cells.every((c) => !c.trim())) {
        result.rowsSkipped += 1;
        continue;
      }
      result.rowsRead += 1;
      const { value, errors } = readRow(cells, rowNumber, spec, found.positions, numbers);
      errors.push(...prepare(value, rowNumber, header));
      if (errors.length) {
        result.errors.push(...errors);
        continue;
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        for (const problem of parsed.error.issues) {
          const key = String(problem.path[0] ?? "");
          const raw = value[key];
          result.errors.push(issue(rowNumber, header(key), raw === undefined ? null : String(raw), "invalid_value"));
        }
        continue;
      }
      result.rows.push({ row: rowNumber, value: parsed.data });
    }
    result.numberFormat = numbers.format();
    return result;
  }
  return { sheet: null, rowsRead: 0, rowsSkipped: 0, rows: [], errors: [issue(1, null, null, "no_header")] };
}

/** True when one of the sheets has the data portal's header row (its signature columns). */
function hasPortalHeader(sheets: TabularSheet[], signature: string[]): boolean {
  return sheets.some((sheet) => findHeaderRow(sheet.rows, signature, signature.length) >= 0);
}

export function parseIndicatorSheets(sheets: TabularSheet[]): ParsedRows<IndicatorInput> {
  if (hasPortalHeader(sheets, ["Country/Territory", "LevelOfSale", "Typical_USD"])) {
    const parsed = parseSheets(sheets, PORTAL_PRICE_COLUMNS, IndicatorInputSchema, (raw, row, header) => {
      const problems = portalCountry(raw, row, header);
      portalDrug(raw);
      raw.kind = "price";
      raw.currency = "USD";
      raw.usdRate = 1;
      raw.source = PORTAL_SOURCE;
      const level = typeof raw.level === "string" ? raw.level.trim().toLowerCase() : "";
      delete raw.level;
      if (level === "retail" || level === "wholesale") raw.market = level;
      else if (level) raw.note = `Level of sale: ${level}`;
      const unit = typeof raw.unit === "string" ? raw.unit.trim() : "";
      raw.unit = PORTAL_UNITS[unit.toLowerCase()] ?? (unit.toLowerCase() || DEFAULT_INDICATOR_UNIT.price);
      return problems;
    });
    return withDuplicates({ ...parsed, layout: "unodc-data-portal-prices" }, (v) =>
      [v.country, v.year, v.kind, v.drug, v.market, v.unit, v.currency].join("|"),
    );
  }
  const parsed = parseSheets(sheets, INDICATOR_COLUMNS, IndicatorInputSchema, (raw, row, header) => {
    const kind = KIND_ALIASES[normalizeHeader(String(raw.kind ?? ""))];
    if (!kind) return raw.kind === undefined ? [] : [issue(row, header("kind"), String(raw.kind), "unknown_indicator")];
    raw.kind = kind;
    if (typeof raw.market === "string") raw.market = raw.market.toLowerCase();
    if (raw.unit === undefined) raw.unit = DEFAULT_INDICATOR_UNIT[kind];
    if (kind === "price" && raw.currency === "USD" && raw.usdRate === undefined) raw.usdRate = 1;
    return [];
  });
  return withDuplicates(parsed, (v) => [v.country, v.year, v.kind, v.drug, v.market, v.unit, v.currency].join("|"));
}

export function parseTotalSheets(sheets: TabularSheet[]): ParsedRows<NationalTotalInput> {
  if (hasPortalHeader(sheets, ["Country/Territory", "Drug", "Kilograms"])) {
    const parsed = parseSheets(sheets, PORTAL_TOTAL_COLUMNS, NationalTotalInputSchema, (raw, row, header) => {
      const problems = portalCountry(raw, row, header);
      portalDrug(raw);
      raw.unit = "kg";
      raw.source = PORTAL_SOURCE;
      return problems;
    });
    return withDuplicates({ ...parsed, layout: "unodc-data-portal-totals" }, (v) =>
      [v.country, v.year, v.drug, v.unit].join("|"),
    );
  }
  const parsed = parseSheets(sheets, TOTAL_COLUMNS, NationalTotalInputSchema, () => []);
  return withDuplicates(parsed, (v) => [v.country, v.year, v.drug, v.unit].join("|"));
}

function withDuplicates<T>(parsed: ParsedRows<T>, keyOf: (v: T) => string): ParsedRows<T> {
  const seen = new Map<string, number>();
  for (const { row, value } of parsed.rows) {
    const key = keyOf(value);
    if (seen.has(key)) parsed.errors.push(issue(row, null, key, "duplicate_row"));
    else seen.set(key, row);
  }
  return parsed;
}
