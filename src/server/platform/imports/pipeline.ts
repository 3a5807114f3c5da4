import type { Kysely } from "kysely";
import type {
  DuplicateDecision,
  ImportIssue,
  ImportReport,
  ImportResult,
  ValueAnswers,
} from "../../../common/imports.js";
import type { DB } from "../../db/schema.js";
import type { Actor } from "../audit.js";
import { importMessage } from "../import-messages.js";
import { NumberReader } from "../number-format.js";
import { findHeaderRow, normalizeHeader, readTabular, TabularError, type TabularSheet } from "../tabular.js";
import { ambiguousNumberIssues } from "./numbers.js";
import { ImportValueMappingsRepository, type RememberedAnswer } from "./value-mappings.repository.js";
import { type ImportVocabulary, ValueMapper } from "./values.js";

type Message = ImportIssue["message"];

/** One field of a module: the headers that name it in a file (English, Russian, other programs' names). */
export interface ImportColumn<F extends string = string> {
  field: F;
  headers: readonly string[];
  /** A number column: its cells decide the file's decimal separator (`platform/number-format.ts`). */
  number?: boolean;
  /** Refuses the file when no column holds it. */
  required?: boolean;
}

/** A layout a module recognises by its header row: its own template, or a layout others publish. */
export interface ImportLayout<F extends string = string> {
  name: string;
  columns: readonly ImportColumn<F>[];
  /** Headers that must all be on the header row (a published layout's signature); else `minMatches` of any. */
  signature?: readonly string[];
  minMatches?: number;
  /**
   * Whether the header row found is this layout, from the fields its columns hold (a locator list: a name, coordinates
   * and a services column); a layout whose columns match but that refuses them leaves the row to the next layout.
   */
  accepts?(fields: ReadonlySet<F>, headers: readonly string[]): boolean;
}

/** The cells of one row, by field: the column as the file writes its header, and the trimmed value (never empty). */
export type RowCells<F extends string = string> = Map<F, { column: string; value: string }>;

export interface RowContext<O> {
  row: number;
  sheet: string;
  layout: string;
  options: O;
  /** The file's numbers, read with the decimal separator decided once for the whole file. */
  number(field: string, text: string): number | null;
  /** The header of the column mapped to `field`, or null when the file has none. */
  columnOf(field: string): string | null;
  issue(column: string | null, value: string | null, code: string): ImportIssue;
  /**
   * The value-mapping step, for a value of `field` the module's vocabulary does not know: the code the person mapped
   * it to (in this request, or remembered for `source`: the rows' country, partner…), null for "not available", or
   * undefined when nobody has: the value is then listed for the step and the row is left unread (not an error).
   */
  mapValue(
    field: string,
    value: string,
    at: { source: string | null; column: string | null },
  ): string | null | undefined;
}

export interface ParsedRow<R> {
  row: number;
  value: R;
}

/**
 * What a module brings to the pipeline: its fields and layouts, its row schema (parse, with its vocabularies), how
 * it recognises a repeated row, and its write. Everything else — reading the file, finding the layout and the header
 * row, the column mapping, the decimal separator, blank rows, the all-or-nothing transaction, the report and the job's
 * progress — is the platform's.
 */
