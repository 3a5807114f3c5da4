import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { analysesQuery, analysisQuery, dashboardQuery, dashboardsQuery, type ListScope } from "../../api/analyses.js";
import { requireRecordIdAndUser, requireUser, rootRoute, searchParam } from "../../root-route.js";
import type { ScheduleListSearch } from "./report-schedules-page.js";

export type ListSearch = { scope?: ListScope | undefined; page?: number | undefined };

const validateSearch = (s: Record<string, unknown>): ListSearch => ({
  scope: s.scope === "mine" || s.scope === "shared" ? s.scope : undefined,
  page: searchParam.page(s.page),
});

const analysesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/analyses",
  validateSearch,
  beforeLoad: requireUser,
  loaderDeps: ({ search }) => ({ scope: search.scope, page: search.page }),
  loader: ({ context, deps }) =>
    void context.queryClient.prefetchQuery(analysesQuery(deps.scope ?? "all", deps.page ?? 1)),
  component: lazyRouteComponent(() => import("./analyses-page.js"), "AnalysesPage"),
});

const analysisRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/analyses/$id",
  beforeLoad: requireRecordIdAndUser,
  loader: ({ context, params }) => void context.queryClient.prefetchQuery(analysisQuery(params.id)),
  component: lazyRouteComponent(() => import("./analysis-page.js"), "AnalysisPage"),
});

const dashboardsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/dashboards",
  validateSearch,
  beforeLoad: requireUser,
  loaderDeps: ({ search }) => ({ scope: search.scope, page: search.page }),
  loader: ({ context, deps }) =>
    void context.queryClient.prefetchQuery(dashboardsQuery(deps.scope ?? "all", deps.page ?? 1)),
  component: lazyRouteComponent(() => import("./dashboards-page.js"), "DashboardsPage"),
});

const dashboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/dashboards/$id",
  beforeLoad: requireRecordIdAndUser,
  loader: ({ context, params }) => void context.queryClient.prefetchQuery(dashboardQuery(params.id)),
  component: lazyRouteComponent(() => import("./dashboard-page.js"), "DashboardPage"),
});

/** Coordinators: every report schedule (the API answers 403 to anyone else). */
const reportSchedulesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/admin/report-schedules",
  validateSearch: (s: Record<string, unknown>): ScheduleListSearch => ({
    status: s.status === "failing" || s.status === "paused" ? s.status : undefined,
    page: searchParam.page(s.page),
  }),
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./report-schedules-page.js"), "ReportSchedulesPage"),
});

export const analysesRoutes = [analysesRoute, analysisRoute, dashboardsRoute, dashboardRoute, reportSchedulesRoute];
