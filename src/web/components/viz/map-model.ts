/**
 * The data model of `AtlasMap` and pure helpers (no MapLibre import): country colours, flow-line and point
 * GeoJSON, the default table. Types are re-exported by `components/atlas-map.tsx`.
 */
import type { FeatureCollection, LineString, Point } from "geojson";
import type { CountryFeature } from "../../../common/geo.js";
import { PALETTE } from "./chart-model.js";
import { type ColorScale, colorScale } from "./color-scale.js";
import type { TableData } from "./export.js";

export interface ChoroplethLayer {
  /** Value by ISO3; countries missing or null get `noDataColor`. */
  values: Record<string, number | null | undefined>;
  /** Legend title, e.g. "Seizures, kg". */
  title?: string;
  classes?: number;
  scale?: "quantize" | "quantile";
  /** Sequential palette, light to dark. */
  colors?: string[];
  /** Colour of countries without a value (default: a light hatch-like grey). */
  noDataColor?: string;
  /** Only these countries take part (e.g. partner countries); others are plain land. */
  domain?: string[];
}

/** Countries highlighted by category (e.g. the countries of each trafficking route). First group wins. */
export interface CountryGroup {
  key: string;
  label: string;
  color: string;
  countries: string[];
}

/** Many points: compact columns (100 000 points are fine) or GeoJSON points. */
export type PointsInput =
  | { lon: ArrayLike<number>; lat: ArrayLike<number>; weight?: ArrayLike<number>; id?: ArrayLike<string | number> }
  | FeatureCollection<Point>;

export interface PointsLayer {
  data: PointsInput;
  /** Legend label. */
  label?: string;
  color?: string;
  /** Cluster nearby points (default true). Cluster weight = sum of `weight` (or the count). */
  cluster?: boolean;
}

export interface FlowLine {
  id: string;
  /** Stops from origin through transit to destination: ISO3 (drawn from the country's label point) or [lon, lat]. */
  path: Array<string | [number, number]>;
  /** Line width grows with the value (square root scale). */
  value?: number;
  label?: string;
  color?: string;
  /**
   * "as-given" (default) or "nearest": keep the first stop (the origin) and visit the others nearest first
   * (for sources that list the countries of a route without an order).
   */
  order?: "as-given" | "nearest";
}

export interface FlowsLayer {
  lines: FlowLine[];
  curved?: boolean;
  /** Legend/table label. */
  label?: string;
}

/**
 * What the pointer is on, given to `tooltip`: a country (code, name in the UI language, choropleth value),
 * a point (your `id` and its index in the input), a cluster (count, summed weight) or a flow line.
 */
export type MapTarget =
  | { kind: "country"; iso3: string; name: string; value?: number | null; group?: string }
  | { kind: "point"; id: string | number; index: number; weight?: number }
  | { kind: "cluster"; count: number; weight: number }
  | { kind: "flow"; id: string; label?: string; value?: number };

export const LAND = { light: "#e8ebee", dark: "#2e3440" };
export const SEA = { light: "#cfe3ee", dark: "#17212b" };
export const BORDER = { light: "#8d9aa6", dark: "#5b6673" };
export const NO_DATA = { light: "#f7f7f7", dark: "#3b4250" };

/** Fill colour per ISO3: choropleth classes, then groups on top. */
export function countryColors(
  choropleth: ChoroplethLayer | undefined,
  groups: CountryGroup[] | undefined,
  dark: boolean,
): { colors: Map<string, string>; scale: ColorScale | null } {
  const colors = new Map<string, string>();
  let scale: ColorScale | null = null;
  if (choropleth) {
    const entries = Object.entries(choropleth.values);
    scale = colorScale(
      entries.map(([, v]) => v),
      choropleth,
    );
    const noData = choropleth.noDataColor ?? (dark ? NO_DATA.dark : NO_DATA.light);
    for (const iso3 of choropleth.domain ?? []) colors.set(iso3, noData);
    for (const [iso3, v] of entries) colors.set(iso3, scale.colorOf(v) ?? noData);
  }
  for (const g of [...(groups ?? [])].reverse()) for (const iso3 of g.countries) colors.set(iso3, g.color);
  return { colors, scale };
}

