import { queryOptions } from "@tanstack/react-query";
import type {
  Analysis,
  AnalysisInput,
  AnalysisVisibility,
  Dashboard,
  DashboardSummary,
} from "../../common/analyses.js";
import type { Role } from "../../common/platform.js";
import { api } from "./client.js";
import { getQuery, keptQuery, pageOf } from "./get-query.js";

export const ANALYSES_PAGE_SIZE = 20;
export type ListScope = "mine" | "shared" | "all";

export const analysesQuery = (scope: ListScope, page: number) =>
  keptQuery<{ items: Analysis[]; total: number }>(["analyses", "list", scope, page], "/analyses", {
    scope,
    ...pageOf(page, ANALYSES_PAGE_SIZE),
  });

/** Analyses to pick a dashboard tile from: the newest 100 the reader may open (the route's largest page). */
export const pickableAnalysesQuery = getQuery<{ items: Analysis[]; total: number }>(
  ["analyses", "list", "pickable"],
  "/analyses",
  { scope: "all", limit: 100, offset: 0 },
);

export const analysisQuery = (id: string) => getQuery<Analysis>(["analyses", "one", id], `/analyses/${id}`);

/**
 * A saved analysis is run by the reader on its own route, with the query the server narrowed to their access:
 * the figures are always those the reader's own call would give.
 */
export const analysisRunQuery = <T>(a: Analysis) =>
  queryOptions({
    queryKey: ["analyses", "run", a.run.endpoint, a.run.query],
    queryFn: ({ signal }) => api.get<T>(a.run.endpoint, a.run.query, signal),
    enabled: a.run.available,
  });

export const saveAnalysis = (input: AnalysisInput) => api.post<Analysis>("/analyses", input);
export const updateAnalysis = (
  id: string,
  body: { name?: string; visibility?: AnalysisVisibility; view?: string; version: number },
) => api.patch<Analysis>(`/analyses/${id}`, body);
export const copyAnalysis = (id: string, body: { name?: string; visibility?: AnalysisVisibility }) =>
  api.post<Analysis>(`/analyses/${id}/copy`, body);
export const archiveAnalysis = (id: string, version: number) => api.post<void>(`/analyses/${id}/archive`, { version });

export const dashboardsQuery = (scope: ListScope, page: number) =>
  keptQuery<{ items: DashboardSummary[]; total: number; myDefault: DashboardSummary | null }>(
    ["dashboards", "list", scope, page],
    "/dashboards",
    { scope, ...pageOf(page, ANALYSES_PAGE_SIZE) },
  );

export const dashboardQuery = (id: string) => getQuery<Dashboard>(["dashboards", "one", id], `/dashboards/${id}`);

export type TileInput = { id?: string; analysisId?: string; width: number; height: number };

export const createDashboard = (body: { name: string; visibility: AnalysisVisibility; tiles: TileInput[] }) =>
  api.post<Dashboard>("/dashboards", body);
export const updateDashboard = (
  id: string,
  body: { name?: string; visibility?: AnalysisVisibility; tiles?: TileInput[]; version: number },
) => api.patch<Dashboard>(`/dashboards/${id}`, body);
export const archiveDashboard = (id: string, version: number) =>
  api.post<void>(`/dashboards/${id}/archive`, { version });
export const setRoleDefault = (role: Role, dashboardId: string | null) =>
  api.put<{ items: { role: Role; dashboardId: string; name: string }[] }>(`/dashboards/defaults/${role}`, {
    dashboardId,
  });
