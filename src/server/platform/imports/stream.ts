import type { Readable } from "node:stream";
import type { Kysely } from "kysely";
import type pg from "pg";
import type { ImportIssue, ImportReport, ImportResult } from "../../../common/imports.js";
import type { DB } from "../../db/schema.js";
import type { Actor } from "../audit.js";
import type { FileOwner, FileService } from "../files.js";
import type { JobDefinition, JobService } from "../jobs.js";
import { NumberReader } from "../number-format.js";
import { normalizeHeader, streamTabular, TabularError, type TabularSheetStream } from "../tabular.js";
import { type StackedPart, stackSheetStreams } from "../tabular-stack.js";
import { type ImportJobPayload, importJob, importJobKind } from "./jobs.js";
import { ambiguousNumberIssues } from "./numbers.js";
import {
  emptyImportResult,
  findLayout,
  type ImportLayout,
  type ImportRequest,
  moduleIssues,
  sampleRows,
} from "./pipeline.js";
import { ImportValueMappingsRepository } from "./value-mappings.repository.js";
import { type ImportVocabulary, ValueMapper } from "./values.js";

/**
 * The pipeline's streaming mode, for files too large to hold (a 1,000,000-row IDS export): the same stages as
 * `runImport` — reader → layout → column mapping → decimal separator → value mapping → row schema → all-or-nothing
 * write → report — but the rows come from the reader in batches, each batch is checked and handed to the module's
 * batch write at once, inside the one transaction that is rolled back if the file turns out to be refused, and the
 * report is kept with bounded memory: counts, the first problems of each column, the unknown values with their count
 * and first rows (`ValueMapper`). A module supplies its layouts, vocabularies, row reader and batch write.
 */

type Message = ImportIssue["message"];

/** The table the import reads on one sheet: its layout, header row and the column of each field. */
export interface StreamTable<F extends string> {
  layout: string;
  sheet: TabularSheetStream;
  /** Index of the header row in the sheet's rows (its row number is `headerRow + 1`). */
  headerRow: number;
  headers: string[];
  /** Field → column index. */
  index: ReadonlyMap<F, number>;
  /** The sheet's name when a workbook's sheets are imported together (it tags the rows' problems). */
  stackedSheet: string | undefined;
}

/** One row read: its value (null: not written), its problems, or a blank row skipped. */
export interface StreamRow<R> {
  value: R | null;
  errors: readonly ImportIssue[];
  warnings: readonly ImportIssue[];
  skip: boolean;
}

/** What a row reader may use: the file's number reader (decimal separator decided once) and the value mapping. */
export interface StreamContext<O> {
  options: O;
  fileName: string;
  numbers: NumberReader;
  values: ValueMapper;
  /** The person confirmed the rows' warnings (`request.confirmWarnings`). */
  confirmWarnings: boolean;
}

/**
 * A module's batch write, opened inside the import's transaction. `checkBatch` runs on each batch of checked rows
 * before it is written (the seizures probe whether the batch may meet records stored before it); `end` after the last
 * batch (a COPY stream ends); `finish` once the file is accepted, before the commit, and gives the module's own parts
 * of the result.
 */
export interface BatchWriter<R, X> {
  checkBatch?(rows: readonly R[]): void;
  write(rows: readonly R[]): Promise<void>;
  end?(): Promise<void>;
  finish(trx: Kysely<DB>, done: { rows: number; valuesRemembered: number }): Promise<X>;
}

export interface StreamingImportModule<F extends string, R, O, X extends object> {
  /** The job kind's suffix and the value-mapping store's kind. */
  kind: string;
  layouts: readonly ImportLayout<F>[];
  mappedLayout?: string;
  messages: Record<string, Message>;
  vocabularies: Readonly<Record<string, ImportVocabulary>>;
  /** Columns a layout finds but the import does not read (an IDS region): not in the mapping, not stacked. */
  unread?: readonly F[];
  /** A row's warnings must be confirmed (`confirmWarnings`) before the file is written. */
  confirmWarnings?: boolean;
  /** The module's parts of a result when nothing was written. */
  empty: X;
  /** Problems of the table found, before a row is read (a required column missing). */
  checkTable?(table: StreamTable<F>, options: O): ImportIssue[];
  /** The row schema, compiled once per sheet (not per row: a million rows would make millions of closures). */
  rowReader(table: StreamTable<F>, ctx: StreamContext<O>): (cells: string[], row: number) => StreamRow<R>;
  /** Opens the batch write inside the import's one transaction (a raw client for COPY). */
  open(
    tx: { trx: Kysely<DB>; client: pg.PoolClient },
    options: O,
    actor: Actor,
    file: { fileName: string; fileId: string | null; layout: string },
  ): Promise<BatchWriter<R, X>>;
}

