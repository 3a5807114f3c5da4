/**
 * `<ChartPanel>`: one chart in a card, the way every module shows figures.
 *
 * ```tsx
 * <ChartPanel
 *   title={t("seizures.byYear")}
 *   subtitle={t("seizures.kg")}
 *   source={t("seizures.source")}
 *   data={{ kind: "stacked-bar", categories: ["2022", "2023"], categoryType: "year",
 *           series: [{ name: "Heroin", values: [120, 95] }, { name: "Opium", values: [40, null] }] }}
 *   loading={isPending} error={error} onRetry={refetch}
 * />
 * ```
 * - `data` (`ChartData` from `viz/chart-model.ts`): `kind` bar | horizontal-bar | stacked-bar | line | area |
 *   stacked-area | pie | heatmap | scatter; `categories` (x axis, pie slices, heatmap columns); `series`
 *   `[{ name, values, color? }]` (heatmap: one series per row — e.g. recommendations × partners; scatter:
 *   `points: [x, y][]`); `categoryType` "date" | "month" | "year" formats ISO dates for the language;
 *   `heatmap: { min, max, colors }` or `heatmap.pieces` for discrete states with labels.
 * - `option`: escape hatch, a full ECharts option (only the charts/components registered in
 *   `viz/echarts-chart.tsx`); give `table` too so the table view and CSV/XLSX still work. Memoize it
 *   (`useMemo`): it is compared by identity, whereas `data` and `valueFormat` are compared by content.
 * - Menu: download PNG, CSV (UTF-8 BOM, formula-injection guard), XLSX (exceljs loaded on demand).
 *   "Chart | Table" switch shows the same data as an accessible table (`defaultView="table"` to start there).
 * - States: `loading` (skeleton), `error` (+ `onRetry`), empty data (`emptyText`).
 * - Numbers with `Intl.NumberFormat(language, valueFormat)`; light/dark aware; resizes with its container.
 * - `onItemClick({ name, seriesName, value, dataIndex })`; `headingOrder` (default 3); `height` (default 320);
 *   `actions` for extra controls in the header; `fileName` for downloads (default: the title).
 * ECharts is loaded lazily in its own chunk the first time a chart is shown, once the page has drawn its figures and
 * the main thread is idle; until it has arrived the panel shows the same figures as its table.
 */
import { Group, SegmentedControl, Skeleton, useComputedColorScheme } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type { EChartsCoreOption, EChartsType } from "echarts/core";
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLanguage } from "../i18n/index.js";
import {
  type ChartData,
  chartOption,
  chartTable,
  type Formatters,
  formatCategory,
  isEmptyChart,
} from "./viz/chart-model.js";
import { DataTable } from "./viz/data-table.js";
import { downloadUrl, fileNameOf, type TableData } from "./viz/export.js";
import { DownloadMenu, FigureCard, FigureStates } from "./viz/figure-card.js";
import { useStable } from "./viz/use-stable.js";

export type { ChartData, ChartKind, ChartSeries } from "./viz/chart-model.js";
export { DataTable } from "./viz/data-table.js";
export type { TableData } from "./viz/export.js";

const EChart = lazy(() => import("./viz/echarts-chart.js"));

/**
 * Whether the page may start on ECharts: once the main thread has been idle after the page first drew its figures
 * (at most a second later). Loading, evaluating and drawing ECharts (~600 KB of code, then every chart of the page)
 * is one long stretch of main-thread work; started as soon as the data were there, it held back the first paint of
 * the figures themselves (issue 18: a repeat visit to ADAM statistics, five charts, was usable only after all five
 * were drawn). The panels show their tables until then; once started, later panels draw their charts at once.
 */
let chartsMayStart = false;
let chartsStarting: Promise<void> | undefined;
function whenChartsMayStart(): Promise<void> {
  chartsStarting ??= new Promise<void>((resolve) => {
    const start = () => {
      chartsMayStart = true;
      resolve();
    };
    // After the next frame is drawn, then when idle (a browser without requestIdleCallback: a moment later).
    requestAnimationFrame(() => {
      if (typeof window.requestIdleCallback === "function") window.requestIdleCallback(start, { timeout: 1000 });
      else setTimeout(start, 50);
    });
  });
  return chartsStarting;
}

function useChartsMayStart(wanted: boolean): boolean {
  const [may, setMay] = useState(chartsMayStart);
  useEffect(() => {
    if (!wanted || may) return;
    let live = true;
    void whenChartsMayStart().then(() => {
      if (live) setMay(true);
    });
    return () => {
      live = false;
    };
  }, [wanted, may]);
  return may;
}

