import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { Readable, type Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { type Kysely, sql } from "kysely";
import { from as copyFrom } from "pg-copy-streams";
import type { ImportIssue } from "../../../common/imports.js";
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
import type { DB } from "../../db/schema.js";
import type { Actor } from "../../platform/audit.js";
import type { ChangeRecorder } from "../../platform/changes.js";
import {
  runStreamingImport,
  type StreamContext,
  type StreamDeps,
  type StreamHooks,
  type StreamingImportModule,
  type StreamRow,
  type StreamTable,
} from "../../platform/imports/stream.js";
import { COPY_COLUMNS, copyRowOf, toColumns } from "./seizures.columns.js";
import { StoredOverlap } from "./seizures.import-overlap.js";
import {
  IDS_COUNTRY_NAME,
  IMPORT_KIND,
  ISSUE_MESSAGES,
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

/**
 * The seizure import, on the platform's pipeline in its streaming mode (`platform/imports/stream.ts`): the pipeline
 * reads the file as a stream, finds the layout (UNODC's IDS export or our template) and the sheets to stack, decides
 * the decimal separator, runs the value-mapping step, keeps the report and holds the one transaction; this module
 * brings its layouts and vocabularies, its row schema (`rowReader`), its batch write (COPY into `seizures` while the
 * file is still being read), and its overlap rule as the write's `checkBatch` hook (whether the batch may meet records
 * stored before it, so the search for possible duplicates runs only when it can find any).
 */

/** Who imports, and how: travels with the import's job (worked out from the caller's rights when it is enqueued). */
export interface SeizureImportOptions {
  sharing: SeizureInputParsed["sharing"];
  demo?: boolean | undefined;
  /** Who imports: the records' creator and owning partner; countries they may enter (null: all). */
  userId: string | null;
  partnerCode: string | null;
  /** Each record belongs to the partner of its own country instead (a liaison officer's import). */
  ownerByCountry?: boolean | undefined;
  countries: readonly string[] | null;
}

/** The seizure import's own parts of the pipeline's result: the batch written and the possible duplicates found. */
export interface SeizureImportParts {
  batchId: string | null;
  possibleDuplicates: number;
}

/** An import run at once (`pact import seizures`, tests, benches): the request, the options and the hooks together. */
export interface ImportOptions extends SeizureImportOptions {
  fileName: string;
  dryRun: boolean;
  mapping?: ColumnMapping | undefined;
  /** Answers of the value-mapping step: they override what was remembered for the file's source. */
  valueMapping?: ValueMapping | undefined;
  confirmWarnings: boolean;
  /** Progress while reading: bytes of the file read so far out of `totalBytes` (when known). */
  progress?: StreamHooks["progress"];
  /** The file's size, for the progress bar. */
  totalBytes?: number;
}

/** Bytes of COPY data the importer may hold ahead of PostgreSQL. */
const COPY_BUFFER = 16 * 1024 * 1024;
/** Rows per INSERT … SELECT FROM json_populate_recordset: one statement, one JSON parameter. */
const INSERT_CHUNK = 5000;

type Parsed = StreamRow<SeizureInputParsed>;
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
  table: StreamTable<LayoutColumn>,
  ctx: StreamContext<SeizureImportOptions>,
): (cells: string[], rowNumber: number) => Parsed {
  const { options, values, numbers } = ctx;
  const headers = table.headers;
  // The sheet's name when a workbook's sheets are imported together: it tags the rows' problems.
  const sheet = table.stackedSheet;
  const countryNameCol = table.index.get("countryName") ?? -1;
  const colIndex = IMPORT_FIELDS.map((f) => table.index.get(f) ?? -1);
  const colName = IMPORT_FIELDS.map((f, i) =>
    (colIndex[i] as number) < 0 ? f : (headers[colIndex[i] as number] ?? f),
  );
  const defaultReference = table.layout === "unodc-ids" ? `IDS: ${ctx.fileName}` : ctx.fileName;
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
    const countryName = countryNameCol >= 0 ? cells[countryNameCol] : undefined;
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
      seizureCountry = known("country", name, parseCountry, headers[countryNameCol] ?? IDS_COUNTRY_NAME);
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
    if (errors.length) return { value: null, errors, warnings: NO_ISSUES, skip: false };
    if (unknownFields) {
      // Waits for the value-mapping step; its other problems are reported now, so one round fixes them all.
      const pending = unknownFields;
      for (const e of checkSeizure(input).errors) if (!pending.has(e.field)) addError(issueOf(e));
      return { value: null, errors, warnings: NO_ISSUES, skip: false };
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
    if (!errors.length && warnings.length && ctx.confirmWarnings)
      input.confirmWarnings = checked.warnings.map((w) => w.code);
    return { value: errors.length ? null : input, errors, warnings, skip: false };
  };
}

const NO_ISSUES: ImportIssue[] = [];
/** The empty list most records' list fields hold: one frozen array shared, not one made per field per row. */
const NONE = Object.freeze([]) as unknown as never[];
/** A blank row: nothing to read. */
const SKIPPED: Parsed = { value: null, errors: NO_ISSUES, warnings: NO_ISSUES, skip: true };

/** A file to import: its bytes, or a way to open it as a stream (a large CSV is never held in memory). */
export type ImportInput = Buffer | (() => Readable);

export interface ImportDeps {
  db: Kysely<DB>;
  repo: SeizuresRepository;
  /** The platform's one way to record: the import is one audit event (its rows have no history of their own yet). */
  changes: Pick<ChangeRecorder, "event">;
}

/**
 * The seizure import as a module of the pipeline's streaming mode. The batch write streams the checked rows into the
 * table with COPY while the rest of the file is still being read, inside the pipeline's one transaction (rolled back
 * as soon as the file is refused); the batch, its records (status "entered"), the possible duplicates it reveals and
 * its audit entry commit together.
 */
export function seizureImportModule(
  deps: ImportDeps,
): StreamingImportModule<LayoutColumn, SeizureInputParsed, SeizureImportOptions, SeizureImportParts> {
  return {
    kind: IMPORT_KIND,
    layouts: SEIZURE_LAYOUTS,
    mappedLayout: "mapped",
    messages: ISSUE_MESSAGES,
    vocabularies: VOCABULARIES,
    // IDS columns the import does not read: another yearly sheet need not have them.
    unread: ["region", "subregion"],
    confirmWarnings: true,
    empty: { batchId: null, possibleDuplicates: 0 },
    checkTable: (table) =>
      REQUIRED_IMPORT_FIELDS.filter(
        (f) => !table.index.has(f) && !(f === "country" && table.index.has("countryName")),
      ).map((f) => makeIssue(table.headerRow + 1, TEMPLATE_HEADERS[f], null, "missing_column")),
    rowReader,
    async open({ trx, client }, options, actor, file) {
      const meta = {
        userId: options.userId,
        partnerCode: options.partnerCode,
        ownerByCountry: options.ownerByCountry ?? false,
        demo: options.demo ?? false,
      };
      const batch = await deps.repo.insertBatch(trx, {
        file_name: file.fileName,
        layout: file.layout,
        rows: 0,
        created_by: options.userId,
        demo: meta.demo,
      });
      // A deep buffer lets the parser run ahead of PostgreSQL (each on its own core) instead of waiting for every
      // batch to reach the socket; it bounds the memory an import holds to about COPY_BUFFER bytes.
      const copy = client.query(
        copyFrom(`copy seizures (${["id", ...INSERT_COLUMNS].join(", ")}) from stdin`, { highWaterMark: COPY_BUFFER }),
      ) as Writable;
      const copied = finished(copy);
      copied.catch(() => {});
      const overlap = new StoredOverlap(deps.repo, deps.db, batch.id);
      const lineMeta = { ...meta, batchId: batch.id };
      return {
        // The overlap rule: before a batch is written, whether it may meet a record stored before the import.
        checkBatch: (rows) => overlap.cover(rows),
        async write(rows) {
          for (const bytes of copyLines(rows, lineMeta)) if (!copy.write(bytes)) await once(copy, "drain");
        },
        async end() {
          copy.end();
          await copied;
        },
        async finish(trx, done) {
          const duplicates = (await overlap.overlaps(trx)) ? await deps.repo.insertCandidatesOfBatch(trx, batch.id) : 0;
          await deps.repo.setBatchRows(trx, batch.id, done.rows);
          await deps.changes.event(
            actor,
            {
              action: "seizure.import",
              objectType: "seizure_import_batch",
              objectId: batch.id,
              details: {
                fileName: file.fileName,
                layout: file.layout,
                rows: done.rows,
                duplicates,
                valuesMapped: done.valuesRemembered,
              },
            },
            trx,
          );
          return { batchId: batch.id, possibleDuplicates: duplicates };
        },
      };
    },
  };
}

/** Runs the seizure import at once on a file (its bytes or a stream): all or nothing, as the job does. */
export function importSeizures(
  deps: StreamDeps,
  module: ReturnType<typeof seizureImportModule>,
  actor: Actor,
  input: ImportInput,
  options: ImportOptions,
): Promise<SeizureImportResult> {
  const { fileName, dryRun, mapping, valueMapping, confirmWarnings, progress, totalBytes, ...own } = options;
  const open = Buffer.isBuffer(input) ? () => Readable.from([input]) : input;
  const request = { dryRun, mapping: mapping as Record<string, string> | undefined, valueMapping, confirmWarnings };
  // Only the seizure fields (VOCABULARIES) are ever resolved or noted, so the values listed are the seizures' own.
  return runStreamingImport(deps, module, open, fileName, request, own, {
    actor,
    progress,
    totalBytes,
  }) as Promise<SeizureImportResult>;
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
