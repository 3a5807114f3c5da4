import { queryOptions } from "@tanstack/react-query";
import { type Pivot, STATS_OVERVIEW_CHARTS, STATS_OVERVIEW_TABLE, type StatsOverview } from "../../common/projects.js";
import { api } from "./client.js";
import { type PivotParams, pivotQuery } from "./projects.js";

/** ADAM statistics' first screen (its charts and the pivot table's first view) in one request. */
export const statsOverviewQuery = (includeDrafts: boolean) =>
  queryOptions({
    queryKey: ["projects", "stats-overview", { includeDrafts }],
    queryFn: ({ signal }) =>
      api.get<StatsOverview>("/projects/stats/overview", includeDrafts ? { includeDrafts: "true" } : {}, signal),
  });

type Chart = (typeof STATS_OVERVIEW_CHARTS)[number];
const isChart = (rows: string): rows is Chart => (STATS_OVERVIEW_CHARTS as readonly string[]).includes(rows);

/** The part of the overview that is the pivot with these parameters, if one is. */
export function overviewPart(p: PivotParams): ((o: StatsOverview) => Pivot) | undefined {
  const { rows, columns, measure } = p;
  if (measure !== "usd") return undefined;
  if (!columns && isChart(rows)) return (o) => o.charts[rows];
  if (rows === STATS_OVERVIEW_TABLE.rows && columns === STATS_OVERVIEW_TABLE.columns) return (o) => o.table;
  return undefined;
}

/**
 * A pivot on the statistics page: the same query (key and data) as `pivotQuery`, but the views of the first screen
 * are read through the one overview request, which every such pivot on the page shares (issue 18: six round trips
 * at 400 ms were one). Any other view the reader picks is its own pivot request.
 */
export function statsPivotQuery(p: PivotParams) {
  const base = pivotQuery(p);
  const part = overviewPart(p);
  if (!part) return base;
  return queryOptions({
    ...base,
    queryFn: async ({ client }) => part(await client.fetchQuery(statsOverviewQuery(p.includeDrafts ?? false))),
  });
}
