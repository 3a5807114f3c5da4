import * as XLSX from "@e965/xlsx";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { binaryUpload } from "../../../../test/imports.js";
import { type Cell, libreOfficeOds, openXmlSdkWorkbook } from "../../../../test/spreadsheet-fixtures.js";

/**
 * Issue 16, "Done when": files that other programs wrote go through a module's import on the platform's pipeline, from
 * the upload's type check to the rows written, not only through the reader. The same Russian treatment-locator list
 * (Russian headers, Cyrillic names, no country column) as a legacy .xls, a LibreOffice .ods, a .NET Open XML SDK
 * workbook (x: prefixes, inline strings, absolute targets), a UTF-16 CSV (Excel's "Unicode text", tabs) and a `;`
 * CSV in Windows-1251 with decimal commas (Russian Excel's "CSV"): each is uploaded through POST /files, checked and
 * imported, and the facility reads back with its name and coordinates as written.
 */

/** Windows-1251 bytes of a text (the encoder built from the decoder's table; throws on a character it lacks). */
function windows1251(text: string): Buffer {
  const table = new Map<string, number>();
  const decoded = new TextDecoder("windows-1251").decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  for (const [i, ch] of [...decoded].entries()) table.set(ch, i);
  return Buffer.from(
    [...text].map((ch) => {
      const byte = table.get(ch);
      if (byte === undefined) throw new Error(`${ch} is not in Windows-1251`);
      return byte;
    }),
  );
}

const HEADER = ["Название", "Город", "Широта", "Долгота", "Услуги"];
/** One facility per producer, so each file's own row is found after its import. */
const rowOf = (name: string, lat: number, lon: number): Cell[] => [name, "Бишкек", lat, lon, "Детоксикация"];

describe("imports of files other programs wrote, through the pipeline", () => {
  const t = useTestApp();
  let focal: TestClient;
  let visitor: TestClient;

  beforeAll(async () => {
    focal = await t.signIn("focal_point", { partnerCode: "KGZ" });
    visitor = await t.visitor();
  });

  const text = (rows: Cell[][], delimiter: string, decimal: "." | ",") =>
    rows
      .map((r) => r.map((c) => (typeof c === "number" ? String(c).replace(".", decimal) : (c ?? ""))).join(delimiter))
      .join("\r\n");

  const cases: { file: string; mediaType: string; name: string; build: (rows: Cell[][]) => Buffer }[] = [
    {
      file: "центры.xls",
      mediaType: "application/vnd.ms-excel",
      name: "Центр «Старый Excel»",
      build: (rows) =>
        Buffer.from(
          XLSX.write(XLSX.utils.book_new(XLSX.utils.aoa_to_sheet(rows), "Центры"), { type: "buffer", bookType: "xls" }),
        ),
    },
    {
      file: "центры.ods",
      mediaType: "application/vnd.oasis.opendocument.spreadsheet",
      name: "Центр «LibreOffice»",
      build: (rows) => libreOfficeOds([{ name: "Центры", rows }], -1),
    },
    {
      file: "центры.xlsx",
      mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      name: "Центр «Open XML SDK»",
      build: (rows) => openXmlSdkWorkbook([{ name: "Центры", rows }]),
    },
    {
      file: "центры-unicode.txt.csv",
      mediaType: "text/csv",
      name: "Центр «Юникод»",
      build: (rows) => Buffer.from(`\uFEFF${text(rows, "\t", ".")}`, "utf16le"),
    },
    {
      file: "центры-1251.csv",
      mediaType: "text/csv",
      name: "Центр «Кириллица»",
      build: (rows) => windows1251(text(rows, ";", ",")),
    },
  ];

  it.each(cases)("imports a locator list written as $file", async ({ file, mediaType, name, build }) => {
    const lat = 42.87 + cases.findIndex((c) => c.file === file) / 100;
    const data = build([HEADER, rowOf(name, lat, 74.59)]);
    const uploaded = await focal.request({
      method: "POST",
      url: "/api/v1/files",
      ...binaryUpload(file, data),
    });
    expect(uploaded.statusCode, file).toBe(201);
    expect(uploaded.json().mediaType).toBe(mediaType);
    const run = (dryRun: boolean) =>
      focal.request({
        method: "POST",
        url: "/api/v1/facilities/import",
        payload: { fileId: uploaded.json().id, country: "KGZ", dryRun },
      });
    const checked = (await run(true)).json();
    expect(checked).toMatchObject({ refused: false, rowsRead: 1, created: 1, unmapped: [] });
    expect(checked.report?.errors ?? checked.errors).toEqual([]);
    const done = (await run(false)).json();
    expect(done).toMatchObject({ refused: false, imported: 1, created: 1 });
    const found = (await visitor.request({ url: "/api/v1/facilities?country=KGZ&limit=100" })).json().items;
    const facility = found.find((f: { name: { ru?: string } }) => f.name.ru === name);
    expect(facility, `${file}: ${name}`).toBeDefined();
    const full = (await visitor.request({ url: `/api/v1/facilities/${facility.id}` })).json();
    expect(full.city).toBe("Бишкек");
    expect(full.latitude).toBeCloseTo(lat, 6);
    expect(full.longitude).toBeCloseTo(74.59, 6);
    expect(full.services).toEqual(["withdrawal_management"]);
  });
});
