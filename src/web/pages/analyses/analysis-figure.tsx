import { Alert, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Analysis } from "../../../common/analyses.js";
import type { FacilityStats } from "../../../common/facilities.js";
import { roundSignificant } from "../../../common/format.js";
import type { Heatmap } from "../../../common/meetings.js";
import type { Pivot } from "../../../common/projects.js";
import type { Dashboard as DmpDashboard, Flow, MapCountries, MapPoints } from "../../../common/seizures.js";
import type { Report } from "../../../common/trainings.js";
import { analysisRunQuery } from "../../api/analyses.js";
import type { FlowsLayer } from "../../components/atlas-map.js";
import { type ChartData, ChartPanel, type TableData } from "../../components/chart-panel.js";
import { IconLock } from "../../components/icons.js";
import { MapPanel } from "../../components/map-panel.js";
import { useHeatmapChart } from "../meetings/heatmap-chart.js";
import { useValueLabel as usePivotLabel } from "../projects/value-label.js";
import { monthlyByDrugGroup, useCountries, useDrugs } from "../seizures/seizure-format.js";
import { useReportChart } from "../trainings/report-chart.js";
import { useBreakdownLabel } from "./dmp-breakdown.js";

/** What a tile shows when the reader may not open its analysis (or may not run it): nothing of it. */
export function NotAvailable() {
  const { t } = useTranslation();
  return (
    <Alert variant="light" color="gray" icon={<IconLock size={18} aria-hidden="true" />} data-testid="tile-unavailable">
      {t("analyses.notAvailable")}
    </Alert>
  );
}

interface FigureProps {
  analysis: Analysis;
  height?: number;
  headingOrder?: 2 | 3 | 4;
}

/**
 * A saved analysis, run by the reader on its own route (the query narrowed to their access by the server), shown
 * with the platform's chart panel: chart or table view, CSV/XLSX/PNG exports like every chart.
 */
export function AnalysisFigure({ analysis, height = 280, headingOrder = 3 }: FigureProps) {
  const { t } = useTranslation();
  if (!analysis.run.available) return <NotAvailable />;
  return (
    <>
      {analysis.kind === "adam.pivot" ? (
        <PivotFigure analysis={analysis} height={height} headingOrder={headingOrder} />
      ) : analysis.kind === "recommendations.heatmap" ? (
        <HeatmapFigure analysis={analysis} height={height} headingOrder={headingOrder} />
      ) : analysis.kind === "facilities.stats" ? (
        <FacilitiesFigure analysis={analysis} height={height} headingOrder={headingOrder} />
      ) : analysis.kind === "trainings.report" ? (
        <TrainingFigure analysis={analysis} height={height} headingOrder={headingOrder} />
      ) : analysis.kind === "dmp.map" ? (
        <DmpMapFigure analysis={analysis} height={height} headingOrder={headingOrder} />
      ) : (
        <DmpFigure analysis={analysis} height={height} headingOrder={headingOrder} />
      )}
      {analysis.run.narrowed.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {t("analyses.narrowed")}
        </Text>
      )}
    </>
  );
}

function PivotFigure({ analysis, height, headingOrder }: Required<FigureProps>) {
  const { t } = useTranslation();
  const label = usePivotLabel();
  const q = useQuery(analysisRunQuery<Pivot>(analysis));
  const rows = analysis.run.query.rows ?? "donor";
  const columns = analysis.run.query.columns;
  const usd = (analysis.run.query.measure ?? "usd") === "usd";
  const measure = usd ? t("projects.stats.usd") : t("projects.stats.measureCount");
  const { data, table } = useMemo((): { data?: ChartData; table?: TableData } => {
    const p = q.data;
    if (!p) return {};
    const names = p.rows.map((r) => label(rows, r, p.labels));
    return {
      data: {
        kind: "horizontal-bar",
        categories: names.slice(0, 20),
        series: [{ name: measure, values: p.rowTotals.slice(0, 20) }],
      },
      table: {
        columns: [
          t(`projects.stats.dimension.${rows}`),
          ...(columns ? p.columns.map((c) => label(columns, c, p.labels)) : []),
          t("projects.stats.total"),
        ],
        rows: p.rows.map((_, i) => [names[i] ?? "", ...(columns ? (p.cells[i] ?? []) : []), p.rowTotals[i] ?? 0]),
      },
    };
  }, [q.data, label, rows, columns, measure, t]);
  return (
    <ChartPanel
      title={analysis.name}
      subtitle={measure}
      source={t("projects.stats.source")}
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      {...(data ? { data } : {})}
      {...(table ? { table } : {})}
      defaultView={analysis.view === "table" ? "table" : "chart"}
      valueFormat={
        usd ? { style: "currency", currency: "USD", maximumFractionDigits: 0 } : { maximumFractionDigits: 0 }
      }
      height={height}
      headingOrder={headingOrder}
    />
  );
}

