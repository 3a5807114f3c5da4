import { ReadStream, statSync } from "node:fs";
import type { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type ExcelJS from "exceljs";
import Papa from "papaparse";
import yauzl from "yauzl";
import { decodeText, detectEncoding, looksLikeText } from "./text-encoding.js";
import { readWorkbook, type WorkbookSheet } from "./workbook-read.js";
import { isZipTooLarge, openXlsxFile, openXlsxStream, type XlsxSheetStream } from "./xlsx-stream.js";

export { decodeText } from "./text-encoding.js";

/**
 * Reading and writing spreadsheets for every import and export of the platform: CSV in any of the encodings
 * people's programs write (text-encoding.ts), XLSX from any producer, legacy XLS and ODS (workbook-read.ts).
 * Cells are read as trimmed strings: numbers as JavaScript prints them, dates as `YYYY-MM-DD`
 * (or `YYYY-MM-DDTHH:mm:ss` when they carry a time), formulas as their cached result. Domain modules
 * then parse and validate each cell themselves and report problems with row numbers as the user sees them.
 */
export interface TabularSheet {
  name: string;
  /** Every row of the sheet, blank rows included, so `index + 1` is the spreadsheet's row number. */
  rows: string[][];
  /** A CSV's delimiter as detected (a hint to its locale: `;` goes with a decimal comma); absent for a workbook. */
  delimiter?: string;
}

export class TabularError extends Error {
  constructor(
    readonly code: "unsupported_file_type" | "unreadable_file" | "empty_file",
    message: string,
  ) {
    super(message);
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** OLE2 compound file: legacy .xls (BIFF5/8). */
const OLE2_MAGIC = Buffer.from("d0cf11e0a1b11ae1", "hex");
const ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet";
/** Beyond this many rows per sheet a file is refused before parsing further (protects memory). */
export const MAX_TABULAR_ROWS = 2_000_000;

export type TabularFormat = "csv" | "xlsx" | "xls" | "ods";

/** An ODF package starts with its `mimetype` entry, stored uncompressed, so its media type is at a fixed place. */
export function isOdsPackage(data: Buffer): boolean {
  return (
    data.subarray(0, 4).equals(ZIP_MAGIC) &&
    data.subarray(30, 38).toString("latin1") === "mimetype" &&
    data.subarray(38, 38 + ODS_MIMETYPE.length).toString("latin1") === ODS_MIMETYPE
  );
}

/** Decides the format from the content (zip, ODF package, OLE2 signature); the name only explains a refusal. */
export function detectTabularFormat(data: Buffer, fileName: string): TabularFormat {
  const lower = fileName.toLowerCase();
  if (isOdsPackage(data)) return "ods";
  if (data.subarray(0, 4).equals(ZIP_MAGIC)) return lower.endsWith(".ods") ? "ods" : "xlsx";
  if (data.subarray(0, 8).equals(OLE2_MAGIC)) return "xls";
  if (/\.(xlsx|xls|ods)$/.test(lower))
    throw new TabularError(
      "unreadable_file",
      `The file is named ${lower.slice(lower.lastIndexOf("."))} but is not a workbook`,
    );
  if (!looksLikeText(data.subarray(0, 64 * 1024), data.length <= 64 * 1024))
    throw new TabularError("unsupported_file_type", "The file is neither a CSV nor a workbook (XLSX, XLS, ODS)");
  return "csv";
}

/** Reads a CSV file or a workbook (XLSX, XLS, ODS) into sheets of string cells. */
export async function readTabular(data: Buffer, fileName: string): Promise<TabularSheet[]> {
  if (data.length === 0) throw new TabularError("empty_file", "The file is empty");
  const format = detectTabularFormat(data, fileName);
  if (format === "csv") {
    const text = decodeText(data);
    return [{ name: fileName.replace(/\.[^.]+$/, ""), rows: readCsv(text), delimiter: guessDelimiter(text) }];
  }
  return (await openWorkbook(data, format)).map((sheet) => ({ name: sheet.name, rows: sheet.rows(0, sheet.rowCount) }));
}

/**
 * Picks the delimiter (comma, semicolon, tab) whose non-zero count per line repeats most often over the first
 * lines: a header and data rows agree on it, while notes lines and decimal commas do not.
 */
function guessDelimiter(text: string): string {
  const lines = text.split(/\r?\n/, 30).filter((l) => l.trim());
  let best = ",";
  let bestScore = 0;
  for (const d of [",", ";", "\t"]) {
    const frequency = new Map<number, number>();
    for (const line of lines) {
      const n = line.split(d).length - 1;
      if (n > 0) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    }
    const score = Math.max(0, ...frequency.values());
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

export function readCsv(data: Buffer | string): string[][] {
  const text = typeof data === "string" ? data : decodeText(data);
  try {
    const rows = parse(text, {
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
    if (rows.length > MAX_TABULAR_ROWS) throw new TabularError("unreadable_file", `More than ${MAX_TABULAR_ROWS} rows`);
    return rows;
  } catch (err) {
    if (err instanceof TabularError) throw err;
    throw new TabularError("unreadable_file", `The CSV file could not be read: ${(err as Error).message}`);
  }
}

/** A sheet read as a stream: its first rows (to find the header) and then the rest in batches. */
export interface TabularSheetStream {
  name: string;
  /** The first rows of the sheet (up to `HEAD_ROWS`), blank rows included: `index + 1` is the row number. */
  head: string[][];
  /** The rows after `head`, in batches, in order; row numbers go on from `head.length + 1`. */
  rest: AsyncIterable<string[][]>;
  /** Bytes of the file consumed so far and in all (`null` when unknown): for progress bars. */
  bytesRead(): number;
  /** The CSV's delimiter as detected (a hint to its locale: `;` goes with a decimal comma); null for a workbook. */
  delimiter: string | null;
}

const HEAD_ROWS = 200;
const SNIFF_BYTES = 256 * 1024;
const BATCH_ROWS = 2000;

/**
 * Reads a CSV or XLSX file from a stream without holding a CSV in memory: the first bytes decide the format,
 * the character set (UTF-8, else Windows-1251) and the delimiter; then rows come in batches as the parser
 * produces them. A workbook is a zip and has to be read whole (its size is bounded by `assertZipSafe`).
 * Errors (unreadable file, too many rows) are `TabularError`s, raised from `streamTabular` or while iterating.
 */
export async function streamTabular(input: Readable, fileName: string): Promise<TabularSheetStream[]> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const first: Buffer[] = [];
  let sniffed = 0;
  let ended = false;
  const readError = (err: unknown): never => {
    input.destroy();
    throw new TabularError("unreadable_file", `The file could not be read: ${(err as Error).message}`);
  };
  while (sniffed < SNIFF_BYTES) {
    const next = await iterator.next().catch(readError);
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    first.push(chunk);
    sniffed += chunk.length;
  }
  const sniff = Buffer.concat(first);
  if (sniff.length === 0) throw new TabularError("empty_file", "The file is empty");
  const format = detectTabularFormat(sniff, fileName);
  // A workbook stored on disk (an upload in the file store, a file given to the CLI) is read from its file: only
  // the parts and the compressed bytes of the sheet being read are in memory, never the whole file.
  const onDisk = format === "xlsx" ? diskFileOf(input) : null;
  if (onDisk) {
    const streamed = await streamXlsx(() => openXlsxFile(onDisk.path, MAX_TABULAR_ROWS, ZIP_LIMITS), onDisk.size);
    if (streamed) {
      input.destroy();
      return streamed;
    }
  }
  if (format !== "csv") {
    const chunks: Buffer[] = [sniff];
    let size = sniff.length;
    if (!ended) {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
        chunks.push(chunk);
        size += chunk.length;
      }
    }
    const data = Buffer.concat(chunks);
    // An XLSX sheet is inflated and parsed as its rows are asked for: memory does not grow with the sheet.
    const streamed =
      format === "xlsx"
        ? await assertZipSafe(data).then(() => streamXlsx(() => openXlsxStream(data, MAX_TABULAR_ROWS), data.length))
        : null;
    if (streamed) return streamed;
    const sheets = await openWorkbook(data, format);
    // Cells become strings a batch at a time, so the parsed workbook and its text are not both held whole.
    return sheets.map((sheet) => ({
      name: sheet.name,
      head: sheet.rows(0, HEAD_ROWS),
      rest: (async function* () {
        for (let i = HEAD_ROWS; i < sheet.rowCount; i += BATCH_ROWS) yield sheet.rows(i, i + BATCH_ROWS);
      })(),
      bytesRead: () => size,
      delimiter: null,
    }));
  }
  const { encoding, bom } = detectEncoding(sniff, ended);
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  let bytes = 0;
  const text = (async function* () {
    bytes += sniff.length;
    yield decoder.decode(sniff.subarray(bom), { stream: true });
    if (!ended) {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
        bytes += chunk.length;
        yield decoder.decode(chunk, { stream: true });
      }
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  })();
  // Papa Parse, run on whole records: several times faster than csv-parse on large files. A chunk of text is
  // cut after its last line break outside quotes (an even number of quotes before it), the rest carried over.
  const sample = new TextDecoder(encoding, { ignoreBOM: true }).decode(sniff.subarray(bom));
  const delimiter = guessDelimiter(sample);
  const newline = sample.includes("\r\n") ? "\r\n" : sample.includes("\n") ? "\n" : "\r";
  const parseRecords = (piece: string): string[][] => {
    const body = newline === "\r\n" && piece.endsWith("\r") ? piece.slice(0, -1) : piece;
    return Papa.parse<string[]>(body, { delimiter, newline, skipEmptyLines: false }).data;
  };
  const records = (async function* () {
    let carry = "";
    let quotes = 0;
    for await (const chunk of text) {
      const buffer = carry + chunk;
      // Quotes in `carry` were counted already; count only the new text, remembering the last even-parity break.
      let cut = -1;
      let parity = quotes;
      for (let i = carry.length; i < buffer.length; i++) {
        const c = buffer.charCodeAt(i);
        if (c === 34) parity ^= 1;
        else if (c === 10 && parity === 0) cut = i;
      }
      if (cut < 0) {
        carry = buffer;
        quotes = parity;
        continue;
      }
      yield parseRecords(buffer.slice(0, cut));
      carry = buffer.slice(cut + 1);
      quotes = 0;
      for (let i = 0; i < carry.length; i++) if (carry.charCodeAt(i) === 34) quotes ^= 1;
    }
    if (carry.length) yield parseRecords(carry);
  })();
  let count = 0;
  let queue: string[][] = [];
  let at = 0;
  const fail = (err: unknown): never => {
    input.destroy();
    if (err instanceof TabularError) throw err;
    throw new TabularError("unreadable_file", `The CSV file could not be read: ${(err as Error).message}`);
  };
  const take = async (n: number): Promise<string[][]> => {
    const rows: string[][] = [];
    try {
      while (rows.length < n) {
        if (at >= queue.length) {
          const next = await records.next();
          if (next.done) break;
          queue = next.value;
          at = 0;
          continue;
        }
        const cells = queue[at++] as string[];
        for (let i = 0; i < cells.length; i++) {
          const c = cells[i] as string;
          if (c.length && (c.charCodeAt(0) <= 32 || c.charCodeAt(c.length - 1) <= 32)) cells[i] = c.trim();
        }
        rows.push(cells);
      }
    } catch (err) {
      fail(err);
    }
    count += rows.length;
    if (count > MAX_TABULAR_ROWS) fail(new TabularError("unreadable_file", `More than ${MAX_TABULAR_ROWS} rows`));
    return rows;
  };
  const head = await take(HEAD_ROWS);
  return [
    {
      name: fileName.replace(/\.[^.]+$/, ""),
      head,
      rest: (async function* () {
        try {
          for (let rows = await take(BATCH_ROWS); rows.length; rows = await take(BATCH_ROWS)) yield rows;
        } finally {
          // An early stop (the caller gave up) must not leave the file open.
          input.destroy();
        }
      })(),
      bytesRead: () => bytes,
      delimiter,
    },
  ];
}

/**
 * The sheets of an XLSX package read as streams (`xlsx-stream.ts`), each sheet's first rows read at once to find
 * its header; null when the package is not laid out as that reader expects (it is then read whole).
 */
async function streamXlsx(
  open: () => Promise<XlsxSheetStream[] | null>,
  size: number,
): Promise<TabularSheetStream[] | null> {
  const sheets = await open().catch((err) => {
    if (isZipTooLarge(err)) throw new TabularError("unreadable_file", err.message);
    return null;
  });
  if (!sheets) return null;
  if (sheets.length === 0) throw new TabularError("empty_file", "The workbook has no sheets");
  const unreadable = (err: unknown) =>
    err instanceof TabularError
      ? err
      : new TabularError("unreadable_file", `The XLSX workbook could not be read: ${(err as Error).message}`);
  const out: TabularSheetStream[] = [];
  for (const sheet of sheets) {
    const batches = sheet.batches(BATCH_ROWS);
    const first: string[][] = [];
    try {
      while (first.length < HEAD_ROWS) {
        const next = await batches.next();
        if (next.done) break;
        for (const row of next.value) first.push(row);
      }
    } catch (err) {
      throw unreadable(err);
    }
    const head = first.slice(0, HEAD_ROWS);
    const carried = first.slice(HEAD_ROWS);
    out.push({
      name: sheet.name,
      head,
      rest: (async function* () {
        try {
          if (carried.length) yield carried;
          for (let next = await batches.next(); !next.done; next = await batches.next()) yield next.value;
        } catch (err) {
          throw unreadable(err);
        } finally {
          await batches.return(undefined);
        }
      })(),
      bytesRead: () => size,
      delimiter: null,
    });
  }
  return out;
}

/** The file behind a stream that reads a whole file from disk (`fs.createReadStream(path)`), with its size. */
function diskFileOf(input: Readable): { path: string; size: number } | null {
  if (!(input instanceof ReadStream) || typeof input.path !== "string") return null;
  // A stream of part of a file (`start` given) is not the whole file.
  if ((input as ReadStream & { start?: number }).start !== undefined) return null;
  try {
    const stat = statSync(input.path);
    return stat.isFile() ? { path: input.path, size: stat.size } : null;
  } catch {
    return null;
  }
}

/** Limits for a workbook's zip container, checked from its central directory before anything is inflated. */
export const ZIP_LIMITS = { maxEntries: 5_000, maxUncompressedBytes: 512 * 1024 * 1024, maxRatio: 200 };

/**
 * Refuses zip bombs: too many entries, too much declared uncompressed data, or a compression ratio no
 * spreadsheet has. XLSX and ODS files are zips, and a reader inflates their parts into memory.
 */
export async function assertZipSafe(data: Buffer, limits = ZIP_LIMITS): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true }, (err, z) =>
      err || !z ? reject(err) : resolve(z),
    ),
  ).catch((err: Error) => {
    throw new TabularError("unreadable_file", `The workbook could not be read: ${err.message}`);
  });
  let entries = 0;
  let total = 0;
  let compressed = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      entries++;
      total += entry.uncompressedSize;
      compressed += entry.compressedSize;
      if (entries > limits.maxEntries || total > limits.maxUncompressedBytes) {
        zip.close();
        reject(new TabularError("unreadable_file", "The workbook expands to more data than any spreadsheet should"));
        return;
      }
      zip.readEntry();
    });
    zip.on("end", () => resolve());
    zip.on("error", (err: Error) => reject(new TabularError("unreadable_file", err.message)));
    zip.readEntry();
  });
  if (total > 1024 * 1024 && total / Math.max(1, compressed) > limits.maxRatio) {
    throw new TabularError("unreadable_file", "The workbook is compressed suspiciously well (a zip bomb?)");
  }
}

