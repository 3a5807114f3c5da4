import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { acceptSeizureTerms, scopeToCountries } from "../../../../test/api-calls.js";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { importSpreadsheet } from "../../../../test/imports.js";
import { type Cell, encodeSingleByte, openXmlSdkWorkbook } from "../../../../test/spreadsheet-fixtures.js";
import type { ImportIssue } from "../../../common/imports.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";
import { printSeizureReport } from "./seizures.cli.js";
import { countSeizures, IDS_HEADER, idsRow, inlineImportOptions } from "./seizures.fixtures.js";
import type { ImportOptions } from "./seizures.import.js";

/**
 * Issue 16: a workbook laid out one sheet per year (UNODC's public IDS release) imports in one go, through the web's
 * import job and `pact import`; a sheet with other columns refuses the file, named; and a CSV's decimal separator is
 * decided once per file from its own numbers (a Russian Excel's `;` CSV in Windows-1251 writes `1,5`).
 */
/** A Dushanbe seizure of `quantity` kilograms of `drug` on `date`, as a row of UNODC's release. */
const kilogramsRow = (date: string, drug: string, quantity: Cell): Cell[] =>
  idsRow<Cell>({
    "Seizure Date": date,
    "Drug/Substance": drug,
    "Measurement Unit": "Kilogram",
    "Quantity Seized": quantity,
  });
const yearSheet = (year: number, n: number, header: readonly string[] = IDS_HEADER) => ({
  name: String(year),
  rows: [
    [`Individual drug seizures, ${year}`],
    [...header],
    ...Array.from({ length: n }, (_, i) => kilogramsRow(`${year}-0${(i % 9) + 1}-1${i % 10}`, "Heroin", `${i + 1}.5`)),
  ],
});
const NOTES = { name: "Notes", rows: [["Source: UNODC, Individual Drug Seizures"], ["Data as reported"]] };

/** A CSV as a Russian Excel saves it: `;` between cells, CRLF, Windows-1251, the quantities as given. */
function russianCsv(quantities: string[]): Buffer {
  const header = IDS_HEADER.join(";");
  const lines = quantities.map((q, i) =>
    [
      `0${(i % 9) + 1}.03.2022`,
      "Таджикистан",
      "TJK",
      "Азия",
      "Центральная Азия",
      "Душанбе",
      "Душанбе",
      "Героин",
      "кг",
      q,
      "Airport",
      "Airplane",
    ].join(";"),
  );
  return encodeSingleByte(`${[header, ...lines].join("\r\n")}\r\n`, "windows-1251");
}

