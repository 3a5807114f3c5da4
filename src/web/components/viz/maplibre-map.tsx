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
  Marker,
  NavigationControl,
  type StyleSpecification,
  setWorkerUrl,
} from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { type ReactNode, useEffect, useRef, useState } from "react";
import type { CountryCollection } from "../../../common/geo.js";
import { BORDER, LAND, type MapTarget, matchExpression, SEA } from "./map-model.js";

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

function baseStyle(countries: CountryCollection, dark: boolean): StyleSpecification {
  const mode = dark ? "dark" : "light";
  return {
    version: 8,
    sources: { countries: { type: "geojson", data: countries as never, promoteId: "iso3" } },
    layers: [
      { id: "sea", type: "background", paint: { "background-color": SEA[mode] } },
      { id: "countries-fill", type: "fill", source: "countries", paint: { "fill-color": LAND[mode] } },
      {
        id: "countries-border",
        type: "line",
        source: "countries",
        paint: { "line-color": BORDER[mode], "line-width": ["interpolate", ["linear"], ["zoom"], 1, 0.4, 6, 1.2] },
      },
      {
        id: "countries-outline",
        type: "line",
        source: "countries",
        filter: ["in", ["get", "iso3"], ["literal", []]],
        paint: { "line-color": dark ? "#e9ecef" : "#1f2d3a", "line-width": 1.4 },
      },
    ],
  };
}

/** An arrow head drawn on a canvas: no sprite file needed. */
function arrowImage(): ImageData {
  const size = 24;
  const canvas = document.createElement("canvas");
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext("2d");
  if (!ctx) return new ImageData(size, size);
  ctx.fillStyle = "#ffffff";
  ctx.beginPath();
  ctx.moveTo(4, 4);
  ctx.lineTo(20, 12);
  ctx.lineTo(4, 20);
  ctx.lineTo(8, 12);
  ctx.closePath();
  ctx.fill();
  return ctx.getImageData(0, 0, size, size);
}

function addOverlayLayers(map: MapLibre, props: MapCanvasProps) {
  const empty = { type: "FeatureCollection", features: [] } as FeatureCollection;
  map.addSource("flows", { type: "geojson", data: props.flows ?? empty });
  map.addLayer({
    id: "flows-casing",
    type: "line",
    source: "flows",
    layout: { "line-cap": "round", "line-join": "round" },
    // A dark casing keeps a line visible over a country filled with the same colour.
    paint: {
      "line-color": props.dark ? "#f1f3f5" : "#1f2d3a",
      "line-width": ["+", ["get", "width"], 2.5],
      "line-opacity": 0.85,
    },
  });
  map.addLayer({
    id: "flows",
    type: "line",
    source: "flows",
    layout: { "line-cap": "round", "line-join": "round" },
    paint: { "line-color": ["get", "color"], "line-width": ["get", "width"] },
  });
  map.addImage("flow-arrow", arrowImage(), { sdf: true, pixelRatio: 2 });
  map.addLayer({
    id: "flows-arrows",
    type: "symbol",
    source: "flows",
    layout: {
      "symbol-placement": "line",
      "symbol-spacing": 90,
      "icon-image": "flow-arrow",
      "icon-size": ["interpolate", ["linear"], ["get", "width"], 2, 0.9, 10, 1.8],
      "icon-allow-overlap": true,
      "icon-rotation-alignment": "map",
    },
    paint: { "icon-color": props.dark ? "#f1f3f5" : "#1f2d3a" },
  });
  map.addSource("points", {
    type: "geojson",
    data: props.points ?? empty,
    cluster: props.cluster,
    clusterRadius: 40,
    clusterMaxZoom: 9,
    clusterProperties: { weight: ["+", ["get", "w"]] },
  });
  map.addLayer({
    id: "clusters",
    type: "circle",
    source: "points",
    filter: ["has", "point_count"],
    paint: {
      "circle-color": props.pointColor,
      "circle-opacity": 0.75,
      "circle-stroke-color": "#fff",
      "circle-stroke-width": 1.5,
      "circle-radius": ["step", ["get", "point_count"], 9, 10, 13, 100, 18, 1000, 24, 10000, 30],
    },
  });
  map.addLayer({
    id: "points",
    type: "circle",
    source: "points",
    filter: ["!", ["has", "point_count"]],
    paint: {
      "circle-color": props.pointColor,
      "circle-radius": ["interpolate", ["linear"], ["zoom"], 1, 3, 8, 6],
      "circle-stroke-color": "#fff",
      "circle-stroke-width": 1,
    },
  });
}

/**
 * Counts on clusters as HTML markers (no glyph server needed), kept in step with the clusters in view.
 * Decorative for assistive technology: the same figures are in the tooltip and the table.
 */
function clusterLabels(map: MapLibre, format: () => (count: number) => string): () => void {
  const markers = new Map<number, Marker>();
  let pending = false;
  const update = () => {
    pending = false;
    if (!map.getSource("points")) return;
    const seen = new Set<number>();
    for (const f of map.querySourceFeatures("points")) {
      const p = f.properties ?? {};
      if (!p.cluster) continue;
      const id = Number(p.cluster_id);
      if (seen.has(id)) continue;
      seen.add(id);
      let marker = markers.get(id);
      if (!marker) {
        const el = document.createElement("div");
        el.className = "atlas-cluster-count";
        el.setAttribute("aria-hidden", "true");
        el.textContent = format()(Number(p.point_count));
        const [lon = 0, lat = 0] = (f.geometry as Point).coordinates;
        marker = new Marker({ element: el }).setLngLat([lon, lat]).addTo(map);
        markers.set(id, marker);
      }
    }
    for (const [id, marker] of markers)
      if (!seen.has(id)) {
        marker.remove();
        markers.delete(id);
      }
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(update);
  };
  map.on("moveend", schedule);
  map.on("sourcedata", (e) => {
    if (e.sourceId === "points" && e.isSourceLoaded) schedule();
  });
  return () => {
    for (const marker of markers.values()) marker.remove();
    markers.clear();
  };
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
