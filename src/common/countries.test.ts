import { describe, expect, it } from "vitest";
import { countryCodeOf } from "./countries.js";

describe("country names as publishers write them", () => {
  it("reads UN short names, CLDR names in English and Russian, and codes", () => {
    const cases: [string, string][] = [
      ["Iran (Islamic Republic of)", "IRN"],
      ["Republic of Moldova", "MDA"],
      ["United Republic of Tanzania", "TZA"],
      ["Viet Nam", "VNM"],
      ["Russian Federation", "RUS"],
      ["Türkiye", "TUR"],
      ["Turkey", "TUR"],
      ["United Kingdom (England and Wales)", "GBR"],
      ["Kosovo under UNSCR 1244", "XKX"],
      ["Cote d'Ivoire", "CIV"],
      ["Таджикистан", "TJK"],
      ["kyrgyzstan", "KGZ"],
      ["afg", "AFG"],
    ];
    for (const [name, code] of cases) expect(countryCodeOf(name), name).toBe(code);
  });

  it("knows no country that is none", () => {
    expect(countryCodeOf("Atlantis")).toBeUndefined();
    expect(countryCodeOf("XYZ")).toBeUndefined();
    expect(countryCodeOf("")).toBeUndefined();
  });
});
