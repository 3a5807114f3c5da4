import { describe, expect, it } from "vitest";
import { massInKg } from "../../../common/seizures.js";
import { detectAnomalies } from "./seizures.alerts.js";
import { isBlank, lookup, parseArrests, parseDate, parseNumber } from "./seizures.import-parse.js";
import { isCalendarDay, isCountryCode, isValidIsoDate } from "./seizures.rules.js";

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
    expect(parseDate("29.02.2024")).toEqual({ date: "2024-02-29", precision: "day" });
    expect(parseDate("29.02.2023")).toBeNull();
    expect(parseDate("2023-13")).toBeNull();
  });

  it("knows the calendar without building dates: leap years, month lengths, ISO days", () => {
    expect(isCalendarDay(2024, 2, 29)).toBe(true);
    expect(isCalendarDay(2000, 2, 29)).toBe(true);
    expect(isCalendarDay(1900, 2, 29)).toBe(false);
    expect(isCalendarDay(2023, 2, 29)).toBe(false);
    expect(isCalendarDay(2023, 4, 31)).toBe(false);
    expect(isCalendarDay(2023, 12, 31)).toBe(true);
    expect(isCalendarDay(2023, 0, 1)).toBe(false);
    expect(isCalendarDay(0, 1, 1)).toBe(false);
    expect(isValidIsoDate("2023-06-30")).toBe(true);
    expect(isValidIsoDate("2023-06-31")).toBe(false);
    expect(isValidIsoDate("2023-6-30")).toBe(false);
    // Every day from 1990 to 2030 agrees with the JavaScript calendar.
    for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2031, 0, 1); t += 86_400_000) {
      const d = new Date(t);
      expect(isCalendarDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())).toBe(true);
    }
  });

  it("accepts upper-case ISO3 codes only (the database refuses anything else)", () => {
    expect(isCountryCode("AFG")).toBe(true);
    expect(isCountryCode("afg")).toBe(false);
    expect(isCountryCode("AF")).toBe(false);
    expect(isCountryCode("004")).toBe(false);
    expect(isCountryCode("XXX")).toBe(false);
  });

  it("knows placeholders and the vocabularies' spellings", () => {
    expect(isBlank("Data not available")).toBe(true);
    for (const blank of ["", "  ", " N/A ", "..", "-", "Unknown", "НЕТ ДАННЫХ", "\u00a0n/a"]) {
      expect(isBlank(blank), blank).toBe(true);
    }
    for (const value of ["12.5", "2023-01-01", "Heroin", "Не указано место", "Nangarhar", "-5"]) {
      expect(isBlank(value), value).toBe(false);
    }
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
