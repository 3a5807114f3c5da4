/**
 * `<MapPanel>`: a map in a card with the exports every chart has (issue 20): the map as PNG, and the figures behind
 * it (`figures`) as CSV or XLSX. The map itself is `<AtlasMap>` (its "Map | Table" switch included).
 *
 * ```tsx
 * <MapPanel title="Facilities" figures={{ columns: ["Country", "Facilities"], rows }} ariaLabel="…" choropleth={…} />
 * ```
 * - `figures`: what CSV/XLSX write (the map's own figures: one row per country, flow or drug).
 * - States as `<ChartPanel>`: `loading` (skeleton), `error` (+ `onRetry`), `empty` with `emptyText`.
 * - PNG: MapLibre draws on WebGL without keeping its buffer, so the picture is taken in the frame it is drawn
 *   (`render` after `triggerRepaint`), under the panel's title and on a plain background.
 */
import { ActionIcon, Card, Group, Menu, Skeleton, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import type { Map as MapLibreMap } from "maplibre-gl";
import { type ReactNode, useCallback, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { AtlasMap, type AtlasMapProps } from "./atlas-map.js";
import { ErrorAlert } from "./error-alert.js";
import { IconDownload, IconFileSpreadsheet, IconFileTypeCsv, IconPhoto } from "./icons.js";
import { Empty } from "./states.js";
import { downloadCsv, downloadUrl, downloadXlsx, fileNameOf, type TableData } from "./viz/export.js";

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
  const { title, subtitle, source, figures, loading, error, onRetry, empty, emptyText, headingOrder = 3 } = props;
  const { t } = useTranslation();
  const headingId = useId();
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
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap" mb="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={headingOrder} fz="h4" id={headingId}>
            {title}
          </Title>
          {subtitle && (
            <Text size="sm" c="dimmed">
              {subtitle}
            </Text>
          )}
        </Stack>
        {ready && (
          <Menu
            position="bottom-end"
            withinPortal
            // The map is gone while its table is shown: the PNG is offered only when it is on screen.
            onOpen={() => setOnScreen(Boolean(mapRef.current?.getCanvas().isConnected))}
          >
            <Menu.Target>
              <ActionIcon variant="default" size="lg" aria-label={t("viz.chart.download", { title })}>
                <IconDownload size={18} aria-hidden="true" />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {onScreen && (
                <Menu.Item leftSection={<IconPhoto size={16} aria-hidden="true" />} onClick={() => void exportPng()}>
                  {t("viz.chart.png")}
                </Menu.Item>
              )}
              <Menu.Item
                leftSection={<IconFileTypeCsv size={16} aria-hidden="true" />}
                onClick={() => downloadCsv(figures, name)}
              >
                {t("viz.chart.csv")}
              </Menu.Item>
              <Menu.Item
                leftSection={<IconFileSpreadsheet size={16} aria-hidden="true" />}
                onClick={() => void downloadXlsx(figures, name)}
              >
                {t("viz.chart.xlsx")}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      {loading ? (
        <Skeleton height={props.height ?? 300} radius="sm" aria-busy="true">
          <VisuallyHidden role="status">{t("common.loading")}</VisuallyHidden>
        </Skeleton>
      ) : error ? (
        <ErrorAlert error={error} onRetry={onRetry} />
      ) : empty ? (
        <Empty title={emptyText ?? t("viz.chart.empty")} />
      ) : (
        <AtlasMap {...mapProps} onMapReady={onMapReady} />
      )}
      {source && (
        <Text size="xs" c="dimmed" mt="xs">
          {source}
        </Text>
      )}
    </Card>
  );
}
