import ExcelJS from "exceljs";

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
  const rows: (string | number | Date)[][] = [
    [
      new Date(Date.UTC(2023, 2, 14)),
      "Tajikistan",
      "TJK",
      "Asia",
      "Central Asia",
      "Dushanbe",
      "Dushanbe",
      "Heroin",
      "Kilogram",
      "1,250.5",
      "Airport",
      "Air",
    ],
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
    rows.push([
      "2023-08-01",
      "Tajikistan",
      "TJK",
      "Asia",
      "Central Asia",
      "Dushanbe",
      "Dushanbe",
      "Unobtainium",
      "Kilogram",
      "5",
      "Airport",
      "Air",
    ]);
    rows.push([
      "2099-01-01",
      "Tajikistan",
      "TJK",
      "Asia",
      "Central Asia",
      "Dushanbe",
      "Dushanbe",
      "Heroin",
      "Kilogram",
      "5",
      "Airport",
      "Air",
    ]);
    rows.push([
      "2023-08-03",
      "Tajikistan",
      "TJK",
      "Asia",
      "Central Asia",
      "Dushanbe",
      "Dushanbe",
      "Heroin",
      "Kilogram",
      "about five",
      "Airport",
      "Air",
    ]);
  }
  for (const r of rows) ws.addRow(r);
  ws.addRow([]);
  ws.addRow(["Note: Data are as reported by Member States and may be revised."]);
  ws.addRow(["Source: UNODC, Individual Drug Seizures database."]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