export interface ImportModule<F extends string, R, O, P = ParsedRow<R>[], X extends object = object> {
  /** The job kind's suffix and the audit's name: `facilities`, `trainings.participants`, `factsheets.indicators`. */
  kind: string;
  /** Tried in order on each sheet; the first found wins. */
  layouts: readonly ImportLayout<F>[];
  /** Layout name when the person mapped the columns and no known layout was found. */
  mappedLayout?: string;
  messages: Record<string, Message>;
  /**
   * The fields whose values are read against a vocabulary and may be mapped in the value-mapping step (a value field
   * need not be a column: the facilities' service labels, whatever column they are in).
   */
  vocabularies?: Readonly<Record<string, ImportVocabulary>>;
  /** The row schema: a row's cells → the module's value, or its problems (row, column, value). */
  parseRow(
    cells: RowCells<F>,
    ctx: RowContext<O>,
  ): { value: R | null; errors: ImportIssue[]; warnings?: ImportIssue[] };
  /** Checks before anything is written that need the whole file (a required column per request, scope). */
  checkFile?(mapping: Partial<Record<F, string>>, options: O): ImportIssue[];
  /**
   * Rows repeating an earlier row of the file. `decide`: a confirmable warning, one decision for all (merge or keep
   * both), nothing written until it is given. `refuse`: an error (a key the table holds once).
   */
  repeats?: {
    mode: "decide" | "refuse";
    key(value: R): string;
    /**
     * Rows with the same key repeat each other only when this holds too (a facility's coordinates within about
     * 100 m); without it the key alone decides.
     */
    same?(first: R, repeat: R): boolean;
    name(value: R): string;
    merge?(first: R, repeat: R): void;
  };
  /**
   * What the file would write (reads the database: which rows update, which create); a dry run stops here. Errors it
   * adds to `result.report.errors` refuse the file.
   */
  plan?(rows: ParsedRow<R>[], options: O, result: ImportResult): Promise<P>;
  /** Writes the plan in the import's one transaction: nothing of the file is written unless all of it is. */
  write(
    trx: Kysely<DB>,
    plan: P,
    options: O,
    actor: Actor,
    file: { fileName: string; fileId: string | null },
  ): Promise<unknown>;
  /** The module's own parts of the result (created, updated, …); `written` holds what `write` returned. */
  describe?(plan: P | null, written: { value: unknown } | null): X;
  /** Work after the commit (a search index entry for each written record). */
  afterCommit?(plan: P, written: unknown): Promise<void>;
}

export interface ImportRequest {
  sheet?: string | undefined;
  mapping?: Record<string, string> | undefined;
  dryRun: boolean;
  duplicates?: DuplicateDecision | undefined;
  /** The value-mapping step's answers: field → value as written → code (null: not available). */
  valueMapping?: ValueAnswers | undefined;
}

/** The value mappings remembered for a module, by layout (read once per import). */
export type RememberedByLayout = (layout: string) => readonly RememberedAnswer[];

export interface PipelineHooks {
  db: Kysely<DB>;
  actor: Actor;
  fileId?: string | null;
  /** Rows checked so far out of the rows of the sheet, for the job's progress bar. */
  progress?: (done: number, total: number, phase: "checking" | "writing") => Promise<void> | undefined;
  /** Inside the write's transaction, just before it commits: a job marks itself done there. */
  beforeCommit?: (trx: Kysely<DB>, result: ImportResult & object) => Promise<void>;
}

const MAX_ISSUES = 1000;

/** Where a module's table is: the sheet, its layout, its header row and the column of each field. */
export interface Found<F extends string> {
  sheet: TabularSheet;
  layout: string;
  headerIndex: number;
  headers: string[];
  /** Field → column index. */
  index: Map<F, number>;
}

/**
 * A problem of a file: its row, the column as the file writes it, the value (cut to 200 characters), the code, and
 * the sentence in both languages: `message` if given, else the module's own (`messages`), else the platform's
 * (`importMessage`).
 */
export function issueOf(
  messages: Record<string, Message>,
  row: number,
  column: string | null,
  value: string | null,
  code: string,
  message: Message = importMessage(code, messages),
): ImportIssue {
  return { row, column, value: value === null ? null : value.slice(0, 200), code, message };
}

/** A module's problems, in its own words first: `issue(row, column, value, code)`, as `issueOf` makes them. */
export const moduleIssues =
  (messages: Record<string, Message>) =>
  (row: number, column: string | null, value: string | null, code: string, message?: Message): ImportIssue =>
    issueOf(messages, row, column, value, code, message);

const same = (a: string, b: string) => normalizeHeader(a) === normalizeHeader(b);