export interface StreamRequest extends ImportRequest {
  /** The rows' warnings were seen and confirmed (a module with `confirmWarnings`). */
  confirmWarnings?: boolean | undefined;
}

export interface StreamDeps {
  db: Kysely<DB>;
  withClientTransaction: <T>(work: (client: pg.PoolClient, trx: Kysely<DB>) => Promise<T>) => Promise<T>;
}

export interface StreamHooks {
  actor: Actor;
  fileId?: string | null;
  /** The file's size, for the progress bar (bytes read out of it). */
  totalBytes?: number | undefined;
  progress?: ((done: number, total: number | null, phase: string) => Promise<void> | void) | undefined;
  /** Inside the write's transaction, just before it commits: a job marks itself done there. */
  beforeCommit?: ((trx: Kysely<DB>, result: ImportResult) => Promise<void>) | undefined;
}

/** At most this many problems are listed (the count says how many there were), and at most PER_COLUMN per column. */
export const MAX_ISSUES = 1000;
const PER_COLUMN = 200;
/** Rows checked between two progress reports. */
const PROGRESS_ROWS = 5000;

/**
 * The problems of a file with bounded memory: every one counted, the first MAX_ISSUES listed, and no column more
 * than PER_COLUMN of them, so a column wrong on every row does not hide the other columns' problems.
 */
class IssueList {
  count = 0;
  private readonly perColumn = new Map<string, number>();
  constructor(readonly listed: ImportIssue[]) {}
  add(issue: ImportIssue) {
    this.count++;
    if (this.listed.length >= MAX_ISSUES) return;
    const key = issue.column ?? "";
    const n = this.perColumn.get(key) ?? 0;
    if (n >= PER_COLUMN) return;
    this.perColumn.set(key, n + 1);
    this.listed.push(issue);
  }
  /** One more issue saying how many there were in all, when not all are listed. */
  summary(): ImportIssue | null {
    if (this.count <= this.listed.length) return null;
    return {
      row: 0,
      column: null,
      value: String(this.count),
      code: "too_many_issues",
      message: {
        en: `${this.count} problems in all; the first ${this.listed.length} are listed.`,
        ru: `Всего проблем: ${this.count}; показаны первые ${this.listed.length}.`,
      },
    };
  }
}

/** A sheet that looks like the others but has other columns: named, with what it lacks and what it adds. */
function sheetDiffers(d: { sheet: string; headerRow: number; missing: string[]; extra: string[] }, first: string) {
  const list = (cols: string[]) => cols.map((c) => `"${c}"`).join(", ");
  const en = [d.missing.length ? `missing ${list(d.missing)}` : "", d.extra.length ? `other ${list(d.extra)}` : ""];
  const ru = [
    d.missing.length ? `нет столбцов ${list(d.missing)}` : "",
    d.extra.length ? `лишние столбцы ${list(d.extra)}` : "",
  ];
  return {
    row: d.headerRow + 1,
    sheet: d.sheet,
    column: null,
    value: d.sheet,
    code: "sheet_header_differs",
    message: {
      en: `Sheet "${d.sheet}" does not have the same columns as sheet "${first}" (${en.filter(Boolean).join("; ")}), so its rows cannot be imported with the other sheets. Give it the same header row, or remove the sheet.`,
      ru: `На листе «${d.sheet}» не те же столбцы, что на листе «${first}» (${ru.filter(Boolean).join("; ")}), поэтому его строки нельзя загрузить вместе с другими листами. Дайте ему ту же строку заголовков или удалите лист.`,
    },
  };
}

