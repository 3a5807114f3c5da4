/**
 * Country geometry shared by server and web.
 *
 * `GET /api/v1/geo/countries` answers a `CountryCollection`: a GeoJSON FeatureCollection of simplified
 * country polygons (Natural Earth 1:110m, plus the 1:50m shape of countries too small for 1:110m, such as
 * Malta), one feature per ISO 3166-1 alpha-3 code, with `properties.iso3` and English/Russian names.
 * Coordinates are [longitude, latitude] rounded to 0.01°. The web basemap (`components/atlas-map.tsx`) draws it.
 *
 * Special cases: Kosovo has the user-assigned code `XKX` (references to Kosovo are to be understood in
 * the context of UN Security Council resolution 1244 (1999)); Northern Cyprus is part of `CYP`; Somaliland
 * of `SOM`; Siachen Glacier belongs to no country.
 */
import { z } from "zod";

export const Iso3Schema = z.string().regex(/^[A-Z]{3}$/, "ISO 3166-1 alpha-3 code");

export const LonLatSchema = z.tuple([z.number(), z.number()]);
export type LonLat = z.infer<typeof LonLatSchema>;

/** [west, south, east, north] in degrees. */
export const BBoxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type BBox = z.infer<typeof BBoxSchema>;

const RingSchema = z.array(LonLatSchema);
export const CountryGeometrySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Polygon"), coordinates: z.array(RingSchema) }),
  z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(RingSchema)) }),
]);

export const CountryFeatureSchema = z.object({
  type: z.literal("Feature"),
  id: z.string(),
  properties: z.object({
    iso3: z.string(),
    name: z.object({ en: z.string(), ru: z.string() }),
    /** A point inside the country for labels and flow lines (pole of inaccessibility of its largest part). */
    label: LonLatSchema,
  }),
  geometry: CountryGeometrySchema,
});
export type CountryFeature = z.infer<typeof CountryFeatureSchema>;

export const CountryCollectionSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(CountryFeatureSchema),
});
export type CountryCollection = z.infer<typeof CountryCollectionSchema>;