describe("a workbook with one sheet per year, and a file's decimal separator", () => {
  const t = useTestApp();
  let liaison: TestClient;
  const options = (over: Partial<ImportOptions> = {}) => inlineImportOptions({ fileName: "import.csv", ...over });
  const count = () => countSeizures(t);

  const webImport = (data: Buffer, name: string, body: Record<string, unknown>) =>
    importSpreadsheet(t, liaison, "/api/v1/seizures/imports", { name, data }, body);

  beforeAll(async () => {
    liaison = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    await scopeToCountries(t, liaison, ["TJK"]);
    await acceptSeizureTerms(liaison);
  });

  it("imports every yearly sheet of a .NET Open XML SDK workbook in one go, and says how many rows each gave", async () => {
    // Columns in another order on one sheet, a blank row and a note sheet: still one table.
    const reordered = [...IDS_HEADER].reverse();
    const y2021 = yearSheet(2021, 2);
    const data = openXmlSdkWorkbook([
      NOTES,
      yearSheet(2019, 3),
      { ...yearSheet(2020, 4), rows: [...yearSheet(2020, 4).rows, [], kilogramsRow("2020-12-31", "Opium", "7")] },
      { name: "2021", rows: [y2021.rows[0] as Cell[], reordered, ...y2021.rows.slice(2).map((r) => [...r].reverse())] },
    ]);
    const checked = await webImport(data, "IDS_release.xlsx", { dryRun: true });
    expect(checked.report.errors).toEqual([]);
    expect(checked.report).toMatchObject({ layout: "unodc-ids", sheet: "2019", rowsRead: 3 + 5 + 2, refused: false });
    expect(checked.report.sheets).toEqual([
      { name: "Notes", rows: 0, skipped: true },
      { name: "2019", rows: 3, skipped: false },
      { name: "2020", rows: 5, skipped: false },
      { name: "2021", rows: 2, skipped: false },
    ]);
    const before = await count();
    const done = await webImport(data, "IDS_release.xlsx", { dryRun: false, confirmWarnings: true });
    expect(done.report).toMatchObject({ refused: false, imported: 10 });
    expect((await count()) - before).toBe(10);
    const stored = await t.ctx.database.db
      .selectFrom("seizures")
      .select(["year", "drug", "quantity"])
      .where("import_batch_id", "=", done.batchId)
      .execute();
    const byYear = (y: number) => stored.filter((s) => s.year === y).length;
    expect([byYear(2019), byYear(2020), byYear(2021)]).toEqual([3, 5, 2]);
    // The reversed sheet is read by its headers, not by position.
    expect(
      stored
        .filter((s) => s.year === 2021)
        .map((s) => Number(s.quantity))
        .sort(),
    ).toEqual([1.5, 2.5]);
    expect(stored.find((s) => s.drug === "opium")).toBeDefined();

    const lines: string[] = [];
    printSeizureReport(checked, true, (line) => lines.push(line));
    expect(lines).toContain("Sheets imported together: 2019 (3 rows), 2020 (5 rows), 2021 (2 rows)");
    expect(lines).toContain("Sheets left out (no table of seizures): Notes");
  });

  it("names a problem's sheet and row when the sheets are imported together", async () => {
    const bad = yearSheet(2020, 2);
    (bad.rows[3] as Cell[])[9] = "-4";
    const data = openXmlSdkWorkbook([yearSheet(2019, 2), bad]);
    const result = await t.ctx.seizures.importFile(() => Readable.from([data]), options({ fileName: "ids.xlsx" }), {
      ...SYSTEM_ACTOR,
    });
    expect(result.report.refused).toBe(true);
    expect(result.report.errors.map((e: ImportIssue) => [e.sheet, e.row, e.column, e.code])).toEqual([
      ["2020", 4, "Quantity Seized", "not_positive"],
    ]);
  });

  it("lists a value to map with its sheet and row, and imports every sheet once it is mapped", async () => {
    const y2020 = yearSheet(2020, 3);
    (y2020.rows[3] as Cell[])[7] = "Black tar";
    const y2021 = yearSheet(2021, 2);
    (y2021.rows[2] as Cell[])[7] = "Black tar";
    const data = openXmlSdkWorkbook([yearSheet(2019, 1), y2020, y2021]);
    const checked = await t.ctx.seizures.importFile(
      () => Readable.from([data]),
      options({ fileName: "ids.xlsx", dryRun: true }),
      SYSTEM_ACTOR,
    );
    expect(checked.unmapped).toEqual([
      { field: "drug", column: "Drug/Substance", value: "Black tar", count: 2, rows: [4, 3], sheets: ["2020", "2021"] },
    ]);
    const lines: string[] = [];
    printSeizureReport(checked, true, (line) => lines.push(line));
    expect(lines).toContain('  drug [Drug/Substance] "Black tar": 2 rows (2020!4, 2021!3)');
    const done = await t.ctx.seizures.importFile(
      () => Readable.from([data]),
      options({ fileName: "ids.xlsx", valueMapping: { drug: { "Black tar": "heroin" } } }),
      SYSTEM_ACTOR,
    );
    expect(done.report).toMatchObject({ refused: false, imported: 6 });
  });

  it("refuses a workbook whose yearly sheet has other columns, naming the sheet in both languages, writing nothing", async () => {
    const other = [...IDS_HEADER.filter((h) => h !== "Measurement Unit"), "Remarks"];
    const data = openXmlSdkWorkbook([yearSheet(2019, 2), yearSheet(2020, 2, other), yearSheet(2021, 1)]);
    const before = await count();
    const result = await webImport(data, "IDS_release.xlsx", { dryRun: false, confirmWarnings: true });
    expect(result.report.refused).toBe(true);
    expect(result.report.imported).toBe(0);
    expect(result.report.errors).toHaveLength(1);
    const [issue] = result.report.errors as ImportIssue[];
    expect(issue).toMatchObject({ code: "sheet_header_differs", sheet: "2020", row: 2, value: "2020" });
    expect(issue?.message.en).toBe(
      'Sheet "2020" does not have the same columns as sheet "2019" (missing "Measurement Unit"; other "Remarks"), so its rows cannot be imported with the other sheets. Give it the same header row, or remove the sheet.',
    );
    expect(issue?.message.ru).toContain("На листе «2020» не те же столбцы, что на листе «2019»");
    expect(issue?.message.ru).toContain('нет столбцов "Measurement Unit"');
    expect(await count()).toBe(before);
  });

  it("reads a Windows-1251 `;` CSV's decimal commas, `1,500` the same way as the rest of its file", async () => {
    const data = russianCsv(["1,5", "0,25", "1,500", "12", "2 500,75"]);
    const before = await count();
    const result = await t.ctx.seizures.importFile(
      () => Readable.from([data]),
      options({ fileName: "изъятия.csv" }),
      SYSTEM_ACTOR,
    );
    expect(result.report.errors).toEqual([]);
    expect(result.report.numberFormat).toEqual({ decimal: "comma", thousands: "space", source: "values" });
    expect(result.report.imported).toBe(5);
    const stored = await t.ctx.database.db
      .selectFrom("seizures")
      .select(["quantity"])
      .where("import_batch_id", "=", result.batchId)
      .execute();
    expect(stored.map((s) => Number(s.quantity)).sort((a, b) => a - b)).toEqual([0.25, 1.5, 1.5, 12, 2500.75]);
    expect((await count()) - before).toBe(5);
    const lines: string[] = [];
    printSeizureReport(result, false, (line) => lines.push(line));
    expect(lines).toContain("Decimal separator: comma; thousands separator: space");
  });

  it("reads `1,500` as fifteen hundred in a file whose numbers use a decimal point", async () => {
    const data = Buffer.from(
      `${IDS_HEADER.join(",")}\n${[
        ["2022-03-01", "1.5"],
        ["2022-03-02", '"1,500"'],
      ]
        .map(([d, q]) => kilogramsRow(d as string, "Heroin", q as string).join(","))
        .join("\n")}\n`,
    );
    const result = await t.ctx.seizures.importFile(
      () => Readable.from([data]),
      options({ dryRun: true }),
      SYSTEM_ACTOR,
    );
    expect(result.report.errors).toEqual([]);
    expect(result.report.numberFormat).toMatchObject({ decimal: "point", source: "values" });
  });

  it("with only ambiguous numbers, a `;` file reads them with a decimal comma (the delimiter decides)", async () => {
    const data = russianCsv(["1,500", "2,250"]);
    const result = await t.ctx.seizures.importFile(() => Readable.from([data]), options(), SYSTEM_ACTOR);
    expect(result.report.errors).toEqual([]);
    expect(result.report.numberFormat).toEqual({ decimal: "comma", thousands: "none", source: "delimiter" });
    const stored = await t.ctx.database.db
      .selectFrom("seizures")
      .select(["quantity"])
      .where("import_batch_id", "=", result.batchId)
      .execute();
    expect(stored.map((s) => Number(s.quantity)).sort()).toEqual([1.5, 2.25]);
  });

  it("refuses a file whose first rows and the rest disagree on the separator, listing the numbers read either way", async () => {
    // 250 ambiguous numbers first (read with the `;` file's decimal comma), then a majority of decimal points.
    const quantities = [
      ...Array.from({ length: 250 }, () => "1,500"),
      ...Array.from({ length: 300 }, (_, i) => `${i + 1}.25`),
    ];
    const before = await count();
    const result = await t.ctx.seizures.importFile(
      () => Readable.from([russianCsv(quantities)]),
      options({ fileName: "смешанный.csv" }),
      SYSTEM_ACTOR,
    );
    expect(result.report.refused).toBe(true);
    expect(result.report.imported).toBe(0);
    const ambiguous = result.report.errors.filter((e) => e.code === "ambiguous_number");
    expect(ambiguous).toHaveLength(51);
    expect(ambiguous[0]).toMatchObject({ row: 2, column: "Quantity Seized", value: "1,500" });
    expect(ambiguous[0]?.message.en).toContain("Most numbers in the file are written with a decimal point");
    expect(ambiguous[0]?.message.ru).toContain("Большинство чисел в файле записаны с десятичной точкой");
    expect(ambiguous[50]?.value).toBe("250");
    expect(await count()).toBe(before);
  });
});