/** exceljs takes about a second to load: it is loaded when a workbook is first read or written, not at start. */
async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import("exceljs");
  return new excel.Workbook();
}

/** A workbook's sheets; a zip container (XLSX, ODS) is checked against zip bombs before it is inflated. */
async function openWorkbook(data: Buffer, format: Exclude<TabularFormat, "csv">): Promise<WorkbookSheet[]> {
  if (format !== "xls") await assertZipSafe(data);
  let sheets: WorkbookSheet[];
  try {
    sheets = await readWorkbook(data, MAX_TABULAR_ROWS);
  } catch (err) {
    const kind = format.toUpperCase();
    throw new TabularError("unreadable_file", `The ${kind} workbook could not be read: ${(err as Error).message}`);
  }
  if (sheets.some((sheet) => sheet.rowCount > MAX_TABULAR_ROWS))
    throw new TabularError("unreadable_file", `More than ${MAX_TABULAR_ROWS} rows`);
  if (sheets.length === 0) throw new TabularError("empty_file", "The workbook has no sheets");
  return sheets;
}

/** Normalises a header for matching: case, spaces, punctuation and diacritics ignored. */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * Finds the header row: the first row (within the first `scan` rows) containing at least `minMatches`
 * of the expected headers. Returns -1 when none does.
 */