export interface ChartPanelProps {
  title: string;
  subtitle?: ReactNode;
  /** "Source: …" line under the chart. */
  source?: ReactNode;
  data?: ChartData;
  option?: EChartsCoreOption;
  /** The table for the table view and exports; derived from `data` when omitted. */
  table?: TableData;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  emptyText?: ReactNode;
  height?: number;
  valueFormat?: Intl.NumberFormatOptions;
  headingOrder?: 2 | 3 | 4;
  fileName?: string;
  defaultView?: "chart" | "table";
  actions?: ReactNode;
  onItemClick?: (item: { name: string; seriesName?: string; value: unknown; dataIndex: number }) => void;
}

/** Number and category formatters for the current language. */
export function useChartFormatters(data?: ChartData, valueFormat?: Intl.NumberFormatOptions): Formatters {
  const lang = useLanguage();
  return useMemo(() => {
    const nf = new Intl.NumberFormat(lang, valueFormat ?? { maximumFractionDigits: 2 });
    return { number: (v: number) => nf.format(v), category: formatCategory(lang, data?.categoryType) };
  }, [lang, valueFormat, data?.categoryType]);
}

export function ChartPanel(props: ChartPanelProps) {
  const { title, loading, error, onRetry, height = 320 } = props;
  // Inline data from a page must not redraw (and re-animate) the chart on every render.
  const data = useStable(props.data);
  const valueFormat = useStable(props.valueFormat);
  const { t } = useTranslation();
  const dark = useComputedColorScheme("light") === "dark";
  const narrow = useMediaQuery("(max-width: 36em)") ?? false;
  const [view, setView] = useState<"chart" | "table">(props.defaultView ?? "chart");
  const chartRef = useRef<EChartsType | null>(null);
  const onReady = useCallback((c: EChartsType | null) => {
    chartRef.current = c;
  }, []);
  const f = useChartFormatters(data, valueFormat);

  const option = useMemo(() => {
    if (props.option) return props.option;
    if (!data || isEmptyChart(data)) return null;
    const textColor = dark ? "#c9c9c9" : "#34475a";
    return chartOption(data, f, { dark, textColor, axisColor: dark ? "#5c5f66" : "#b0bcc8", narrow });
  }, [props.option, data, f, dark, narrow]);
  const table = useMemo(
    () =>
      props.table ??
      (data ? chartTable(data, f, { category: t("viz.chart.category"), value: t("viz.chart.value") }) : undefined),
    [props.table, data, f, t],
  );
  const empty = !props.option && isEmptyChart(data);
  const ready = !loading && !error && !empty && option !== null;
  const drawChart = useChartsMayStart(ready && view === "chart");
  const name = props.fileName ?? title;

  const exportPng = () => {
    const url = chartRef.current?.getDataURL({
      type: "png",
      pixelRatio: 2,
      backgroundColor: dark ? "#242424" : "#ffffff",
    });
    if (url) downloadUrl(url, fileNameOf(name, "png"));
  };

  return (
    <FigureCard
      panel={props}
      actions={
        <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
          {props.actions}
          {ready && (
            <DownloadMenu title={title} name={name} table={table} onPng={view === "chart" ? exportPng : undefined} />
          )}
        </Group>
      }
    >
      {ready && table && (
        <div>
          <SegmentedControl
            size="xs"
            mb="xs"
            value={view}
            onChange={(v) => setView(v === "table" ? "table" : "chart")}
            aria-label={t("viz.chart.view", { title })}
            data={[
              { value: "chart", label: t("viz.chart.chart") },
              { value: "table", label: t("viz.chart.table") },
            ]}
          />
        </div>
      )}
      <FigureStates
        loading={loading}
        error={error}
        onRetry={onRetry}
        empty={empty || !option}
        emptyText={props.emptyText}
        height={height}
      >
        {(view === "table" || !drawChart) && table ? (
          <DataTable data={table} caption={title} format={f.number} />
        ) : (
          // Until ECharts (its own ~170 KB chunk) has arrived, the figures are there as the table: on a slow link the
          // page is read seconds before the chart can be drawn.
          <Suspense
            fallback={
              table ? (
                <DataTable data={table} caption={title} format={f.number} />
              ) : (
                <Skeleton height={height} radius="sm" />
              )
            }
          >
            <div role="img" aria-label={t("viz.chart.label", { title })}>
              {option && (
                <EChart option={option} height={height} dark={dark} onReady={onReady} onItemClick={props.onItemClick} />
              )}
            </div>
          </Suspense>
        )}
      </FigureStates>
    </FigureCard>
  );
}
