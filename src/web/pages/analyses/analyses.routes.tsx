import { analysesQuery, analysisQuery, dashboardQuery, dashboardsQuery, type ListScope } from "../../api/analyses.js";
import type { keptQuery } from "../../api/get-query.js";
import { memberPage, type RouterContext, searchParam } from "../../root-route.js";
import type { ScheduleListSearch } from "./report-schedules-page.js";

export type ListSearch = { scope?: ListScope | undefined; page?: number | undefined };

const validateSearch = (s: Record<string, unknown>): ListSearch => ({
  scope: s.scope === "mine" || s.scope === "shared" ? s.scope : undefined,
  page: searchParam.page(s.page),
});

/** A list of saved analyses or dashboards: its scope and page from the URL, and that page read with the list's code. */
function savedList<T>(list: (scope: ListScope, page: number) => ReturnType<typeof keptQuery<T>>) {
  return {
    validateSearch,
    loaderDeps: ({ search }: { search: ListSearch }) => ({ scope: search.scope, page: search.page }),
    loader: ({ context, deps }: { context: RouterContext; deps: ListSearch }) =>
      void context.queryClient.prefetchQuery(list(deps.scope ?? "all", deps.page ?? 1)),
  };
}

const analysesRoute = memberPage(
  "/analyses",
  () => import("./analyses-page.js"),
  "AnalysesPage",
  savedList(analysesQuery),
);

const analysisRoute = memberPage("/analyses/$id", () => import("./analysis-page.js"), "AnalysisPage", {
  loader: ({ context, params }) => void context.queryClient.prefetchQuery(analysisQuery(params.id)),
});

const dashboardsRoute = memberPage(
  "/dashboards",
  () => import("./dashboards-page.js"),
  "DashboardsPage",
  savedList(dashboardsQuery),
);

const dashboardRoute = memberPage("/dashboards/$id", () => import("./dashboard-page.js"), "DashboardPage", {
  loader: ({ context, params }) => void context.queryClient.prefetchQuery(dashboardQuery(params.id)),
});

/** Coordinators: every report schedule (the API answers 403 to anyone else). */
const reportSchedulesRoute = memberPage(
  "/admin/report-schedules",
  () => import("./report-schedules-page.js"),
  "ReportSchedulesPage",
  {
    validateSearch: (s: Record<string, unknown>): ScheduleListSearch => ({
      status: s.status === "failing" || s.status === "paused" ? s.status : undefined,
      page: searchParam.page(s.page),
    }),
  },
);

export const analysesRoutes = [analysesRoute, analysisRoute, dashboardsRoute, dashboardRoute, reportSchedulesRoute];
