import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { ORG_TYPES, type OrgType } from "../../../common/facilities.js";
import { facilityQuery, facilityReferenceQuery, facilityStatsQuery } from "../../api/facilities.js";
import { partnersQuery } from "../../api/queries.js";
import { requireRecordId, requireRecordIdAndUser, requireUser, rootRoute, searchParam } from "../../root-route.js";

export interface FacilitiesSearch {
  q?: string | undefined;
  country?: string | undefined;
  modality?: string | undefined;
  service?: string | undefined;
  population?: string | undefined;
  orgType?: OrgType | undefined;
  page?: number | undefined;
  view?: "map" | undefined;
}

const code = (v: unknown) => {
  const s = searchParam.str(v);
  return s && /^[a-z_]{2,60}$/.test(s) ? s : undefined;
};

const facilitiesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/facilities",
  validateSearch: (s: Record<string, unknown>): FacilitiesSearch => {
    const country = searchParam.str(s.country)?.toUpperCase();
    return {
      q: searchParam.str(s.q),
      country: country && /^[A-Z]{3}$/.test(country) ? country : undefined,
      modality: code(s.modality),
      service: code(s.service),
      population: code(s.population),
      orgType: (ORG_TYPES as readonly string[]).includes(String(s.orgType)) ? (s.orgType as OrgType) : undefined,
      page: searchParam.page(s.page),
      view: s.view === "map" ? "map" : undefined,
    };
  },
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(facilityReferenceQuery);
    void context.queryClient.prefetchQuery(partnersQuery);
  },
  component: lazyRouteComponent(() => import("./facilities-page.js"), "FacilitiesPage"),
});

const statsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/facilities/stats",
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(facilityStatsQuery);
    void context.queryClient.prefetchQuery(facilityReferenceQuery);
  },
  component: lazyRouteComponent(() => import("./stats-page.js"), "FacilityStatsPage"),
});

const importRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/facilities/import",
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./import-page.js"), "FacilityImportPage"),
});

const newRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/facilities/new",
  beforeLoad: requireUser,
  loader: ({ context }) => void context.queryClient.prefetchQuery(facilityReferenceQuery),
  component: lazyRouteComponent(() => import("./facility-form-page.js"), "FacilityNewPage"),
});

const facilityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/facilities/$id",
  beforeLoad: requireRecordId,
  loader: ({ context, params }) => {
    void context.queryClient.prefetchQuery(facilityQuery(params.id));
    void context.queryClient.prefetchQuery(facilityReferenceQuery);
  },
  component: lazyRouteComponent(() => import("./facility-page.js"), "FacilityPage"),
});

const editRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/facilities/$id/edit",
  beforeLoad: requireRecordIdAndUser,
  loader: ({ context, params }) => void context.queryClient.prefetchQuery(facilityQuery(params.id)),
  component: lazyRouteComponent(() => import("./facility-form-page.js"), "FacilityEditPage"),
});

const assessRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/facilities/$id/assess",
  beforeLoad: requireRecordIdAndUser,
  loader: ({ context, params }) => {
    void context.queryClient.prefetchQuery(facilityQuery(params.id));
    void context.queryClient.prefetchQuery(facilityReferenceQuery);
  },
  component: lazyRouteComponent(() => import("./assessment-page.js"), "AssessmentPage"),
});

/** Routes of the facilities pages, added to the tree by router.tsx. */
export const facilitiesRoutes = [
  facilitiesRoute,
  statsRoute,
  importRoute,
  newRoute,
  facilityRoute,
  editRoute,
  assessRoute,
] as const;
