/**
 * Country geometry on the server, offline, from Natural Earth (`world-atlas` TopoJSON).
 *
 * API (all coordinates in degrees, WGS 84; countries as ISO 3166-1 alpha-3):
 * - `countryAt(lat, lon)`: the country whose land holds the point (1:50m shapes), or null (sea, Antarctica…).
 * - `isInCountry(iso3, lat, lon, { toleranceKm = 20 })`: inside, or within `toleranceKm` of its border, so
 *   ports and coastal points are not refused; a point near the country but outside its 1:50m shape is
 *   checked again against 1:10m (loaded on first need), so small islands such as Lampedusa count too.
 *   Unknown code: false.
 * - `distanceToCountryKm(iso3, lat, lon)`: 0 inside, else the distance to its nearest border (∞ if unknown).
 * - `centroid(iso3)`: `[lon, lat]` of a point certainly inside the country — the pole of inaccessibility
 *   of its largest part (a plain centroid can fall in the sea or a neighbour).
 * - `bbox(iso3)`: `[west, south, east, north]`; for a country across the antimeridian (Russia, Fiji, USA's
 *   Aleutians) west > east, as in RFC 7946.
 * - `hasCountry(iso3)`, `countryCodes()`.
 * - `basemap()` (in `geo-basemap.ts`): the simplified collection for the web (`CountryCollection`, 1:110m plus small countries
 *   from 1:50m, without Antarctica), serialised once with its ETag; served by `GET /api/v1/geo/countries`
 *   (about 220 kB, 50 kB with brotli).
 *
 * Special cases: features without a numeric code are mapped by name — Kosovo → `XKX` (UNSCR 1244),
 * N. Cyprus → `CYP`, Somaliland → `SOM`, Indian Ocean Ter. → `AUS`; Siachen Glacier → none. Everything
 * is built lazily on first use (about 150 ms) and kept: it is immutable reference data.
 */
import { createRequire } from "node:module";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import countries from "i18n-iso-countries";
import polylabel from "polylabel";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { BBox, LonLat } from "../../common/geo.js";

const require = createRequire(import.meta.url);

export type Rings = Position[][];
interface Part {
  rings: Rings;
  bbox: BBox;
  /** Approximate area in km², to pick the largest part. */
  areaKm2: number;
}
interface Country {
  iso3: string;
  parts: Part[];
  bbox: BBox;
}

const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LON_EQUATOR = 111.32;
const NAMED: Record<string, string | null> = {
  Kosovo: "XKX",
  "N. Cyprus": "CYP",
  Somaliland: "SOM",
  "Indian Ocean Ter.": "AUS",
  "Siachen Glacier": null,
  // Only in 1:10m:
  Baikonur: "KAZ",
  "Cyprus U.N. Buffer Zone": "CYP",
  Akrotiri: "GBR",
  Dhekelia: "GBR",
};

function iso3Of(f: Feature): string | null {
  if (f.id !== undefined) {
    const code = countries.numericToAlpha3(String(f.id));
    if (code) return code;
  }
  const name = String(f.properties?.name ?? "");
  return NAMED[name] ?? null;
}

function ringBBox(ring: Position[]): BBox {
  let w = 180;
  let s = 90;
  let e = -180;
  let n = -90;
  for (const [x = 0, y = 0] of ring) {
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}

function ringAreaKm2(ring: Position[]): number {
  let sum = 0;
  let latSum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    sum += (xj - xi) * (yj + yi);
    latSum += yi;
  }
  const cos = Math.cos(((latSum / Math.max(ring.length, 1)) * Math.PI) / 180);
  return (Math.abs(sum / 2) * KM_PER_DEG_LAT * KM_PER_DEG_LON_EQUATOR * cos) as number;
}

