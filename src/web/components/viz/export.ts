/**
 * Client-side downloads for charts, maps and their tables: CSV (UTF-8 with BOM so Excel opens Cyrillic
 * right, formula-injection guard), XLSX (exceljs, loaded only when asked for), and data URLs (PNG).
 */

export type Cell = string | number | null | undefined;
export interface TableData {
  columns: string[];
  rows: Cell[][];
}

/** Cells that a spreadsheet would run as a formula get a leading apostrophe (OWASP CSV injection). */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : guardFormula(value);
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: TableData): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** A file name safe on every system, from a title. */
export function fileNameOf(title: string, extension: string): string {
  const base =
    title
      .normalize("NFC")
      .replace(/[\\/:*?"<>|]+/g, " ")
      .replace(/\p{Cc}+/gu, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 80) || "chart";
  return `${base}.${extension}`;
}

export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  downloadUrl(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadUrl(url: string, name: string): void {
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadCsv(table: TableData, title: string): void {
  downloadBlob(new Blob([toCsv(table)], { type: "text/csv;charset=utf-8" }), fileNameOf(title, "csv"));
}

/** XLSX through exceljs, fetched on first use (its own chunk: most users never export). */
export async function downloadXlsx(table: TableData, title: string, sheetName = "Data"): Promise<void> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || "Data");
  sheet.addRow(table.columns).font = { bold: true };
  for (const row of table.rows)
    sheet.addRow(row.map((c) => (typeof c === "string" ? guardFormula(c) : c === undefined ? null : c)));
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(...[table.columns[i], ...table.rows.map((r) => r[i])].map((c) => String(c ?? "").length));
    column.width = Math.min(Math.max(longest + 2, 8), 60);
  });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  const buffer = await workbook.xlsx.writeBuffer();
  downloadBlob(
    new Blob([buffer], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
    fileNameOf(title, "xlsx"),
  );
}
