/**
 * `<AtlasMap>`: an offline map of countries (MapLibre GL over `/api/v1/geo/countries`, no tile server),
 * always with a "Map | Table" switch so the map is never the only way to the data.
 *
 * ```tsx
 * <AtlasMap
 *   ariaLabel={t("seizures.mapLabel")}
 *   choropleth={{ values: { TJK: 120, UZB: 80 }, title: t("seizures.kg"), domain: partnerCodes }}
 *   groups={[{ key: "balkan", label: "Balkan route", color: "#e69f00", countries: ["TUR", "SRB"] }]}
 *   flows={{ curved: true, lines: [{ id: "b", label: "Balkan route", path: ["AFG", "IRN", "TUR"], value: 40 }] }}
 *   points={{ data: { lon: Float64Array, lat: Float64Array, weight?, id? }, label: t("seizures.points") }}
 *   fitTo={["TJK", "UZB"]} height={420}
 *   onCountryClick={(iso3) => …} onPointClick={(id) => …}
 *   tooltip={(target) => …}   // ReactNode for a MapTarget, or omit for the default (name, value, group)
 *   table={<MyTable />}        // optional: replaces the default table (choropleth values, groups, flows)
 * />
 * ```
 * Props:
 * - `ariaLabel` (required): what the map shows, read to screen-reader users on the map canvas.
 * - `choropleth` `{ values: Record<ISO3, number|null>, title?, classes? (≤7), scale? "quantize"|"quantile",
 *   colors?, noDataColor?, domain? }` — legend shown below the map, formatted for the language
 *   (`valueFormat` Intl options).
 * - `groups` `[{ key, label, color, countries }]`: categorical highlight with a legend.
 * - `points` `{ data: {lon, lat, weight?, id?} | FeatureCollection<Point>, label?, color?, cluster? (true) }`:
 *   clustered in MapLibre's worker, stays interactive with 100 000 points; click a cluster to zoom in.
 * - `flows` `{ lines: [{ id, path: (ISO3 | [lon, lat])[], value?, label?, color?, order? }], curved?, label? }`:
 *   origin → transit → destination polylines, width by value (√), arrow heads; `order: "nearest"` keeps the
 *   first stop and visits the others nearest first (for sources listing countries without an order).
 * - Small props (`choropleth`, `groups`, `flows`, `fitTo`, `valueFormat`) are compared by content, so inline
 *   objects are fine; `points.data` is compared by identity (keep it in state or a query).
 * - `fitTo` ISO3 list (default: the countries of groups and flows); `height` (default 420 px, 300 on phones).
 * - `onCountryClick(iso3)`, `onCountryHover(iso3|null)`, `onPointClick(id, index)`, `tooltip(target)`,
 *   `onMapReady(map)` (the MapLibre map once loaded: an escape hatch for custom layers).
 * - `defaultView` "map" | "table"; `tableCaption` names the default tables; `hideTableSwitch` only when the
 *   page itself shows the same data as a list one click away (e.g. the partners page's List | Map switch).
 * Keyboard: the map canvas is focusable (arrows pan, +/− zoom), the zoom buttons are reachable by Tab, and the
 * switch opens the table. MapLibre (≈1 MB) is fetched lazily in its own chunk when a map is first shown.
 */
import { Box, SegmentedControl, Skeleton, Stack, useComputedColorScheme, VisuallyHidden } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import type { Map as MapLibreMap } from "maplibre-gl";
import { lazy, type ReactNode, Suspense, useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLanguage } from "../i18n/index.js";
import { ErrorAlert } from "./error-alert.js";
import { DataTable } from "./viz/data-table.js";
import { boundsOf, countriesGeoQuery, featureIndex } from "./viz/geo-data.js";
import { Legend } from "./viz/map-legend.js";
import {
  type ChoroplethLayer,
  type CountryGroup,
  countryColors,
  type FlowsLayer,
  flowFeatures,
  type MapTarget,
  mapTables,
  type PointsLayer,
  pointFeatures,
  pointId,
} from "./viz/map-model.js";
import { useStable } from "./viz/use-stable.js";

export type {
  ChoroplethLayer,
  CountryGroup,
  FlowLine,
  FlowsLayer,
  MapTarget,
  PointsInput,
  PointsLayer,
} from "./viz/map-model.js";

const MapCanvas = lazy(() => import("./viz/maplibre-map.js"));