function polygonsOf(geometry: Polygon | MultiPolygon | null): Rings[] {
  if (!geometry) return [];
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

export function featuresOf(
  file: "countries-10m.json" | "countries-50m.json" | "countries-110m.json",
): Feature<Polygon | MultiPolygon>[] {
  const topology = require(`world-atlas/${file}`) as Topology<{ countries: GeometryCollection }>;
  return feature(topology, topology.objects.countries).features as Feature<Polygon | MultiPolygon>[];
}

/** Features grouped by ISO3 (several features may share one code, e.g. Australia and its territories). */
export function groupByIso3(features: Feature<Polygon | MultiPolygon>[]): Map<string, Rings[]> {
  const out = new Map<string, Rings[]>();
  for (const f of features) {
    const iso3 = iso3Of(f);
    if (!iso3) continue;
    const list = out.get(iso3) ?? [];
    list.push(...polygonsOf(f.geometry));
    out.set(iso3, list);
  }
  return out;
}

/**
 * The smallest longitude interval holding every vertex: the complement of the widest empty gap on the
 * circle. When that gap is not the one across the antimeridian, the country crosses it and west > east.
 */
function countryBBox(parts: Part[]): BBox {
  const lons = new Set<number>();
  let s = 90;
  let n = -90;
  for (const part of parts) {
    s = Math.min(s, part.bbox[1]);
    n = Math.max(n, part.bbox[3]);
    for (const [x = 0] of part.rings[0] ?? []) lons.add(normalizeLon(x));
  }
  const sorted = [...lons].sort((a, b) => a - b);
  const first = sorted[0] ?? 0;
  const last = sorted[sorted.length - 1] ?? 0;
  let gap = first + 360 - last;
  let west = first;
  let east = last;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] ?? 0;
    const b = sorted[i] ?? 0;
    if (b - a > gap) {
      gap = b - a;
      west = b;
      east = a;
    }
  }
  if (west === 180) west = -180;
  if (east === -180) east = 180;
  return [west, s, east, n];
}

/**
 * Natural Earth rings that cross the antimeridian (Chukotka, Fiji) jump from +180 to −180; drawn or tested
 * as they are, they span the whole world. Shift their western longitudes by +360 so each ring is continuous
 * (MapLibre draws longitudes beyond 180 on the next world copy; tests try x and x + 360).
 */
export function unwrapAntimeridian(rings: Rings): Rings {
  const xs = (rings[0] ?? []).map((p) => p[0] ?? 0);
  if (xs.length === 0 || Math.max(...xs) - Math.min(...xs) <= 180) return rings;
  return rings.map((ring) => ring.map(([x = 0, y = 0]) => [x < 0 ? x + 360 : x, y]));
}

function buildCountry(iso3: string, polygons: Rings[]): Country {
  const parts = polygons
    .map(unwrapAntimeridian)
    .filter((rings) => (rings[0]?.length ?? 0) >= 4)
    .map((rings) => ({ rings, bbox: ringBBox(rings[0] ?? []), areaKm2: ringAreaKm2(rings[0] ?? []) }));
  return { iso3, parts, bbox: countryBBox(parts) };
}

function countriesOf(file: "countries-10m.json" | "countries-50m.json"): Map<string, Country> {
  const out = new Map<string, Country>();
  for (const [iso3, polygons] of groupByIso3(featuresOf(file))) out.set(iso3, buildCountry(iso3, polygons));
  return out;
}

let detailed: Map<string, Country> | null = null;
let finest: Map<string, Country> | null = null;

function detailedCountries(): Map<string, Country> {
  detailed ??= countriesOf("countries-50m.json");
  return detailed;
}

/** 1:10m, loaded only when a point is refused at 1:50m but may be on a small island that 1:50m leaves out. */
function finestCountries(): Map<string, Country> {
  finest ??= countriesOf("countries-10m.json");
  return finest;
}

/** Beyond this distance at 1:50m no island of the country is missing from 1:50m. */
const ISLAND_SEARCH_KM = 250;

function inBox(b: BBox, lon: number, lat: number, padLon = 0, padLat = 0): boolean {
  return lat >= b[1] - padLat && lat <= b[3] + padLat && lon >= b[0] - padLon && lon <= b[2] + padLon;
}

function partContains(part: Part, lon: number, lat: number): boolean {
  const x = inBox(part.bbox, lon, lat) ? lon : inBox(part.bbox, lon + 360, lat) ? lon + 360 : null;
  return x !== null && booleanPointInPolygon([x, lat], { type: "Polygon", coordinates: part.rings });
}