/** The table found on the first data sheet, read on another sheet with the same columns (in any order). */
function onSheet<F extends string>(table: StreamTable<F>, part: StackedPart, stacked: boolean): StreamTable<F> {
  const stackedSheet = stacked ? part.sheet.name : undefined;
  if (part.sheet === table.sheet) return { ...table, stackedSheet };
  const index = new Map<F, number>();
  for (const [field, i] of table.index) {
    const header = table.headers[i];
    const at = header === undefined ? -1 : part.header.findIndex((c) => normalizeHeader(c) === normalizeHeader(header));
    if (at >= 0) index.set(field, at);
  }
  return { ...table, sheet: part.sheet, headerRow: part.headerRow, headers: part.header, index, stackedSheet };
}

/** Thrown inside the write transaction when the file turns out to be refused: rolls back what was written. */
class Refused extends Error {}

/**
 * Runs one import in streaming mode. `open` gives the file's bytes as a stream (opened afresh: a large CSV is never
 * held in memory). A dry run, a refused file, or a file waiting for the value-mapping step writes nothing.
 */
export async function runStreamingImport<F extends string, R, O, X extends object>(
  deps: StreamDeps,
  module: StreamingImportModule<F, R, O, X>,
  open: () => Readable,
  fileName: string,
  request: StreamRequest,
  options: O,
  hooks: StreamHooks,
): Promise<ImportResult & X> {
  const result = { ...emptyImportResult(fileName), ...module.empty } as ImportResult & X;
  const report: ImportReport = result.report;
  const issue = moduleIssues(module.messages);
  const readError = (err: unknown) => {
    if (!(err instanceof TabularError)) throw err;
    // The reader's own words are English and technical: the report gives the code's localized sentence.
    report.errors.push(issue(0, null, null, err.code));
    report.refused = true;
    report.imported = 0;
    return result;
  };
  let sheets: TabularSheetStream[];
  try {
    sheets = await streamTabular(open(), fileName);
  } catch (err) {
    return readError(err);
  }
  result.sheets = sheets.map((s) => s.name);

  // Layout and column mapping, found on the first rows of each sheet (the rest is streamed).
  const heads = sheets.map((s) => ({ name: s.name, rows: s.head }));
  const found = findLayout(module, heads, request);
  if ("error" in found) {
    // Nothing recognised: the first row with two or more cells (not a title above the header) is offered to map.
    const rows = found.sheet?.rows ?? [];
    const at = rows.findIndex((r) => r.filter((c) => c.trim()).length >= 2);
    result.headers = (rows[at] ?? []).filter((c) => c.trim());
    if (at >= 0) result.sample = sampleRows(rows, at);
    report.errors.push(issue(1, null, null, found.error === "unknown_column" ? found.error : "unknown_layout"));
    return result;
  }
  const sheet = sheets[heads.indexOf(found.sheet as (typeof heads)[number])] as TabularSheetStream;
  const unread = new Set<F>(module.unread ?? []);
  const table: StreamTable<F> = {
    layout: found.layout,
    sheet,
    headerRow: found.headerIndex,
    headers: found.sheet.rows[found.headerIndex] ?? [],
    index: found.index,
    stackedSheet: undefined,
  };
  report.layout = found.layout;
  report.sheet = sheet.name;
  result.headers = table.headers.filter((h) => h.trim());
  const read = [...found.index].filter(([f]) => !unread.has(f));
  result.mapping = Object.fromEntries(read.map(([f, i]) => [f, table.headers[i] ?? f]));
  result.sample = sheet.head
    .slice(table.headerRow + 1)
    .filter((r) => r.some((c) => c.trim()))
    .slice(0, 5);
  report.errors.push(...(module.checkTable?.(table, options) ?? []));
  if (report.errors.length) return result;

  // A workbook laid out one sheet per year (UNODC's public IDS release): the sheets with the same columns are read
  // as one table; a sheet that looks like one of them but has other columns refuses the file, named.
  const columnsRead = read.map(([, i]) => table.headers[i] ?? "").filter((h) => h.trim());
  const stack = stackSheetStreams(sheets, sheet, table.headerRow, columnsRead);
  for (const d of stack.differing) report.errors.push(sheetDiffers(d, sheet.name));
  if (report.errors.length) return result;
  const stacked = stack.parts.length > 1;
  const tables = stack.parts.map((part) => onSheet(table, part, stacked));
  if (sheets.length > 1)
    report.sheets = sheets.map((s) => ({ name: s.name, rows: 0, skipped: !tables.some((t) => t.sheet === s) }));

  // The decimal separator, decided on the first rows' numbers (the rest is not read yet); a number read against the
  // file's majority is listed at the end.
  const numbers = new NumberReader({ delimiter: sheet.delimiter });
  const layout = module.layouts.find((l) => l.name === found.layout);
  const numberFields = new Set((layout?.columns ?? module.layouts.flatMap((l) => l.columns)).filter((c) => c.number));
  const numberCols = [...numberFields].map((c) => found.index.get(c.field)).filter((i) => i !== undefined);
  numbers.decide(
    sheet.head
      .slice(table.headerRow + 1)
      .flatMap((row) => numberCols.map((i) => (row[i] ?? "").trim()).filter(Boolean)),
  );
  report.numberFormat = numbers.format();

  const memory = new ImportValueMappingsRepository(deps.db);
  const values = new ValueMapper(
    module.vocabularies,
    request.valueMapping,
    await memory.remembered(module.kind, found.layout),
  );
  for (const bad of values.invalidAnswers(request.valueMapping))
    report.errors.push({ ...issue(0, bad.field, bad.value, "invalid_value_mapping"), value: bad.target });
  if (report.errors.length) return result;

  const errors = new IssueList(report.errors);
  const warnings = new IssueList(report.warnings);
  const ctx: StreamContext<O> = {
    options,
    fileName,
    numbers,
    values,
    confirmWarnings: request.confirmWarnings === true,
  };
  const confirmed = !module.confirmWarnings || ctx.confirmWarnings;

  /**
   * Reads every row after the header, checks it and lists its problems; while no row has failed, hands the good
   * rows on to `write` batch by batch (after the first failure nothing more is written: the file will be refused).
   */
  const readAll = async (write: ((rows: R[]) => Promise<void>) | null) => {
    let lastProgress = 0;
    for (const part of tables) {
      const parse = module.rowReader(part, ctx);
      const sheetRows = report.sheets?.find((s) => s.name === part.sheet.name) ?? { rows: 0 };
      let rowNumber = part.headerRow + 1;
      const handle = async (rows: string[][]) => {
        const good: R[] = [];
        for (const cells of rows) {
          rowNumber += 1;
          const parsed = parse(cells, rowNumber);
          if (parsed.skip) {
            report.rowsSkipped += 1;
            continue;
          }
          report.rowsRead += 1;
          sheetRows.rows += 1;
          for (const e of parsed.errors) errors.add(part.stackedSheet ? { ...e, sheet: part.stackedSheet } : e);
          for (const w of parsed.warnings) warnings.add(part.stackedSheet ? { ...w, sheet: part.stackedSheet } : w);
          if (parsed.value !== null && parsed.errors.length === 0) good.push(parsed.value);
        }
        const clean = errors.count === 0 && !values.pending && (confirmed || warnings.count === 0);
        if (write && clean && good.length) await write(good);
        if (hooks.progress && report.rowsRead - lastProgress >= PROGRESS_ROWS) {
          lastProgress = report.rowsRead;
          await hooks.progress(part.sheet.bytesRead(), hooks.totalBytes ?? null, "checking");
        }
      };
      await handle(part.sheet.head.slice(part.headerRow + 1));
      for await (const rows of part.sheet.rest) await handle(rows);
    }
  };

  /** What the whole file decides once every row is read: the value-mapping step, no rows, numbers, warnings. */
  const finalChecks = () => {
    result.unmapped = values.unmapped();
    result.remembered = values.remembered();
    const summary = errors.summary();
    if (summary) report.errors.push(summary);
    if (values.overflow) report.errors.push(issue(0, null, String(values.overflow), "too_many_unknown_values"));
    if (report.rowsRead === 0) report.errors.push(issue(table.headerRow + 2, null, null, "empty"));
    // The grouping is known only once every number is read.
    report.numberFormat = numbers.format();
    report.errors.push(...ambiguousNumberIssues(numbers));
    const warningSummary = warnings.summary();
    if (warningSummary) report.warnings.push(warningSummary);
    if (!report.errors.length && report.warnings.length && !confirmed && !request.dryRun)
      report.errors.push(issue(0, null, null, "warnings_not_confirmed"));
  };

  try {
    if (request.dryRun) {
      await readAll(null);
      finalChecks();
      report.refused = report.errors.length > 0 || values.pending;
      return result;
    }
    const written = await deps
      .withClientTransaction(async (client, trx) => {
        const file = { fileName, fileId: hooks.fileId ?? null, layout: found.layout };
        const writer = await module.open({ trx, client }, options, hooks.actor, file);
        let rows = 0;
        await readAll(async (batch) => {
          writer.checkBatch?.(batch);
          rows += batch.length;
          await writer.write(batch);
        });
        finalChecks();
        await writer.end?.();
        if (report.errors.length || values.pending) throw new Refused();
        // The answers the file used are remembered with its rows, for the next file of the same source.
        const answers = values.toRemember();
        await memory.remember(trx, module.kind, found.layout, answers, hooks.actor.userId);
        const own = await writer.finish(trx, { rows, valuesRemembered: answers.length });
        Object.assign(result, own);
        report.imported = rows;
        report.refused = false;
        await hooks.beforeCommit?.(trx, result);
        return own;
      })
      .catch((err) => {
        if (err instanceof Refused) return null;
        throw err;
      });
    if (!written) {
      report.imported = 0;
      report.refused = true;
      Object.assign(result, module.empty);
    }
    return result;
  } catch (err) {
    Object.assign(result, module.empty);
    return readError(err);
  }
}