function DmpFigure({ analysis, height, headingOrder }: Required<FigureProps>) {
  const { t } = useTranslation();
  const drugs = useDrugs();
  const countries = useCountries();
  const q = useQuery(analysisRunQuery<DmpDashboard>(analysis));
  const view = analysis.view;
  const breakdownLabel = useBreakdownLabel();
  const built = useMemo((): { data?: ChartData; table?: TableData; subtitle: string } => {
    const d = q.data;
    const kg = t("seizures.kg");
    if (!d) return { subtitle: kg };
    if (view === "breakdown") {
      const dims = (analysis.run.query.groupBy ?? "").split(",").filter(Boolean);
      const rows = d.breakdown ?? [];
      const name = (r: (typeof rows)[number]) =>
        dims
          .map((g) => breakdownLabel(g, (r as unknown as Record<string, string | number | undefined>)[g]))
          .join(" · ");
      const top = [...rows].sort((a, b) => (b.massKg ?? 0) - (a.massKg ?? 0)).slice(0, 20);
      return {
        subtitle: t("seizures.kgAndCases"),
        data: {
          kind: "horizontal-bar",
          categories: top.map(name),
          series: [{ name: kg, values: top.map((r) => roundSignificant(r.massKg ?? 0)) }],
        },
        table: {
          columns: [
            ...dims.map((g) => t(`seizures.breakdown.dim.${g}`)),
            t("seizures.cases"),
            kg,
            t("seizures.breakdown.persons"),
          ],
          rows: rows.map((r) => [
            ...dims.map((g) => breakdownLabel(g, (r as unknown as Record<string, string | number | undefined>)[g])),
            r.cases ?? 0,
            roundSignificant(r.massKg ?? 0),
            r.persons ?? 0,
          ]),
        },
      };
    }
    if (view === "totals") {
      return {
        subtitle: t("seizures.kgAndCases"),
        data: {
          kind: "bar",
          categories: [t("seizures.totals.cases"), t("seizures.totals.kg")],
          series: [{ name: t("analyses.total"), values: [d.totals.cases, roundSignificant(d.totals.massKg)] }],
        },
        table: {
          columns: [t("analyses.measure"), t("analyses.total")],
          rows: [
            [t("seizures.totals.cases"), d.totals.cases],
            [t("seizures.totals.kg"), roundSignificant(d.totals.massKg)],
          ],
        },
      };
    }
    if (view === "monthly") return { subtitle: kg, data: monthlyByDrugGroup(d.byMonth, drugs.groupName) };
    if (view === "byCountry") {
      const rows = [...d.byCountry].sort((a, b) => b.massKg - a.massKg).slice(0, 15);
      return {
        subtitle: kg,
        data: {
          kind: "horizontal-bar",
          categories: rows.map((c) => countries.name(c.country)),
          series: [{ name: kg, values: rows.map((c) => roundSignificant(c.massKg)) }],
        },
      };
    }
    if (view === "byDrug") {
      const rows = [...d.byDrug].sort((a, b) => b.massKg - a.massKg);
      return {
        subtitle: t("seizures.kgAndCases"),
        data: {
          kind: "bar",
          categories: rows.map((r) => drugs.drugName(r.drug)),
          series: [
            { name: kg, values: rows.map((r) => roundSignificant(r.massKg)) },
            { name: t("seizures.cases"), values: rows.map((r) => r.cases) },
          ],
        },
      };
    }
    return {
      subtitle: t("seizures.cases"),
      data: {
        kind: "pie",
        categories: d.byRoute.map((r) => t(`seizures.routes.${r.route}`, { defaultValue: r.route })),
        series: [{ name: t("seizures.cases"), values: d.byRoute.map((r) => r.cases) }],
      },
    };
  }, [q.data, view, t, drugs, countries, breakdownLabel, analysis.run.query.groupBy]);
  return (
    <ChartPanel
      title={analysis.name}
      subtitle={built.subtitle}
      source={t("seizures.source")}
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      {...(built.data ? { data: built.data } : {})}
      {...(built.table ? { table: built.table } : {})}
      defaultView={view === "totals" ? "table" : "chart"}
      height={height}
      headingOrder={headingOrder}
    />
  );
}