function indexLayout<F extends string>(layout: ImportLayout<F>, headers: string[]): Map<F, number> {
  const index = new Map<F, number>();
  for (const column of layout.columns) {
    const at = headers.findIndex(
      (h, i) => h.trim() && column.headers.some((x) => same(x, h)) && ![...index.values()].includes(i),
    );
    if (at >= 0) index.set(column.field, at);
  }
  return index;
}

/**
 * Finds the layout: the person's mapping if sent, else the first layout whose header row is on a sheet. A module that
 * streams its file (the seizures) passes each sheet's first rows.
 */
export function findLayout<F extends string>(
  module: Pick<ImportModule<F, unknown, unknown>, "layouts" | "mappedLayout">,
  sheets: TabularSheet[],
  request: Pick<ImportRequest, "sheet" | "mapping">,
): Found<F> | { error: string; headers: string[]; sheet: TabularSheet | null; headerIndex?: number } {
  const candidates = request.sheet ? sheets.filter((s) => s.name === request.sheet) : sheets;
  if (candidates.length === 0) return { error: "unknown_sheet", headers: [], sheet: null };
  const mapping = Object.entries(request.mapping ?? {}).filter(([, h]) => h?.trim()) as [F, string][];
  for (const sheet of candidates) {
    if (mapping.length) {
      const wanted = mapping.map(([, h]) => h);
      const headerIndex = findHeaderRow(sheet.rows, wanted, Math.min(wanted.length, 2));
      if (headerIndex < 0) continue;
      const headers = (sheet.rows[headerIndex] ?? []).map((h) => h.trim());
      const index = new Map<F, number>();
      for (const [field, header] of mapping) {
        const at = headers.findIndex((h) => h && same(h, header));
        if (at < 0) return { error: "unknown_column", headers, sheet };
        index.set(field, at);
      }
      const fields = new Set(index.keys());
      const known = module.layouts.find(
        (l) => layoutMatches(l, [headers]) >= 0 && (!l.accepts || l.accepts(fields, headers)),
      );
      return { sheet, layout: known?.name ?? module.mappedLayout ?? "mapped", headerIndex, headers, index };
    }
    for (const layout of module.layouts) {
      const headerIndex = layoutMatches(layout, sheet.rows);
      if (headerIndex < 0) continue;
      const headers = (sheet.rows[headerIndex] ?? []).map((h) => h.trim());
      const index = indexLayout(layout, headers);
      if (layout.accepts && !layout.accepts(new Set(index.keys()), headers)) continue;
      return { sheet, layout: layout.name, headerIndex, headers, index };
    }
  }
  // Nothing recognised: the first non-empty row, so the person can map the columns by hand.
  const sheet = candidates[0] as TabularSheet;
  const headerIndex = sheet.rows.findIndex((r) => r.some((c) => c.trim()));
  const first = sheet.rows[headerIndex] ?? [];
  return {
    error: first.length ? "unknown_layout" : "empty_file",
    headers: first.map((h) => h.trim()),
    sheet,
    headerIndex,
  };
}

/** The first five non-empty rows under the header row: the column step's examples. */
export function sampleRows(rows: string[][], headerIndex: number): string[][] {
  return rows
    .slice(headerIndex + 1)
    .filter((r) => r.some((c) => c.trim()))
    .slice(0, 5);
}

function layoutMatches(layout: ImportLayout, rows: string[][]): number {
  if (layout.signature) return findHeaderRow(rows, layout.signature, layout.signature.length);
  return findHeaderRow(
    rows,
    layout.columns.flatMap((c) => c.headers),
    layout.minMatches ?? 2,
  );
}

/**
 * The result of a file nothing was read from yet: refused, no rows, no problems. Each stage (and each mode: in memory,
 * streaming, the IATI XML import) fills it in as it goes.
 */