export function findHeaderRow(rows: string[][], expected: readonly string[], minMatches = 2, scan = 30): number {
  const wanted = new Set(expected.map(normalizeHeader));
  for (let i = 0; i < Math.min(rows.length, scan); i++) {
    const found = (rows[i] ?? []).filter((cell) => wanted.has(normalizeHeader(cell))).length;
    if (found >= Math.min(minMatches, wanted.size)) return i;
  }
  return -1;
}

export interface TableColumn {
  key: string;
  header: string;
  /** Column width in characters (XLSX). */
  width?: number;
  /** XLSX number format, e.g. `#,##0.00` or `yyyy-mm-dd`. */
  numFmt?: string;
}

export interface TableSheet {
  name: string;
  columns: TableColumn[];
  rows: Record<string, unknown>[];
  /** Lines written above the header (title, filters applied, source); each in its own row. */
  preamble?: string[];
  /** Lines written under the table (notes, suppression rules). */
  notes?: string[];
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ . */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet";
  let candidate = base;
  for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 28)} ${i}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

/** Writes sheets to an XLSX workbook: bold frozen header, auto filter, widths and number formats. */
export async function writeXlsx(
  sheets: TableSheet[],
  meta: { creator?: string; title?: string } = {},
): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = meta.creator ?? "Paris Pact Platform";
  if (meta.title) workbook.title = meta.title;
  workbook.created = new Date();
  const used = new Set<string>();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheetName(sheet.name, used));
    for (const line of sheet.preamble ?? []) ws.addRow([line]).font = { italic: true };
    if (sheet.preamble?.length) ws.addRow([]);
    const headerRow = ws.addRow(sheet.columns.map((c) => c.header));
    headerRow.font = { bold: true };
    const headerIndex = headerRow.number;
    sheet.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width ?? Math.min(60, Math.max(10, c.header.length + 2));
      if (c.numFmt) col.numFmt = c.numFmt;
    });
    for (const row of sheet.rows) ws.addRow(sheet.columns.map((c) => toCell(row[c.key])));
    ws.views = [{ state: "frozen", ySplit: headerIndex }];
    if (sheet.rows.length) {
      ws.autoFilter = { from: { row: headerIndex, column: 1 }, to: { row: headerIndex, column: sheet.columns.length } };
    }
    if (sheet.notes?.length) {
      ws.addRow([]);
      for (const line of sheet.notes) ws.addRow([line]).font = { italic: true };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function toCell(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean" || value instanceof Date) {
    return value;
  }
  if (Array.isArray(value)) return value.join("; ");
  return JSON.stringify(value);
}

/** Formula injection guard for CSV opened in spreadsheets (OWASP): a leading = + - @ is prefixed with '. */
function csvSafe(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = Array.isArray(value)
    ? value.join("; ")
    : value instanceof Date
      ? csvDate(value)
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);
  return typeof value === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A date cell in CSV: `YYYY-MM-DD` for a calendar date (midnight UTC), else the full ISO timestamp. */
function csvDate(value: Date): string {
  const iso = value.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

/** Writes a CSV (UTF-8 with BOM so Excel opens Cyrillic correctly), header first. */
export function writeCsv(columns: TableColumn[], rows: Record<string, unknown>[]): Buffer {
  const body = stringify([columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => csvSafe(r[c.key])))], {
    record_delimiter: "\r\n",
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, "utf8")]);
}

export const TABULAR_CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** `Content-Disposition` for a download, with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
