import { queryOptions } from "@tanstack/react-query";
import type {
  Factsheet,
  FactsheetSummary,
  Indicator,
  IndicatorInput,
  NationalFigures,
  NationalImportKind,
  NationalImportRequest,
  NationalTotal,
  NationalTotalInput,
  Reconciliation,
  Region,
  RegionInput,
} from "../../common/factsheets.js";
import { api, apiUrl } from "./client.js";
import { getQuery, keptQuery, pageOf } from "./get-query.js";

export const FACTSHEETS_PAGE_SIZE = 20;

export interface FactsheetFilter {
  scope?: "country" | "region" | undefined;
  year?: number | undefined;
  status?: "draft" | "in_review" | "published" | undefined;
}

export const factsheetsQuery = (filter: FactsheetFilter, page: number) =>
  keptQuery<{ items: FactsheetSummary[]; total: number; limit: number; offset: number }>(
    ["factsheets", "list", filter, page],
    "/factsheets",
    { ...filter, ...pageOf(page, FACTSHEETS_PAGE_SIZE) },
  );

export const factsheetQuery = (id: string, edition?: number) =>
  getQuery<Factsheet>(["factsheets", "one", id, edition ?? "current"], `/factsheets/${encodeURIComponent(id)}`, {
    edition,
  });

export const regionsQuery = queryOptions({
  queryKey: ["factsheets", "regions"],
  queryFn: ({ signal }) => api.get<{ items: Region[] }>("/factsheets/regions", undefined, signal),
  staleTime: 5 * 60_000,
});

export const indicatorsQuery = (country: string, years: number[]) =>
  getQuery<{ items: Indicator[] }>(["factsheets", "indicators", country, years], "/factsheets/indicators", {
    country,
    years: years.join(","),
  });

export const totalsQuery = (country: string, year: number) =>
  getQuery<{ items: NationalTotal[] }>(["factsheets", "totals", country, year], "/factsheets/national-totals", {
    country,
    years: String(year),
  });

export const arqQuery = (country: string, year: number) =>
  getQuery<NationalFigures>(["factsheets", "arq", country, year], "/factsheets/arq", { country, year });

export const reconciliationQuery = (country: string, year: number) =>
  getQuery<Reconciliation>(["factsheets", "reconciliation", country, year], "/factsheets/arq/reconciliation", {
    country,
    year,
  });

export const createFactsheet = (input: { scope: "country" | "region"; subject: string; year: number }) =>
  api.post<Factsheet>("/factsheets", input);
export const updateFactsheet = (
  id: string,
  input: { version: number; notes?: { en?: string; ru?: string }; sources?: string[] },
) => api.patch<Factsheet>(`/factsheets/${encodeURIComponent(id)}`, input);
export const transitionFactsheet = (
  id: string,
  input: { version: number; action: "submit" | "return" | "publish" | "reopen"; comment?: string },
) => api.post<Factsheet>(`/factsheets/${encodeURIComponent(id)}/transitions`, input);

export const createIndicator = (input: IndicatorInput) => api.post<Indicator>("/factsheets/indicators", input);
export const updateIndicator = (id: string, version: number, value: IndicatorInput) =>
  api.put<Indicator>(`/factsheets/indicators/${encodeURIComponent(id)}`, { version, value });
export const archiveIndicator = (id: string, version: number) =>
  api.post(`/factsheets/indicators/${encodeURIComponent(id)}/archive`, { version });
export const createTotal = (input: NationalTotalInput) => api.post<NationalTotal>("/factsheets/national-totals", input);
export const archiveTotal = (id: string, version: number) =>
  api.post(`/factsheets/national-totals/${encodeURIComponent(id)}/archive`, { version });
export const createRegion = (input: RegionInput) => api.post<Region>("/factsheets/regions", input);

export type ImportKind = NationalImportKind;
/**
 * Checks (dryRun) or imports an uploaded file as a job of the platform's import pipeline (202 with its id); `sheet`
 * and `mapping` are the column step's answers.
 */
export const startImport = (kind: ImportKind, fileId: string, request: NationalImportRequest) =>
  api.post<{ jobId: string }>(`/factsheets/${kind}/imports`, { fileId, ...request });
export const templateUrl = (kind: ImportKind, format: "csv" | "xlsx") =>
  apiUrl(`/factsheets/${kind}/template`, { format });

export const pdfUrl = (id: string, lang: "en" | "ru", edition?: number) =>
  apiUrl(`/factsheets/${encodeURIComponent(id)}/pdf`, { lang, edition });
export const dataUrl = (id: string, lang: "en" | "ru", edition?: number) =>
  apiUrl(`/factsheets/${encodeURIComponent(id)}/data`, { lang, edition });
export const arqExportUrl = (country: string, year: number, lang: "en" | "ru") =>
  apiUrl("/factsheets/arq/export", { country, year, lang });
