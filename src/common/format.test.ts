import { describe, expect, it } from "vitest";
import { countryName, countryOptions } from "./countries.js";
import {
  formatDate,
  formatMass,
  formatMonth,
  formatNumber,
  formatPercent,
  formatPrice,
  formatQuantity,
  languageName,
  unitSymbol,
} from "./format.js";

// Intl puts no-break spaces (U+00A0, U+202F) between groups and before units; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatting per language", () => {
  it("never turns 250 g into 0.3 kg", () => {
    expect(plain(formatMass(0.25, "ru"))).toBe("250 г");
    expect(plain(formatMass(0.25, "en"))).toBe("250 g");
    expect(plain(formatQuantity(250, "g", "ru"))).toBe("250 г");
    expect(plain(formatMass(1.25, "ru"))).toBe("1,25 кг");
    expect(plain(formatMass(12_345.6, "ru"))).toBe("12 346 кг");
    expect(plain(formatMass(253_749, "ru"))).toBe("254 т");
  });

  it("uses the language's own unit symbols and decimal separator", () => {
    expect(unitSymbol("kg", "ru")).toBe("кг");
    expect(unitSymbol("l", "ru")).toBe("л");
    expect(plain(formatPrice(12.5, "USD", "g", "ru"))).toBe("12,5 USD/г");
    expect(formatNumber(0.93, "ru")).toBe("0,93");
    expect(plain(formatNumber(12_000, "ru"))).toBe("12 000");
    expect(formatNumber(12_000, "en")).toBe("12,000");
    expect(plain(formatPercent(0.84, "ru"))).toBe("84 %");
  });

  it("writes dates one way per language", () => {
    expect(plain(formatDate("2024-03-12", "ru"))).toMatch(/^12 мар\. 2024/);
    expect(formatDate("2024-03-12", "en")).toBe("12 Mar 2024");
    expect(formatDate(null, "en")).toBe("—");
    expect(formatMonth(2026, 12, "en")).toBe("Dec 2026");
    expect(formatMonth(2026, 12, "ru")).toMatch(/^дек\. 2026/);
  });

  it("names countries and languages instead of showing their codes", () => {
    expect(countryName("KEN", "ru")).toBe("Кения");
    expect(countryName("TZA", "en")).toBe("Tanzania");
    expect(countryName("XKX", "ru")).toBe("Косово");
    expect(languageName("en", "ru")).toBe("английский");
    const options = countryOptions("ru");
    expect(options.find((o) => o.value === "IRN")?.label).toBe("Иран");
    expect(options.every((o) => o.label !== o.value)).toBe(true);
    expect(options.length).toBeGreaterThan(240);
  });
});
