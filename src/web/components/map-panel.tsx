import type { Map as MapLibreMap } from "maplibre-gl";
import { type ReactNode, useCallback, useRef, useState } from "react";
import { AtlasMap, type AtlasMapProps } from "./atlas-map.js";
import { downloadUrl, fileNameOf, type TableData } from "./viz/export.js";
import { DownloadMenu, FigureCard, FigureStates } from "./viz/figure-card.js";

export interface MapPanelProps extends Omit<AtlasMapProps, "onMapReady" | "table"> {
  title: string;
  subtitle?: ReactNode;
  source?: ReactNode;
  /** The figures behind the map, for CSV and XLSX (the map's own "Table" view shows them as its layers do). */
  figures: TableData;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  empty?: boolean;
  emptyText?: ReactNode;
  headingOrder?: 2 | 3 | 4;
  fileName?: string;
}

const TITLE_BAND = 40;

/** The map's canvas under a title band, as a PNG data URL (null when the map is not on screen). */
function mapPicture(map: MapLibreMap, title: string): Promise<string | null> {
  return new Promise((resolve) => {
    const source = map.getCanvas();
    if (!source.isConnected) return resolve(null);
    map.once("render", () => {
      const out = document.createElement("canvas");
      out.width = source.width;
      out.height = source.height + TITLE_BAND * window.devicePixelRatio;
      const g = out.getContext("2d");
      if (!g) return resolve(null);
      g.fillStyle = "#ffffff";
      g.fillRect(0, 0, out.width, out.height);
      g.fillStyle = "#212529";
      g.font = `${16 * window.devicePixelRatio}px sans-serif`;
      g.textBaseline = "middle";
      g.fillText(title, 12 * window.devicePixelRatio, (TITLE_BAND / 2) * window.devicePixelRatio, out.width - 24);
      g.drawImage(source, 0, TITLE_BAND * window.devicePixelRatio);
      resolve(out.toDataURL("image/png"));
    });
    map.triggerRepaint();
  });
}

export function MapPanel(props: MapPanelProps) {
  const { title, figures, loading, error, onRetry, empty, emptyText } = props;
  const mapRef = useRef<MapLibreMap | null>(null);
  const [onScreen, setOnScreen] = useState(false);
  const onMapReady = useCallback((map: MapLibreMap) => {
    mapRef.current = map;
    setOnScreen(true);
  }, []);
  const name = props.fileName ?? title;
  const ready = !loading && !error && !empty;
  const exportPng = async () => {
    const map = mapRef.current;
    const url = map ? await mapPicture(map, title) : null;
    if (url) downloadUrl(url, fileNameOf(name, "png"));
  };
  const {
    title: _t,
    subtitle: _s,
    source: _src,
    figures: _tb,
    loading: _l,
    error: _e,
    onRetry: _r,
    empty: _em,
    emptyText: _et,
    headingOrder: _h,
    fileName: _f,
    ...mapProps
  } = props;
  return (
    <FigureCard
      panel={props}
      actions={
        ready && (
          <DownloadMenu
            title={title}
            name={name}
            table={figures}
            onPng={onScreen ? () => void exportPng() : undefined}
            // The map is gone while its table is shown: the PNG is offered only when it is on screen.
            onOpen={() => setOnScreen(Boolean(mapRef.current?.getCanvas().isConnected))}
          />
        )
      }
    >
      <FigureStates
        loading={loading}
        error={error}
        onRetry={onRetry}
        empty={empty}
        emptyText={emptyText}
        height={props.height ?? 300}
      >
        <AtlasMap {...mapProps} onMapReady={onMapReady} />
      </FigureStates>
    </FigureCard>
  );
}
