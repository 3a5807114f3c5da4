import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { LocalizedText } from "../../common/localized.js";
import type { PartnerDetail, PartnerList, Pillar, PillarDetail, Programme, Route } from "../../common/partners.js";
import type { NotificationListSchema, NotificationPreference, SearchResult } from "../../common/platform.js";
import { api } from "./client.js";
import { keptQuery, pageOf } from "./get-query.js";

export type NotificationList = z.infer<typeof NotificationListSchema>;

// Reference data changes rarely: keep it fresh for 10 minutes so moving between pages costs no request.
const REFERENCE = 10 * 60_000;

export const partnersQuery = queryOptions({
  queryKey: ["partners"],
  queryFn: ({ signal }) => api.get<PartnerList>("/partners", undefined, signal),
  staleTime: REFERENCE,
});

export const partnerQuery = (code: string) =>
  queryOptions({
    queryKey: ["partners", code],
    queryFn: ({ signal }) => api.get<PartnerDetail>(`/partners/${encodeURIComponent(code)}`, undefined, signal),
    staleTime: REFERENCE,
  });

export const pillarsQuery = queryOptions({
  queryKey: ["pillars"],
  queryFn: ({ signal }) => api.get<{ items: Pillar[] }>("/pillars", undefined, signal),
  staleTime: REFERENCE,
});

export const pillarQuery = (number: number) =>
  queryOptions({
    queryKey: ["pillars", number],
    queryFn: ({ signal }) => api.get<PillarDetail>(`/pillars/${number}`, undefined, signal),
    staleTime: REFERENCE,
  });

export const routesQuery = queryOptions({
  queryKey: ["routes"],
  queryFn: ({ signal }) => api.get<{ items: Route[] }>("/routes", undefined, signal),
  staleTime: REFERENCE,
});

export const programmeQuery = queryOptions({
  queryKey: ["programme"],
  queryFn: ({ signal }) => api.get<Programme>("/programme", undefined, signal),
  staleTime: REFERENCE,
});

export const SEARCH_PAGE_SIZE = 20;

export const searchQuery = (q: string, type: string | undefined, page: number) =>
  queryOptions({
    queryKey: ["search", q, type ?? "", page],
    queryFn: ({ signal }) => api.get<SearchResult>("/search", { q, type, ...pageOf(page, SEARCH_PAGE_SIZE) }, signal),
    placeholderData: keepPreviousData,
    enabled: q.trim().length > 0,
  });

export const NOTIFICATIONS_PAGE_SIZE = 20;

export const notificationsQuery = (page: number) =>
  keptQuery<NotificationList>(["notifications", "list", page], "/notifications", pageOf(page, NOTIFICATIONS_PAGE_SIZE));

export const unreadQuery = queryOptions({
  queryKey: ["notifications", "unread"],
  queryFn: ({ signal }) => api.get<NotificationList>("/notifications", { limit: 1 }, signal),
  select: (data) => data.unread,
  refetchInterval: 60_000,
  refetchIntervalInBackground: false,
});

/** A preference row with the kind's display label. */
export type PreferenceRow = NotificationPreference & { label?: LocalizedText };

export const preferencesQuery = queryOptions({
  queryKey: ["notifications", "preferences"],
  queryFn: async ({ signal }) =>
    (await api.get<{ items: PreferenceRow[] }>("/notifications/preferences", undefined, signal)).items,
});

export async function savePreferences(rows: PreferenceRow[]): Promise<PreferenceRow[]> {
  const items = rows.map(({ kind, inApp, email }) => ({ kind, inApp, email }));
  return (await api.put<{ items: PreferenceRow[] }>("/notifications/preferences", { items })).items;
}
