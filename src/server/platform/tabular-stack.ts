import { findHeaderRow, normalizeHeader, type TabularSheet, type TabularSheetStream } from "./tabular.js";

/**
 * One table from a workbook laid out one sheet per year (UNODC's public IDS release): every sheet whose header
 * matches the first one's is stacked under it, each row keeping the sheet and row it came from so a report can
 * point the user at it. Sheets with another header (notes, a read-me) are left out and named.
 */
export interface StackedTable {
  header: string[];
  /** Data rows of every stacked sheet, in sheet order; blank rows left out. */
  rows: string[][];
  /** Where each row of `rows` came from: its sheet and its row number as the spreadsheet shows it. */
  origins: { sheet: string; row: number }[];
  sheets: string[];
  skipped: string[];
}

/** The header row of a sheet: the row with the expected headers, or else its first row with anything in it. */
function headerRowOf(sheet: TabularSheet, expected: readonly string[] | null): number {
  if (expected?.length) return findHeaderRow(sheet.rows, expected);
  return sheet.rows.findIndex((row) => row.some((cell) => cell !== ""));
}

const keyOf = (header: string[]) => header.map(normalizeHeader).filter(Boolean).join("|");

/** Stacks the sheets sharing the first sheet's header (found with `expected` headers when given); null if none has one. */
export function stackSheets(sheets: TabularSheet[], expected: readonly string[] | null = null): StackedTable | null {
  let table: StackedTable | null = null;
  let key = "";
  const skipped: string[] = [];
  for (const sheet of sheets) {
    const at = headerRowOf(sheet, expected);
    const header = at >= 0 ? (sheet.rows[at] ?? []) : [];
    if (at < 0 || (table && keyOf(header) !== key)) {
      skipped.push(sheet.name);
      continue;
    }
    if (!table) {
      table = { header, rows: [], origins: [], sheets: [], skipped };
      key = keyOf(header);
    }
    table.sheets.push(sheet.name);
    for (let i = at + 1; i < sheet.rows.length; i++) {
      const row = sheet.rows[i] ?? [];
      if (!row.some((cell) => cell !== "")) continue;
      table.rows.push(row);
      table.origins.push({ sheet: sheet.name, row: i + 1 });
    }
  }
  return table;
}

/** A sheet of a streamed workbook stacked under the first data sheet: its own header row (columns may be in another order). */
export interface StackedPart {
  sheet: TabularSheetStream;
  headerRow: number;
  header: string[];
}

/** How the sheets of a streamed workbook stack under its first data sheet. */
export interface StreamStack {
  /** The first data sheet, then every sheet with the same columns, in workbook order. */
  parts: StackedPart[];
  /** Sheets that look like data (a header row with some of the columns) but whose columns are not the same. */
  differing: { sheet: string; headerRow: number; missing: string[]; extra: string[] }[];
  /** Sheets with no such header row (notes, a read-me, blank sheets): left out. */
  skipped: string[];
}

const columnsOf = (header: string[]) => {
  const out = new Map<string, string>();
  for (const cell of header) {
    const key = normalizeHeader(cell);
    if (key && !out.has(key)) out.set(key, cell.trim());
  }
  return out;
};

/**
 * The streaming form of `stackSheets`, for the imports that read a workbook sheet by sheet: `first` is the sheet
 * (and `headerRow` its header row) where the import found its table; every other sheet whose header row, found
 * with `expected` (the columns the import reads), has the same columns in any order is stacked with it. A sheet
 * whose header has some of those columns but not the same set is named in `differing` (the import refuses it
 * rather than guess), and a sheet without one in `skipped`.
 */
export function stackSheetStreams(
  sheets: TabularSheetStream[],
  first: TabularSheetStream,
  headerRow: number,
  expected: readonly string[],
): StreamStack {
  const header = first.head[headerRow] ?? [];
  const columns = columnsOf(header);
  const stack: StreamStack = { parts: [], differing: [], skipped: [] };
  for (const sheet of sheets) {
    if (sheet === first) {
      stack.parts.push({ sheet, headerRow, header });
      continue;
    }
    const at = findHeaderRow(sheet.head, expected, Math.min(3, expected.length));
    if (at < 0) {
      stack.skipped.push(sheet.name);
      continue;
    }
    const own = sheet.head[at] ?? [];
    const theirs = columnsOf(own);
    const missing = [...columns].filter(([k]) => !theirs.has(k)).map(([, v]) => v);
    const extra = [...theirs].filter(([k]) => !columns.has(k)).map(([, v]) => v);
    if (missing.length || extra.length) stack.differing.push({ sheet: sheet.name, headerRow: at, missing, extra });
    else stack.parts.push({ sheet, headerRow: at, header: own });
  }
  return stack;
}
