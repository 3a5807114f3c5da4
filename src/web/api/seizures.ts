import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { Revision } from "../../common/partners.js";
import type {
  AggregateResult,
  ColumnarCopyStatus,
  ColumnMapping,
  Dashboard,
  DmpTerms,
  Duplicate,
  Flow,
  MapCountries,
  MapPoints,
  Seizure,
  SeizureCountrySettings,
  SeizureInput,
  ValueMapping,
} from "../../common/seizures.js";
import { ApiError, api, apiUrl, type Query } from "./client.js";
import { getQuery, keptQuery, pageOf } from "./get-query.js";

export const SEIZURES_PAGE_SIZE = 25;

/** Filters shared by the dashboard, the map and the record list (kept in the URL). */
export interface SeizureFilters {
  countries?: string[] | undefined;
  drugGroups?: string[] | undefined;
  drugs?: string[] | undefined;
  routes?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export function filterQuery(f: SeizureFilters): Query {
  const list = (v?: string[]) => (v?.length ? v.join(",") : undefined);
  return {
    countries: list(f.countries),
    drugGroups: list(f.drugGroups),
    drugs: list(f.drugs),
    routes: list(f.routes),
    from: f.from,
    to: f.to,
  };
}

export const dmpTermsQuery = getQuery<DmpTerms>(["seizures", "terms"], "/seizures/terms");

export const acceptDmpTerms = () => api.post<DmpTerms>("/seizures/terms/accept", {});

export const publicStatsQuery = (groupBy: string, countries?: string[], drugGroups?: string[]) =>
  queryOptions({
    queryKey: ["seizures", "public", groupBy, countries, drugGroups],
    queryFn: ({ signal }) =>
      api.get<AggregateResult>(
        "/seizures/public-stats",
        { groupBy, ...filterQuery({ countries, drugGroups }) },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

export const dashboardQuery = (f: SeizureFilters) =>
  keptQuery<Dashboard>(["seizures", "dashboard", f], "/seizures/dashboard", filterQuery(f));

/** The map's default layer: cases and kg per country for this reader (cacheable; no record-level data). */
export const mapCountriesQuery = (f: SeizureFilters) =>
  keptQuery<MapCountries>(["seizures", "map-countries", f], "/seizures/map/countries", filterQuery(f));

export const pointsQuery = (f: SeizureFilters) =>
  keptQuery<MapPoints>(["seizures", "points", f], "/seizures/map/points", filterQuery(f));

export const flowsQuery = (f: SeizureFilters) =>
  keptQuery<{ items: Flow[] }>(["seizures", "flows", f], "/seizures/map/flows", filterQuery(f));

export interface SeizureList {
  items: Seizure[];
  total: number;
  limit: number;
  offset: number;
}

export const seizuresQuery = (f: SeizureFilters & { status?: string; batch?: string }, page: number) =>
  keptQuery<SeizureList>(["seizures", "list", f, page], "/seizures", {
    ...filterQuery(f),
    status: f.status,
    batch: f.batch,
    ...pageOf(page, SEIZURES_PAGE_SIZE),
  });

export const seizureQuery = (id: string) =>
  getQuery<Seizure>(["seizures", "one", id], `/seizures/${encodeURIComponent(id)}`);

export const seizureHistoryQuery = (id: string) =>
  getQuery<{ items: Revision[] }>(["seizures", "history", id], `/seizures/${encodeURIComponent(id)}/history`);

export const duplicatesQuery = (status: string, page: number) =>
  keptQuery<{ items: Duplicate[]; total: number }>(["seizures", "duplicates", status, page], "/seizures/duplicates", {
    status,
    ...pageOf(page, 10),
  });

export const createSeizure = (input: SeizureInput) => api.post<Seizure>("/seizures", input);
export const updateSeizure = (id: string, input: SeizureInput & { version: number }) =>
  api.patch<Seizure>(`/seizures/${encodeURIComponent(id)}`, input);
export const correctSeizure = (id: string, input: SeizureInput & { version: number; reason: string }) =>
  api.post<Seizure>(`/seizures/${encodeURIComponent(id)}/correction`, input);
export interface TransitionBody {
  action: "validate" | "publish";
  records?: { id: string; version: number }[];
  batchId?: string;
  /** A bulk step names the count the user confirmed; see `confirmableCount`. */
  expectedCount?: number;
}
export const transition = (body: TransitionBody) =>
  api.post<{ changed: number; skipped: number }>("/seizures/transitions", body);

/**
 * The number of records the server would change, when it refused a bulk step for want of a confirmed count
 * (422 `count_confirmation_required`) or because the count confirmed no longer holds (409 `count_mismatch`).
 */
export function confirmableCount(error: unknown): number | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code !== "count_confirmation_required" && error.code !== "count_mismatch") return null;
  const count = error.problem?.details?.count;
  return typeof count === "number" ? count : null;
}

export const seizureCountrySettingsQuery = getQuery<{ items: SeizureCountrySettings[] }>(
  ["seizures", "settings", "countries"],
  "/seizures/settings/countries",
);
/** The columnar copy the ad-hoc analyses read, and its newest build job (coordinators). */
export const columnarCopyQuery = getQuery<ColumnarCopyStatus>(
  ["seizures", "settings", "analytics-copy"],
  "/seizures/settings/analytics-copy",
);
export const updateSeizureCountrySettings = (country: string, body: { fourEyes: boolean; version: number }) =>
  api.put<SeizureCountrySettings>(`/seizures/settings/countries/${encodeURIComponent(country)}`, body);
export const decideDuplicate = (id: string, body: { decision: "merge" | "keep_apart"; keep?: string; note?: string }) =>
  api.post<{ id: string; status: string }>(`/seizures/duplicates/${encodeURIComponent(id)}/decision`, body);
export const startImport = (body: {
  fileId: string;
  dryRun: boolean;
  mapping?: ColumnMapping;
  valueMapping?: ValueMapping;
  sharing: string;
  confirmWarnings: boolean;
}) => api.post<{ jobId: string }>("/seizures/imports", body);

export const exportUrl = (f: SeizureFilters, format: "csv" | "xlsx") =>
  apiUrl("/seizures/export", { ...filterQuery(f), format });
export const templateUrl = (format: "csv" | "xlsx") => apiUrl("/seizures/import/template", { format });