/** The training report: persons and participations per row; withheld rows (disclosure control) are not shown. */
function TrainingFigure({ analysis, height, headingOrder }: Required<FigureProps>) {
  const q = useQuery(analysisRunQuery<Report>(analysis));
  const by = analysis.run.query.by ?? "country";
  const chart = useReportChart(q.data, by);
  return (
    <ChartPanel
      title={analysis.name}
      subtitle={chart.title}
      source={chart.source}
      data={chart.data}
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      emptyText={chart.emptyText}
      defaultView={analysis.view === "table" ? "table" : "chart"}
      height={height}
      headingOrder={headingOrder}
    />
  );
}

/** The implementation heatmap of recommendations × partners, as the recommendations page draws it. */
function HeatmapFigure({ analysis, height, headingOrder }: Required<FigureProps>) {
  const { t } = useTranslation();
  const q = useQuery(analysisRunQuery<Heatmap>(analysis));
  const data = useHeatmapChart(q.data);
  return (
    <ChartPanel
      title={analysis.name}
      subtitle={t("meetings.analysis.heatmapSubtitle")}
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      emptyText={t("meetings.analysis.empty")}
      height={height}
      defaultView={analysis.view === "table" ? "table" : "chart"}
      headingOrder={headingOrder}
      data={data}
    />
  );
}

/**
 * The treatment facilities' statistics as the reader may see them: a choropleth of facilities per country (the map
 * library loads only when the map is shown, as on the statistics page), or capacity per country (chart or table).
 */
function FacilitiesFigure({ analysis, height, headingOrder }: Required<FigureProps>) {
  const { t } = useTranslation();
  const countries = useCountries();
  const q = useQuery(analysisRunQuery<FacilityStats>(analysis));
  const rows = q.data?.countries ?? [];
  if (analysis.view === "map") {
    // Exported like every tile: the map as PNG, its figures (facilities and capacity by country) as CSV/XLSX.
    return (
      <MapPanel
        title={analysis.name}
        subtitle={t("facilities.stats.facilities")}
        loading={q.isPending}
        error={q.error}
        onRetry={() => void q.refetch()}
        empty={rows.length === 0}
        emptyText={t("facilities.empty")}
        headingOrder={headingOrder}
        height={height}
        figures={{
          columns: [t("viz.map.country"), t("facilities.stats.facilities"), t("facilities.stats.capacity")],
          rows: rows.map((c) => [countries.name(c.country), c.facilities, c.capacity]),
        }}
        ariaLabel={`${analysis.name}: ${t("facilities.stats.mapLabel")}`}
        choropleth={{
          values: Object.fromEntries(rows.map((c) => [c.country, c.facilities])),
          title: t("facilities.stats.facilities"),
        }}
        fitTo={rows.map((c) => c.country)}
        valueFormat={{ maximumFractionDigits: 0 }}
        tableCaption={analysis.name}
      />
    );
  }
  return (
    <ChartPanel
      title={analysis.name}
      subtitle={t("facilities.stats.capacitySubtitle")}
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      data={{
        kind: "horizontal-bar",
        categories: rows.map((c) => countries.name(c.country)),
        series: [
          { name: t("facilities.stats.facilities"), values: rows.map((c) => c.facilities) },
          { name: t("facilities.stats.capacity"), values: rows.map((c) => c.capacity) },
        ],
      }}
      emptyText={t("facilities.empty")}
      defaultView={analysis.view === "table" ? "table" : "chart"}
      height={height}
      headingOrder={headingOrder}
    />
  );
}

