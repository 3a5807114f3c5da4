import { queryOptions } from "@tanstack/react-query";
import type { CountryCollection, CountryFeature } from "../../../common/geo.js";
import { api } from "../../api/client.js";

/** The offline basemap; the server caches it for a week with an ETag, the app keeps it for the session. */
export const countriesGeoQuery = queryOptions({
  queryKey: ["geo", "countries"],
  queryFn: ({ signal }) => api.get<CountryCollection>("/geo/countries", undefined, signal),
  staleTime: Number.POSITIVE_INFINITY,
  gcTime: Number.POSITIVE_INFINITY,
});

export function featureIndex(collection: CountryCollection | undefined): Map<string, CountryFeature> {
  return new Map((collection?.features ?? []).map((f) => [f.properties.iso3, f]));
}

/** [[west, south], [east, north]] around the given countries (longitudes may exceed 180 across the antimeridian). */
export function boundsOf(
  index: Map<string, CountryFeature>,
  codes: Iterable<string>,
  extra: Array<[number, number]> = [],
): [[number, number], [number, number]] | null {
  let w = Number.POSITIVE_INFINITY;
  let s = Number.POSITIVE_INFINITY;
  let e = Number.NEGATIVE_INFINITY;
  let n = Number.NEGATIVE_INFINITY;
  const add = (x: number, y: number) => {
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  };
  for (const code of codes) {
    const g = index.get(code)?.geometry;
    if (!g) continue;
    const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    // Overseas parts (French Guiana, Alaska…) would zoom the map out to the world: keep the part holding the label.
    const main =
      polygons.length > 1 ? polygons.filter((p) => near(p[0] ?? [], index.get(code)?.properties.label)) : polygons;
    for (const rings of main.length > 0 ? main : polygons) for (const [x, y] of rings[0] ?? []) add(x, y);
  }
  for (const [x, y] of extra) add(x, y);
  return Number.isFinite(w)
    ? [
        [w, s],
        [e, n],
      ]
    : null;
}

function near(ring: Array<[number, number]>, label: [number, number] | undefined): boolean {
  if (!label) return true;
  const [lx, ly] = label;
  let w = 360;
  let e = -360;
  let s = 90;
  let n = -90;
  for (const [x, y] of ring) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  // Within the part's box, padded: the label's part and its neighbours (islands close to the mainland).
  const pad = 8;
  return lx >= w - pad && lx <= e + pad && ly >= s - pad && ly <= n + pad;
}
