import { DRUG_CODES, DRUG_GROUPS, SEIZURE_ROUTES } from "../../../common/seizures.js";
import type { keptQuery } from "../../api/get-query.js";
import { dashboardQuery, dmpTermsQuery, mapCountriesQuery, type SeizureFilters } from "../../api/seizures.js";
import { memberPage, publicPage, type RouterContext, readWhenPermitted, searchParam } from "../../root-route.js";

export interface SeizuresSearch extends SeizureFilters {
  page?: number | undefined;
  status?: string | undefined;
  batch?: string | undefined;
}

function list(v: unknown, allowed?: readonly string[], upper = false): string[] | undefined {
  const raw = Array.isArray(v) ? v.join(",") : searchParam.str(v);
  if (!raw) return undefined;
  const items = raw
    .split(",")
    .map((s) => (upper ? s.trim().toUpperCase() : s.trim()))
    .filter((s) => (allowed ? allowed.includes(s) : /^[A-Z]{3}$/.test(s)))
    .slice(0, 50);
  return items.length ? items : undefined;
}

const date = (v: unknown) => {
  const s = searchParam.str(v);
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined;
};

/** The filters every DMP page shares through the URL, so a dashboard view can be linked and opened on the map. */
export function validateSeizuresSearch(s: Record<string, unknown>): SeizuresSearch {
  const status = searchParam.str(s.status);
  const batch = searchParam.str(s.batch);
  return {
    countries: list(s.countries, undefined, true),
    drugGroups: list(s.drugGroups, DRUG_GROUPS),
    drugs: list(s.drugs, DRUG_CODES),
    routes: list(s.routes, [...SEIZURE_ROUTES, "none"]),
    from: date(s.from),
    to: date(s.to),
    page: searchParam.page(s.page),
    status: status && ["entered", "validated", "published", "merged"].includes(status) ? status : undefined,
    batch: batch && /^[0-9a-f-]{36}$/.test(batch) ? batch : undefined,
  };
}

/**
 * A page of figures under the URL's filters: the terms and the figures are read with the page's code
 * (root-route.tsx), not after the page and then the terms gate.
 */
function figuresPage<T>(figures: (filters: SeizuresSearch) => ReturnType<typeof keptQuery<T>>) {
  return {
    validateSearch: validateSeizuresSearch,
    loaderDeps: ({ search }: { search: SeizuresSearch }) => search,
    loader: ({ context, deps }: { context: RouterContext; deps: SeizuresSearch }) =>
      readWhenPermitted(context, "seizures:read-records", () => {
        void context.queryClient.prefetchQuery(dmpTermsQuery);
        void context.queryClient.prefetchQuery(figures(deps));
      }),
  };
}

const dashboardRoute = publicPage(
  "/seizures",
  () => import("./dashboard-page.js"),
  "SeizuresDashboardPage",
  figuresPage(dashboardQuery),
);

const mapRoute = memberPage(
  "/seizures/map",
  () => import("./map-page.js"),
  "SeizuresMapPage",
  figuresPage(mapCountriesQuery),
);

const recordsRoute = memberPage("/seizures/records", () => import("./records-page.js"), "SeizureRecordsPage", {
  validateSearch: validateSeizuresSearch,
});

const newRoute = memberPage("/seizures/records/new", () => import("./seizure-form-page.js"), "NewSeizurePage");

const outboxRoute = memberPage("/seizures/outbox", () => import("./seizure-form-page.js"), "SeizureOutboxPage");

const recordRoute = memberPage("/seizures/records/$id", () => import("./seizure-page.js"), "SeizurePage");

const importRoute = memberPage("/seizures/import", () => import("./import-page.js"), "SeizureImportPage");

const duplicatesRoute = memberPage(
  "/seizures/duplicates",
  () => import("./duplicates-page.js"),
  "SeizureDuplicatesPage",
);

const settingsRoute = memberPage("/seizures/settings", () => import("./settings-page.js"), "SeizureSettingsPage");

/** Routes of the seizures pages, added to the tree by router.tsx. */
export const seizuresRoutes = [
  dashboardRoute,
  mapRoute,
  recordsRoute,
  newRoute,
  outboxRoute,
  recordRoute,
  importRoute,
  duplicatesRoute,
  settingsRoute,
] as const;
