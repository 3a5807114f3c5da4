import { createRoute, redirect } from "@tanstack/react-router";
import { type MeetingFilter, meetingQuery, recommendationQuery } from "../../api/meetings.js";
import { memberPage, publicPage, rootRoute, searchParam } from "../../root-route.js";

const num = (v: unknown, min: number, max: number): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" ? Number.parseInt(v, 10) : Number.NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};
const month = (v: unknown): string | undefined => (typeof v === "string" && /^\d{4}-\d{2}$/.test(v) ? v : undefined);

export type MeetingsSearch = MeetingFilter & {
  page?: number | undefined;
  view?: "calendar" | "map" | undefined;
  month?: string | undefined;
};
const meetingsRoute = publicPage("/meetings", () => import("./meetings-page.js"), "MeetingsPage", {
  validateSearch: (s: Record<string, unknown>): MeetingsSearch => ({
    kind: searchParam.str(s.kind),
    pillar: num(s.pillar, 1, 4),
    year: num(s.year, 1990, 2100),
    host: searchParam.str(s.host),
    country: searchParam.str(s.country),
    q: searchParam.str(s.q),
    page: searchParam.page(s.page),
    view: s.view === "calendar" || s.view === "map" ? s.view : undefined,
    month: month(s.month),
  }),
});

const newMeetingRoute = memberPage("/meetings/new", () => import("./meeting-form-page.js"), "MeetingFormPage");

const editMeetingRoute = memberPage("/meetings/$id/edit", () => import("./meeting-form-page.js"), "MeetingEditPage");

const meetingRoute = publicPage("/meetings/$id", () => import("./meeting-page.js"), "MeetingPage", {
  loader: ({ context, params }) => void context.queryClient.prefetchQuery(meetingQuery(params.id)),
});

export type RecommendationsSearch = {
  pillar?: number | undefined;
  status?: string | undefined;
  partner?: string | undefined;
  q?: string | undefined;
  page?: number | undefined;
  view?: "analysis" | undefined;
};
const recommendationsRoute = publicPage(
  "/recommendations",
  () => import("./recommendations-page.js"),
  "RecommendationsPage",
  {
    validateSearch: (s: Record<string, unknown>): RecommendationsSearch => ({
      pillar: num(s.pillar, 1, 4),
      status: searchParam.str(s.status),
      partner: searchParam.str(s.partner),
      q: searchParam.str(s.q),
      page: searchParam.page(s.page),
      view: s.view === "analysis" ? "analysis" : undefined,
    }),
  },
);

/** The heatmap lives on the recommendations page; its API path, typed as a page address, leads there. */
const heatmapRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/recommendations/heatmap",
  beforeLoad: () => {
    throw redirect({ to: "/recommendations", search: { view: "analysis" } });
  },
});

const recommendationRoute = publicPage(
  "/recommendations/$id",
  () => import("./recommendation-page.js"),
  "RecommendationPage",
  {
    loader: ({ context, params }) => void context.queryClient.prefetchQuery(recommendationQuery(params.id)),
  },
);

const snapshotRoute = memberPage("/snapshots/$id", () => import("./snapshot-page.js"), "SnapshotPage");

export type NewsSearch = { pillar?: number | undefined; page?: number | undefined };
const newsRoute = publicPage("/news", () => import("./news-page.js"), "NewsPage", {
  validateSearch: (s: Record<string, unknown>): NewsSearch => ({
    pillar: num(s.pillar, 1, 4),
    page: searchParam.page(s.page),
  }),
});

const newsItemRoute = publicPage("/news/$id", () => import("./news-item-page.js"), "NewsItemPage");

/** Routes of the meetings pages, added to the tree by router.tsx. */
export const meetingsRoutes = [
  meetingsRoute,
  newMeetingRoute,
  editMeetingRoute,
  meetingRoute,
  recommendationsRoute,
  heatmapRoute,
  recommendationRoute,
  snapshotRoute,
  newsRoute,
  newsItemRoute,
] as const;
