import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { Revision } from "../../common/partners.js";
import type {
  Alert,
  FlowFilters,
  FlowSeries,
  FlowStats,
  Gaps,
  MoneyMeasure,
  Need,
  Party,
  Pivot,
  Project,
  ProjectDocument,
  ProjectInput,
  ProjectList,
  Rate,
  SavedSearch,
  UnmappedName,
} from "../../common/projects.js";
import { API_BASE, api, apiUrl } from "./client.js";
import { getQuery, keptQuery, pageOf } from "./get-query.js";

export const PROJECTS_PAGE_SIZE = 20;

export interface ProjectFilters {
  q?: string | undefined;
  donor?: string | undefined;
  country?: string | undefined;
  pillar?: number | undefined;
  theme?: string | undefined;
  workflow?: string | undefined;
  stage?: string | undefined;
  year?: number | undefined;
  sort?: string | undefined;
  page?: number | undefined;
}

function listQuery(f: ProjectFilters) {
  const { page, ...rest } = f;
  return { ...rest, ...pageOf(page ?? 1, PROJECTS_PAGE_SIZE) };
}

export const projectsQuery = (f: ProjectFilters) =>
  keptQuery<ProjectList>(["projects", "list", f], "/projects", listQuery(f));

export const projectQuery = (id: string) => getQuery<Project>(["projects", "one", id], `/projects/${id}`, {});

export const projectHistoryQuery = (id: string) =>
  getQuery<{ items: Revision[] }>(["projects", "history", id], `/projects/${id}/history`, {});

export const documentsQuery = (id: string) =>
  getQuery<{ items: ProjectDocument[] }>(["projects", "documents", id], `/projects/${id}/documents`, {});

export const alertsQuery = (f: {
  project?: string | undefined;
  status?: string | undefined;
  page?: number | undefined;
}) =>
  getQuery<{ items: Alert[]; total: number; threshold: number }>(["projects", "alerts", f], "/projects/duplicates", {
    project: f.project,
    status: f.status ?? "open",
    ...pageOf(f.page ?? 1, 20),
  });

/** The gap view; `measure` says what its USD sums: committed (`usd`, the default), disbursed or spent. */
export const gapsQuery = (measure: MoneyMeasure = "usd") =>
  keptQuery<Gaps>(["projects", "gaps", measure], "/projects/gaps", { measure });

/** A pivot's parameters; `includeDrafts` is sent only when set (coordinators). */
export type PivotParams = { rows: string; columns?: string | undefined; measure: string; includeDrafts?: boolean };
const pivotParams = ({ includeDrafts, ...p }: PivotParams) => ({
  ...p,
  ...(includeDrafts ? { includeDrafts: "true" } : {}),
});

export const pivotQuery = (p: PivotParams) =>
  keptQuery<Pivot>(["projects", "pivot", p], "/projects/stats/pivot", pivotParams(p));

/** The controlled list of donors and organizations (partners and other bodies), names in English and Russian. */
export const partiesQuery = () =>
  queryOptions({
    queryKey: ["projects", "parties"],
    queryFn: ({ signal }) => api.get<{ items: Party[] }>("/projects/parties", {}, signal),
    staleTime: 5 * 60_000,
  });

/** The review list: names that map to no entry of the controlled list (coordinators). */
export const unmappedQuery = () =>
  getQuery<{ items: UnmappedName[] }>(["projects", "parties", "unmapped"], "/projects/parties/unmapped", {});
export const createParty = (input: { code: string; name: { en: string; ru: string } }) =>
  api.post<Party>("/projects/parties", input);
export const mapName = (text: string, code: string) =>
  api.post<{ projects: number; unmapped: UnmappedName[] }>("/projects/parties/map", { text, code });

export const savedSearchesQuery = () =>
  getQuery<{ items: SavedSearch[] }>(["projects", "saved"], "/projects/saved-searches", {});

export const createProject = (input: ProjectInput) => api.post<Project>("/projects", input);
export const updateProject = (id: string, input: ProjectInput & { version: number }) =>
  api.put<Project>(`/projects/${id}`, input);
export const transitionProject = (id: string, to: string, version: number) =>
  api.post<Project>(`/projects/${id}/transition`, { to, version });
export const labelAlert = (id: string, label: string, version: number) =>
  api.post<Alert>(`/projects/duplicates/${id}/label`, { label, version });
export const createNeed = (input: Record<string, unknown>) => api.post<Need>("/projects/needs", input);
export const archiveNeed = (id: string, version: number) => api.post(`/projects/needs/${id}/archive`, { version });
export const saveSearch = (name: string, query: Record<string, string | number>) =>
  api.post<SavedSearch>("/projects/saved-searches", { name, query });
export const deleteSearch = (id: string) => api.delete(`/projects/saved-searches/${id}`);
export const attachDocument = (projectId: string, fileId: string, title?: { en?: string; ru?: string }) =>
  api.post<ProjectDocument>(`/projects/${projectId}/documents`, { fileId, ...(title ? { title } : {}) });
export const addDocumentVersion = (projectId: string, documentId: string, fileId: string) =>
  api.post<ProjectDocument>(`/projects/${projectId}/documents/${documentId}/versions`, { fileId });

export const documentUrl = (projectId: string, documentId: string, o: { version?: number; thumbnail?: boolean } = {}) =>
  apiUrl(`/projects/${projectId}/documents/${documentId}/file`, { version: o.version, thumbnail: o.thumbnail });
export const exportUrl = (f: ProjectFilters, format: "csv" | "xlsx") =>
  apiUrl("/projects/export", { ...listQuery(f), format });
export const pivotExportUrl = (p: PivotParams, format: "csv" | "xlsx") =>
  apiUrl("/projects/stats/pivot", { ...pivotParams(p), format });
export const iatiExportUrl = `${API_BASE}/projects/export/iati`;

/** Checks (dryRun) or imports an IATI activity XML file already uploaded to /files, as a job of the import flow. */
export const startIatiImport = (fileId: string, dryRun: boolean, allOrNothing: boolean) =>
  api.post<{ jobId: string }>("/projects/iati/imports", { fileId, dryRun, allOrNothing });

/**
 * Planned against actual across the projects the figures count (`includeDrafts`: coordinators only), narrowed by
 * the statistics' filters (year range, country, donor, pillar, theme), with the values each filter may take.
 */
export const flowsQuery = (p: { interval: "year" | "quarter"; includeDrafts: boolean; filters?: FlowFilters }) =>
  queryOptions({
    queryKey: ["projects", "flows", p],
    queryFn: ({ signal }) =>
      api.get<FlowStats>(
        "/projects/stats/flows",
        {
          interval: p.interval,
          ...(p.includeDrafts ? { includeDrafts: "true" } : {}),
          ...Object.fromEntries(
            Object.entries(p.filters ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
          ),
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

/** Planned against actual for one project. */
export const projectFlowsQuery = (id: string, interval: "year" | "quarter") =>
  keptQuery<FlowSeries>(["projects", "one", id, "flows", interval], `/projects/${id}/flows`, { interval });

/** The dated table of exchange rates to USD (the project form shows each transaction's USD value with it). */
export const ratesQuery = () =>
  queryOptions({
    queryKey: ["projects", "rates"],
    queryFn: ({ signal }) => api.get<{ items: Rate[] }>("/projects/rates", {}, signal),
    staleTime: 5 * 60_000,
  });
