import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/app.js";
import { CountryCollectionSchema } from "../../common/geo.js";
import { partnerCountries as partnerRefs } from "../reference/data/partners.js";
import { routes } from "../reference/data/routes.js";
import { bbox, centroid, countryAt, distanceToCountryKm, hasCountry, isInCountry } from "./geo.js";
import { basemap } from "./geo-basemap.js";

const partnerCountries = partnerRefs.map((p) => p.code);

describe("country geometry", () => {
  it("has a shape, a bbox and an inner label point for all 58 partner countries and every route country", () => {
    expect(partnerCountries).toHaveLength(58);
    const routeCountries = routes.flatMap((r) => r.countries);
    for (const iso3 of new Set([...partnerCountries, ...routeCountries, "AFG"])) {
      expect(hasCountry(iso3), iso3).toBe(true);
      const [lon, lat] = centroid(iso3) ?? [Number.NaN, Number.NaN];
      expect(countryAt(lat, lon), `label point of ${iso3}`).toBe(iso3);
      const [w, s, e, n] = bbox(iso3) ?? [];
      expect(s).toBeLessThanOrEqual(lat);
      expect(n).toBeGreaterThanOrEqual(lat);
      expect(w === undefined || e === undefined).toBe(false);
    }
  });

  it("finds capitals in their countries", () => {
    expect(countryAt(38.56, 68.78)).toBe("TJK"); // Dushanbe
    expect(countryAt(41.31, 69.28)).toBe("UZB"); // Tashkent
    expect(countryAt(41.02, 28.95)).toBe("TUR"); // Istanbul, Fatih
    expect(countryAt(34.53, 69.17)).toBe("AFG"); // Kabul
    expect(countryAt(42.66, 21.16)).toBe("XKX"); // Pristina
    expect(isInCountry("TJK", 38.56, 68.78)).toBe(true);
    expect(isInCountry("UZB", 41.31, 69.28)).toBe(true);
    expect(isInCountry("TUR", 41.01, 28.98)).toBe(true); // on the Bosphorus shore: within tolerance
    expect(isInCountry("UZB", 38.56, 68.78)).toBe(false);
    expect(isInCountry("TJK", 41.31, 69.28)).toBe(false);
  });

  it("refuses the middle of the Caspian Sea unless the tolerance reaches a shore", () => {
    const [lat, lon] = [42.0, 50.5];
    expect(countryAt(lat, lon)).toBeNull();
    for (const iso3 of ["KAZ", "TKM", "AZE", "RUS", "IRN"]) expect(isInCountry(iso3, lat, lon), iso3).toBe(false);
    const aze = distanceToCountryKm("AZE", lat, lon);
    expect(aze).toBeGreaterThan(100);
    expect(isInCountry("AZE", lat, lon, { toleranceKm: aze + 1 })).toBe(true);
  });

  it("accepts ports, coastal points and small islands within the tolerance", () => {
    expect(countryAt(27.14, 56.21)).toBeNull(); // Bandar Abbas port, in the sea at 1:50m
    expect(isInCountry("IRN", 27.14, 56.21)).toBe(true);
    expect(isInCountry("IRN", 27.14, 56.21, { toleranceKm: 0 })).toBe(false);
    expect(isInCountry("GRC", 37.94, 23.63)).toBe(true); // Piraeus
    expect(isInCountry("MLT", 36.04, 14.24)).toBe(true); // Gozo
    expect(isInCountry("ITA", 35.5, 12.6)).toBe(true); // Lampedusa: only in 1:10m
    expect(isInCountry("MLT", 35.5, 12.6)).toBe(false);
  });

  it("handles the antimeridian, bad input and unknown codes", () => {
    const [w, , e] = bbox("RUS") ?? [];
    expect(w).toBeGreaterThan(0); // Kaliningrad
    expect(e).toBeLessThan(0); // Chukotka, across the antimeridian: west > east
    expect(countryAt(66, 172 + 360)).toBe("RUS"); // Chukotka, longitude not normalized
    expect(countryAt(Number.NaN, 10)).toBeNull();
    expect(countryAt(95, 10)).toBeNull();
    expect(isInCountry("XYZ", 38.56, 68.78)).toBe(false);
    expect(centroid("XYZ")).toBeNull();
    expect(bbox("XYZ")).toBeNull();
  });

  it("builds a compact basemap with every partner country", () => {
    const { collection, body } = basemap();
    const codes = new Set(collection.features.map((f) => f.properties.iso3));
    for (const iso3 of partnerCountries) expect(codes.has(iso3), iso3).toBe(true);
    expect(codes.has("ATA")).toBe(false);
    expect(body.length).toBeLessThan(300_000);
    expect(collection.features.find((f) => f.id === "TJK")?.properties.name).toEqual({
      en: "Tajikistan",
      ru: "Таджикистан",
    });
  });
});

describe("GET /api/v1/geo/countries", () => {
  const t = useTestApp();

  it("serves the basemap publicly with a long cache life and a 304 by ETag", async () => {
    const res = await t.app.inject({ url: "/api/v1/geo/countries", headers: { "accept-encoding": "br" } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["cache-control"]).toMatch(/public, max-age=\d{6,}/);
    expect(res.rawPayload.length).toBeLessThan(80_000);
    const plain = await t.app.inject({ url: "/api/v1/geo/countries" });
    const parsed = CountryCollectionSchema.parse(plain.json());
    expect(parsed.features.length).toBeGreaterThan(170);
    const etag = String(plain.headers.etag);
    const again = await t.app.inject({ url: "/api/v1/geo/countries", headers: { "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
  });
});