export function emptyImportResult(fileName: string, layout = "unknown"): ImportResult {
  return {
    report: {
      fileName,
      layout,
      sheet: null,
      rowsRead: 0,
      rowsSkipped: 0,
      imported: 0,
      errors: [],
      warnings: [],
      refused: true,
    },
    sheets: [],
    headers: [],
    sample: [],
    mapping: {},
    unmapped: [],
    remembered: [],
    duplicates: [],
    decisionRequired: null,
    duplicatesDecision: null,
  };
}

/**
 * The checking stages on a file already read: layout → column mapping → decimal separator → row schema with the
 * value mapping → repeats. `rows` are the rows to write (empty when the file is refused or waits for the value-mapping
 * step); `report.refused` says whether it does; `values` holds the answers the file used, to remember.
 */
export function checkSheets<F extends string, R, O>(
  module: ImportModule<F, R, O, unknown, object>,
  sheets: TabularSheet[],
  fileName: string,
  request: ImportRequest,
  options: O,
  progress?: PipelineHooks["progress"],
  remembered: RememberedByLayout = () => [],
): { result: ImportResult; rows: ParsedRow<R>[]; values: ValueMapper | null } {
  const result = emptyImportResult(fileName);
  const report = result.report;
  const issue = moduleIssues(module.messages);
  let values: ValueMapper | null = null;
  const refuse = () => ({ result, rows: [], values });
  result.sheets = sheets.map((s) => s.name);
  const found = findLayout(module, sheets, request);
  if ("error" in found) {
    result.headers = found.headers.filter(Boolean);
    // The rows under the first one, as examples for the column step: what the person matches the columns by.
    if (found.sheet && found.headerIndex !== undefined) result.sample = sampleRows(found.sheet.rows, found.headerIndex);
    report.sheet = found.sheet?.name ?? null;
    report.errors.push(issue(found.error === "unknown_layout" ? 1 : 0, null, null, found.error));
    return refuse();
  }
  const { sheet, headerIndex, headers, index } = found;
  report.layout = found.layout;
  report.sheet = sheet.name;
  result.headers = headers.filter(Boolean);
  result.mapping = Object.fromEntries([...index].map(([f, i]) => [f, headers[i] as string]));
  const body = sheet.rows.slice(headerIndex + 1);
  result.sample = sampleRows(sheet.rows, headerIndex);

  const layout = module.layouts.find((l) => l.name === found.layout) ?? module.layouts[module.layouts.length - 1];
  const columns = new Map<string, ImportColumn<F>>();
  for (const l of module.layouts) for (const c of l.columns) if (!columns.has(c.field)) columns.set(c.field, c);
  for (const c of layout?.columns ?? []) columns.set(c.field, c);
  for (const c of layout?.columns ?? [])
    if (c.required && !index.has(c.field))
      report.errors.push(issue(headerIndex + 1, c.headers[0] ?? c.field, null, "missing_column"));
  report.errors.push(...(module.checkFile?.(result.mapping as Partial<Record<F, string>>, options) ?? []));
  values = new ValueMapper(module.vocabularies ?? {}, request.valueMapping, remembered(found.layout));
  for (const bad of values.invalidAnswers(request.valueMapping))
    report.errors.push({ ...issue(0, bad.field, bad.value, "invalid_value_mapping"), value: bad.target });
  if (report.errors.length) return refuse();

  // The decimal separator, decided once from every number of the file: `1,500` reads the way the rest do.
  const numbers = new NumberReader({ delimiter: sheet.delimiter ?? null });
  const numberCols = [...index].filter(([f]) => columns.get(f)?.number).map(([, i]) => i);
  numbers.decide(body.flatMap((cells) => numberCols.map((i) => (cells[i] ?? "").trim()).filter(Boolean)));

  const parsed = readRows(module, { sheet, headerIndex, headers, index, layout: found.layout }, options, {
    report,
    numbers,
    issue,
    progress,
    values,
  });
  result.unmapped = values.unmapped();
  result.remembered = values.remembered();
  if (values.overflow) report.errors.push(issue(0, null, String(values.overflow), "too_many_unknown_values"));
  report.numberFormat = numbers.format();
  report.errors.push(...ambiguousNumberIssues(numbers));
  const rows = applyRepeats(module, parsed, request.duplicates, result, issue);
  if (report.rowsRead === 0) report.errors.push(issue(headerIndex + 2, null, null, "empty"));
  capIssues(report, issue);
  // A value nobody has mapped holds the file (refused, with no error of its own) until the step is answered.
  if (report.errors.length || values.pending) return refuse();
  report.refused = false;
  return { result, rows, values };
}

