import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { factsheetQuery, factsheetsQuery, regionsQuery } from "../../api/factsheets.js";
import { requireRecordId, requireUser, rootRoute, searchParam } from "../../root-route.js";

export interface FactsheetsSearch {
  scope?: "country" | "region" | undefined;
  year?: number | undefined;
  status?: "draft" | "in_review" | "published" | undefined;
  page?: number | undefined;
}

export interface NationalDataSearch {
  country?: string | undefined;
  year?: number | undefined;
  tab?: "indicators" | "totals" | "arq" | "reconciliation" | undefined;
}

const yearParam = (v: unknown): number | undefined => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1990 && n <= 2100 ? n : undefined;
};

const listRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/factsheets",
  validateSearch: (s: Record<string, unknown>): FactsheetsSearch => ({
    scope: s.scope === "country" || s.scope === "region" ? s.scope : undefined,
    year: yearParam(s.year),
    status: s.status === "draft" || s.status === "in_review" || s.status === "published" ? s.status : undefined,
    page: searchParam.page(s.page),
  }),
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => {
    const { page, ...filter } = deps;
    void context.queryClient.prefetchQuery(factsheetsQuery(filter, page ?? 1));
    void context.queryClient.prefetchQuery(regionsQuery);
  },
  component: lazyRouteComponent(() => import("./factsheets-page.js"), "FactsheetsPage"),
});

const dataRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/factsheets/data",
  beforeLoad: requireUser,
  validateSearch: (s: Record<string, unknown>): NationalDataSearch => {
    const country = searchParam.str(s.country)?.toUpperCase();
    const tabs = ["indicators", "totals", "arq", "reconciliation"] as const;
    return {
      country: country && /^[A-Z]{3}$/.test(country) ? country : undefined,
      year: yearParam(s.year),
      tab: tabs.find((t) => t === s.tab),
    };
  },
  component: lazyRouteComponent(() => import("./national-data-page.js"), "NationalDataPage"),
});

const regionsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/factsheets/regions",
  loader: ({ context }) => void context.queryClient.prefetchQuery(regionsQuery),
  component: lazyRouteComponent(() => import("./regions-page.js"), "RegionsPage"),
});

const sheetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/factsheets/$id",
  beforeLoad: requireRecordId,
  validateSearch: (s: Record<string, unknown>): { edition?: number | undefined } => {
    const n = Number(s.edition);
    return { edition: Number.isInteger(n) && n > 0 ? n : undefined };
  },
  loaderDeps: ({ search }) => search,
  loader: ({ context, params, deps }) =>
    void context.queryClient.prefetchQuery(factsheetQuery(params.id, deps.edition)),
  component: lazyRouteComponent(() => import("./factsheet-page.js"), "FactsheetPage"),
});

/** Routes of the factsheets pages, added to the tree by router.tsx. */
export const factsheetsRoutes = [listRoute, dataRoute, regionsRoute, sheetRoute] as const;
