/**
 * The simple chart data model of `ChartPanel`, and pure functions that turn it into an ECharts option and
 * into a table. No ECharts import here (only types), so pages can use it without loading the chart chunk.
 */
import type { EChartsCoreOption } from "echarts/core";
import type { TableData } from "./export.js";

export type ChartKind =
  | "bar"
  | "horizontal-bar"
  | "stacked-bar"
  | "line"
  | "area"
  | "stacked-area"
  | "pie"
  | "heatmap"
  | "scatter";

export interface ChartSeries {
  name: string;
  /** One value per category (null = no data). Heatmap: one series per row, one value per column. */
  values: Array<number | null>;
  /** Scatter only: [x, y] pairs. */
  points?: Array<[number, number]>;
  color?: string;
}

export interface ChartData {
  kind: ChartKind;
  /** x axis labels (bar, line, area), slices (pie), columns (heatmap). */
  categories: string[];
  series: ChartSeries[];
  /** Stack the series (bar, horizontal-bar, area); the "stacked-*" kinds always stack. */
  stacked?: boolean;
  /** ISO dates as categories are formatted for the language: 2024-03-01 → "Mar 2024" with "month". */
  categoryType?: "text" | "date" | "month" | "year";
  /** Header of the first table column (categories; heatmap: rows; scatter: series). */
  categoryLabel?: string;
  xLabel?: string;
  yLabel?: string;
  heatmap?: {
    min?: number;
    max?: number;
    /** Continuous scale from low to high. */
    colors?: string[];
    /** Or discrete states (e.g. 0 not started, 1 in progress, 2 done), shown in the legend by label. */
    pieces?: Array<{ value: number; label: string; color: string }>;
    /**
     * How a cell without a value is shown and named in the legend and the table (e.g. "no report").
     * Without it an empty cell is left blank; with discrete pieces it should always be given, so that no
     * colour on the chart goes unexplained.
     */
    missing?: { label: string; color: string };
  };
}

export interface Formatters {
  number: (value: number) => string;
  category: (value: string) => string;
}

/** UN-friendly categorical palette, distinguishable in light and dark, colour-blind aware (Okabe–Ito based). */
export const PALETTE = ["#0a84c2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#6b7c8f", "#b8a600"];
/** The app's font stack (theme.ts): a canvas cannot inherit it from CSS. */
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";
export const SEQUENTIAL = ["#e6f5fc", "#9dd2ef", "#3ea5de", "#0a84c2", "#005f8c", "#00324d"];