/** A MapLibre `match` expression giving each listed country its colour, the rest `fallback`. */
export function matchExpression(colors: Map<string, string>, fallback: string): unknown {
  if (colors.size === 0) return fallback;
  return ["match", ["get", "iso3"], ...[...colors].flat(), fallback];
}

type Stop = [number, number];

function resolveStop(stop: string | [number, number], index: Map<string, CountryFeature>): Stop | null {
  if (typeof stop !== "string") return stop;
  return index.get(stop)?.properties.label ?? null;
}

/** A gentle arc from a to b (quadratic Bézier bulging to the left of the direction of travel). */
function arc(a: Stop, b: Stop, steps = 24): Stop[] {
  const [ax, ay] = a;
  const [bx, by] = b;
  const mx = (ax + bx) / 2 - (by - ay) * 0.18;
  const my = (ay + by) / 2 + (bx - ax) * 0.18;
  const out: Stop[] = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    out.push([u * u * ax + 2 * u * t * mx + t * t * bx, u * u * ay + 2 * u * t * my + t * t * by]);
  }
  return out;
}

function distance2(a: Stop, b: Stop): number {
  const dx = (a[0] - b[0]) * Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return dx * dx + (a[1] - b[1]) ** 2;
}

/** The line's stops in drawing order (see `FlowLine.order`); stops that cannot be placed are dropped. */
export function orderedPath(line: FlowLine, index: Map<string, CountryFeature>): Array<string | [number, number]> {
  const placed = line.path.filter((s) => resolveStop(s, index) !== null);
  if (line.order !== "nearest" || placed.length < 3) return placed;
  const [first, ...rest] = placed as [string | [number, number], ...Array<string | [number, number]>];
  const out = [first];
  let at = resolveStop(first, index) as Stop;
  while (rest.length > 0) {
    let best = 0;
    for (let i = 1; i < rest.length; i++)
      if (
        distance2(at, resolveStop(rest[i] as string, index) as Stop) <
        distance2(at, resolveStop(rest[best] as string, index) as Stop)
      )
        best = i;
    const [next] = rest.splice(best, 1);
    if (next === undefined) break;
    out.push(next);
    at = resolveStop(next, index) as Stop;
  }
  return out;
}

/** Flow lines as GeoJSON with `width` (px) and `color` properties; each leg may be an arc. */
export function flowFeatures(layer: FlowsLayer, index: Map<string, CountryFeature>): FeatureCollection<LineString> {
  const max = Math.max(0, ...layer.lines.map((l) => l.value ?? 0));
  const features = layer.lines.flatMap((line, n) => {
    const stops = orderedPath(line, index).map((s) => resolveStop(s, index) as Stop);
    // Take the short way across the antimeridian.
    for (let i = 1; i < stops.length; i++) {
      const prev = stops[i - 1] as Stop;
      const cur = stops[i] as Stop;
      if (cur[0] - prev[0] > 180) stops[i] = [cur[0] - 360, cur[1]];
      else if (prev[0] - cur[0] > 180) stops[i] = [cur[0] + 360, cur[1]];
    }
    if (stops.length < 2) return [];
    const coordinates = layer.curved
      ? stops.slice(1).flatMap((b, i) => arc(stops[i] as Stop, b).slice(i === 0 ? 0 : 1))
      : stops;
    const width = max > 0 && line.value !== undefined ? 2 + 8 * Math.sqrt(line.value / max) : 3;
    return [
      {
        type: "Feature" as const,
        id: n,
        properties: {
          id: line.id,
          label: line.label ?? line.id,
          value: line.value ?? null,
          width,
          color: line.color ?? PALETTE[n % PALETTE.length],
        },
        geometry: { type: "LineString" as const, coordinates },
      },
    ];
  });
  return { type: "FeatureCollection", features };
}

