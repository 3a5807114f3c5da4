import { describe, expect, it } from "vitest";
import { readTabular } from "../../platform/tabular.js";
import { parseTotalSheets } from "./factsheets.import.js";

/**
 * Issue 16: a national-totals file's decimal separator is decided once from its own numbers, as the seizure
 * import's is: `1,500` reads the way the rest of the file reads, and the report says how the file was read.
 */
const HEADER = [
  "Region",
  "SubRegion",
  "Country/Territory",
  "msCode",
  "Drug group",
  "DrugSubGroup",
  "Drug",
  "Year",
  "Kilograms",
];
const row = (drug: string, kg: string) => [
  "Asia",
  "Central Asia and Transcaucasia",
  "Uzbekistan",
  "UZB",
  "Opioids",
  "Opiates",
  drug,
  "2022",
  kg,
];

/** Bytes of `text` in Windows-1251, as a Russian Excel saves a CSV. */
function windows1251(text: string): Buffer {
  const table = new Map<string, number>();
  const decoded = new TextDecoder("windows-1251").decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  for (const [i, ch] of [...decoded].entries()) table.set(ch, i);
  return Buffer.from([...text].map((ch) => table.get(ch) as number));
}

const kilograms = async (data: Buffer) => {
  const parsed = parseTotalSheets(await readTabular(data, "totals.csv"));
  expect(parsed.errors).toEqual([]);
  return { parsed, kg: parsed.rows.map((r) => (r.value as { quantity: number }).quantity) };
};

describe("a national-totals file's decimal separator", () => {
  it("reads a Russian `;` CSV in Windows-1251 with decimal commas, `1,500` included", async () => {
    const csv = [HEADER, row("Heroin", "1,5"), row("Opium", "1 250,75"), row("Morphine", "1,500")]
      .map((r) => r.map((c) => (c === "Asia" ? "Азия" : c)).join(";"))
      .join("\r\n");
    const { parsed, kg } = await kilograms(windows1251(`${csv}\r\n`));
    expect(kg).toEqual([1.5, 1250.75, 1.5]);
    expect(parsed.numberFormat).toEqual({ decimal: "comma", thousands: "space", source: "values" });
  });

  it("reads `1,500` as fifteen hundred where the file's numbers use a decimal point", async () => {
    const csv = [
      HEADER.join(","),
      row("Heroin", "1520.75").join(","),
      `${row("Opium", "X").slice(0, -1).join(",")},"1,500"`,
    ];
    const { parsed, kg } = await kilograms(Buffer.from(`${csv.join("\n")}\n`));
    expect(kg).toEqual([1520.75, 1500]);
    expect(parsed.numberFormat).toMatchObject({ decimal: "point", source: "values" });
  });

  it("with no number to tell, a `;` file reads with a decimal comma and a `,` file with a point", async () => {
    const semicolon = [HEADER, row("Heroin", "1,500")].map((r) => r.join(";")).join("\n");
    const read = await kilograms(Buffer.from(`${semicolon}\n`));
    expect(read.kg).toEqual([1.5]);
    expect(read.parsed.numberFormat).toMatchObject({ decimal: "comma", source: "delimiter" });
    const comma = [HEADER.join(","), `${row("Heroin", "X").slice(0, -1).join(",")},"1,500"`].join("\n");
    expect((await kilograms(Buffer.from(`${comma}\n`))).kg).toEqual([1500]);
  });
});