export function formatCategory(lang: string, type: ChartData["categoryType"]): (value: string) => string {
  if (!type || type === "text") return (v) => v;
  const options: Intl.DateTimeFormatOptions =
    type === "year"
      ? { year: "numeric", timeZone: "UTC" }
      : type === "month"
        ? { year: "numeric", month: "short", timeZone: "UTC" }
        : { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" };
  const format = new Intl.DateTimeFormat(lang, options);
  return (v) => {
    const date = new Date(/^\d{4}$/.test(v) ? `${v}-01-01` : /^\d{4}-\d{2}$/.test(v) ? `${v}-01` : v);
    return Number.isNaN(date.getTime()) ? v : format.format(date);
  };
}

export function isEmptyChart(data: ChartData | undefined): boolean {
  if (!data || data.series.length === 0) return true;
  if (data.kind === "scatter") return data.series.every((s) => (s.points ?? []).length === 0);
  return data.categories.length === 0 || data.series.every((s) => s.values.every((v) => v === null));
}

/** The same data as a table: categories down, series across (heatmap: rows down, columns across). */
export function chartTable(data: ChartData, f: Formatters, labels: { category: string; value: string }): TableData {
  const head = data.categoryLabel ?? labels.category;
  if (data.kind === "scatter")
    return {
      columns: [head, data.xLabel ?? "x", data.yLabel ?? "y"],
      rows: data.series.flatMap((s) => (s.points ?? []).map(([x, y]) => [s.name, x, y])),
    };
  if (data.kind === "heatmap")
    return {
      columns: [head, ...data.categories.map(f.category)],
      rows: data.series.map((s) => [s.name, ...data.categories.map((_, i) => pieceLabel(data, s.values[i] ?? null))]),
    };
  const columns =
    data.kind === "pie" || (data.series.length === 1 && !data.series[0]?.name)
      ? [head, data.series[0]?.name || labels.value]
      : [head, ...data.series.map((s) => s.name)];
  return {
    columns,
    rows: data.categories.map((c, i) => [f.category(c), ...data.series.map((s) => s.values[i] ?? null)]),
  };
}

function pieceLabel(data: ChartData, value: number | null): string | number | null {
  if (value === null) return data.heatmap?.missing?.label ?? null;
  return data.heatmap?.pieces?.find((p) => p.value === value)?.label ?? value;
}

interface Look {
  dark: boolean;
  textColor: string;
  axisColor: string;
  narrow: boolean;
}

const sum = (values: Array<number | null>) => values.reduce<number>((a, v) => a + (v ?? 0), 0);

/** The ECharts option for the simple model. Only the charts and components registered in `echarts-chart.tsx`. */
export function chartOption(data: ChartData, f: Formatters, look: Look): EChartsCoreOption {
  const textStyle = { color: look.textColor, fontFamily: FONT, fontSize: 12 };
  const legend =
    data.series.length > 1 || data.kind === "pie"
      ? { type: "scroll", bottom: 0, textStyle, pageTextStyle: textStyle }
      : undefined;
  const base = {
    backgroundColor: "transparent",
    color: data.series.map((s, i) => s.color ?? PALETTE[i % PALETTE.length] ?? "#0a84c2"),
    textStyle,
    animationDuration: 300,
    aria: { enabled: false },
  };
  if (data.kind === "pie") return pieOption(data, f, base, legend, look);
  if (data.kind === "heatmap") return heatmapOption(data, f, base, look);
  const horizontal = data.kind === "horizontal-bar";
  const categoryAxis = {
    type: "category",
    data: data.kind === "scatter" ? undefined : data.categories,
    name: horizontal ? data.yLabel : data.xLabel,
    nameLocation: "middle",
    nameGap: 28,
    axisLabel: {
      formatter: f.category,
      color: look.textColor,
      hideOverlap: true,
      // Long names ("Российская Федерация") beside horizontal bars would leave the bars no room on a phone.
      ...(horizontal && look.narrow ? { width: 96, overflow: "truncate" } : {}),
    },
    axisLine: { lineStyle: { color: look.axisColor } },
  };
  // Counts never get ticks between whole numbers ("0,3 recommendations").
  const wholeNumbers = data.series.every((s) => s.values.every((v) => v === null || Number.isInteger(v)));
  const valueAxis = {
    type: "value",
    name: horizontal ? data.xLabel : data.yLabel,
    ...(wholeNumbers ? { minInterval: 1 } : {}),
    // Fewer ticks on a phone, and never two labels printed over each other ("10 000" and "20 000").
    splitNumber: look.narrow ? 3 : 5,
    axisLabel: { formatter: (v: number) => f.number(v), color: look.textColor, hideOverlap: true },
    splitLine: { lineStyle: { color: look.axisColor, opacity: 0.35 } },
  };
  const grid = { left: 8, right: 16, top: 28, bottom: legend ? 44 : 8, containLabel: true };
  const tooltip = {
    trigger: data.kind === "scatter" ? "item" : "axis",
    valueFormatter: (v: unknown) => (typeof v === "number" ? f.number(v) : "—"),
    confine: true,
  };
  if (data.kind === "scatter")
    return {
      ...base,
      grid,
      legend,
      tooltip,
      xAxis: { ...valueAxis, name: data.xLabel },
      yAxis: { ...valueAxis, name: data.yLabel },
      series: data.series.map((s) => ({ type: "scatter", name: s.name, data: s.points ?? [], symbolSize: 8 })),
    };
  const stacked = data.kind === "stacked-bar" || data.kind === "stacked-area" || data.stacked === true;
  const line = data.kind === "line" || data.kind === "area" || data.kind === "stacked-area";
  return {
    ...base,
    grid,
    legend,
    tooltip,
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? { ...categoryAxis, inverse: true, nameLocation: "end" } : valueAxis,
    series: data.series.map((s) => ({
      type: line ? "line" : "bar",
      name: s.name,
      data: s.values,
      stack: stacked ? "total" : undefined,
      areaStyle: data.kind === "area" || data.kind === "stacked-area" ? { opacity: 0.35 } : undefined,
      showSymbol: line ? data.categories.length <= 40 : undefined,
      connectNulls: false,
      barMaxWidth: 48,
      emphasis: { focus: "series" },
    })),
  };
}

function pieOption(
  data: ChartData,
  f: Formatters,
  base: object,
  legend: object | undefined,
  look: Look,
): EChartsCoreOption {
  const values = data.series[0]?.values ?? [];
  const total = sum(values);
  return {
    ...base,
    color: PALETTE,
    legend,
    tooltip: {
      trigger: "item",
      confine: true,
      formatter: (p: { name: string; value: number; percent: number }) =>
        `${escapeHtml(p.name)}: ${f.number(p.value)} (${Math.round(p.percent)}%)`,
    },
    series: [
      {
        type: "pie",
        name: data.series[0]?.name,
        // A smaller ring on a phone leaves room beside it for the percentage labels and their lines.
        radius: look.narrow ? ["30%", "54%"] : ["38%", "68%"],
        center: ["50%", "45%"],
        avoidLabelOverlap: true,
        // On a phone the outside labels had no room left ("24.…"): set them against the chart's edges instead.
        label: {
          show: total > 0,
          formatter: "{d}%",
          ...(look.narrow ? { alignTo: "edge", edgeDistance: 4, overflow: "none" } : {}),
        },
        labelLine: look.narrow ? { length: 6 } : undefined,
        data: data.categories.map((c, i) => ({ name: f.category(c), value: values[i] ?? 0 })),
      },
    ],
  };
}

/** The value an empty cell takes on a discrete heatmap that names its empty cells (below every real state). */
const MISSING_CELL = -1_000_000;

function heatmapOption(data: ChartData, f: Formatters, base: object, look: Look): EChartsCoreOption {
  const missing = data.heatmap?.pieces ? data.heatmap.missing : undefined;
  const cells: Array<[number, number, number]> = [];
  data.series.forEach((s, y) => {
    data.categories.forEach((_, x) => {
      const v = s.values[x] ?? null;
      if (v !== null) cells.push([x, y, v]);
      else if (missing) cells.push([x, y, MISSING_CELL]);
    });
  });
  const all = cells.map((c) => c[2]);
  const pieces = data.heatmap?.pieces && [
    ...data.heatmap.pieces,
    ...(missing ? [{ value: MISSING_CELL, label: missing.label, color: missing.color }] : []),
  ];
  const visualMap = pieces
    ? {
        type: "piecewise",
        pieces: pieces.map((p) => ({ value: p.value, label: p.label, color: p.color })),
        // On a phone the states go one under the other: in a row they run off the edge.
        orient: look.narrow ? "vertical" : "horizontal",
        left: look.narrow ? 0 : "center",
        bottom: 0,
        textStyle: { color: look.textColor },
      }
    : {
        type: "continuous",
        min: data.heatmap?.min ?? Math.min(0, ...all),
        max: data.heatmap?.max ?? Math.max(1, ...all),
        inRange: { color: data.heatmap?.colors ?? SEQUENTIAL },
        calculable: false,
        orient: "horizontal",
        left: "center",
        bottom: 0,
        itemHeight: look.narrow ? 100 : 160,
        formatter: (v: number) => f.number(v),
        textStyle: { color: look.textColor },
      };
  return {
    ...base,
    color: undefined,
    tooltip: {
      trigger: "item",
      confine: true,
      formatter: (p: { data: [number, number, number] }) => {
        const [x, y, v] = p.data;
        const value = pieces?.find((q) => q.value === v)?.label ?? f.number(v);
        return `${escapeHtml(data.series[y]?.name ?? "")} · ${escapeHtml(f.category(data.categories[x] ?? ""))}: ${escapeHtml(value)}`;
      },
    },
    grid: {
      left: 8,
      right: 16,
      top: 8,
      bottom: pieces && look.narrow ? 40 + 22 * pieces.length : 56,
      containLabel: true,
    },
    xAxis: {
      type: "category",
      data: data.categories,
      axisLabel: { formatter: f.category, color: look.textColor, rotate: data.categories.length > 8 ? 45 : 0 },
      // No alternating bands: grey and white stripes behind the cells read as states nobody named.
      splitArea: { show: false },
    },
    yAxis: {
      type: "category",
      data: data.series.map((s) => s.name),
      inverse: true,
      axisLabel: { color: look.textColor, width: look.narrow ? 90 : 200, overflow: "truncate" },
      splitArea: { show: false },
    },
    visualMap,
    series: [
      {
        type: "heatmap",
        data: cells,
        label: {
          show: !pieces && data.categories.length * data.series.length <= 150,
          formatter: (p: { data: number[] }) => f.number(p.data[2] ?? 0),
        },
        itemStyle: { borderColor: look.dark ? "#1a1b1e" : "#fff", borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: look.textColor } },
      },
    ],
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
