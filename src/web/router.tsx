import { Title } from "@mantine/core";
import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from "@tanstack/react-router";
import i18next from "i18next";
import { meQuery } from "./api/auth.js";
import { partnerQuery, partnersQuery, pillarQuery, pillarsQuery, programmeQuery, routesQuery } from "./api/queries.js";
import { Shell } from "./components/app-shell.js";
import { ErrorAlert } from "./components/error-alert.js";
import { ListSkeleton } from "./components/states.js";
import { NotFoundPage } from "./pages/not-found-page.js";

export interface RouterContext {
  queryClient: QueryClient;
}

const str = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() ? v.trim().slice(0, 200) : undefined;
const pageNumber = (v: unknown): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" ? Number.parseInt(v, 10) : Number.NaN;
  return Number.isInteger(n) && n > 1 ? Math.min(n, 10_000) : undefined;
};
/** Only same-app paths may be used as a post-sign-in destination. */
const safeRedirect = (v: unknown): string | undefined =>
  typeof v === "string" && v.startsWith("/") && !v.startsWith("//") ? v : undefined;

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Shell,
  notFoundComponent: NotFoundPage,
});

// Loaders only start the data requests (not awaited), so data and the page's code chunk download in parallel.
const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/",
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(partnersQuery);
    void context.queryClient.prefetchQuery(pillarsQuery);
    void context.queryClient.prefetchQuery(programmeQuery);
  },
  component: lazyRouteComponent(() => import("./pages/home/home-page.js"), "HomePage"),
});

const pillarsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/pillars",
  loader: ({ context }) => void context.queryClient.prefetchQuery(pillarsQuery),
  component: lazyRouteComponent(() => import("./pages/pillars/pillars-page.js"), "PillarsPage"),
});

const pillarRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/pillars/$number",
  loader: ({ context, params }) => {
    const n = Number(params.number);
    if (Number.isInteger(n)) void context.queryClient.prefetchQuery(pillarQuery(n));
  },
  component: lazyRouteComponent(() => import("./pages/pillars/pillar-page.js"), "PillarPage"),
});

export type PartnersSearch = { kind?: "country" | "organization"; q?: string };
const partnersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/partners",
  validateSearch: (s: Record<string, unknown>): PartnersSearch => ({
    kind: s.kind === "organization" ? "organization" : undefined,
    q: str(s.q),
  }),
  loader: ({ context }) => void context.queryClient.prefetchQuery(partnersQuery),
  component: lazyRouteComponent(() => import("./pages/partners/partners-page.js"), "PartnersPage"),
});

const partnerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/partners/$code",
  loader: ({ context, params }) => {
    void context.queryClient.prefetchQuery(partnerQuery(params.code));
    void context.queryClient.prefetchQuery(partnersQuery);
  },
  component: lazyRouteComponent(() => import("./pages/partners/partner-page.js"), "PartnerPage"),
});

const drugRoutesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/routes",
  loader: ({ context }) => void context.queryClient.prefetchQuery(routesQuery),
  component: lazyRouteComponent(() => import("./pages/drug-routes/drug-routes-page.js"), "DrugRoutesPage"),
});

const programmeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/programme",
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(programmeQuery);
    void context.queryClient.prefetchQuery(partnersQuery);
  },
  component: lazyRouteComponent(() => import("./pages/programme/programme-page.js"), "ProgrammePage"),
});

export type SearchSearch = { q?: string; type?: string; page?: number };
const searchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/search",
  validateSearch: (s: Record<string, unknown>): SearchSearch => ({
    q: str(s.q),
    type: str(s.type),
    page: pageNumber(s.page),
  }),
  component: lazyRouteComponent(() => import("./pages/search/search-page.js"), "SearchPage"),
});

export type SignInSearch = { redirect?: string };
const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-in",
  validateSearch: (s: Record<string, unknown>): SignInSearch => ({ redirect: safeRedirect(s.redirect) }),
  component: lazyRouteComponent(() => import("./pages/account/sign-in-page.js"), "SignInPage"),
});

/** For pages that need a signed-in user: send visitors to sign in, then back. */
async function requireUser({ context, location }: { context: RouterContext; location: { href: string } }) {
  const me = await context.queryClient.ensureQueryData(meQuery).catch(() => undefined);
  if (!me?.user) throw redirect({ to: "/sign-in", search: { redirect: location.href } });
}

const changePasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/account/password",
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./pages/account/change-password-page.js"), "ChangePasswordPage"),
});

export type NotificationsSearch = { page?: number };
const notificationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/notifications",
  validateSearch: (s: Record<string, unknown>): NotificationsSearch => ({ page: pageNumber(s.page) }),
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./pages/notifications/notifications-page.js"), "NotificationsPage"),
});

const routeTree = rootRoute.addChildren([
  homeRoute,
  pillarsRoute,
  pillarRoute,
  partnersRoute,
  partnerRoute,
  drugRoutesRoute,
  programmeRoute,
  searchRoute,
  signInRoute,
  changePasswordRoute,
  notificationsRoute,
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: "intent",
    // Preloaded data lives in TanStack Query; the router itself need not cache loader results.
    defaultPreloadStaleTime: 0,
    defaultPendingMs: 300,
    defaultPendingComponent: () => <ListSkeleton rows={4} />,
    defaultErrorComponent: ({ error, reset }) => (
      <>
        <Title order={1}>{i18next.t("errors.title")}</Title>
        <ErrorAlert error={error} onRetry={reset} />
      </>
    ),
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
