import { createRoute, lazyRouteComponent, redirect } from "@tanstack/react-router";
import { meetingQuery, recommendationQuery } from "../../api/meetings.js";
import { requireRecordId, requireRecordIdAndUser, requireUser, rootRoute, searchParam } from "../../root-route.js";

const num = (v: unknown, min: number, max: number): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" ? Number.parseInt(v, 10) : Number.NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};
const month = (v: unknown): string | undefined => (typeof v === "string" && /^\d{4}-\d{2}$/.test(v) ? v : undefined);

export type MeetingsSearch = {
  kind?: string | undefined;
  pillar?: number | undefined;
  year?: number | undefined;
  host?: string | undefined;
  country?: string | undefined;
  q?: string | undefined;
  page?: number | undefined;
  view?: "calendar" | "map" | undefined;
  month?: string | undefined;
};
const meetingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/meetings",
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
  component: lazyRouteComponent(() => import("./meetings-page.js"), "MeetingsPage"),
});

const newMeetingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/meetings/new",
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./meeting-form-page.js"), "MeetingFormPage"),
});

const editMeetingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/meetings/$id/edit",
  beforeLoad: requireRecordIdAndUser,
  component: lazyRouteComponent(() => import("./meeting-form-page.js"), "MeetingEditPage"),
});

const meetingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/meetings/$id",
  beforeLoad: requireRecordId,
  loader: ({ context, params }) => void context.queryClient.prefetchQuery(meetingQuery(params.id)),
  component: lazyRouteComponent(() => import("./meeting-page.js"), "MeetingPage"),
});

export type RecommendationsSearch = {
  pillar?: number | undefined;
  status?: string | undefined;
  partner?: string | undefined;
  q?: string | undefined;
  page?: number | undefined;
  view?: "analysis" | undefined;
};
const recommendationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/recommendations",
  validateSearch: (s: Record<string, unknown>): RecommendationsSearch => ({
    pillar: num(s.pillar, 1, 4),
    status: searchParam.str(s.status),
    partner: searchParam.str(s.partner),
    q: searchParam.str(s.q),
    page: searchParam.page(s.page),
    view: s.view === "analysis" ? "analysis" : undefined,
  }),
  component: lazyRouteComponent(() => import("./recommendations-page.js"), "RecommendationsPage"),
});

/** The heatmap lives on the recommendations page; its API path, typed as a page address, leads there. */
const heatmapRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/recommendations/heatmap",
  beforeLoad: () => {
    throw redirect({ to: "/recommendations", search: { view: "analysis" } });
  },
});

const recommendationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/recommendations/$id",
  beforeLoad: requireRecordId,
  loader: ({ context, params }) => void context.queryClient.prefetchQuery(recommendationQuery(params.id)),
  component: lazyRouteComponent(() => import("./recommendation-page.js"), "RecommendationPage"),
});

const snapshotRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/snapshots/$id",
  beforeLoad: requireRecordIdAndUser,
  component: lazyRouteComponent(() => import("./snapshot-page.js"), "SnapshotPage"),
});

export type NewsSearch = { pillar?: number | undefined; page?: number | undefined };
const newsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/news",
  validateSearch: (s: Record<string, unknown>): NewsSearch => ({
    pillar: num(s.pillar, 1, 4),
    page: searchParam.page(s.page),
  }),
  component: lazyRouteComponent(() => import("./news-page.js"), "NewsPage"),
});

const newsItemRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/news/$id",
  beforeLoad: requireRecordId,
  component: lazyRouteComponent(() => import("./news-item-page.js"), "NewsItemPage"),
});

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
