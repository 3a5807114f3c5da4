import type { Kysely } from "kysely";
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
import type { DB } from "../../db/schema.js";
import type { Actor } from "../../platform/audit.js";
import {
  checkSheets,
  type ImportLayout,
  type ImportModule,
  moduleIssues,
  type ParsedRow,
  type RowCells,
  type RowContext,
} from "../../platform/imports/pipeline.js";
import type { NumberFormat } from "../../platform/number-format.js";
import { normalizeHeader, type TabularSheet } from "../../platform/tabular.js";

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

/** The columns the data portal's prices and purities start with: where, what, at which level of sale, when. */
const PORTAL_SALE_COLUMNS: ColumnSpec[] = [
  { key: "countryName", headers: ["Country/Territory"], type: "text" },
  { key: "msCode", headers: ["msCode"], type: "text" },
  { key: "drug", headers: ["Drug"], type: "text", required: true },
  { key: "level", headers: ["LevelOfSale"], type: "text" },
  { key: "year", headers: ["Year"], type: "year", required: true },
];

/** A price's or a purity's typical, minimum and maximum figures, headed with the unit's suffix (`Typical_USD`). */
const portalFigures = (suffix: string): ColumnSpec[] => [
  { key: "typical", headers: [`Typical${suffix}`], type: "number" },
  { key: "min", headers: [`Minimum${suffix}`], type: "number" },
  { key: "max", headers: [`Maximum${suffix}`], type: "number" },
];

/**
 * The data portal's drug prices: `Region, SubRegion, Country/Territory, DrugGroup, Drug, LevelOfSale, Year,
 * Typical_USD, Minimum_USD, Maximum_USD, Unit`, in US dollars per unit.
 */
export const PORTAL_PRICE_COLUMNS: ColumnSpec[] = [
  ...PORTAL_SALE_COLUMNS,
  ...portalFigures("_USD"),
  { key: "unit", headers: ["Unit"], type: "text" },
];

/**
 * The data portal's drug purity (the "Purities" table published beside the prices): `Region, SubRegion,
 * Country/Territory, DrugGroup, Drug, LevelOfSale, Year, Typical, Minimum, Maximum, Measurement`, where `Measurement`
 * says what the figures are (a percentage).
 */
export const PORTAL_PURITY_COLUMNS: ColumnSpec[] = [
  ...PORTAL_SALE_COLUMNS,
  ...portalFigures(""),
  { key: "measurement", headers: ["Measurement"], type: "text" },
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
  not_a_percentage: {
    en: "This row is not measured as a percentage; it was left out.",
    ru: "Эта строка не в процентах; она пропущена.",
  },
  country_not_allowed: {
    en: "You may not enter data for this country",
    ru: "Вы не можете вводить данные по этой стране",
  },
};

const issue = moduleIssues(MESSAGES);

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

type Field = string;
type Raw = Record<string, unknown>;
/** Countries the importer may write (null: every country); travels with the import's job. */
export interface NationalImportOptions {
  countries: string[] | null;
}
type Prepare = (raw: Raw, ctx: RowContext<NationalImportOptions>) => ImportIssue[];

const layoutOf = (name: string, spec: ColumnSpec[], signature?: string[]): ImportLayout<Field> => ({
  name,
  columns: spec.map((c) => ({
    field: c.key,
    headers: c.headers,
    ...(c.type === "number" || c.type === "integer" ? { number: true } : {}),
    ...(c.required ? { required: true } : {}),
  })),
  ...(signature ? { signature } : { minMatches: 3 }),
});

/** Cells → typed raw object; reports cell-level problems with the column as the file writes it. */
function readRow(cells: RowCells<Field>, spec: ColumnSpec[], ctx: RowContext<NationalImportOptions>) {
  const value: Raw = {};
  const errors: ImportIssue[] = [];
  for (const column of spec) {
    const raw = cells.get(column.key)?.value ?? "";
    const header = ctx.columnOf(column.key) ?? column.headers[0] ?? column.key;
    if (!raw) {
      if (column.required) errors.push(issue(ctx.row, header, raw, "required"));
      continue;
    }
    if (column.type === "number" || column.type === "integer") {
      const n = ctx.number(column.key, raw);
      if (n === null || (column.type === "integer" && !Number.isInteger(n)))
        errors.push(issue(ctx.row, header, raw, "invalid_number"));
      else value[column.key] = n;
    } else if (column.type === "iso3") {
      if (!/^[A-Za-z]{3}$/.test(raw)) errors.push(issue(ctx.row, header, raw, "invalid_country"));
      else value[column.key] = raw.toUpperCase();
    } else if (column.type === "year") {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1990 || n > 2100) errors.push(issue(ctx.row, header, raw, "invalid_year"));
      else value[column.key] = n;
    } else value[column.key] = raw;
  }
  return { value, errors };
}

