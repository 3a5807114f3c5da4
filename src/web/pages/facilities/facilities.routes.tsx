import { ORG_TYPES, type OrgType } from "../../../common/facilities.js";
import { facilityQuery, facilityReferenceQuery, facilityStatsQuery } from "../../api/facilities.js";
import { partnersQuery } from "../../api/queries.js";
import { memberPage, publicPage, searchParam } from "../../root-route.js";

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

const facilitiesRoute = publicPage("/facilities", () => import("./facilities-page.js"), "FacilitiesPage", {
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
});

const statsRoute = publicPage("/facilities/stats", () => import("./stats-page.js"), "FacilityStatsPage", {
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(facilityStatsQuery);
    void context.queryClient.prefetchQuery(facilityReferenceQuery);
  },
});

const importRoute = memberPage("/facilities/import", () => import("./import-page.js"), "FacilityImportPage");

const newRoute = memberPage("/facilities/new", () => import("./facility-form-page.js"), "FacilityNewPage", {
  loader: ({ context }) => void context.queryClient.prefetchQuery(facilityReferenceQuery),
});

const facilityRoute = publicPage("/facilities/$id", () => import("./facility-page.js"), "FacilityPage", {
  loader: ({ context, params }) => {
    void context.queryClient.prefetchQuery(facilityQuery(params.id));
    void context.queryClient.prefetchQuery(facilityReferenceQuery);
  },
});

const editRoute = memberPage("/facilities/$id/edit", () => import("./facility-form-page.js"), "FacilityEditPage", {
  loader: ({ context, params }) => void context.queryClient.prefetchQuery(facilityQuery(params.id)),
});

const assessRoute = memberPage("/facilities/$id/assess", () => import("./assessment-page.js"), "AssessmentPage", {
  loader: ({ context, params }) => {
    void context.queryClient.prefetchQuery(facilityQuery(params.id));
    void context.queryClient.prefetchQuery(facilityReferenceQuery);
  },
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
