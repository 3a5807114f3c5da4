import { factsheetQuery, factsheetsQuery, regionsQuery } from "../../api/factsheets.js";
import { memberPage, publicPage, searchParam } from "../../root-route.js";

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

const listRoute = publicPage("/factsheets", () => import("./factsheets-page.js"), "FactsheetsPage", {
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
});

const dataRoute = memberPage("/factsheets/data", () => import("./national-data-page.js"), "NationalDataPage", {
  validateSearch: (s: Record<string, unknown>): NationalDataSearch => {
    const country = searchParam.str(s.country)?.toUpperCase();
    const tabs = ["indicators", "totals", "arq", "reconciliation"] as const;
    return {
      country: country && /^[A-Z]{3}$/.test(country) ? country : undefined,
      year: yearParam(s.year),
      tab: tabs.find((t) => t === s.tab),
    };
  },
});

const regionsRoute = publicPage("/factsheets/regions", () => import("./regions-page.js"), "RegionsPage", {
  loader: ({ context }) => void context.queryClient.prefetchQuery(regionsQuery),
});

const sheetRoute = publicPage("/factsheets/$id", () => import("./factsheet-page.js"), "FactsheetPage", {
  validateSearch: (s: Record<string, unknown>): { edition?: number | undefined } => {
    const n = Number(s.edition);
    return { edition: Number.isInteger(n) && n > 0 ? n : undefined };
  },
  loaderDeps: ({ search }) => search,
  loader: ({ context, params, deps }) =>
    void context.queryClient.prefetchQuery(factsheetQuery(params.id, deps.edition)),
});

/** Routes of the factsheets pages, added to the tree by router.tsx. */
export const factsheetsRoutes = [listRoute, dataRoute, regionsRoute, sheetRoute] as const;
