import { describe, expect, it } from "vitest";
import { zipEntries } from "../../../test/spreadsheet-fixtures.js";
import { findHeaderRow, readTabular, TabularError, writeCsv, writeXlsx } from "./tabular.js";

describe("tabular files", () => {
  it("reads semicolon CSV in UTF-8 or Windows-1251 and keeps row numbers", async () => {
    const text = "Страна;Количество\r\nТаджикистан;12,5\r\n\r\nПримечание";
    const utf8 = Buffer.from(text, "utf8");
    const [sheet] = await readTabular(utf8, "a.csv");
    expect(sheet?.rows[0]).toEqual(["Страна", "Количество"]);
    expect(sheet?.rows[1]).toEqual(["Таджикистан", "12,5"]);
    expect(sheet?.rows[2]).toEqual([""]);
    // Windows-1251 bytes of "Душанбе"
    const win = Buffer.from([0xc4, 0xf3, 0xf8, 0xe0, 0xed, 0xe1, 0xe5]);
    const [w] = await readTabular(Buffer.concat([Buffer.from("city\n"), win]), "b.csv");
    expect(w?.rows[1]).toEqual(["Душанбе"]);
  });

  it("round-trips XLSX with dates and numbers, and finds the header row under a title", async () => {
    const xlsx = await writeXlsx([
      {
        name: "Seizures",
        preamble: ["Title line"],
        columns: [
          { key: "d", header: "Seizure Date" },
          { key: "q", header: "Quantity Seized" },
        ],
        rows: [{ d: new Date(Date.UTC(2023, 4, 17)), q: 12.5 }],
      },
    ]);
    const [sheet] = await readTabular(xlsx, "x.xlsx");
    const header = findHeaderRow(sheet?.rows ?? [], ["Seizure Date", "quantity seized"]);
    expect(header).toBe(2);
    expect(sheet?.rows[header + 1]).toEqual(["2023-05-17", "12.5"]);
  });

  it("refuses legacy .xls and binary content, and a fake .xlsx", async () => {
    await expect(readTabular(Buffer.from("d0cf11e0a1b11ae100", "hex"), "old.xls")).rejects.toBeInstanceOf(TabularError);
    await expect(readTabular(Buffer.from("a,b\n1,2"), "fake.xlsx")).rejects.toMatchObject({ code: "unreadable_file" });
    await expect(readTabular(Buffer.alloc(0), "e.csv")).rejects.toMatchObject({ code: "empty_file" });
  });

  it("guards CSV cells against formula injection and writes a BOM", () => {
    const csv = writeCsv([{ key: "a", header: "A" }], [{ a: "=HYPERLINK(1)" }, { a: "-5" }, { a: 3 }]).toString("utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain("'=HYPERLINK(1)");
    expect(csv).toContain("'-5");
    expect(csv).toContain("\r\n3");
  });
});

describe("zip bombs", () => {
  it("refuses a workbook that inflates far beyond its size, before inflating it", async () => {
    const bomb = zipEntries([{ name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(20 * 1024 * 1024, 0x20) }]);
    expect(bomb.length).toBeLessThan(100_000);
    await expect(readTabular(bomb, "bomb.xlsx")).rejects.toMatchObject({
      code: "unreadable_file",
      message: expect.stringMatching(/zip bomb/),
    });
  });
});