export interface AtlasMapProps {
  ariaLabel: string;
  choropleth?: ChoroplethLayer;
  groups?: CountryGroup[];
  points?: PointsLayer;
  flows?: FlowsLayer;
  fitTo?: string[];
  height?: number;
  valueFormat?: Intl.NumberFormatOptions;
  onCountryClick?: (iso3: string) => void;
  onCountryHover?: (iso3: string | null) => void;
  onPointClick?: (id: string | number, index: number) => void;
  tooltip?: (target: MapTarget) => ReactNode;
  table?: ReactNode | (() => ReactNode);
  tableCaption?: string;
  defaultView?: "map" | "table";
  /** Escape hatch: the MapLibre map once its style and layers are loaded (custom layers, tests, benchmarks). */
  onMapReady?: (map: MapLibreMap) => void;
  /** Hide the "Map | Table" switch — only when the page itself offers the same data as a list one click away. */
  hideTableSwitch?: boolean;
}

export function AtlasMap(props: AtlasMapProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const dark = useComputedColorScheme("light") === "dark";
  const narrow = useMediaQuery("(max-width: 36em)") ?? false;
  const [view, setView] = useState<"map" | "table">(props.defaultView ?? "map");
  const geo = useQuery(countriesGeoQuery);
  const index = useMemo(() => featureIndex(geo.data), [geo.data]);
  const nameOf = useCallback((iso3: string) => index.get(iso3)?.properties.name[lang] ?? iso3, [index, lang]);
  const formatCount = useMemo(() => {
    const nf = new Intl.NumberFormat(lang, { notation: "compact", maximumFractionDigits: 1 });
    return (v: number) => nf.format(v);
  }, [lang]);
  const valueFormat = useStable(props.valueFormat);
  const format = useMemo(() => {
    const nf = new Intl.NumberFormat(lang, valueFormat ?? { maximumFractionDigits: 2 });
    return (v: number) => nf.format(v);
  }, [lang, valueFormat]);

  // Pages often pass these inline: keep them by value so a re-render neither recolours, redraws nor re-fits.
  const choropleth = useStable(props.choropleth);
  const groupsProp = useStable(props.groups);
  const flowsProp = useStable(props.flows);
  const fitTo = useStable(props.fitTo);
  const pointData = props.points?.data;
  const { colors, scale } = useMemo(() => countryColors(choropleth, groupsProp, dark), [choropleth, groupsProp, dark]);
  const outlined = useMemo(() => (groupsProp ?? []).flatMap((g) => g.countries), [groupsProp]);
  const flows = useMemo(() => (flowsProp ? flowFeatures(flowsProp, index) : null), [flowsProp, index]);
  // 100 000 points are re-clustered only when the data itself changes (compared by identity).
  const points = useMemo(() => (pointData ? pointFeatures(pointData) : null), [pointData]);
  const bounds = useMemo(() => {
    const codes = fitTo?.length
      ? fitTo
      : [
          ...outlined,
          ...(flowsProp?.lines ?? []).flatMap((l) => l.path.filter((s): s is string => typeof s === "string")),
        ];
    const extra = (flowsProp?.lines ?? []).flatMap((l) =>
      l.path.filter((s): s is [number, number] => typeof s !== "string"),
    );
    return codes.length + extra.length > 0 ? boundsOf(index, codes, extra) : null;
  }, [fitTo, flowsProp, outlined, index]);
  const locale = useMemo(
    () => ({
      "NavigationControl.ZoomIn": t("viz.map.zoomIn"),
      "NavigationControl.ZoomOut": t("viz.map.zoomOut"),
      "AttributionControl.ToggleAttribution": t("viz.map.attribution"),
    }),
    [t],
  );

  const groupOf = useCallback(
    (iso3: string) =>
      props.groups
        ?.filter((g) => g.countries.includes(iso3))
        .map((g) => g.label)
        .join(", "),
    [props.groups],
  );
  // The canvas knows a point by its index and a country by its code; callers want their id and the name.
  const withId = useCallback(
    (target: MapTarget): MapTarget => {
      if (target.kind === "point" && pointData) return { ...target, id: pointId(pointData, target.index) };
      if (target.kind === "country")
        return { ...target, name: nameOf(target.iso3), value: choropleth?.values[target.iso3] };
      return target;
    },
    [pointData, nameOf, choropleth],
  );
  const hovered = useRef<string | null>(null);
  const describe = useCallback(
    (target: MapTarget): ReactNode => {
      if (props.tooltip) return props.tooltip(withId(target));
      if (target.kind === "country") {
        const value = props.choropleth?.values[target.iso3];
        const group = groupOf(target.iso3);
        const parts = [nameOf(target.iso3)];
        const inChoropleth =
          props.choropleth &&
          (target.iso3 in props.choropleth.values || props.choropleth.domain?.includes(target.iso3));
        if (inChoropleth) parts.push(typeof value === "number" ? format(value) : t("viz.map.noData"));
        if (group) parts.push(group);
        return parts.join(" · ");
      }
      if (target.kind === "cluster") return t("viz.map.cluster", { count: target.count });
      if (target.kind === "flow")
        return target.value === undefined ? (target.label ?? "") : `${target.label ?? ""}: ${format(target.value)}`;
      return props.points ? String(pointId(props.points.data, target.index)) : null;
    },
    [props.tooltip, props.choropleth, props.points, groupOf, nameOf, format, t, withId],
  );
  const onTarget = useCallback(
    (target: MapTarget | null, clicked: boolean) => {
      if (!clicked) {
        const iso3 = target?.kind === "country" ? target.iso3 : null;
        if (iso3 !== hovered.current) props.onCountryHover?.(iso3);
        hovered.current = iso3;
        return;
      }
      if (!target) return;
      if (target.kind === "country") props.onCountryClick?.(target.iso3);
      if (target.kind === "point" && props.points)
        props.onPointClick?.(pointId(props.points.data, target.index), target.index);
    },
    [props.onCountryClick, props.onCountryHover, props.onPointClick, props.points],
  );

  const height = props.height ?? (narrow ? 300 : 420);
  const tables = useMemo(
    () =>
      mapTables(
        props,
        nameOf,
        {
          country: t("viz.map.country"),
          value: t("viz.chart.value"),
          group: t("viz.map.group"),
          flow: t("viz.map.flow"),
          path: t("viz.map.path"),
          points: t("viz.map.points"),
          count: t("viz.map.count"),
        },
        index,
      ),
    [props, nameOf, t, index],
  );

  // While the basemap and MapLibre (~250 KB) are on their way, a country layer shows its figures as its table rather
  // than a skeleton (as the chart panel does until ECharts arrives): on a slow link, or a repeat visit read from the
  // service worker, the page's figures are there before the map can be drawn.
  const interim =
    props.choropleth && !props.points && tables.length > 0 ? (
      <Stack gap="md" mih={height}>
        <VisuallyHidden role="status">{t("common.loading")}</VisuallyHidden>
        {tables.map((tb) => (
          <DataTable key={tb.key} data={tb.data} caption={props.tableCaption ?? tb.caption} format={format} />
        ))}
      </Stack>
    ) : null;

  return (
    <Box>
      {!props.hideTableSwitch && (
        <SegmentedControl
          size="xs"
          mb="xs"
          value={view}
          onChange={(v) => setView(v === "table" ? "table" : "map")}
          aria-label={t("viz.map.view", { title: props.ariaLabel })}
          data={[
            { value: "map", label: t("viz.map.map") },
            { value: "table", label: t("viz.map.table") },
          ]}
        />
      )}
      {view === "table" ? (
        props.table ? (
          typeof props.table === "function" ? (
            props.table()
          ) : (
            props.table
          )
        ) : (
          <Stack gap="md">
            {tables.map((tb) => (
              <DataTable key={tb.key} data={tb.data} caption={props.tableCaption ?? tb.caption} format={format} />
            ))}
          </Stack>
        )
      ) : geo.error ? (
        <ErrorAlert error={geo.error} onRetry={() => void geo.refetch()} />
      ) : !geo.data && interim ? (
        interim
      ) : !geo.data ? (
        <Skeleton height={height} radius="sm" aria-busy="true">
          <VisuallyHidden role="status">{t("common.loading")}</VisuallyHidden>
        </Skeleton>
      ) : (
        <Box style={{ borderRadius: 6, overflow: "hidden" }} className="atlas-map">
          <Suspense fallback={interim ?? <Skeleton height={height} radius="sm" />}>
            <MapCanvas
              key={lang}
              countries={geo.data}
              colors={colors}
              outlined={outlined}
              flows={flows}
              points={points}
              cluster={props.points?.cluster ?? true}
              pointColor={props.points?.color ?? "#d55e00"}
              bounds={bounds}
              dark={dark}
              height={height}
              ariaLabel={props.ariaLabel}
              locale={locale}
              describe={describe}
              onTarget={onTarget}
              onReady={props.onMapReady}
              formatCount={formatCount}
            />
          </Suspense>
        </Box>
      )}
      {view === "map" && (
        <Legend choropleth={props.choropleth} scale={scale} groups={props.groups} format={format} dark={dark} />
      )}
    </Box>
  );
}
