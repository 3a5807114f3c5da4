/**
 * CSV as RFC 4180 writes it: CRLF line ends; a field with a comma, a double quote, CR or LF is quoted and its
 * quotes doubled. Spreadsheets also run a cell that starts with = + - @ (or a tab or CR) as a formula, so
 * such text is prefixed with an apostrophe: an exported audit log must not execute what a user typed.
 */
export const CSV_BOM = "\uFEFF";
const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text =
    value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
