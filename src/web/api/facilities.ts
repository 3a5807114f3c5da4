import { queryOptions } from "@tanstack/react-query";
import type {
  Assessment,
  AssessmentInput,
  Facility,
  FacilityFilter,
  FacilityImportJobRequest,
  FacilityInput,
  FacilityList,
  FacilityPoints,
  FacilityReference,
  FacilityStats,
  FacilityUpdate,
} from "../../common/facilities.js";
import type { Revision } from "../../common/partners.js";
import { API_BASE, api, apiUrl, type Query } from "./client.js";
import { getQuery, keptQuery, pageOf } from "./get-query.js";

export const FACILITIES_PAGE_SIZE = 25;

export const facilityReferenceQuery = queryOptions({
  ...getQuery<FacilityReference>(["facilities", "reference"], "/facilities/reference"),
  staleTime: 60 * 60_000,
});

const filterQuery = (f: FacilityFilter): Query => ({
  q: f.q,
  country: f.country,
  modality: f.modality,
  service: f.service,
  population: f.population,
  orgType: f.orgType,
});

export const facilitiesQuery = (filter: FacilityFilter, page: number) =>
  keptQuery<FacilityList>(["facilities", "list", filter, page], "/facilities", {
    ...filterQuery(filter),
    ...pageOf(page, FACILITIES_PAGE_SIZE),
  });

export const facilityPointsQuery = (filter: FacilityFilter) =>
  keptQuery<FacilityPoints>(["facilities", "points", filter], "/facilities/points", filterQuery(filter));

export const facilityQuery = (id: string) =>
  getQuery<Facility>(["facilities", "one", id], `/facilities/${encodeURIComponent(id)}`);

export const facilityAssessmentsQuery = (id: string) =>
  getQuery<{ items: Assessment[] }>(
    ["facilities", "one", id, "assessments"],
    `/facilities/${encodeURIComponent(id)}/assessments`,
  );

export const facilityHistoryQuery = (id: string) =>
  getQuery<{ items: Revision[] }>(
    ["facilities", "one", id, "history"],
    `/facilities/${encodeURIComponent(id)}/history`,
  );

export const facilityStatsQuery = getQuery<FacilityStats>(["facilities", "stats"], "/facilities/stats");

export const createFacility = (input: FacilityInput) => api.post<Facility>("/facilities", input);
export const updateFacility = (id: string, input: FacilityUpdate) =>
  api.patch<Facility>(`/facilities/${encodeURIComponent(id)}`, input);
export const archiveFacility = (id: string, version: number) =>
  api.post(`/facilities/${encodeURIComponent(id)}/archive`, { version });
export const assessFacility = (id: string, input: AssessmentInput) =>
  api.post<Assessment>(`/facilities/${encodeURIComponent(id)}/assessments`, input);

/** Checks (dryRun) or imports the caller's uploaded list as a job of the import pipeline: 202 with its id. */
export const startImport = (input: FacilityImportJobRequest) =>
  api.post<{ jobId: string }>("/facilities/imports", input);

export const exportUrl = (filter: FacilityFilter, format: "csv" | "xlsx") =>
  apiUrl("/facilities/export", { ...filterQuery(filter), format });
export const templateUrl = `${API_BASE}/facilities/import/template`;
