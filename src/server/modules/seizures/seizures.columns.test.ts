import { describe, expect, it } from "vitest";
import type { SeizureInputParsed } from "../../../common/seizures.js";
import { copyRow, copyRowOf, toColumns } from "./seizures.columns.js";

const base = {
  seizureDate: "2023-07-19",
  datePrecision: "day",
  country: "TJK",
  adminRegion: "Khatlon",
  place: "Panji Poyon",
  latitude: null,
  longitude: null,
  coordPrecision: null,
  drug: "heroin",
  quantity: 12.5,
  unit: "kg",
  purity: null,
  agency: null,
  placeType: null,
  transportMode: "road",
  conveyance: null,
  concealment: null,
  route: null,
  originCountries: [],
  departureCountry: null,
  transitCountries: [],
  destinationCountries: [],
  arrests: [],
  sourceType: "official",
  sourceReference: "DCA report",
  sharing: "members",
  confirmWarnings: [],
} as unknown as SeizureInputParsed;

describe("the import's COPY line", () => {
  it("is the line of the record's columns, for every kind of value", () => {
    const inputs: SeizureInputParsed[] = [
      base,
      { ...base, datePrecision: "month", seizureDate: "2021-03-01", latitude: 37.2, longitude: 69.1 },
      { ...base, datePrecision: "year", seizureDate: "2019-01-01", coordPrecision: "place", latitude: 1, longitude: 2 },
      {
        ...base,
        place: "tab\there, a back\\slash and\na line break",
        concealment: "in a 'fuel' tank",
        originCountries: ["AFG", "PAK"],
        arrests: [{ nationality: "TJK", sex: "M", count: 2 }],
        confirmWarnings: ["unusual_quantity"],
        drug: "cocaine",
        quantity: 350,
        unit: "g",
        purity: 62.5,
      } as unknown as SeizureInputParsed,
      { ...base, drug: "ecstasy", quantity: 1200, unit: "tablets" } as unknown as SeizureInputParsed,
    ];
    for (const input of inputs) expect(copyRowOf(input)).toBe(copyRow(toColumns(input) as Record<string, unknown>));
    // The escaped text and the computed columns are really there (not two equally empty lines).
    expect(copyRowOf(inputs[3] as SeizureInputParsed)).toContain("tab\\there, a back\\\\slash and\\na line break");
    expect(copyRowOf(inputs[2] as SeizureInputParsed).split("\t")).toContain("2019-01-01");
  });
});
