import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  Heatmap,
  MeetingDetail,
  MeetingInput,
  MeetingList,
  NewsInput,
  NewsItem,
  NewsList,
  ParticipantListSchema,
  Progress,
  RecommendationDetail,
  RecommendationInput,
  RecommendationList,
  Report,
  ReportInput,
  SnapshotDetail,
  TransitionInput,
} from "../../common/meetings.js";
import { api, apiUrl, type Query } from "./client.js";
import { getQuery, keptQuery, pageOf } from "./get-query.js";

export const MEETINGS_PAGE_SIZE = 20;
export const RECOMMENDATIONS_PAGE_SIZE = 20;
export const NEWS_PAGE_SIZE = 10;

export interface MeetingFilter {
  kind?: string | undefined;
  pillar?: number | undefined;
  year?: number | undefined;
  host?: string | undefined;
  country?: string | undefined;
  q?: string | undefined;
}

const meetingFilterQuery = (f: MeetingFilter): Query => ({
  kind: f.kind,
  pillar: f.pillar,
  year: f.year,
  host: f.host,
  country: f.country,
  q: f.q,
});

export const meetingsQuery = (filter: MeetingFilter, page: number, limit = MEETINGS_PAGE_SIZE) =>
  keptQuery<MeetingList>(["meetings", "list", filter, page, limit], "/meetings", {
    ...meetingFilterQuery(filter),
    ...pageOf(page, limit),
  });

/** Meetings between two dates (the calendar month, the map). */
export const meetingsBetweenQuery = (from: string, to: string, filter: MeetingFilter = {}) =>
  keptQuery<MeetingList>(["meetings", "between", from, to, filter], "/meetings", {
    ...meetingFilterQuery(filter),
    from,
    to,
    limit: 500,
    order: "asc",
  });

export const meetingQuery = (id: string) => getQuery<MeetingDetail>(["meetings", "one", id], `/meetings/${id}`);

export const participantsQuery = (id: string) =>
  getQuery<z.infer<typeof ParticipantListSchema>>(["meetings", "participants", id], `/meetings/${id}/participants`);

export const createMeeting = (input: Partial<MeetingInput>) => api.post<MeetingDetail>("/meetings", input);
export const updateMeeting = (id: string, input: Partial<MeetingInput> & { version: number }) =>
  api.patch<MeetingDetail>(`/meetings/${id}`, input);
export const markAttendance = (id: string, input: { attended: boolean; version: number }) =>
  api.post(`/meeting-registrations/${id}/attendance`, input);
export const registerForMeeting = (
  id: string,
  input: { attendanceMode: "in_person" | "remote"; listConsent: boolean },
) => api.post(`/meetings/${id}/registrations`, input);
export const updateOwnRegistration = (
  id: string,
  input: { listConsent?: boolean; cancel?: boolean; version: number },
) => api.patch(`/meeting-registrations/${id}`, input);
export const decideRegistration = (
  id: string,
  input: { decision: "approve" | "decline"; reason?: string; version: number },
) => api.post(`/meeting-registrations/${id}/decision`, input);
export const takeSnapshot = (meetingId: string, pillar: number) =>
  api.post<SnapshotDetail>(`/meetings/${meetingId}/snapshots`, { pillar });
export const calendarUrl = () => apiUrl("/meetings/calendar.ics");

export interface RecommendationFilter {
  meetingId?: string | undefined;
  pillar?: number | undefined;
  status?: string | undefined;
  partner?: string | undefined;
  q?: string | undefined;
}
const recFilterQuery = (f: RecommendationFilter): Query => ({
  meetingId: f.meetingId,
  pillar: f.pillar,
  status: f.status,
  partner: f.partner,
  q: f.q,
});

export const recommendationsQuery = (filter: RecommendationFilter, page: number, limit = RECOMMENDATIONS_PAGE_SIZE) =>
  keptQuery<RecommendationList>(["recommendations", "list", filter, page, limit], "/recommendations", {
    ...recFilterQuery(filter),
    ...pageOf(page, limit),
  });

export const recommendationQuery = (id: string) =>
  getQuery<RecommendationDetail>(["recommendations", "one", id], `/recommendations/${id}`);

export const heatmapQuery = (pillar: number | undefined) =>
  getQuery<Heatmap>(["recommendations", "heatmap", pillar], "/recommendations/heatmap", { pillar });
export const progressQuery = (pillar: number | undefined) =>
  getQuery<Progress>(["recommendations", "progress", pillar], "/recommendations/progress", { pillar });
export const exportUrl = (filter: RecommendationFilter, format: "xlsx" | "csv") =>
  apiUrl("/recommendations/export", { ...recFilterQuery(filter), format });

export const createRecommendation = (input: Partial<RecommendationInput>) =>
  api.post<RecommendationDetail>("/recommendations", input);
export const transitionRecommendation = (id: string, input: Partial<TransitionInput>) =>
  api.post<RecommendationDetail>(`/recommendations/${id}/transitions`, input);
export const reportImplementation = (id: string, input: ReportInput) =>
  api.post<Report>(`/recommendations/${id}/reports`, input);

export const commitmentsQuery = queryOptions({
  queryKey: ["commitments"],
  queryFn: ({ signal }) =>
    api.get<{ items: { code: string; pillar: number; text: { en?: string; ru?: string } }[] }>(
      "/commitments",
      undefined,
      signal,
    ),
  staleTime: 60 * 60_000,
});

export const snapshotQuery = (id: string) => getQuery<SnapshotDetail>(["snapshots", id], `/snapshots/${id}`);

export const newsQuery = (pillar: number | undefined, page: number) =>
  keptQuery<NewsList>(["news", "list", pillar, page], "/news", { pillar, ...pageOf(page, NEWS_PAGE_SIZE) });
export const newsItemQuery = (id: string) => getQuery<NewsItem>(["news", "one", id], `/news/${id}`);
export const createNews = (input: Partial<NewsInput>) => api.post<NewsItem>("/news", input);
export const feedUrl = (format: "rss" | "atom") => apiUrl(`/news/feed.${format}`);
