import { keepPreviousData, queryOptions } from "@tanstack/react-query";
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

export const FACILITIES_PAGE_SIZE = 25;

export const facilityReferenceQuery = queryOptions({
  queryKey: ["facilities", "reference"],
  queryFn: ({ signal }) => api.get<FacilityReference>("/facilities/reference", undefined, signal),
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
  queryOptions({
    queryKey: ["facilities", "list", filter, page],
    queryFn: ({ signal }) =>
      api.get<FacilityList>(
        "/facilities",
        { ...filterQuery(filter), limit: FACILITIES_PAGE_SIZE, offset: (page - 1) * FACILITIES_PAGE_SIZE },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

export const facilityPointsQuery = (filter: FacilityFilter) =>
  queryOptions({
    queryKey: ["facilities", "points", filter],
    queryFn: ({ signal }) => api.get<FacilityPoints>("/facilities/points", filterQuery(filter), signal),
    placeholderData: keepPreviousData,
  });

export const facilityQuery = (id: string) =>
  queryOptions({
    queryKey: ["facilities", "one", id],
    queryFn: ({ signal }) => api.get<Facility>(`/facilities/${encodeURIComponent(id)}`, undefined, signal),
  });

export const facilityAssessmentsQuery = (id: string) =>
  queryOptions({
    queryKey: ["facilities", "one", id, "assessments"],
    queryFn: ({ signal }) =>
      api.get<{ items: Assessment[] }>(`/facilities/${encodeURIComponent(id)}/assessments`, undefined, signal),
  });

export const facilityHistoryQuery = (id: string) =>
  queryOptions({
    queryKey: ["facilities", "one", id, "history"],
    queryFn: ({ signal }) =>
      api.get<{ items: Revision[] }>(`/facilities/${encodeURIComponent(id)}/history`, undefined, signal),
  });

export const facilityStatsQuery = queryOptions({
  queryKey: ["facilities", "stats"],
  queryFn: ({ signal }) => api.get<FacilityStats>("/facilities/stats", undefined, signal),
});

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