/** The row schema of one layout: typed cells → the layout's own preparation → the zod schema → the scope check. */
function rowSchema<T extends { country: string }>(
  spec: ColumnSpec[],
  schema: ZodType<T>,
  prepare: Prepare,
  cells: RowCells<Field>,
  ctx: RowContext<NationalImportOptions>,
): { value: T | null; errors: ImportIssue[]; warnings?: ImportIssue[] } {
  const { value: raw, errors } = readRow(cells, spec, ctx);
  const warnings: ImportIssue[] = [];
  errors.push(...prepare(raw, ctx).filter((p) => (p.code === "not_a_percentage" ? !warnings.push(p) : true)));
  if (warnings.length) return { value: null, errors, warnings };
  if (errors.length) return { value: null, errors };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const problem of parsed.error.issues) {
      const key = String(problem.path[0] ?? "");
      const v = raw[key];
      errors.push(issue(ctx.row, ctx.columnOf(key) ?? key, v === undefined ? null : String(v), "invalid_value"));
    }
    return { value: null, errors };
  }
  const allowed = ctx.options.countries;
  if (allowed && !allowed.includes(parsed.data.country))
    return { value: null, errors: [issue(ctx.row, "Country", parsed.data.country, "country_not_allowed")] };
  return { value: parsed.data, errors };
}

/** The data portal's level of sale: retail or wholesale as the market, anything else kept in the note. */
function portalLevel(raw: Raw) {
  const level = typeof raw.level === "string" ? raw.level.trim().toLowerCase() : "";
  delete raw.level;
  if (level === "retail" || level === "wholesale") raw.market = level;
  else if (level) raw.note = `Level of sale: ${level}`;
}

const preparePrice: Prepare = (raw, ctx) => {
  const problems = portalCountry(raw, ctx.row, (k) => ctx.columnOf(k) ?? k);
  portalDrug(raw);
  raw.kind = "price";
  raw.currency = "USD";
  raw.usdRate = 1;
  raw.source = PORTAL_SOURCE;
  portalLevel(raw);
  const unit = typeof raw.unit === "string" ? raw.unit.trim() : "";
  raw.unit = PORTAL_UNITS[unit.toLowerCase()] ?? (unit.toLowerCase() || DEFAULT_INDICATOR_UNIT.price);
  return problems;
};

/**
 * A purity row of the data portal: a percentage (`Measurement` names it). A row measured otherwise is left out with a
 * warning naming its row and value rather than read as a percentage it is not.
 */
const preparePurity: Prepare = (raw, ctx) => {
  const measurement = typeof raw.measurement === "string" ? raw.measurement.trim() : "";
  delete raw.measurement;
  if (measurement && !/percent|%|процент/i.test(measurement))
    return [issue(ctx.row, ctx.columnOf("measurement") ?? "Measurement", measurement, "not_a_percentage")];
  const problems = portalCountry(raw, ctx.row, (k) => ctx.columnOf(k) ?? k);
  portalDrug(raw);
  raw.kind = "purity";
  raw.unit = DEFAULT_INDICATOR_UNIT.purity;
  raw.source = PORTAL_SOURCE;
  portalLevel(raw);
  return problems;
};

const prepareIndicator: Prepare = (raw, ctx) => {
  const kind = KIND_ALIASES[normalizeHeader(String(raw.kind ?? ""))];
  if (!kind)
    return raw.kind === undefined
      ? []
      : [issue(ctx.row, ctx.columnOf("kind") ?? "kind", String(raw.kind), "unknown_indicator")];
  raw.kind = kind;
  if (typeof raw.market === "string") raw.market = raw.market.toLowerCase();
  if (raw.unit === undefined) raw.unit = DEFAULT_INDICATOR_UNIT[kind];
  if (kind === "price" && raw.currency === "USD" && raw.usdRate === undefined) raw.usdRate = 1;
  return [];
};

