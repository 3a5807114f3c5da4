import ExcelJS from "exceljs";
import { sql } from "kysely";
import type { TestApp } from "../../../../test/app.js";
import type { ImportOptions } from "./seizures.import.js";

/** IDS export columns in UNODC's order. */
export const IDS_HEADER = [
  "Seizure Date",
  "Country/Territory of Seizure",
  "ISO3 Code",
  "Region",
  "Subregion",
  "City",
  "Administrative Region",
  "Drug/Substance",
  "Measurement Unit",
  "Quantity Seized",
  "Physical Seizure Location",
  "Trafficking Mode of Transportation",
];

type IdsCell = string | number | Date | null;

/** The cells of a seizure of 2 kg of heroin at Dushanbe airport, by UNODC's column names. */
const DUSHANBE_SEIZURE: Record<string, string> = {
  "Seizure Date": "2023-05-10",
  "Country/Territory of Seizure": "Tajikistan",
  "ISO3 Code": "TJK",
  Region: "Asia",
  Subregion: "Central Asia",
  City: "Dushanbe",
  "Administrative Region": "Dushanbe",
  "Drug/Substance": "Heroin",
  "Measurement Unit": "kg",
  "Quantity Seized": "2",
  "Physical Seizure Location": "Airport",
  "Trafficking Mode of Transportation": "Airplane",
};

/** A row of UNODC's IDS export in its column order: the Dushanbe seizure above but for the cells `over` names. */
export function idsRow<Cell extends IdsCell = string>(over: Partial<Record<string, Cell>> = {}): (Cell | string)[] {
  return IDS_HEADER.map((h) => (h in over ? (over[h] as Cell) : (DUSHANBE_SEIZURE[h] as string)));
}

/** A workbook of one sheet ("Export") with UNODC's header and `rows`, as the data portal exports a selection. */
export async function idsExport(rows: IdsCell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Export");
  ws.addRow(IDS_HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A row of a seizure in Dushanbe as the data portal's full export writes it (kilograms, by air). */
const dushanbeKilograms = (date: IdsCell, drug: string, quantity: string) =>
  idsRow({
    "Seizure Date": date,
    "Drug/Substance": drug,
    "Measurement Unit": "Kilogram",
    "Quantity Seized": quantity,
    "Trafficking Mode of Transportation": "Air",
  });

/**
 * A workbook shaped like UNODC's public IDS export: a title above the header, quantities stored as text
 * (with thousands separators), "Data not available" placeholders, dates as real dates and as text, and notes in
 * trailing rows. `bad` adds rows a liaison officer must fix (unknown drug, future date, text quantity).
 */
export async function idsWorkbook(options: { bad?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("IDS");
  ws.addRow(["Individual Drug Seizures (IDS) — export"]);
  ws.addRow([]);
  ws.addRow(IDS_HEADER);
  const rows: IdsCell[][] = [
    dushanbeKilograms(new Date(Date.UTC(2023, 2, 14)), "Heroin", "1,250.5"),
    [
      "2023-04-02",
      "Tajikistan",
      "TJK",
      "Asia",
      "Central Asia",
      "Data not available",
      "Khatlon",
      "Opium",
      "Kilogram",
      "87",
      "Border crossing",
      "Land",
    ],
    [
      "15/05/2023",
      "Uzbekistan",
      "UZB",
      "Asia",
      "Central Asia",
      "Termez",
      "Surxondaryo",
      "Cannabis resin",
      "Gram",
      "350",
      "Data not available",
      "Private vehicle",
    ],
    [
      "2023-06",
      "Kazakhstan",
      "KAZ",
      "Asia",
      "Central Asia",
      "Almaty",
      "Almaty",
      '"Captagon"',
      "Tablet",
      "12000",
      "Inland",
      "Data not available",
    ],
    [
      "2023-07-21",
      "Türkiye",
      "TUR",
      "Asia",
      "Western Asia",
      "Istanbul",
      "Istanbul",
      "Acetic anhydride",
      "Litre",
      "2 400",
      "Seaport",
      "Sea",
    ],
  ];
  if (options.bad) {
    rows.push(dushanbeKilograms("2023-08-01", "Unobtainium", "5"));
    rows.push(dushanbeKilograms("2099-01-01", "Heroin", "5"));
    rows.push(dushanbeKilograms("2023-08-03", "Heroin", "about five"));
  }
  for (const r of rows) ws.addRow(r);
  ws.addRow([]);
  ws.addRow(["Note: Data are as reported by Member States and may be revised."]);
  ws.addRow(["Source: UNODC, Individual Drug Seizures database."]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The options of an import run inline (as `pact import` runs it): written, shared with members, warnings confirmed, no user. */
export const inlineImportOptions = (over: Partial<ImportOptions> & Pick<ImportOptions, "fileName">): ImportOptions => ({
  dryRun: false,
  sharing: "members",
  confirmWarnings: true,
  userId: null,
  partnerCode: null,
  countries: null,
  ...over,
});

/** How many seizure records the app's database holds. */
export async function countSeizures(t: TestApp): Promise<number> {
  return Number(
    (await sql<{ n: number }>`select count(*)::int as n from seizures`.execute(t.ctx.database.db)).rows[0]?.n ?? 0,
  );
}
