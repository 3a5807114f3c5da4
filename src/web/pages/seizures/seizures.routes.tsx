import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { DRUG_CODES, DRUG_GROUPS, SEIZURE_ROUTES } from "../../../common/seizures.js";
import { dashboardQuery, dmpTermsQuery, mapCountriesQuery, type SeizureFilters } from "../../api/seizures.js";
import { readWhenPermitted, requireRecordIdAndUser, requireUser, rootRoute, searchParam } from "../../root-route.js";

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

const dashboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/seizures",
  validateSearch: validateSeizuresSearch,
  loaderDeps: ({ search }) => search,
  // The terms and the figures with the page's code (root-route.tsx), not after the page and then the terms gate.
  loader: ({ context, deps }) =>
    readWhenPermitted(context, "seizures:read-records", () => {
      void context.queryClient.prefetchQuery(dmpTermsQuery);
      void context.queryClient.prefetchQuery(dashboardQuery(deps));
    }),
  component: lazyRouteComponent(() => import("./dashboard-page.js"), "SeizuresDashboardPage"),
});

const mapRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/seizures/map",
  beforeLoad: requireUser,
  validateSearch: validateSeizuresSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) =>
    readWhenPermitted(context, "seizures:read-records", () => {
      void context.queryClient.prefetchQuery(dmpTermsQuery);
      void context.queryClient.prefetchQuery(mapCountriesQuery(deps));
    }),
  component: lazyRouteComponent(() => import("./map-page.js"), "SeizuresMapPage"),
});

const recordsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/seizures/records",
  beforeLoad: requireUser,
  validateSearch: validateSeizuresSearch,
  component: lazyRouteComponent(() => import("./records-page.js"), "SeizureRecordsPage"),
});

const newRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/seizures/records/new",
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./seizure-form-page.js"), "NewSeizurePage"),
});

const outboxRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/seizures/outbox",
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./seizure-form-page.js"), "SeizureOutboxPage"),
});

const recordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/seizures/records/$id",
  beforeLoad: requireRecordIdAndUser,
  component: lazyRouteComponent(() => import("./seizure-page.js"), "SeizurePage"),
});

const importRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/seizures/import",
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./import-page.js"), "SeizureImportPage"),
});

const duplicatesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/seizures/duplicates",
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./duplicates-page.js"), "SeizureDuplicatesPage"),
});

const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/seizures/settings",
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./settings-page.js"), "SeizureSettingsPage"),
});

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