function normalizeLon(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

function validPoint(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && lat >= -90 && lat <= 90;
}

export function hasCountry(iso3: string): boolean {
  return detailedCountries().has(iso3);
}

export function countryCodes(): string[] {
  return [...detailedCountries().keys()].sort();
}

/** The country whose land (1:50m) holds the point, or null. */
export function countryAt(lat: number, lon: number): string | null {
  if (!validPoint(lat, lon)) return null;
  const x = normalizeLon(lon);
  for (const country of detailedCountries().values())
    for (const part of country.parts) if (partContains(part, x, lat)) return country.iso3;
  return null;
}

/** Distance in km from a point to the segment a–b, in a local flat projection around the point. */
function segmentDistanceKm(lon: number, lat: number, a: Position, b: Position, kx: number): number {
  const dx = (v: number) => normalizeLon(v - lon) * kx;
  const ax = dx(a[0] ?? 0);
  const ay = ((a[1] ?? 0) - lat) * KM_PER_DEG_LAT;
  const bx = dx(b[0] ?? 0);
  const by = ((b[1] ?? 0) - lat) * KM_PER_DEG_LAT;
  const vx = bx - ax;
  const vy = by - ay;
  const len2 = vx * vx + vy * vy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * vx + ay * vy) / len2));
  return Math.hypot(ax + t * vx, ay + t * vy);
}

function distanceKm(country: Country | undefined, lat: number, lon: number, withinKm: number): number {
  if (!country || !validPoint(lat, lon)) return Number.POSITIVE_INFINITY;
  const x = normalizeLon(lon);
  if (country.parts.some((p) => partContains(p, x, lat))) return 0;
  const kx = KM_PER_DEG_LON_EQUATOR * Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
  const padLat = withinKm / KM_PER_DEG_LAT;
  const padLon = Math.min(withinKm / kx, 360);
  const near = (b: BBox) => [x, x + 360, x - 360].some((v) => inBox(b, v, lat, padLon, padLat));
  let best = Number.POSITIVE_INFINITY;
  for (const part of country.parts) {
    if (!near(part.bbox)) continue;
    for (const ring of part.rings)
      for (let i = 1; i < ring.length; i++) {
        const d = segmentDistanceKm(x, lat, ring[i - 1] ?? [0, 0], ring[i] ?? [0, 0], kx);
        if (d < best) best = d;
      }
  }
  return best;
}

/**
 * 0 inside the country, else the distance in km to its nearest border (1:50m; 1:10m for points near the
 * country, so small islands count). Parts farther than `withinKm` may be skipped (then Infinity is possible).
 */
export function distanceToCountryKm(iso3: string, lat: number, lon: number, withinKm = ISLAND_SEARCH_KM): number {
  const coarse = distanceKm(detailedCountries().get(iso3), lat, lon, Math.max(withinKm, ISLAND_SEARCH_KM));
  if (coarse === 0 || coarse > ISLAND_SEARCH_KM) return coarse;
  return Math.min(coarse, distanceKm(finestCountries().get(iso3), lat, lon, withinKm));
}

/** Inside the country, or within `toleranceKm` (default 20) of its border. */
export function isInCountry(iso3: string, lat: number, lon: number, options: { toleranceKm?: number } = {}): boolean {
  const toleranceKm = options.toleranceKm ?? 20;
  return distanceToCountryKm(iso3, lat, lon, Math.max(toleranceKm, 0)) <= toleranceKm;
}

const labels = new Map<string, LonLat>();

/** A point inside the country: the pole of inaccessibility of its largest part. Null for an unknown code. */
export function centroid(iso3: string): LonLat | null {
  const cached = labels.get(iso3);
  if (cached) return cached;
  const country = detailedCountries().get(iso3);
  const largest = country?.parts.reduce((a, b) => (b.areaKm2 > a.areaKm2 ? b : a));
  if (!largest) return null;
  const p = polylabel(largest.rings as [number, number][][], 0.01);
  const point: LonLat = [Math.round(normalizeLon(p[0]) * 1e4) / 1e4, Math.round(p[1] * 1e4) / 1e4];
  labels.set(iso3, point);
  return point;
}

/** [west, south, east, north]; west > east across the antimeridian. Null for an unknown code. */
export function bbox(iso3: string): BBox | null {
  const country = detailedCountries().get(iso3);
  return country ? ([...country.bbox] as BBox) : null;
}

// Part of this module's published API; built in its own file.
export { basemap } from "./geo-basemap.js";