/**
 * Runs one import through the platform's stages: reader → layout → column mapping → decimal separator → row schema →
 * repeats → (plan) → all-or-nothing write → report. Nothing is written for a dry run, a refused file, or a file whose
 * repeats wait for a decision.
 */
export async function runImport<F extends string, R, O, P, X extends object>(
  module: ImportModule<F, R, O, P, X>,
  file: { data: Buffer; fileName: string },
  request: ImportRequest,
  options: O,
  hooks: PipelineHooks,
): Promise<ImportResult & X> {
  const generic = module as unknown as ImportModule<F, R, O, unknown, object>;
  let sheets: TabularSheet[];
  try {
    sheets = await readTabular(file.data, file.fileName);
  } catch (error) {
    if (!(error instanceof TabularError)) throw error;
    const result = emptyImportResult(file.fileName);
    result.report.errors.push(issueOf(module.messages, 0, null, null, error.code));
    return { ...result, ...(module.describe?.(null, null) ?? {}) } as ImportResult & X;
  }
  const memory = module.vocabularies ? await new ImportValueMappingsRepository(hooks.db).remembered(module.kind) : [];
  const { result, rows, values } = checkSheets(
    generic,
    sheets,
    file.fileName,
    request,
    options,
    hooks.progress,
    (layout) => memory.filter((m) => m.layout === layout),
  );
  const finish = (plan: P | null, written: { value: unknown } | null) =>
    ({ ...result, ...(module.describe?.(plan, written) ?? {}) }) as ImportResult & X;
  if (result.report.refused) return finish(null, null);
  const plan = module.plan ? await module.plan(rows, options, result) : (rows as unknown as P);
  // The plan's own checks (a reference the database does not hold, a record the importer may not change) refuse the
  // file like the row schema's.
  if (result.report.errors.length) {
    result.report.refused = true;
    return finish(plan, null);
  }
  if (request.dryRun || result.decisionRequired) return finish(plan, null);

  await hooks.progress?.(result.report.rowsRead, result.report.rowsRead, "writing");
  result.report.imported = rows.length;
  const written = await hooks.db.transaction().execute(async (trx) => {
    const file_ = { fileName: file.fileName, fileId: hooks.fileId ?? null };
    const done = { value: await module.write(trx, plan, options, hooks.actor, file_) };
    // The answers the file used are remembered with its rows, for the next file of the same source.
    const answers = values?.toRemember() ?? [];
    if (answers.length)
      await new ImportValueMappingsRepository(hooks.db).remember(
        trx,
        module.kind,
        result.report.layout,
        answers,
        hooks.actor.userId,
      );
    await hooks.beforeCommit?.(trx, finish(plan, done));
    return done;
  });
  await module.afterCommit?.(plan, written.value);
  return finish(plan, written);
}

