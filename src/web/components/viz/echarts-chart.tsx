/**
 * The ECharts canvas, in its own lazily loaded chunk. Only the charts and components registered below are
 * bundled; an `option` passed through `ChartPanel` may use nothing else (add a `use` line here if needed —
 * data zoom and mark lines were left out: together about 60 kB for little use on slow links).
 */
import { BarChart, HeatmapChart, LineChart, PieChart, ScatterChart } from "echarts/charts";
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import { type EChartsCoreOption, type EChartsType, init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

use([
  BarChart,
  LineChart,
  PieChart,
  HeatmapChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  DatasetComponent,
  CanvasRenderer,
]);

export interface EChartProps {
  option: EChartsCoreOption;
  height: number | string;
  dark: boolean;
  onReady?: (chart: EChartsType | null) => void;
  onItemClick?: (item: { name: string; seriesName?: string; value: unknown; dataIndex: number }) => void;
}

export default function EChart({ option, height, dark, onReady, onItemClick }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clickRef = useRef(onItemClick);
  clickRef.current = onItemClick;
  const optionRef = useRef(option);
  optionRef.current = option;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = init(el, dark ? "dark" : undefined, { renderer: "canvas" });
    chart.current = instance;
    instance.setOption(optionRef.current);
    instance.on("click", (p) => {
      const params = p as { name: string; seriesName?: string; value: unknown; dataIndex: number };
      clickRef.current?.({
        name: params.name,
        seriesName: params.seriesName,
        value: params.value,
        dataIndex: params.dataIndex,
      });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    onReady?.(instance);
    return () => {
      observer.disconnect();
      onReady?.(null);
      instance.dispose();
      chart.current = null;
    };
  }, [dark, onReady]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);

  // The panel gives the chart its accessible name and its table; the canvas itself is decoration.
  return <div ref={ref} style={{ width: "100%", height }} aria-hidden="true" />;
}
