/**
 * The web basemap: country shapes at 1:110m (small countries from 1:50m), coordinates rounded to 0.01°,
 * without Antarctica, each with ISO3, EN/RU names and an inner label point (`centroid`). Serialised once per
 * process with a strong ETag; served by `GET /api/v1/geo/countries` (`geo.routes.ts`).
 */
import { createHash } from "node:crypto";
import type { Position } from "geojson";
import countries from "i18n-iso-countries";
import { type CountryCollection, CountryCollectionSchema, type LonLat } from "../../common/geo.js";
import { centroid, featuresOf, groupByIso3, type Rings, unwrapAntimeridian } from "./geo.js";

function roundRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const [x = 0, y = 0] of ring) {
    const p = [Math.round(x * 100) / 100, Math.round(y * 100) / 100];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

function simplifiedGeometry(polygons: Rings[]) {
  const cleaned = polygons
    .map((rings) =>
      unwrapAntimeridian(rings)
        .map(roundRing)
        .filter((r) => r.length >= 4),
    )
    .filter((rings) => rings.length > 0) as [number, number][][][];
  return cleaned.length === 1
    ? { type: "Polygon" as const, coordinates: cleaned[0] ?? [] }
    : { type: "MultiPolygon" as const, coordinates: cleaned };
}

function nameOf(iso3: string, lang: "en" | "ru"): string {
  if (iso3 === "XKX") return lang === "en" ? "Kosovo" : "Косово";
  const iso2 = countries.alpha3ToAlpha2(iso3);
  return (iso2 && countries.getName(iso2, lang)) || iso3;
}

function buildBasemap(): CountryCollection {
  const coarse = groupByIso3(featuresOf("countries-110m.json"));
  // Countries too small for 1:110m (Malta, Singapore, small island states) come from 1:50m.
  for (const [iso3, polygons] of groupByIso3(featuresOf("countries-50m.json")))
    if (!coarse.has(iso3)) coarse.set(iso3, polygons);
  coarse.delete("ATA"); // a band across the bottom of a Mercator map, where no partner works
  const features = [...coarse.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([iso3, polygons]) => ({
      type: "Feature" as const,
      id: iso3,
      properties: {
        iso3,
        name: { en: nameOf(iso3, "en"), ru: nameOf(iso3, "ru") },
        label: centroid(iso3) ?? ([0, 0] as LonLat),
      },
      geometry: simplifiedGeometry(polygons),
    }))
    .filter((f) => f.geometry.coordinates.length > 0);
  return CountryCollectionSchema.parse({ type: "FeatureCollection", features });
}

let basemapCache: { body: string; etag: string; collection: CountryCollection } | null = null;

/** The web basemap, serialised once, with a strong ETag. */
export function basemap(): { body: string; etag: string; collection: CountryCollection } {
  if (!basemapCache) {
    const collection = buildBasemap();
    const body = JSON.stringify(collection);
    const etag = `"geo-${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
    basemapCache = { body, etag, collection };
  }
  return basemapCache;
}
