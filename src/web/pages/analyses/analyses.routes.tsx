import { analysesQuery, analysisQuery, dashboardQuery, dashboardsQuery, type ListScope } from "../../api/analyses.js";
import { memberPage, searchParam } from "../../root-route.js";
import type { ScheduleListSearch } from "./report-schedules-page.js";

export type ListSearch = { scope?: ListScope | undefined; page?: number | undefined };

const validateSearch = (s: Record<string, unknown>): ListSearch => ({
  scope: s.scope === "mine" || s.scope === "shared" ? s.scope : undefined,
  page: searchParam.page(s.page),
});

const analysesRoute = memberPage("/analyses", () => import("./analyses-page.js"), "AnalysesPage", {
  validateSearch,
  loaderDeps: ({ search }) => ({ scope: search.scope, page: search.page }),
  loader: ({ context, deps }) =>
    void context.queryClient.prefetchQuery(analysesQuery(deps.scope ?? "all", deps.page ?? 1)),
});

const analysisRoute = memberPage("/analyses/$id", () => import("./analysis-page.js"), "AnalysisPage", {
  loader: ({ context, params }) => void context.queryClient.prefetchQuery(analysisQuery(params.id)),
});

const dashboardsRoute = memberPage("/dashboards", () => import("./dashboards-page.js"), "DashboardsPage", {
  validateSearch,
  loaderDeps: ({ search }) => ({ scope: search.scope, page: search.page }),
  loader: ({ context, deps }) =>
    void context.queryClient.prefetchQuery(dashboardsQuery(deps.scope ?? "all", deps.page ?? 1)),
});

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
