import { describe, expect, it } from "vitest";
import { massInKg } from "../../../common/seizures.js";
import { detectAnomalies } from "./seizures.alerts.js";
import { isBlank, lookup, parseArrests, parseDate, parseNumber } from "./seizures.import-parse.js";

describe("seizure cells and rules", () => {
  it("reads quantities written as text with either decimal mark", () => {
    expect(parseNumber("1,250.5")).toBe(1250.5);
    expect(parseNumber("1 234,5")).toBe(1234.5);
    expect(parseNumber("1.234.567")).toBe(1234567);
    expect(parseNumber("12,5")).toBe(12.5);
    expect(parseNumber("12.5 kg")).toBe(12.5);
    expect(parseNumber("about five")).toBeNull();
  });

  it("reads dates with their precision", () => {
    expect(parseDate("2023-03-14")).toEqual({ date: "2023-03-14", precision: "day" });
    expect(parseDate("14/03/2023")).toEqual({ date: "2023-03-14", precision: "day" });
    expect(parseDate("2023-03")).toEqual({ date: "2023-03-01", precision: "month" });
    expect(parseDate("2023")).toEqual({ date: "2023-01-01", precision: "year" });
    expect(parseDate("45000")).toEqual({ date: "2023-03-15", precision: "day" });
    expect(parseDate("31/02/2023")).toBeNull();
  });

  it("knows placeholders and the vocabularies' spellings", () => {
    expect(isBlank("Data not available")).toBe(true);
    expect(lookup.drug("Cannabis resin (hashish)")).toBe("cannabis_resin");
    expect(lookup.drug("«Каптагон»")).toBe("captagon");
    expect(lookup.unit("Kilogram")).toEqual({ unit: "kg", factor: 1 });
    expect(lookup.unit("ml")).toEqual({ unit: "l", factor: 0.001 });
    expect(lookup.placeType("Border crossing")).toBe("land_border");
    expect(lookup.transportMode("Private vehicle")).toBe("road");
    expect(parseArrests("TJK:M:2; AFG:F:1")).toEqual([
      { nationality: "TJK", sex: "male", count: 2 },
      { nationality: "AFG", sex: "female", count: 1 },
    ]);
  });

  it("converts to kilograms by the documented rules", () => {
    expect(massInKg("heroin", 500, "g")).toBe(0.5);
    expect(massInKg("acetic_anhydride", 100, "l")).toBeCloseTo(108);
    expect(massInKg("captagon", 1000, "tablet")).toBeCloseTo(0.17);
    expect(massInKg("cannabis_plant", 40, "plant")).toBeNull();
  });

  it("flags a month far outside its own history, not a sparse series", () => {
    const steady = Array.from({ length: 24 }, (_, m) => ({
      year: 2020 + Math.floor(m / 12),
      month: (m % 12) + 1,
      kg: 10 + (m % 3),
    }));
    expect(detectAnomalies([...steady, { year: 2022, month: 1, kg: 400 }])).toEqual([
      expect.objectContaining({ year: 2022, month: 1, direction: "up" }),
    ]);
    expect(detectAnomalies([...steady, { year: 2022, month: 1, kg: 12 }])).toEqual([]);
    const sparse = [
      { year: 2020, month: 1, kg: 5 },
      { year: 2021, month: 6, kg: 3 },
      { year: 2022, month: 1, kg: 90 },
    ];
    expect(detectAnomalies(sparse)).toEqual([]);
  });
});