/** Points as GeoJSON for a clustered source; property `i` is the input index, `w` the weight. */
export function pointFeatures(input: PointsInput): FeatureCollection<Point> {
  if ("type" in input) {
    return {
      type: "FeatureCollection",
      features: input.features.map((f, i) => ({
        ...f,
        properties: { ...(f.properties ?? {}), i, w: Number(f.properties?.weight ?? 1) || 1 },
      })),
    };
  }
  const n = Math.min(input.lon.length, input.lat.length);
  const features = new Array(n);
  for (let i = 0; i < n; i++)
    features[i] = {
      type: "Feature",
      properties: { i, w: input.weight ? Number(input.weight[i] ?? 1) : 1 },
      geometry: { type: "Point", coordinates: [input.lon[i], input.lat[i]] },
    };
  return { type: "FeatureCollection", features };
}

export function pointCount(input: PointsInput): number {
  return "type" in input ? input.features.length : Math.min(input.lon.length, input.lat.length);
}

export function pointId(input: PointsInput, index: number): string | number {
  if ("type" in input) return (input.features[index]?.id as string | number | undefined) ?? index;
  return input.id?.[index] ?? index;
}

export interface TableLabels {
  country: string;
  value: string;
  group: string;
  flow: string;
  path: string;
  points: string;
  count: string;
}

/** The default "Show as table" content: choropleth values, groups, flows, and the point count. */
export function mapTables(
  props: { choropleth?: ChoroplethLayer; groups?: CountryGroup[]; flows?: FlowsLayer; points?: PointsLayer },
  nameOf: (iso3: string) => string,
  labels: TableLabels,
  index: Map<string, CountryFeature> = new Map(),
): Array<{ key: string; caption: string; data: TableData }> {
  const tables: Array<{ key: string; caption: string; data: TableData }> = [];
  const collator = new Intl.Collator();
  if (props.choropleth) {
    const codes = new Set([...(props.choropleth.domain ?? []), ...Object.keys(props.choropleth.values)]);
    const rows = [...codes]
      .map((iso3) => [nameOf(iso3), props.choropleth?.values[iso3] ?? null] as [string, number | null])
      .sort((a, b) => (b[1] ?? -Infinity) - (a[1] ?? -Infinity) || collator.compare(a[0], b[0]));
    tables.push({
      key: "choropleth",
      caption: props.choropleth.title ?? labels.value,
      data: { columns: [labels.country, props.choropleth.title ?? labels.value], rows },
    });
  }
  if (props.groups?.length)
    tables.push({
      key: "groups",
      caption: labels.group,
      data: {
        columns: [labels.group, labels.country],
        rows: props.groups.map((g) => [g.label, g.countries.map(nameOf).join(", ")]),
      },
    });
  if (props.flows?.lines.length) {
    const withValue = props.flows.lines.some((l) => l.value !== undefined);
    tables.push({
      key: "flows",
      caption: props.flows.label ?? labels.flow,
      data: {
        columns: [labels.flow, labels.path, ...(withValue ? [labels.value] : [])],
        rows: props.flows.lines.map((l) => [
          l.label ?? l.id,
          (index.size > 0 ? orderedPath(l, index) : l.path)
            .map((s) => (typeof s === "string" ? nameOf(s) : `${s[1].toFixed(2)}, ${s[0].toFixed(2)}`))
            .join(" → "),
          ...(withValue ? [l.value ?? null] : []),
        ]),
      },
    });
  }
  if (props.points)
    tables.push({
      key: "points",
      caption: props.points.label ?? labels.points,
      data: {
        columns: [labels.points, labels.count],
        rows: [[props.points.label ?? labels.points, pointCount(props.points.data)]],
      },
    });
  return tables;
}
