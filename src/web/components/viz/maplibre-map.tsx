/**
 * The MapLibre canvas of `AtlasMap`, in its own lazily loaded chunk (MapLibre is large).
 * Offline: the style has no tile, glyph or sprite URL — a background (the sea), the country polygons from
 * `/api/v1/geo/countries`, borders; labels are HTML tooltips. The worker is MapLibre's own module file,
 * emitted by Vite and served from our origin (CSP `worker-src 'self'`).
 */
import "maplibre-gl/dist/maplibre-gl.css";
import "./viz.css";
import { Paper, Text } from "@mantine/core";
import type { FeatureCollection, LineString, Point } from "geojson";
import {
  type GeoJSONSource,
  type LngLatBoundsLike,
  type MapLayerMouseEvent,
  Map as MapLibre,
  NavigationControl,
  setWorkerUrl,
} from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { type ReactNode, useEffect, useRef, useState } from "react";
import type { CountryCollection } from "../../../common/geo.js";
import { addOverlayLayers, baseStyle, clusterLabels } from "./map-layers.js";
import { LAND, type MapTarget, matchExpression } from "./map-model.js";

setWorkerUrl(workerUrl);

export interface MapCanvasProps {
  countries: CountryCollection;
  colors: Map<string, string>;
  /** Countries drawn with a stronger border (e.g. highlighted ones). */
  outlined: string[];
  flows: FeatureCollection<LineString> | null;
  points: FeatureCollection<Point> | null;
  cluster: boolean;
  pointColor: string;
  bounds: LngLatBoundsLike | null;
  dark: boolean;
  height: number | string;
  ariaLabel: string;
  locale: Record<string, string>;
  /** What to show in the tooltip for a target (null: nothing). */
  describe: (target: MapTarget) => ReactNode;
  onTarget?: (target: MapTarget | null, clicked: boolean) => void;
  onReady?: (map: MapLibre) => void;
  /** Short count on each cluster ("1.2K", "1,2 тыс."). */
  formatCount: (count: number) => string;
}

interface Tip {
  x: number;
  y: number;
  content: ReactNode;
  pinned: boolean;
}

function targetOf(e: MapLayerMouseEvent): MapTarget | null {
  const f = e.features?.[0];
  if (!f) return null;
  const p = f.properties ?? {};
  if (f.layer.id === "clusters") return { kind: "cluster", count: Number(p.point_count), weight: Number(p.weight) };
  if (f.layer.id === "points") return { kind: "point", id: Number(p.i), index: Number(p.i), weight: Number(p.w) };
  if (f.layer.id === "flows")
    return {
      kind: "flow",
      id: String(p.id),
      label: String(p.label),
      value: p.value === null ? undefined : Number(p.value),
    };
  return { kind: "country", iso3: String(p.iso3), name: String(p.iso3) };
}

export default function MapCanvas(props: MapCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [tip, setTip] = useState<Tip | null>(null);
  const latest = useRef(props);
  latest.current = props;

  // One map per basemap, theme and language; the layers' data is updated in place below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is rebuilt only for these
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const p = latest.current;
    const map = new MapLibre({
      container: el,
      style: baseStyle(p.countries, p.dark),
      bounds: p.bounds ?? [
        [-15, 5],
        [135, 62],
      ],
      fitBoundsOptions: { padding: 16, maxZoom: 5 },
      minZoom: 0.5,
      maxZoom: 12,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      attributionControl: { compact: true, customAttribution: "Natural Earth" },
      locale: p.locale,
      cooperativeGestures: false,
    });
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), "top-right");
    map.getCanvas().setAttribute("aria-label", p.ariaLabel);
    mapRef.current = map;
    map.on("load", () => {
      addOverlayLayers(map, latest.current);
      setLoaded(true);
      latest.current.onReady?.(map);
    });
    const hoverLayers = ["clusters", "points", "flows", "countries-fill"];
    const show = (e: MapLayerMouseEvent, clicked: boolean) => {
      const features = map.queryRenderedFeatures(e.point, { layers: hoverLayers.filter((l) => map.getLayer(l)) });
      const target = targetOf({ ...e, features } as MapLayerMouseEvent);
      map.getCanvas().style.cursor = target && target.kind !== "country" ? "pointer" : "";
      latest.current.onTarget?.(target, clicked);
      if (clicked && target?.kind === "cluster") {
        const source = map.getSource("points") as GeoJSONSource;
        const id = features[0]?.properties?.cluster_id;
        if (typeof id === "number")
          void source.getClusterExpansionZoom(id).then((zoom) => map.easeTo({ center: e.lngLat, zoom }));
      }
      const content = target ? latest.current.describe(target) : null;
      setTip((old) =>
        old?.pinned && !clicked ? old : content ? { x: e.point.x, y: e.point.y, content, pinned: clicked } : null,
      );
    };
    map.on("mousemove", (e) => show(e as MapLayerMouseEvent, false));
    map.on("click", (e) => show(e as MapLayerMouseEvent, true));
    map.on("mouseout", () => {
      latest.current.onTarget?.(null, false);
      setTip((old) => (old?.pinned ? old : null));
    });
    map.on("movestart", () => setTip(null));
    const observer = new ResizeObserver(() => map.resize());
    observer.observe(el);
    const removeLabels = clusterLabels(map, () => latest.current.formatCount);
    return () => {
      removeLabels();
      observer.disconnect();
      map.remove();
      mapRef.current = null;
      setLoaded(false);
    };
  }, [props.countries, props.dark, props.locale]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const mode = props.dark ? "dark" : "light";
    map.setPaintProperty("countries-fill", "fill-color", matchExpression(props.colors, LAND[mode]) as never);
    map.setFilter("countries-outline", ["in", ["get", "iso3"], ["literal", props.outlined]]);
  }, [loaded, props.colors, props.outlined, props.dark]);

  useEffect(() => {
    if (!loaded) return;
    const empty = { type: "FeatureCollection", features: [] } as FeatureCollection;
    (mapRef.current?.getSource("flows") as GeoJSONSource | undefined)?.setData(props.flows ?? empty);
  }, [loaded, props.flows]);

  useEffect(() => {
    if (!loaded) return;
    const empty = { type: "FeatureCollection", features: [] } as FeatureCollection;
    (mapRef.current?.getSource("points") as GeoJSONSource | undefined)?.setData(props.points ?? empty);
  }, [loaded, props.points]);

  useEffect(() => {
    if (props.bounds) mapRef.current?.fitBounds(props.bounds, { padding: 16, maxZoom: 5, animate: false });
  }, [props.bounds]);

  useEffect(() => {
    mapRef.current?.getCanvas().setAttribute("aria-label", props.ariaLabel);
  }, [props.ariaLabel]);

  return (
    <div style={{ position: "relative", height: props.height, width: "100%" }}>
      <div ref={container} style={{ position: "absolute", inset: 0 }} />
      {tip && (
        <Paper
          shadow="md"
          p={6}
          withBorder
          role="status"
          style={{
            position: "absolute",
            left: Math.min(tip.x + 12, (container.current?.clientWidth ?? 300) - 180),
            top: Math.max(tip.y - 12, 4),
            pointerEvents: "none",
            maxWidth: 240,
            zIndex: 2,
          }}
        >
          <Text size="sm">{tip.content}</Text>
        </Paper>
      )}
    </div>
  );
}
