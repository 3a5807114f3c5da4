import type { CellObject, WorkBook, WorkSheet } from "@e965/xlsx";

/**
 * Workbooks as other programs write them, read with SheetJS (`@e965/xlsx`, the project's own build published on
 * npm): XLSX from any producer (Excel, LibreOffice, Google Sheets, the .NET Open XML SDK with its `x:` prefixes,
 * inline strings and absolute part names, which exceljs cannot read), legacy .xls (BIFF in an OLE2 container) and
 * ODS. Measured on a 200,000-row IDS workbook it holds half the memory of exceljs's in-memory reader and takes
 * half the time (docs/seizures.md, "Reading files").
 */
export type WorkbookFormat = "xlsx" | "xls" | "ods";

/** A sheet as SheetJS read it (dense rows of cells), turned into text row by row when asked. */
export interface WorkbookSheet {
  name: string;
  rowCount: number;
  /** Rows `from` to `to` (exclusive) as trimmed strings, trailing empty cells dropped. */
  rows(from: number, to: number): string[][];
}

/** SheetJS is large: it is loaded when a workbook is first read, not at start. */
async function loadSheetJs() {
  return import("@e965/xlsx");
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Reads a workbook; `maxRows` bounds what is parsed per sheet (one more is read to tell that it was exceeded). */
export async function readWorkbook(data: Buffer, maxRows: number): Promise<WorkbookSheet[]> {
  const XLSX = await loadSheetJs();
  const workbook: WorkBook = XLSX.read(data, {
    type: "buffer",
    dense: true,
    cellNF: true,
    cellText: false,
    cellHTML: false,
    cellFormula: false,
    cellStyles: false,
    sheetRows: maxRows + 1,
  });
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  const text = (cell: CellObject | undefined): string => {
    if (!cell || cell.v === undefined || cell.v === null) return "";
    if (cell.t === "e") return "";
    if (cell.t === "n" && typeof cell.v === "number" && cell.z !== undefined && XLSX.SSF.is_date(cell.z)) {
      const d = XLSX.SSF.parse_date_code(cell.v, { date1904 });
      const date = `${d.y}-${pad(d.m)}-${pad(d.d)}`;
      return d.H || d.M || d.S ? `${date}T${pad(d.H)}:${pad(d.M)}:${pad(d.S)}` : date;
    }
    if (cell.v instanceof Date)
      return cell.v
        .toISOString()
        .replace(/T00:00:00\.000Z$/, "")
        .replace(/\.000Z$/, "");
    return String(cell.v).trim();
  };
  return workbook.SheetNames.map((name) => {
    const sheet = workbook.Sheets[name] as WorkSheet;
    const dense = (sheet["!data"] ?? []) as (CellObject[] | undefined)[];
    return {
      name,
      rowCount: dense.length,
      rows(from: number, to: number) {
        const out: string[][] = [];
        for (let r = from; r < Math.min(to, dense.length); r++) {
          const row = dense[r] ?? [];
          const cells: string[] = [];
          for (let c = 0; c < row.length; c++) cells.push(text(row[c]));
          while (cells.length && cells[cells.length - 1] === "") cells.pop();
          out.push(cells);
        }
        return out;
      },
    };
  });
}
