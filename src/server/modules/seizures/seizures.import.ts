import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { Readable, type Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { type Kysely, sql } from "kysely";
import { from as copyFrom } from "pg-copy-streams";
import type { ImportIssue, ImportReport } from "../../../common/imports.js";
import { INSERT_TAIL, type ReadKind } from "../../../common/seizure-fields.js";
import {
  type ColumnMapping,
  IMPORT_FIELDS,
  type ImportField,
  type MappableField,
  REQUIRED_IMPORT_FIELDS,
  SEIZURE_FIELDS,
  type SeizureImportResult,
  type SeizureInputParsed,
  type ValueMapping,
} from "../../../common/seizures.js";
import type { Database } from "../../db/database.js";
import type { DB } from "../../db/schema.js";
import type { Actor } from "../../platform/audit.js";
import type { ChangeRecorder } from "../../platform/changes.js";
import { findLayout } from "../../platform/imports/pipeline.js";
import { ImportValueMappingsRepository } from "../../platform/imports/value-mappings.repository.js";
import { ValueMapper } from "../../platform/imports/values.js";
import { type DecimalSeparator, NumberReader } from "../../platform/number-format.js";
import { normalizeHeader, streamTabular, TabularError, type TabularSheetStream } from "../../platform/tabular.js";
import { type StackedPart, stackSheetStreams } from "../../platform/tabular-stack.js";
import { COPY_COLUMNS, copyRowOf, toColumns } from "./seizures.columns.js";
import { StoredOverlap } from "./seizures.import-overlap.js";
import {
  IDS_COUNTRY_NAME,
  IMPORT_KIND,
  isBlank,
  type LayoutColumn,
  lookup,
  makeIssue,
  parseArrests,
  parseCountry,
  parseDate,
  SEIZURE_LAYOUTS,
  splitCountryList,
  TEMPLATE_HEADERS,
  targetOf,
  VOCABULARIES,
} from "./seizures.import-parse.js";
import type { SeizuresRepository } from "./seizures.repository.js";
import { checkSeizure } from "./seizures.rules.js";

export interface ImportOptions {
  fileName: string;
  dryRun: boolean;
  mapping?: ColumnMapping | undefined;
  /** Answers of the value-mapping step: they override what was remembered for the file's source. */
  valueMapping?: ValueMapping | undefined;
  sharing: SeizureInputParsed["sharing"];
  confirmWarnings: boolean;
  demo?: boolean;
  /** Who imports: the records' creator and owning partner; countries they may enter (null: all). */
  userId: string | null;
  partnerCode: string | null;
  /** Each record belongs to the partner of its own country instead (a liaison officer's import). */
  ownerByCountry?: boolean | undefined;
  countries: readonly string[] | null;
  /** Progress while reading: bytes of the file read so far out of `totalBytes` (when known). */
  progress?: (done: number, total: number | null, message: string) => Promise<void> | void;
  /** The file's size, for the progress bar. */
  totalBytes?: number;
  /**
   * Called inside the import's transaction with the final result, just before it commits: a background job
   * marks itself done here, so a crash can never leave the records written and the job still to be run again.
   */
  beforeCommit?: (trx: Kysely<DB>, result: SeizureImportResult) => Promise<void>;
}

/** Rows per INSERT … SELECT FROM json_populate_recordset: one statement, one JSON parameter. */
const INSERT_CHUNK = 5000;
/** Bytes of COPY data the importer may hold ahead of PostgreSQL. */
const COPY_BUFFER = 16 * 1024 * 1024;
/** More issues than this are cut from the report (the count says how many there were). */
const MAX_ISSUES = 1000;

type FieldIndex = Partial<Record<ImportField, number>>;

interface Layout {
  name: string;
  sheet: TabularSheetStream;
  headerRow: number;
  headers: string[];
  index: FieldIndex;
  countryNameCol: number;
  mapping: Record<string, string>;
}

/**
 * The layout of the file, found by the platform's pipeline on the first rows of each sheet (the rest is streamed):
 * the person's column mapping when sent, else UNODC's IDS export or our template.
 */
function detect(
  sheets: TabularSheetStream[],
  mapping: ColumnMapping | undefined,
): Layout | { error: string; headers: string[] } {
  const heads = sheets.map((s) => ({ name: s.name, rows: s.head }));
  const request = { mapping: mapping as Record<string, string> | undefined };
  const found = findLayout<LayoutColumn>({ layouts: SEIZURE_LAYOUTS, mappedLayout: "mapped" }, heads, request);
  if ("error" in found) {
    // Nothing recognised: the first row with two or more cells (not a title above the header) is offered to map.
    const first = found.sheet?.rows.find((r) => r.filter((c) => c.trim()).length >= 2) ?? [];
    const error = found.error === "unknown_column" ? found.error : "unknown_layout";
    return { error, headers: first.filter((c) => c.trim()) };
  }
  const headers = found.sheet.rows[found.headerIndex] ?? [];
  const index: FieldIndex = {};
  const used: Record<string, string> = {};
  for (const [column, i] of found.index) {
    if (column === "countryName" || column === "region" || column === "subregion") continue;
    index[column] = i;
    used[column] = headers[i] ?? column;
  }
  return {
    name: found.layout,
    sheet: sheets[heads.indexOf(found.sheet as (typeof heads)[number])] as TabularSheetStream,
    headerRow: found.headerIndex,
    headers,
    index,
    countryNameCol: found.index.get("countryName") ?? -1,
    mapping: used,
  };
}

/** The headers of the columns a layout reads: what another sheet must have to be stacked with the first. */
function columnsRead(layout: Layout): string[] {
  const cols = Object.values(layout.index).map((i) => layout.headers[i] ?? "");
  if (layout.countryNameCol >= 0) cols.push(layout.headers[layout.countryNameCol] ?? "");
  return cols.filter((h) => h.trim());
}

/** The layout found on the first data sheet, read on another sheet with the same columns (in any order). */
function onSheet(layout: Layout, part: StackedPart): Layout {
  if (part.sheet === layout.sheet) return layout;
  const find = (header: string | undefined) =>
    header === undefined ? -1 : part.header.findIndex((c) => normalizeHeader(c) === normalizeHeader(header));
  const index: FieldIndex = {};
  for (const [field, i] of Object.entries(layout.index)) {
    const at = find(layout.headers[i]);
    if (at >= 0) index[field as ImportField] = at;
  }
  const countryNameCol = layout.countryNameCol >= 0 ? find(layout.headers[layout.countryNameCol]) : -1;
  return { ...layout, sheet: part.sheet, headerRow: part.headerRow, headers: part.header, index, countryNameCol };
}

const sheetOf = (sheet: string | undefined) => (sheet === undefined ? {} : { sheet });

/** A sheet that looks like the others but has other columns: named, with what it lacks and what it adds. */
function sheetDiffers(d: { sheet: string; headerRow: number; missing: string[]; extra: string[] }, first: string) {
  const list = (cols: string[]) => cols.map((c) => `"${c}"`).join(", ");
  const en = [d.missing.length ? `missing ${list(d.missing)}` : "", d.extra.length ? `other ${list(d.extra)}` : ""];
  const ru = [
    d.missing.length ? `нет столбцов ${list(d.missing)}` : "",
    d.extra.length ? `лишние столбцы ${list(d.extra)}` : "",
  ];
  return {
    ...makeIssue(d.headerRow + 1, null, d.sheet, "sheet_header_differs", {
      en: `Sheet "${d.sheet}" does not have the same columns as sheet "${first}" (${en.filter(Boolean).join("; ")}), so its rows cannot be imported with the other sheets. Give it the same header row, or remove the sheet.`,
      ru: `На листе «${d.sheet}» не те же столбцы, что на листе «${first}» (${ru.filter(Boolean).join("; ")}), поэтому его строки нельзя загрузить вместе с другими листами. Дайте ему ту же строку заголовков или удалите лист.`,
    }),
    sheet: d.sheet,
  };
}

/** Number cells: the registry's number fields and the quantity. */
const NUMBER_FIELDS: ImportField[] = IMPORT_FIELDS.filter(
  (f) => f === "quantity" || SEIZURE_FIELDS[f].import.read === "number",
);

/** The number cells of the first rows under the header: they decide the file's decimal separator. */
function* numberSamples(layout: Layout): Iterable<string> {
  const cols = NUMBER_FIELDS.map((f) => layout.index[f]).filter((i): i is number => i !== undefined);
  for (const row of layout.sheet.head.slice(layout.headerRow + 1))
    for (const c of cols) {
      const cell = row[c];
      if (cell && !isBlank(cell)) yield cell;
    }
}

const DECIMAL_NAMES: Record<DecimalSeparator, { en: string; ru: string }> = {
  point: { en: "decimal point", ru: "десятичной точкой" },
  comma: { en: "decimal comma", ru: "десятичной запятой" },
};

/** Why an ambiguous number (`1,500`) refuses a file whose first rows and majority disagree on the separator. */
function ambiguousNumberMessage(read: DecimalSeparator, majority: DecimalSeparator) {
  return {
    en: `This number can be read two ways (its separator can be the decimal one or group thousands). Most numbers in the file are written with a ${DECIMAL_NAMES[majority].en}, but its first rows with a ${DECIMAL_NAMES[read].en}: write it without a thousands separator and import the file again.`,
    ru: `Это число можно прочитать двояко (десятичный разделитель или разделитель тысяч). Большинство чисел в файле записаны с ${DECIMAL_NAMES[majority].ru}, а первые строки — с ${DECIMAL_NAMES[read].ru}: запишите его без разделителя тысяч и загрузите файл снова.`,
  };
}

type Parsed = { input: SeizureInputParsed | null; errors: ImportIssue[]; warnings: ImportIssue[]; skip: boolean };
/** Fields whose parser, given a cell's text, gives the field's value or null (vocabularies, countries). */
type Parse<T> = (text: string) => T | null;

const FIELD_COUNT = IMPORT_FIELDS.length;
const FIELD_POS = Object.fromEntries(IMPORT_FIELDS.map((f, i) => [f, i])) as Record<ImportField, number>;
const isImportField = (f: string): f is ImportField => f in FIELD_POS;
/** Fields the row reader reads by their kind alone (the others it reads by name): field, kind, allowed range. */
const GENERIC_READS = IMPORT_FIELDS.flatMap((f) => {
  const spec = SEIZURE_FIELDS[f].import as { read: ReadKind; range?: readonly [number, number] };
  return spec.read === "custom" ? [] : [[f, spec.read, spec.range?.[0] ?? 0, spec.range?.[1] ?? 0] as const];
});
/** The fields the row reader sets by name, after the generic ones, in this order. */
const NAMED_INPUT_KEYS = [
  "seizureDate",
  "datePrecision",
  "country",
  "drug",
  "quantity",
  "unit",
  "arrests",
  "sourceType",
  "sourceReference",
  "sharing",
  "confirmWarnings",
] as const satisfies readonly (keyof SeizureInputParsed)[];
/**
 * Every row's input is a copy of this object (the generic fields, then the named ones) with its values set, so
 * the million inputs of a large file share one hidden class. Built per row as `{ ...generic, seizureDate, … }`
 * (a spread then named properties), V8 gave each object a shape of its own: about 40 µs of CPU a row, most of an
 * import's time in this process and most of its garbage collection (profiled on 200,000 IDS rows).
 */
const INPUT_SHAPE: Readonly<Record<string, unknown>> = Object.fromEntries(
  [...GENERIC_READS.map(([f]) => f), ...NAMED_INPUT_KEYS].map((k) => [k, null]),
);

/**
 * Reads the rows of one file: the helpers are made once per file (not once per row: a million-row file would
 * make and throw away millions of closures), and each cell is looked at once — raw value, blank or not, trimmed.
 */
function rowReader(
  layout: Layout,
  options: ImportOptions,
  values: ValueMapper,
  numbers: NumberReader,
  /** The sheet's name when a workbook's sheets are imported together: it tags the rows' problems. */
  sheet: string | undefined,
): (cells: string[], rowNumber: number) => Parsed {
  const headers = layout.headers;
  const colIndex = IMPORT_FIELDS.map((f) => layout.index[f] ?? -1);
  const colName = IMPORT_FIELDS.map((f, i) =>
    (colIndex[i] as number) < 0 ? f : (headers[colIndex[i] as number] ?? f),
  );
  const defaultReference = layout.name === "unodc-ids" ? `IDS: ${options.fileName}` : options.fileName;
  // The row being read: raw cells and, per field, the trimmed text (null when blank or a placeholder).
  const raw: (string | undefined)[] = new Array(FIELD_COUNT);
  const text: (string | null)[] = new Array(FIELD_COUNT);
  let row = 0;
  // The row's problems: the shared empty list until the first one (most rows have none, and a million rows would
  // make and drop a million empty arrays).
  let errors: ImportIssue[] = NO_ISSUES;
  const addError = (issue: ImportIssue) => {
    if (errors === NO_ISSUES) errors = [];
    errors.push(issue);
  };
  // The row's country (the memory of mapped values is kept per country) and the fields whose value nobody knows.
  let rowCountry: string | null = null;
  let unknownFields: Set<string> | null = null;
  const at = (f: ImportField) => FIELD_POS[f];
  // Where a number was read, made once per column: an ambiguous one is listed if the file turns out to disagree.
  const whereOf = IMPORT_FIELDS.map((_, i) => () => ({ row, sheet, column: colName[i] as string }));
  const readNumber = (f: ImportField, t: string) =>
    numbers.read(t, whereOf[at(f)] as () => { row: number; column: string });
  const fail = (f: ImportField, code: string) =>
    addError(makeIssue(row, colName[at(f)] as string, raw[at(f)] ?? null, code));
  const pick = <T>(f: ImportField, parse: (t: string) => T | null, code = "unknown_value"): T | null => {
    const t = text[at(f)];
    if (t === null || t === undefined) return null;
    const v = parse(t);
    if (v === null) fail(f, code);
    return v;
  };
  const num = (f: ImportField, min: number, max: number) => {
    const t = text[at(f)];
    if (t === null || t === undefined) return null;
    const v = readNumber(f, t);
    if (v === null) fail(f, "invalid_number");
    else if (v < min || v > max) fail(f, "out_of_range");
    return v;
  };
  /** A list of countries: each one known, mapped, or noted for the value-mapping step; "not available" drops it. */
  const list = (f: MappableField) => {
    const t = text[at(f)];
    if (t === null || t === undefined) return NONE;
    const out: string[] = [];
    for (const part of splitCountryList(t)) {
      const c = known(f, part, parseCountry, colName[at(f)] as string);
      if (c && !out.includes(c)) out.push(c);
    }
    return out;
  };
  /**
   * A value from a vocabulary: known, or mapped by the person importing (now or for an earlier file of the same
   * source), else noted for the value-mapping step; a value mapped to "not available" reads as an empty cell.
   */
  const known = <T>(f: MappableField, t: string, parse: Parse<T>, column: string): T | null => {
    const v = parse(t);
    if (v !== null) return v;
    const target = values.resolve(f, rowCountry, t, { row, column, sheet });
    if (target === null) {
      if (REQUIRED_IMPORT_FIELDS.includes(f)) addError(makeIssue(row, column, t, "required"));
      return null;
    }
    const mapped = target === undefined ? null : (targetOf(f, target) as T | null);
    if (mapped !== null) return mapped;
    // Nobody has mapped it (the mapper has noted it), or it was remembered as a code the field no longer has.
    if (target !== undefined) values.note(f, column, t, row, sheet);
    if (!unknownFields) unknownFields = new Set();
    unknownFields.add(f);
    return null;
  };
  const vocab = <T>(f: MappableField, parse: Parse<T>): T | null => {
    const t = text[at(f)];
    return t === null || t === undefined ? null : known(f, t, parse, colName[at(f)] as string);
  };
  const issueOf = (e: { field: string; code: string; message: { en: string; ru: string } }) => {
    const f = isImportField(e.field) ? e.field : "quantity";
    return makeIssue(row, colName[at(f)] as string, raw[at(f)] ?? null, e.code, e.message);
  };

  return (cells, rowNumber) => {
    row = rowNumber;
    errors = NO_ISSUES;
    rowCountry = null;
    unknownFields = null;
    for (let i = 0; i < FIELD_COUNT; i++) {
      const c = colIndex[i] as number;
      const value = c < 0 ? undefined : cells[c];
      raw[i] = value;
      text[i] = isBlank(value) ? null : (value as string).trim();
    }
    const countryName = layout.countryNameCol >= 0 ? cells[layout.countryNameCol] : undefined;
    if (
      text[at("drug")] === null &&
      text[at("quantity")] === null &&
      text[at("country")] === null &&
      isBlank(countryName)
    ) {
      return SKIPPED;
    }
    for (const f of REQUIRED_IMPORT_FIELDS) {
      if (f === "country" && !isBlank(countryName)) continue;
      if (text[at(f)] === null) fail(f, "required");
    }
    const date = pick("seizureDate", parseDate, "invalid_date");
    let seizureCountry = vocab("country", parseCountry);
    if (text[at("country")] === null && !isBlank(countryName)) {
      const name = (countryName as string).trim();
      seizureCountry = known("country", name, parseCountry, headers[layout.countryNameCol] ?? IDS_COUNTRY_NAME);
    }
    rowCountry = seizureCountry;
    const drug = vocab("drug", lookup.drug);
    const unit = vocab("unit", lookup.unit);
    let quantity: number | null = null;
    const quantityText = text[at("quantity")];
    if (quantityText !== null && quantityText !== undefined) {
      quantity = readNumber("quantity", quantityText);
      if (quantity === null) fail("quantity", "invalid_number");
      else if (quantity <= 0) fail("quantity", "not_positive");
    }
    // The fields read by their kind, in the registry's order.
    const fields: Record<string, unknown> = { ...INPUT_SHAPE };
    for (let g = 0; g < GENERIC_READS.length; g++) {
      const [f, kind, min, max] = GENERIC_READS[g] as (typeof GENERIC_READS)[number];
      fields[f] =
        kind === "text"
          ? (text[at(f)] ?? null)
          : kind === "number"
            ? num(f, min, max)
            : kind === "countries"
              ? list(f as MappableField)
              : kind === "country"
                ? vocab(f as MappableField, parseCountry)
                : vocab(f as MappableField, lookup[f as keyof typeof lookup] as Parse<unknown>);
    }
    const arrests = pick("arrests", parseArrests, "invalid_arrests");
    // Set in NAMED_INPUT_KEYS' order (and the vocabularies asked in it, as they note unknown values in turn).
    fields.seizureDate = date?.date ?? "1900-01-01";
    fields.datePrecision = vocab("datePrecision", lookup.datePrecision) ?? date?.precision ?? "day";
    fields.country = seizureCountry ?? "XXX";
    fields.drug = drug ?? "other";
    fields.quantity = (quantity ?? 1) * (unit?.factor ?? 1);
    fields.unit = unit?.unit ?? "kg";
    fields.arrests = arrests ?? NONE;
    fields.sourceType = vocab("sourceType", lookup.sourceType) ?? "official";
    fields.sourceReference = text[at("sourceReference")] ?? defaultReference;
    fields.sharing = vocab("sharing", lookup.sharing) ?? options.sharing;
    fields.confirmWarnings = NONE;
    const input = fields as unknown as SeizureInputParsed;
    if (errors.length) return { input: null, errors, warnings: NO_ISSUES, skip: false };
    if (unknownFields) {
      // Waits for the value-mapping step; its other problems are reported now, so one round fixes them all.
      const pending = unknownFields;
      for (const e of checkSeizure(input).errors) if (!pending.has(e.field)) addError(issueOf(e));
      return { input: null, errors, warnings: NO_ISSUES, skip: false };
    }
    if (options.countries && !options.countries.includes(input.country)) {
      addError(
        makeIssue(row, colName[at("country")] as string, raw[at("country")] ?? input.country, "country_not_in_scope", {
          en: "You may not enter seizures for this country.",
          ru: "Вы не можете вносить изъятия по этой стране.",
        }),
      );
    }
    const checked = checkSeizure(input);
    for (const e of checked.errors) addError(issueOf(e));
    const warnings = checked.warnings.length ? checked.warnings.map(issueOf) : NO_ISSUES;
    if (!errors.length && warnings.length && options.confirmWarnings)
      input.confirmWarnings = checked.warnings.map((w) => w.code);
    return { input: errors.length ? null : input, errors, warnings, skip: false };
  };
}

const NO_ISSUES: ImportIssue[] = [];
/** The empty list most records' list fields hold: one frozen array shared, not one made per field per row. */
const NONE = Object.freeze([]) as unknown as never[];
/** A blank row: nothing to read. */
const SKIPPED: Parsed = { input: null, errors: NO_ISSUES, warnings: NO_ISSUES, skip: true };

/** A file to import: its bytes, or a way to open it as a stream (a large CSV is never held in memory). */
export type ImportInput = Buffer | (() => Readable);

export interface ImportDeps {
  db: Kysely<DB>;
  /** Rows are streamed in with COPY inside this transaction. */
  withClientTransaction: Database["withClientTransaction"];
  repo: SeizuresRepository;
  /** The platform's one way to record: the import is one audit event (its rows have no history of their own yet). */
  changes: Pick<ChangeRecorder, "event">;
}

/** Thrown inside the write transaction when the file turns out to be refused: rolls back what was streamed. */
class Refused extends Error {}

/**
 * A seizure file in, a report out: all or nothing. The file is read as a stream and every row checked; a dry run
 * (and any file with errors) writes nothing. The checked rows are streamed into the table with COPY while the rest
 * of the file is still being read, inside one transaction that is rolled back as soon as the file is refused. The
 * batch, its records (status "entered") and the possible duplicates it reveals commit together.
 */
export async function importSeizures(
  deps: ImportDeps,
  actor: Actor,
  input: ImportInput,
  options: ImportOptions,
): Promise<SeizureImportResult> {
  const report: ImportReport = {
    fileName: options.fileName,
    layout: "unknown",
    sheet: null,
    rowsRead: 0,
    rowsSkipped: 0,
    imported: 0,
    errors: [],
    warnings: [],
    refused: true,
  };
  const result: SeizureImportResult = {
    report,
    headers: [],
    mapping: {},
    unmapped: [],
    remembered: [],
    batchId: null,
    duplicates: 0,
  };
  const tabularError = (err: unknown) => {
    if (!(err instanceof TabularError)) throw err;
    // The reader's own words are English and technical: the report gives the code's localized sentence.
    report.errors.push(makeIssue(0, null, null, err.code));
    return result;
  };
  let sheets: TabularSheetStream[];
  try {
    sheets = await streamTabular(Buffer.isBuffer(input) ? Readable.from([input]) : input(), options.fileName);
  } catch (err) {
    return tabularError(err);
  }
  const layout = detect(sheets, options.mapping);
  if ("error" in layout) {
    result.headers = layout.headers;
    report.errors.push(makeIssue(1, null, null, layout.error));
    return result;
  }
  report.layout = layout.name;
  report.sheet = layout.sheet.name;
  result.headers = layout.headers.filter((h) => h.trim());
  result.mapping = layout.mapping;
  for (const f of REQUIRED_IMPORT_FIELDS) {
    if (layout.index[f] === undefined && !(f === "country" && layout.countryNameCol >= 0)) {
      report.errors.push(makeIssue(layout.headerRow + 1, TEMPLATE_HEADERS[f], null, "missing_column"));
    }
  }
  if (report.errors.length) return result;
  // A workbook laid out one sheet per year (UNODC's public IDS release): the sheets with the same columns are
  // read as one table; a sheet that looks like one of them but has other columns refuses the file, named.
  const stack = stackSheetStreams(sheets, layout.sheet, layout.headerRow, columnsRead(layout));
  for (const d of stack.differing) report.errors.push(sheetDiffers(d, layout.sheet.name));
  if (report.errors.length) return result;
  const parts = stack.parts.map((part) => onSheet(layout, part));
  if (sheets.length > 1)
    report.sheets = sheets.map((sheet) => ({
      name: sheet.name,
      rows: 0,
      skipped: !parts.some((p) => p.sheet === sheet),
    }));
  const numbers = new NumberReader({ delimiter: layout.sheet.delimiter });
  numbers.decide(numberSamples(layout));
  report.numberFormat = numbers.format();
  const mappings = new ImportValueMappingsRepository(deps.db);
  const values = new ValueMapper(
    VOCABULARIES,
    options.valueMapping,
    await mappings.forLayout(IMPORT_KIND, layout.name),
  );
  /** What the value-mapping step needs, once every row is read. */
  const collectValues = () => {
    // Only the seizure fields (VOCABULARIES) are ever resolved or noted.
    result.unmapped = values.unmapped() as SeizureImportResult["unmapped"];
    result.remembered = values.remembered() as SeizureImportResult["remembered"];
    if (values.overflow) report.errors.push(makeIssue(0, null, null, "too_many_unknown_values"));
  };
  const meta = {
    userId: options.userId,
    partnerCode: options.partnerCode,
    ownerByCountry: options.ownerByCountry ?? false,
    demo: options.demo ?? false,
  };
  const batchValues = {
    file_name: options.fileName,
    layout: layout.name,
    rows: 0,
    created_by: options.userId,
    demo: meta.demo,
  };
  const finish = async (trx: Kysely<DB>, batchId: string, rows: number, overlap: StoredOverlap) => {
    const duplicates = (await overlap.overlaps(trx)) ? await deps.repo.insertCandidatesOfBatch(trx, batchId) : 0;
    await deps.repo.setBatchRows(trx, batchId, rows);
    const remembered = values.toRemember();
    await mappings.remember(trx, IMPORT_KIND, layout.name, remembered, options.userId);
    await deps.changes.event(
      actor,
      {
        action: "seizure.import",
        objectType: "seizure_import_batch",
        objectId: batchId,
        details: { fileName: options.fileName, layout: layout.name, rows, duplicates, valuesMapped: remembered.length },
      },
      trx,
    );
    await options.beforeCommit?.(trx, {
      ...result,
      report: { ...report, imported: rows, refused: false },
      batchId,
      duplicates,
    });
    return duplicates;
  };
  try {
    if (options.dryRun) {
      await checkRows(parts, options, report, values, numbers);
      collectValues();
      finalChecks(layout, options, report, numbers);
      report.refused = report.errors.length > 0 || values.pending;
      return result;
    }
    const written = await deps
      .withClientTransaction(async (client, trx) => {
        const batch = await deps.repo.insertBatch(trx, batchValues);
        // A deep buffer lets the parser run ahead of PostgreSQL (each on its own core) instead of waiting for
        // every batch to reach the socket; it bounds the memory an import holds to about COPY_BUFFER bytes.
        const copy = client.query(
          copyFrom(`copy seizures (${["id", ...INSERT_COLUMNS].join(", ")}) from stdin`, {
            highWaterMark: COPY_BUFFER,
          }),
        ) as Writable;
        const copied = finished(copy);
        copied.catch(() => {});
        let rows = 0;
        const overlap = new StoredOverlap(deps.repo, deps.db, batch.id);
        await checkRows(parts, options, report, values, numbers, async (inputs) => {
          rows += inputs.length;
          overlap.cover(inputs);
          for (const bytes of copyLines(inputs, { ...meta, batchId: batch.id }))
            if (!copy.write(bytes)) await once(copy, "drain");
        });
        collectValues();
        finalChecks(layout, options, report, numbers);
        copy.end();
        await copied;
        if (report.errors.length || values.pending) throw new Refused();
        return { batchId: batch.id, rows, duplicates: await finish(trx, batch.id, rows, overlap) };
      })
      .catch((err) => {
        if (err instanceof Refused) return null;
        throw err;
      });
    if (!written) return result;
    report.refused = false;
    report.imported = written.rows;
    result.batchId = written.batchId;
    result.duplicates = written.duplicates;
    return result;
  } catch (err) {
    report.refused = true;
    report.imported = 0;
    return tabularError(err);
  }
}

/**
 * Reads every row after the header, checks it and reports its problems; while no row has failed, hands the good
 * rows on to `write` batch by batch (after the first failure nothing more is written: the file will be refused).
 */
async function checkRows(
  parts: Layout[],
  options: ImportOptions,
  report: ImportReport,
  values: ValueMapper,
  numbers: NumberReader,
  write?: (inputs: SeizureInputParsed[]) => Promise<void>,
): Promise<void> {
  let errorCount = 0;
  let lastProgress = 0;
  let rowNumber = 0;
  let sheetRows = { rows: 0 };
  let parseRow: (cells: string[], rowNumber: number) => Parsed;
  let layout = parts[0] as Layout;
  const stacked = parts.length > 1;
  const handle = async (rows: string[][]) => {
    const good: SeizureInputParsed[] = [];
    for (const cells of rows) {
      rowNumber += 1;
      const parsed = parseRow(cells, rowNumber);
      if (parsed.skip) {
        report.rowsSkipped += 1;
        continue;
      }
      report.rowsRead += 1;
      sheetRows.rows += 1;
      if (stacked) {
        for (const e of parsed.errors) e.sheet = layout.sheet.name;
        for (const w of parsed.warnings) w.sheet = layout.sheet.name;
      }
      errorCount += parsed.errors.length;
      if (parsed.errors.length && report.errors.length < MAX_ISSUES)
        report.errors.push(...parsed.errors.slice(0, MAX_ISSUES - report.errors.length));
      if (parsed.warnings.length && report.warnings.length < MAX_ISSUES)
        report.warnings.push(...parsed.warnings.slice(0, MAX_ISSUES - report.warnings.length));
      if (parsed.input) good.push(parsed.input);
    }
    const clean = errorCount === 0 && !values.pending && !(report.warnings.length && !options.confirmWarnings);
    if (write && clean && good.length) await write(good);
    if (options.progress && report.rowsRead - lastProgress >= 5000) {
      lastProgress = report.rowsRead;
      await options.progress(layout.sheet.bytesRead(), options.totalBytes ?? null, "checking");
    }
  };
  for (const part of parts) {
    layout = part;
    rowNumber = part.headerRow + 1;
    sheetRows = report.sheets?.find((s) => s.name === part.sheet.name) ?? { rows: 0 };
    parseRow = rowReader(part, options, values, numbers, stacked ? part.sheet.name : undefined);
    await handle(part.sheet.head.slice(part.headerRow + 1));
    for await (const rows of part.sheet.rest) await handle(rows);
  }
  if (errorCount > report.errors.length) {
    report.errors.push(
      makeIssue(0, null, String(errorCount), "too_many_issues", {
        en: `${errorCount} problems in all; the first ${MAX_ISSUES} are listed.`,
        ru: `Всего проблем: ${errorCount}; показаны первые ${MAX_ISSUES}.`,
      }),
    );
  }
}

/**
 * What refuses a whole file once every row is read: no rows, or warnings nobody confirmed. (Values waiting for the
 * value-mapping step hold the file back too, but are no error: the result lists them to be mapped.)
 */
function finalChecks(layout: Layout, options: ImportOptions, report: ImportReport, numbers: NumberReader) {
  if (report.rowsRead === 0) report.errors.push(makeIssue(layout.headerRow + 2, null, null, "empty"));
  // The grouping is known only once every number is read.
  report.numberFormat = numbers.format();
  const contradicted = numbers.contradicted();
  if (contradicted) {
    const message = ambiguousNumberMessage(numbers.decimal, contradicted.majority);
    for (const n of contradicted.numbers)
      report.errors.push({ ...makeIssue(n.row, n.column, n.text, "ambiguous_number", message), ...sheetOf(n.sheet) });
    if (contradicted.count > contradicted.numbers.length)
      report.errors.push(
        makeIssue(0, null, String(contradicted.count), "ambiguous_number", {
          en: `${contradicted.count} numbers in all can be read two ways; the first ${contradicted.numbers.length} are listed.`,
          ru: `Всего чисел, которые можно прочитать двояко: ${contradicted.count}; показаны первые ${contradicted.numbers.length}.`,
        }),
      );
  }
  if (!report.errors.length && report.warnings.length && !options.confirmWarnings && !options.dryRun) {
    report.errors.push(makeIssue(0, null, null, "warnings_not_confirmed"));
  }
}

/** A code of a closed list (drug, unit, country, place type…): never holds a tab, backslash or line break. */
const copyCode = (value: string | null | undefined): string => (value === null || value === undefined ? "\\N" : value);

/** Bytes of one buffer of COPY data (a chunk of 5,000 IDS rows is about 1.2 MB). */
const COPY_SLAB = 1 << 20;

/**
 * Lines for `copy seizures (id, …INSERT_COLUMNS) from stdin`, one per record, written column by column in
 * INSERT_COLUMNS' order (a test reads every column back). At a million rows the importer's own CPU is taken from
 * PostgreSQL on a small machine, so no per-column array, object or closure is made, and each line is encoded into
 * a buffer as soon as it is made: a chunk joined into one string first (a rope of 5,000 lines) cost more to flatten
 * and encode in `Buffer.from` than reading and checking the rows did (10 µs a row, profiled on 200,000 IDS rows).
 */
function copyLines(
  inputs: readonly SeizureInputParsed[],
  meta: { batchId: string; userId: string | null; partnerCode: string | null; ownerByCountry: boolean; demo: boolean },
): Buffer[] {
  const head = `\tentered\t${copyCode(meta.userId)}\t`;
  const tail = `\t${meta.batchId}\t${meta.demo ? "t" : "f"}\n`;
  const owner = copyCode(meta.partnerCode);
  const out: Buffer[] = [];
  let buf = Buffer.allocUnsafe(COPY_SLAB);
  let at = 0;
  for (const input of inputs) {
    const line = `${randomUUID()}\t${copyRowOf(input)}${head}${meta.ownerByCountry ? input.country : owner}${tail}`;
    // UTF-8 needs at most 3 bytes per UTF-16 unit: a line that may not fit starts a new buffer.
    if (at + line.length * 3 > buf.length) {
      if (at > 0) out.push(buf.subarray(0, at));
      buf = Buffer.allocUnsafe(Math.max(COPY_SLAB, line.length * 3));
      at = 0;
    }
    at += buf.write(line, at);
  }
  if (at > 0) out.push(buf.subarray(0, at));
  return out;
}

/** The stored columns (the field registry's, in its order), then the five a whole file shares. */
const INSERT_COLUMNS = [...COPY_COLUMNS, ...INSERT_TAIL];

/** Bulk insert through json_populate_recordset: one statement and one parameter per chunk, same SQL on both backends. */
export async function insertRows(
  trx: Kysely<DB>,
  inputs: readonly SeizureInputParsed[],
  meta: {
    batchId: string | null;
    userId: string | null;
    partnerCode: string | null;
    ownerByCountry?: boolean;
    demo: boolean;
    status?: "entered" | "published";
    publishedAt?: Date;
  },
  onChunk?: (done: number) => Promise<void>,
) {
  const cols = sql.join(["id", ...INSERT_COLUMNS].map((c) => sql.ref(c)));
  const ids = inputs.map(() => randomUUID());
  const chunkJson = (i: number) =>
    JSON.stringify(
      inputs.slice(i, i + INSERT_CHUNK).map((input, k) => ({
        id: ids[i + k],
        ...toColumns(input),
        origin_countries: input.originCountries,
        transit_countries: input.transitCountries,
        destination_countries: input.destinationCountries,
        arrests: input.arrests,
        warnings_confirmed: input.confirmWarnings,
        status: meta.status ?? "entered",
        created_by: meta.userId,
        owner_partner: meta.ownerByCountry ? input.country : meta.partnerCode,
        import_batch_id: meta.batchId,
        demo: meta.demo,
      })),
    );
  for (let i = 0; i < inputs.length; i += INSERT_CHUNK) {
    await sql`
      insert into seizures (${cols}${meta.publishedAt ? sql`, published_at` : sql``})
      select ${cols}${meta.publishedAt ? sql`, ${meta.publishedAt}::timestamptz` : sql``}
      from json_populate_recordset(null::seizures, ${chunkJson(i)}::json)`.execute(trx);
    await onChunk?.(Math.min(i + INSERT_CHUNK, inputs.length));
  }
}