/**
 * A saved seizure map (dmp.map): its layer (the view) as the reader's own run gives it, exported like every tile
 * (PNG of the map; CSV/XLSX of its figures: kilograms by country, points by drug, or the flows).
 */
function DmpMapFigure({ analysis, height, headingOrder }: Required<FigureProps>) {
  const { t } = useTranslation();
  const countries = useCountries();
  const drugs = useDrugs();
  const q = useQuery(analysisRunQuery<MapCountries | MapPoints | { items: Flow[] }>(analysis));
  const layer = analysis.view;
  const fitTo = (analysis.run.query.countries ?? "").split(",").filter(Boolean);
  const kg = t("seizures.kg");
  const shown = useMemo(() => {
    const d = q.data;
    if (!d) return null;
    if (layer === "points" && "lon" in d) {
      const byDrug = new Map<number, { n: number; kg: number }>();
      d.drug.forEach((i, k) => {
        const v = byDrug.get(i) ?? { n: 0, kg: 0 };
        v.n += 1;
        v.kg += d.kg[k] ?? 0;
        byDrug.set(i, v);
      });
      return {
        empty: d.lon.length === 0,
        table: {
          columns: [t("analyses.map.drug"), t("analyses.map.points"), kg],
          rows: [...byDrug.entries()].map(([i, v]) => [drugs.drugName(d.drugs[i] ?? ""), v.n, roundSignificant(v.kg)]),
        },
        map: {
          points: { data: { lon: d.lon, lat: d.lat, weight: d.kg, id: d.id }, label: t("seizures.map.points") },
        },
        note: d.truncated ? t("seizures.map.truncated", { count: d.lon.length }) : undefined,
      };
    }
    if (layer === "flows" && "items" in d) {
      const legs = d.items as Flow[];
      const flows: FlowsLayer = {
        curved: true,
        label: t("seizures.map.flows"),
        lines: legs.slice(0, 150).map((f) => ({
          id: `${f.from}-${f.to}`,
          path: [f.from, f.to],
          value: f.massKg,
          label: `${countries.name(f.from)} → ${countries.name(f.to)}`,
        })),
      };
      return {
        empty: legs.length === 0,
        table: {
          columns: [t("analyses.map.from"), t("analyses.map.to"), t("seizures.cases"), kg],
          rows: legs.map((f) => [countries.name(f.from), countries.name(f.to), f.cases, roundSignificant(f.massKg)]),
        },
        map: { flows },
        note: undefined,
      };
    }
    if (layer !== "points" && layer !== "flows" && "items" in d) {
      // The map page's own country layer (`/seizures/map/countries`): the countries with seizures for this reader.
      const rows = d.items as MapCountries["items"];
      return {
        empty: rows.length === 0,
        table: {
          columns: [t("viz.map.country"), t("seizures.cases"), kg],
          rows: rows.map((r) => [countries.name(r.country), r.cases, r.massKg]),
        },
        map: {
          choropleth: {
            values: Object.fromEntries(rows.map((r) => [r.country, r.massKg])),
            title: kg,
          },
        },
        note: undefined,
      };
    }
    return null;
  }, [q.data, layer, t, kg, countries, drugs]);
  return (
    <>
      <MapPanel
        title={analysis.name}
        subtitle={t(`analyses.view.${layer}`)}
        source={t("seizures.source")}
        loading={q.isPending}
        error={q.error}
        onRetry={() => void q.refetch()}
        empty={shown?.empty ?? false}
        emptyText={layer === "flows" ? t("seizures.map.noFlows") : t("seizures.map.empty")}
        headingOrder={headingOrder}
        height={height}
        figures={shown?.table ?? { columns: [], rows: [] }}
        ariaLabel={`${analysis.name}: ${t(`analyses.view.${layer}`)}`}
        {...(shown?.map ?? {})}
        {...(fitTo.length ? { fitTo } : {})}
        tableCaption={analysis.name}
      />
      {shown?.note && (
        <Text size="xs" c="dimmed" mt={4}>
          {shown.note}
        </Text>
      )}
    </>
  );
}
