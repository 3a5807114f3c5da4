import { Readable } from "node:stream";
import * as XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import {
  type Cell,
  encodeSingleByte,
  libreOfficeOds,
  libreOfficeWorkbook,
  openXmlSdkWorkbook,
} from "../../../test/spreadsheet-fixtures.js";
import { readTabular, streamTabular } from "./tabular.js";
import { stackSheets } from "./tabular-stack.js";
import { detectEncoding } from "./text-encoding.js";

/** Files as other programs write them: each case was refused or misread before SheetJS and encoding detection. */

const IDS: Cell[][] = [
  ["Seizure date", "Country", "Drug", "Quantity", "Unit", "Place"],
  ["2019-03-14", "Tajikistan", "Cocaine hydrochloride (HCl, powder cocaine)", 12.5, "kg", "Road/ Street/highway"],
  ["2019-11-02", "Таджикистан", "Crack cocaine", 3, "tablet/pill", "Private dwelling/Residence/Home/Private Garage"],
];
const EXPECTED = [
  ["Seizure date", "Country", "Drug", "Quantity", "Unit", "Place"],
  ["2019-03-14", "Tajikistan", "Cocaine hydrochloride (HCl, powder cocaine)", "12.5", "kg", "Road/ Street/highway"],
  ["2019-11-02", "Таджикистан", "Crack cocaine", "3", "tablet/pill", "Private dwelling/Residence/Home/Private Garage"],
];

async function streamedRows(data: Buffer, name: string, chunk = 997) {
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += chunk) parts.push(data.subarray(i, i + chunk));
  const sheets = await streamTabular(Readable.from(parts), name);
  const out: { name: string; rows: string[][] }[] = [];
  for (const sheet of sheets) {
    const rows = [...sheet.head];
    for await (const batch of sheet.rest) rows.push(...batch);
    out.push({ name: sheet.name, rows });
  }
  return out;
}

describe("workbooks from any producer", () => {
  it("reads a workbook written by the .NET Open XML SDK (x: prefixes, inline strings, absolute targets)", async () => {
    const data = openXmlSdkWorkbook(
      [
        { name: "2019", rows: IDS },
        { name: "2020", rows: [IDS[0] as Cell[], ["2020-01-05", "Kyrgyzstan", "Heroin", 0.25, "kg", "Airport"]] },
      ],
      { dateColumn: 0 },
    );
    expect(data.toString("latin1")).not.toContain("sharedStrings");
    const sheets = await readTabular(data, "IDS_export.xlsx");
    expect(sheets.map((s) => s.name)).toEqual(["2019", "2020"]);
    expect(sheets[0]?.rows).toEqual(EXPECTED);
    expect(sheets[1]?.rows[1]).toEqual(["2020-01-05", "Kyrgyzstan", "Heroin", "0.25", "kg", "Airport"]);
    const streamed = await streamedRows(data, "IDS_export.xlsx");
    expect(streamed[0]?.rows).toEqual(EXPECTED);
  });

  it("reads LibreOffice's XLSX: rich-text shared strings and a date format written in capitals", async () => {
    const [sheet] = await readTabular(libreOfficeWorkbook({ name: "Data", rows: IDS }, 0), "calc.xlsx");
    expect(sheet?.rows).toEqual(EXPECTED);
  });

  it("reads LibreOffice's ODS without expanding its million trailing empty rows", async () => {
    const data = libreOfficeOds([{ name: "Лист1", rows: IDS }], 0);
    const [sheet] = await readTabular(data, "calc.ods");
    expect(sheet?.name).toBe("Лист1");
    expect(sheet?.rows).toEqual(EXPECTED);
    expect((await streamedRows(data, "calc.ods"))[0]?.rows).toEqual(EXPECTED);
  });

  it("reads a legacy .xls (BIFF8 in an OLE2 container) with a date cell", async () => {
    const sheet = XLSX.utils.aoa_to_sheet(
      IDS.map((row, r) => row.map((v, c) => (c === 0 && r > 0 ? new Date(`${v}T00:00:00Z`) : v))),
      { cellDates: true },
    );
    const data = Buffer.from(XLSX.write(XLSX.utils.book_new(sheet, "Изъятия"), { type: "buffer", bookType: "xls" }));
    expect(data.subarray(0, 4).toString("hex")).toBe("d0cf11e0");
    const [read] = await readTabular(data, "old.xls");
    expect(read?.name).toBe("Изъятия");
    expect(read?.rows).toEqual(EXPECTED);
  });
});