function readRows<F extends string, R, O>(
  module: ImportModule<F, R, O, unknown, object>,
  table: { sheet: TabularSheet; headerIndex: number; headers: string[]; index: Map<F, number>; layout: string },
  options: O,
  io: {
    report: ImportReport;
    numbers: NumberReader;
    issue: (row: number, column: string | null, value: string | null, code: string) => ImportIssue;
    progress: PipelineHooks["progress"] | undefined;
    values: ValueMapper;
  },
): ParsedRow<R>[] {
  const { sheet, headerIndex, headers, index } = table;
  const { report, numbers } = io;
  const out: ParsedRow<R>[] = [];
  const total = sheet.rows.length - headerIndex - 1;
  let row = 0;
  const columnOf = (field: string) => {
    const i = index.get(field as F);
    return i === undefined ? null : (headers[i] ?? null);
  };
  const ctx: RowContext<O> = {
    row: 0,
    sheet: sheet.name,
    layout: table.layout,
    options,
    number: (field, text) => numbers.read(text, () => ({ row, column: columnOf(field) ?? field })),
    columnOf,
    issue: (column, value, code) => io.issue(row, column, value, code),
    mapValue: (field, value, at) => io.values.resolve(field, at.source, value, { row, column: at.column }),
  };
  for (let i = headerIndex + 1; i < sheet.rows.length; i++) {
    const cellsRow = sheet.rows[i] ?? [];
    row = i + 1;
    if (!cellsRow.some((c) => c.trim())) {
      report.rowsSkipped++;
      continue;
    }
    report.rowsRead++;
    const cells: RowCells<F> = new Map();
    for (const [field, at] of index) {
      const value = (cellsRow[at] ?? "").trim();
      if (value) cells.set(field, { column: headers[at] ?? field, value });
    }
    ctx.row = row;
    const parsed = module.parseRow(cells, ctx);
    report.errors.push(...parsed.errors);
    if (parsed.warnings) report.warnings.push(...parsed.warnings);
    if (parsed.value !== null && parsed.errors.length === 0) out.push({ row, value: parsed.value });
    if (io.progress && report.rowsRead % 500 === 0) void io.progress(i - headerIndex, total, "checking");
  }
  void io.progress?.(total, total, "checking");
  return out;
}

/** Repeats of the file: one decision for all (merge or keep both), or an error when the module holds a key once. */
function applyRepeats<F extends string, R, O>(
  module: ImportModule<F, R, O, unknown, object>,
  rows: ParsedRow<R>[],
  decision: DuplicateDecision | undefined,
  result: ImportResult,
  issue: (row: number, column: string | null, value: string | null, code: string) => ImportIssue,
): ParsedRow<R>[] {
  const repeats = module.repeats;
  if (!repeats) return rows;
  const seen = new Map<string, ParsedRow<R>[]>();
  const kept: ParsedRow<R>[] = [];
  for (const r of rows) {
    const key = repeats.key(r.value);
    const earlier = seen.get(key) ?? [];
    const first = earlier.find((e) => !repeats.same || repeats.same(e.value, r.value));
    if (!first) {
      seen.set(key, [...earlier, r]);
      kept.push(r);
      continue;
    }
    if (repeats.mode === "refuse") {
      result.report.errors.push(issue(r.row, null, key.replaceAll("\u0000", "|"), "duplicate_row"));
      continue;
    }
    const name = repeats.name(r.value);
    result.duplicates.push({ row: r.row, firstRow: first.row, name });
    result.report.warnings.push(issue(r.row, null, name, "duplicate_in_file"));
    if (decision === "merge") repeats.merge?.(first.value, r.value);
    else if (decision === "keep_both") kept.push(r);
  }
  result.report.errors.sort((a, b) => a.row - b.row);
  if (result.duplicates.length) {
    if (decision) result.duplicatesDecision = decision;
    else result.decisionRequired = "duplicates";
  }
  return kept;
}

function capIssues(report: ImportReport, issue: (row: number, c: null, v: string, code: string) => ImportIssue) {
  const count = report.errors.length;
  if (count <= MAX_ISSUES) return;
  report.errors = report.errors.slice(0, MAX_ISSUES);
  report.errors.push({
    ...issue(0, null, String(count), "too_many_issues"),
    message: {
      en: `${count} problems in all; the first ${MAX_ISSUES} are listed.`,
      ru: `Всего проблем: ${count}; показаны первые ${MAX_ISSUES}.`,
    },
  });
}
