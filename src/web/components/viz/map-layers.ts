/**
 * The MapLibre style and layers of `AtlasMap` (no tile, glyph or sprite URL): sea, countries, borders,
 * outlines; flow lines with a casing and arrow heads drawn on a canvas; clustered points with HTML counts.
 */
import type { FeatureCollection, Point } from "geojson";
import { type Map as MapLibre, Marker, type StyleSpecification } from "maplibre-gl";
import type { CountryCollection } from "../../../common/geo.js";
import { BORDER, LAND, SEA } from "./map-model.js";

export interface OverlayOptions {
  flows: FeatureCollection | null;
  points: FeatureCollection | null;
  cluster: boolean;
  pointColor: string;
  dark: boolean;
}

export function baseStyle(countries: CountryCollection, dark: boolean): StyleSpecification {
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

export function addOverlayLayers(map: MapLibre, props: OverlayOptions) {
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
export function clusterLabels(map: MapLibre, format: () => (count: number) => string): () => void {
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