const prepareTotal: Prepare = (raw, ctx) => {
  const problems = portalCountry(raw, ctx.row, (k) => ctx.columnOf(k) ?? k);
  portalDrug(raw);
  raw.unit = "kg";
  raw.source = PORTAL_SOURCE;
  return problems;
};

const INDICATOR_LAYOUTS = {
  "unodc-data-portal-prices": {
    spec: PORTAL_PRICE_COLUMNS,
    prepare: preparePrice,
    signature: ["Country/Territory", "LevelOfSale", "Typical_USD"],
  },
  "unodc-data-portal-purity": {
    spec: PORTAL_PURITY_COLUMNS,
    prepare: preparePurity,
    signature: ["Country/Territory", "LevelOfSale", "Typical", "Measurement"],
  },
  indicators: { spec: INDICATOR_COLUMNS, prepare: prepareIndicator, signature: undefined },
} as const;

const TOTAL_LAYOUTS = {
  "unodc-data-portal-totals": {
    spec: PORTAL_TOTAL_COLUMNS,
    prepare: prepareTotal,
    signature: ["Country/Territory", "Drug", "Kilograms"],
  },
  "national-totals": { spec: TOTAL_COLUMNS, prepare: (() => []) as Prepare, signature: undefined },
} as const;

type Writer<T> = (
  trx: Kysely<DB>,
  rows: ParsedRow<T>[],
  actor: Actor,
  file: { fileName: string; fileId: string | null },
) => Promise<void>;

function nationalImport<T extends { country: string }>(
  kind: string,
  layouts: Record<string, { spec: ColumnSpec[]; prepare: Prepare; signature: readonly string[] | undefined }>,
  schema: ZodType<T>,
  keyOf: (v: T) => string,
  write: Writer<T>,
): ImportModule<Field, T, NationalImportOptions> {
  return {
    kind,
    layouts: Object.entries(layouts).map(([name, l]) =>
      layoutOf(name, l.spec, l.signature ? [...l.signature] : undefined),
    ),
    messages: MESSAGES,
    parseRow(cells, ctx) {
      const layout = layouts[ctx.layout] ?? (Object.values(layouts).at(-1) as (typeof layouts)[string]);
      return rowSchema(layout.spec, schema, layout.prepare, cells, ctx);
    },
    // One value per key: the table holds each (country, year, drug, …) once, so a repeat is an error, named by row.
    repeats: { mode: "refuse", key: keyOf, name: keyOf },
    write: (trx, rows, _options, actor, file) => write(trx, rows, actor, file),
  };
}

const indicatorKey = (v: IndicatorInput) => [v.country, v.year, v.kind, v.drug, v.market, v.unit, v.currency].join("|");
const totalKey = (v: NationalTotalInput) => [v.country, v.year, v.drug, v.unit].join("|");

/** Indicators (the template; the data portal's prices and purity) through the platform's import pipeline. */
export const indicatorImport = (write: Writer<IndicatorInput>) =>
  nationalImport("factsheets.indicators", INDICATOR_LAYOUTS, IndicatorInputSchema, indicatorKey, write);

/** Officially reported national totals (the template; the data portal's seizure totals). */
export const totalImport = (write: Writer<NationalTotalInput>) =>
  nationalImport("factsheets.national-totals", TOTAL_LAYOUTS, NationalTotalInputSchema, totalKey, write);

const noWrite = async () => {};

/** The stages before the write on sheets already read, every country allowed (tests, the numbers' checks). */
function parseWith<T>(module: ImportModule<Field, T, NationalImportOptions>, sheets: TabularSheet[]) {
  const { result, rows } = checkSheets(module, sheets, "", { dryRun: true }, { countries: null });
  const r = result.report;
  return {
    ...(r.numberFormat ? { numberFormat: r.numberFormat } : {}),
    layout: r.layout,
    sheet: r.sheet,
    rowsRead: r.rowsRead,
    rowsSkipped: r.rowsSkipped,
    rows,
    errors: r.errors,
  } satisfies ParsedRows<T>;
}

export const parseTotalSheets = (sheets: TabularSheet[]) => parseWith(totalImport(noWrite), sheets);