function utf16(text: string, endian: "le" | "be"): Buffer {
  const le = Buffer.from(`\uFEFF${text}`, "utf16le");
  return endian === "le" ? le : Buffer.from(le).swap16();
}

describe("CSV in the encodings people's programs write", () => {
  // What Russian Excel writes for "CSV (разделители — запятые)": semicolons, decimal commas, Windows-1251.
  const russian =
    "Дата изъятия;Страна;Наркотик;Количество;Место\r\n14.03.2019;Таджикистан;Героин;12,5;Автомобильная дорога\r\n02.11.2019;Кыргызстан;Гашиш;0,75;Частное жилище\r\n";
  const expected = [
    ["Дата изъятия", "Страна", "Наркотик", "Количество", "Место"],
    ["14.03.2019", "Таджикистан", "Героин", "12,5", "Автомобильная дорога"],
    ["02.11.2019", "Кыргызстан", "Гашиш", "0,75", "Частное жилище"],
  ];
  const cases: [string, Buffer, string][] = [
    ["UTF-8", Buffer.from(russian, "utf8"), "utf-8"],
    ["UTF-8 with BOM", Buffer.from(`\uFEFF${russian}`, "utf8"), "utf-8"],
    ["UTF-16 LE with BOM", utf16(russian, "le"), "utf-16le"],
    ["UTF-16 BE with BOM", utf16(russian, "be"), "utf-16be"],
    ["Windows-1251", encodeSingleByte(russian, "windows-1251"), "windows-1251"],
    ["KOI8-R", encodeSingleByte(russian, "koi8-r"), "koi8-r"],
    // Excel's "Unicode text": UTF-16 LE with BOM and tabs.
    ["Excel Unicode text (tabs)", utf16(russian.replaceAll(";", "\t"), "le"), "utf-16le"],
  ];
  for (const [label, data, encoding] of cases) {
    it(`reads ${label}, in one piece and streamed`, async () => {
      expect(detectEncoding(data).encoding).toBe(encoding);
      expect((await readTabular(data, "изъятия.csv"))[0]?.rows.slice(0, 3)).toEqual(expected);
      // Odd chunk sizes cut UTF-16 code units and UTF-8 sequences in half.
      expect((await streamedRows(data, "изъятия.csv", 7))[0]?.rows.slice(0, 3)).toEqual(expected);
    });
  }

  it("tells KOI8-R from Windows-1251 on a header in capitals", () => {
    const caps = "СТРАНА,НАРКОТИК,КОЛИЧЕСТВО\r\nТАДЖИКИСТАН,ГЕРОИН,1\r\n";
    expect(detectEncoding(encodeSingleByte(caps, "koi8-r")).encoding).toBe("koi8-r");
    expect(detectEncoding(encodeSingleByte(caps, "windows-1251")).encoding).toBe("windows-1251");
  });
});

describe("workbooks with one sheet per year", () => {
  it("stacks the yearly sheets of an IDS release into one table, each row knowing its sheet and row", async () => {
    const header: Cell[] = ["Seizure date", "Country", "Drug", "Quantity", "Unit"];
    const year = (y: number, n: number): Cell[][] => [
      [`Individual drug seizures, ${y}`],
      header,
      ...Array.from({ length: n }, (_, i): Cell[] => [`${y}-0${i + 1}-15`, "Tajikistan", "Heroin", i + 1, "kg"]),
    ];
    const data = openXmlSdkWorkbook(
      [
        { name: "Notes", rows: [["Source: UNODC, Individual Drug Seizures"], ["Data as reported by Member States"]] },
        { name: "2019", rows: year(2019, 2) },
        { name: "2020", rows: [...year(2020, 3), [], ["2020-12-31", "Tajikistan", "Opium", 7, "kg"]] },
        { name: "2021", rows: year(2021, 1) },
      ],
      { dateColumn: 0 },
    );
    const table = stackSheets(await readTabular(data, "IDS_release.xlsx"), ["Seizure date", "Drug", "Quantity"]);
    expect(table?.header).toEqual(header);
    expect(table?.sheets).toEqual(["2019", "2020", "2021"]);
    expect(table?.skipped).toEqual(["Notes"]);
    expect(table?.rows).toHaveLength(2 + 4 + 1);
    expect(table?.rows[2]).toEqual(["2020-01-15", "Tajikistan", "Heroin", "1", "kg"]);
    expect(table?.origins[2]).toEqual({ sheet: "2020", row: 3 });
    expect(table?.origins[5]).toEqual({ sheet: "2020", row: 7 });
    expect(table?.origins[6]).toEqual({ sheet: "2021", row: 3 });
  });
});
