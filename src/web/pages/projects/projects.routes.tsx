import { STATS_OVERVIEW_CHARTS, STATS_OVERVIEW_TABLE } from "../../../common/projects.js";
import { statsPivotQuery } from "../../api/project-stats.js";
import { type ProjectFilters, projectQuery } from "../../api/projects.js";
import { memberPage, readWhenPermitted, searchParam } from "../../root-route.js";

const num = (v: unknown, min: number, max: number): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" ? Number.parseInt(v, 10) : Number.NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/** The list's search: its filters, as the API's list query takes them. */
export type ProjectsSearch = ProjectFilters;

const projectsRoute = memberPage("/projects", () => import("./projects-page.js"), "ProjectsPage", {
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
});

const newProjectRoute = memberPage("/projects/new", () => import("./project-form-page.js"), "NewProjectPage");

const statsRoute = memberPage("/projects/stats", () => import("./stats-page.js"), "ProjectStatsPage", {
  // The charts' pivots and the pivot table's first view (stats-page.tsx), with the page's code (root-route.tsx): one
  // request, the overview, answers them all.
  loader: ({ context }) =>
    readWhenPermitted(context, "member:read", () => {
      for (const rows of STATS_OVERVIEW_CHARTS)
        void context.queryClient.prefetchQuery(statsPivotQuery({ rows, measure: "usd", includeDrafts: false }));
      void context.queryClient.prefetchQuery(statsPivotQuery({ ...STATS_OVERVIEW_TABLE, includeDrafts: false }));
    }),
});

const fundingRoute = memberPage("/projects/funding", () => import("./funding-page.js"), "FundingPage");

const duplicatesRoute = memberPage("/projects/duplicates", () => import("./duplicates-page.js"), "DuplicatesPage", {
  validateSearch: (
    s: Record<string, unknown>,
  ): { status?: string | undefined; alert?: string | undefined; page?: number | undefined } => ({
    status: s.status === "labelled" || s.status === "all" ? s.status : undefined,
    alert: searchParam.str(s.alert),
    page: searchParam.page(s.page),
  }),
});

const gapsRoute = memberPage("/projects/gaps", () => import("./gaps-page.js"), "GapsPage");

const exchangeRoute = memberPage("/projects/exchange", () => import("./exchange-page.js"), "ExchangePage");

const projectRoute = memberPage("/projects/$id", () => import("./project-page.js"), "ProjectPage", {
  loader: ({ context, params }) => void context.queryClient.prefetchQuery(projectQuery(params.id)).catch(() => {}),
});

const editProjectRoute = memberPage("/projects/$id/edit", () => import("./project-form-page.js"), "EditProjectPage");

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
