import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { digestRunsQuery, digestSettingsQuery } from "../../api/digests.js";
import { requireUser, rootRoute, searchParam } from "../../root-route.js";

export type UnsubscribeSearch = { token?: string | undefined };
export type DigestRunsSearch = { page?: number | undefined; run?: string | undefined };

const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/account/digest",
  beforeLoad: requireUser,
  loader: ({ context }) => void context.queryClient.prefetchQuery(digestSettingsQuery),
  component: lazyRouteComponent(() => import("./digest-settings-page.js"), "DigestSettingsPage"),
});

/** The page of a digest's unsubscribe link: no sign-in; one button, so a mail scanner's GET changes nothing. */
const unsubscribeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/digest/unsubscribe",
  validateSearch: (s: Record<string, unknown>): UnsubscribeSearch => ({
    token: typeof s.token === "string" && /^[\w.-]{20,400}$/.test(s.token) ? s.token : undefined,
  }),
  component: lazyRouteComponent(() => import("./unsubscribe-page.js"), "UnsubscribePage"),
});

const runsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/admin/digests",
  validateSearch: (s: Record<string, unknown>): DigestRunsSearch => ({
    page: searchParam.page(s.page),
    run: typeof s.run === "string" && /^[0-9a-f-]{36}$/i.test(s.run) ? s.run : undefined,
  }),
  beforeLoad: requireUser,
  loaderDeps: ({ search }) => ({ page: search.page }),
  loader: ({ context, deps }) => void context.queryClient.prefetchQuery(digestRunsQuery(deps.page ?? 1)),
  component: lazyRouteComponent(() => import("./digest-runs-page.js"), "DigestRunsPage"),
});

export const digestsRoutes = [settingsRoute, unsubscribeRoute, runsRoute];
