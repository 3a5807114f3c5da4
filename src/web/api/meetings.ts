import { keepPreviousData, queryOptions } from "@tanstack/react-query";
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
  queryOptions({
    queryKey: ["meetings", "list", filter, page, limit],
    queryFn: ({ signal }) =>
      api.get<MeetingList>("/meetings", { ...meetingFilterQuery(filter), limit, offset: (page - 1) * limit }, signal),
    placeholderData: keepPreviousData,
  });

/** Meetings between two dates (the calendar month, the map). */
export const meetingsBetweenQuery = (from: string, to: string, filter: MeetingFilter = {}) =>
  queryOptions({
    queryKey: ["meetings", "between", from, to, filter],
    queryFn: ({ signal }) =>
      api.get<MeetingList>("/meetings", { ...meetingFilterQuery(filter), from, to, limit: 500, order: "asc" }, signal),
    placeholderData: keepPreviousData,
  });

export const meetingQuery = (id: string) =>
  queryOptions({
    queryKey: ["meetings", "one", id],
    queryFn: ({ signal }) => api.get<MeetingDetail>(`/meetings/${id}`, undefined, signal),
  });

export const participantsQuery = (id: string) =>
  queryOptions({
    queryKey: ["meetings", "participants", id],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof ParticipantListSchema>>(`/meetings/${id}/participants`, undefined, signal),
  });

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
  queryOptions({
    queryKey: ["recommendations", "list", filter, page, limit],
    queryFn: ({ signal }) =>
      api.get<RecommendationList>(
        "/recommendations",
        { ...recFilterQuery(filter), limit, offset: (page - 1) * limit },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

export const recommendationQuery = (id: string) =>
  queryOptions({
    queryKey: ["recommendations", "one", id],
    queryFn: ({ signal }) => api.get<RecommendationDetail>(`/recommendations/${id}`, undefined, signal),
  });

export const heatmapQuery = (pillar: number | undefined) =>
  queryOptions({
    queryKey: ["recommendations", "heatmap", pillar],
    queryFn: ({ signal }) => api.get<Heatmap>("/recommendations/heatmap", { pillar }, signal),
  });
export const progressQuery = (pillar: number | undefined) =>
  queryOptions({
    queryKey: ["recommendations", "progress", pillar],
    queryFn: ({ signal }) => api.get<Progress>("/recommendations/progress", { pillar }, signal),
  });
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

export const snapshotQuery = (id: string) =>
  queryOptions({
    queryKey: ["snapshots", id],
    queryFn: ({ signal }) => api.get<SnapshotDetail>(`/snapshots/${id}`, undefined, signal),
  });

export const newsQuery = (pillar: number | undefined, page: number) =>
  queryOptions({
    queryKey: ["news", "list", pillar, page],
    queryFn: ({ signal }) =>
      api.get<NewsList>("/news", { pillar, limit: NEWS_PAGE_SIZE, offset: (page - 1) * NEWS_PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
export const newsItemQuery = (id: string) =>
  queryOptions({
    queryKey: ["news", "one", id],
    queryFn: ({ signal }) => api.get<NewsItem>(`/news/${id}`, undefined, signal),
  });
export const createNews = (input: Partial<NewsInput>) => api.post<NewsItem>("/news", input);
export const feedUrl = (format: "rss" | "atom") => apiUrl(`/news/feed.${format}`);