export interface StreamingImportDeps extends StreamDeps {
  jobs: JobService;
  files: Pick<FileService, "getOwn" | "openOwn">;
}

interface StreamPayload<O> extends ImportJobPayload {
  request: StreamRequest;
  options: O;
}

/** A module's streaming import, as the platform runs it: a job with a progress bar for the web, inline for the CLI. */
export interface StreamingModuleImport<O, X extends object> {
  kind: string;
  /** The import's job kind and handler: the owning module's manifest lists it in `jobs`. */
  job: JobDefinition;
  /** Enqueues the import of the caller's own upload (anyone else's file: 404). */
  enqueue(
    fileId: string,
    request: StreamRequest,
    options: O,
    owner: FileOwner,
    actor: Actor,
  ): Promise<{ jobId: string }>;
  /** Runs the import at once on a stream (`pact import seizures`, tests, benches). */
  run(
    open: () => Readable,
    fileName: string,
    request: StreamRequest,
    options: O,
    hooks: StreamHooks,
  ): Promise<ImportResult & X>;
}

/**
 * Defines a module's streaming import on the platform, as `defineImport` does for the imports read in memory: one
 * job kind (`imports.<kind>`), whose handler opens the enqueuer's own upload as a stream, reports progress in bytes
 * read, and commits the records and the job's completion together, so a crash can never import a file twice.
 */
export function defineStreamingImport<F extends string, R, O, X extends object>(
  deps: StreamingImportDeps,
  module: StreamingImportModule<F, R, O, X>,
): StreamingModuleImport<O, X> {
  const kind = importJobKind(module.kind);
  const run: StreamingModuleImport<O, X>["run"] = (open, fileName, request, options, hooks) =>
    runStreamingImport(deps, module, open, fileName, request, options, hooks);
  const { job, enqueue } = importJob(
    deps,
    kind,
    // Opened afresh for the import and read as a stream: a large file never sits in memory.
    (fileId, owner) => deps.files.openOwn(fileId, owner),
    (p: StreamPayload<O>, { record, stream }, hooks) =>
      run(() => stream as Readable, record.originalName, p.request, p.options, { totalBytes: record.size, ...hooks }),
  );
  return {
    kind,
    job,
    enqueue: (fileId, request, options, owner, actor) => enqueue({ fileId, request, options, actor }, owner),
    run,
  };
}
