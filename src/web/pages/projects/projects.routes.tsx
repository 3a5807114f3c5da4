import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { STATS_OVERVIEW_CHARTS, STATS_OVERVIEW_TABLE } from "../../../common/projects.js";
import { statsPivotQuery } from "../../api/project-stats.js";
import { type ProjectFilters, projectQuery } from "../../api/projects.js";
import { readWhenPermitted, requireRecordIdAndUser, requireUser, rootRoute, searchParam } from "../../root-route.js";

const num = (v: unknown, min: number, max: number): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" ? Number.parseInt(v, 10) : Number.NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/** The list's search: its filters, as the API's list query takes them. */
export type ProjectsSearch = ProjectFilters;

const projectsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/projects",
  beforeLoad: requireUser,
  validateSearch: (s: Record<string, unknown>): ProjectsSearch => ({
    q: searchParam.str(s.q),
    donor: searchParam.str(s.donor),
    country: searchParam.str(s.country),
    pillar: num(s.pillar, 1, 4),
    theme: searchParam.str(s.theme),
    workflow: searchParam.str(s.workflow),
    stage: searchParam.str(s.stage),
    year: num(s.year, 1990, 2100),
    sort: searchParam.str(s.sort),
    page: searchParam.page(s.page),
  }),
  component: lazyRouteComponent(() => import("./projects-page.js"), "ProjectsPage"),
});

const newProjectRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/projects/new",
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./project-form-page.js"), "NewProjectPage"),
});

const statsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/projects/stats",
  beforeLoad: requireUser,
  // The charts' pivots and the pivot table's first view (stats-page.tsx), with the page's code (root-route.tsx): one
  // request, the overview, answers them all.
  loader: ({ context }) =>
    readWhenPermitted(context, "member:read", () => {
      for (const rows of STATS_OVERVIEW_CHARTS)
        void context.queryClient.prefetchQuery(statsPivotQuery({ rows, measure: "usd", includeDrafts: false }));
      void context.queryClient.prefetchQuery(statsPivotQuery({ ...STATS_OVERVIEW_TABLE, includeDrafts: false }));
    }),
  component: lazyRouteComponent(() => import("./stats-page.js"), "ProjectStatsPage"),
});

const fundingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/projects/funding",
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./funding-page.js"), "FundingPage"),
});

const duplicatesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/projects/duplicates",
  beforeLoad: requireUser,
  validateSearch: (
    s: Record<string, unknown>,
  ): { status?: string | undefined; alert?: string | undefined; page?: number | undefined } => ({
    status: s.status === "labelled" || s.status === "all" ? s.status : undefined,
    alert: searchParam.str(s.alert),
    page: searchParam.page(s.page),
  }),
  component: lazyRouteComponent(() => import("./duplicates-page.js"), "DuplicatesPage"),
});

const gapsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/projects/gaps",
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./gaps-page.js"), "GapsPage"),
});

const exchangeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/projects/exchange",
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./exchange-page.js"), "ExchangePage"),
});

const projectRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/projects/$id",
  beforeLoad: requireRecordIdAndUser,
  loader: ({ context, params }) => void context.queryClient.prefetchQuery(projectQuery(params.id)).catch(() => {}),
  component: lazyRouteComponent(() => import("./project-page.js"), "ProjectPage"),
});

const editProjectRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/projects/$id/edit",
  beforeLoad: requireRecordIdAndUser,
  component: lazyRouteComponent(() => import("./project-form-page.js"), "EditProjectPage"),
});

/** Routes of the projects pages, added to the tree by router.tsx. */
export const projectsRoutes = [
  projectsRoute,
  newProjectRoute,
  statsRoute,
  fundingRoute,
  duplicatesRoute,
  gapsRoute,
  exchangeRoute,
  projectRoute,
  editProjectRoute,
] as const;
