import { findHeaderRow, normalizeHeader, type TabularSheet } from "./tabular.js";

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
