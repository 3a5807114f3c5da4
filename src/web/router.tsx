import { Title } from "@mantine/core";
import type { QueryClient } from "@tanstack/react-query";
import { createRoute, createRouter, lazyRouteComponent } from "@tanstack/react-router";
import i18next from "i18next";
import { partnerQuery, partnersQuery, pillarQuery, pillarsQuery, programmeQuery, routesQuery } from "./api/queries.js";
import { termsQuery } from "./api/registrations.js";
import { ErrorAlert } from "./components/error-alert.js";
import { ListSkeleton } from "./components/states.js";
import { moduleRoutes } from "./modules.js";
import { requireRecordIdAndUser, requireUser, rootRoute } from "./root-route.js";

export type { RouterContext } from "./root-route.js";

const str = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() ? v.trim().slice(0, 200) : undefined;
const pageNumber = (v: unknown): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" ? Number.parseInt(v, 10) : Number.NaN;
  return Number.isInteger(n) && n > 1 ? Math.min(n, 10_000) : undefined;
};
/**
 * Only same-app paths may be used as a post-sign-in destination: not "//host", nor "/\\host", which
 * browsers read as "//host" too.
 */
const safeRedirect = (v: unknown): string | undefined =>
  typeof v === "string" && /^\/(?![/\\])/.test(v) ? v : undefined;

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

const changePasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/account/password",
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./pages/account/change-password-page.js"), "ChangePasswordPage"),
});

// Account security: 2FA enrolment, sessions, API tokens, password reset (accounts module).
export type TwoFactorSetupSearch = { redirect?: string };
const twoFactorSetupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/account/two-factor",
  validateSearch: (s: Record<string, unknown>): TwoFactorSetupSearch => ({ redirect: safeRedirect(s.redirect) }),
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./pages/account/two-factor-setup-page.js"), "TwoFactorSetupPage"),
});

const securityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/account/security",
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./pages/account/security-page.js"), "SecurityPage"),
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/forgot-password",
  component: lazyRouteComponent(() => import("./pages/account/forgot-password-page.js"), "ForgotPasswordPage"),
});

export type ResetPasswordSearch = { token?: string };
const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/reset-password",
  validateSearch: (s: Record<string, unknown>): ResetPasswordSearch => ({
    token: typeof s.token === "string" && /^[\w-]{20,200}$/.test(s.token) ? s.token : undefined,
  }),
  component: lazyRouteComponent(() => import("./pages/account/reset-password-page.js"), "ResetPasswordPage"),
});

export type NotificationsSearch = { page?: number };
const notificationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/notifications",
  validateSearch: (s: Record<string, unknown>): NotificationsSearch => ({ page: pageNumber(s.page) }),
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./pages/notifications/notifications-page.js"), "NotificationsPage"),
});

// Registration with approval, terms of use (registrations module).
const registerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/register",
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(termsQuery);
    void context.queryClient.prefetchQuery(partnersQuery);
  },
  component: lazyRouteComponent(() => import("./pages/registration/register-page.js"), "RegisterPage"),
});

export type ConfirmRegistrationSearch = { token?: string };
const confirmRegistrationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/register/confirm",
  validateSearch: (s: Record<string, unknown>): ConfirmRegistrationSearch => ({
    token: typeof s.token === "string" && /^[\w-]{20,200}$/.test(s.token) ? s.token : undefined,
  }),
  component: lazyRouteComponent(() => import("./pages/registration/confirm-page.js"), "ConfirmRegistrationPage"),
});

const termsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/terms",
  loader: ({ context }) => void context.queryClient.prefetchQuery(termsQuery),
  component: lazyRouteComponent(() => import("./pages/registration/terms-page.js"), "TermsPage"),
});

export type AcceptTermsSearch = { redirect?: string };
const acceptTermsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/terms/accept",
  validateSearch: (s: Record<string, unknown>): AcceptTermsSearch => ({ redirect: safeRedirect(s.redirect) }),
  beforeLoad: requireUser,
  loader: ({ context }) => void context.queryClient.prefetchQuery(termsQuery),
  component: lazyRouteComponent(() => import("./pages/registration/accept-terms-page.js"), "AcceptTermsPage"),
});

export type RegistrationQueueSearch = {
  status?: "unconfirmed" | "approved" | "rejected" | "expired" | "all";
  partner?: string;
  page?: number;
};
const QUEUE_STATUSES = ["unconfirmed", "approved", "rejected", "expired", "all"] as const;
const registrationQueueRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/admin/registrations",
  validateSearch: (s: Record<string, unknown>): RegistrationQueueSearch => ({
    status: QUEUE_STATUSES.find((x) => x === s.status),
    partner: str(s.partner)?.toUpperCase(),
    page: pageNumber(s.page),
  }),
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./pages/registration/queue-page.js"), "RegistrationQueuePage"),
});

const registrationStatsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/admin/registrations/stats",
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./pages/registration/stats-page.js"), "RegistrationStatsPage"),
});

// User administration, audit log, members' directory (users and directory modules).
const ROLE_VALUES = ["member", "focal_point", "liaison_officer", "coordinator", "administrator"] as const;
const STATUS_VALUES = ["pending", "active", "suspended", "archived"] as const;
const day = (v: unknown): string | undefined =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;

export type UsersSearch = {
  q?: string;
  role?: (typeof ROLE_VALUES)[number];
  partner?: string;
  status?: (typeof STATUS_VALUES)[number];
  sort?: "name" | "created" | "lastSignIn";
  order?: "asc" | "desc";
  page?: number;
};
const usersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/admin/users",
  validateSearch: (s: Record<string, unknown>): UsersSearch => ({
    q: str(s.q),
    role: ROLE_VALUES.find((x) => x === s.role),
    partner: str(s.partner)?.toUpperCase(),
    status: STATUS_VALUES.find((x) => x === s.status),
    sort: s.sort === "created" || s.sort === "lastSignIn" ? s.sort : undefined,
    order: s.order === "desc" ? "desc" : undefined,
    page: pageNumber(s.page),
  }),
  beforeLoad: requireUser,
  loader: ({ context }) => void context.queryClient.prefetchQuery(partnersQuery),
  component: lazyRouteComponent(() => import("./pages/admin/users-page.js"), "UsersPage"),
});

const userRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/admin/users/$id",
  beforeLoad: requireRecordIdAndUser,
  loader: ({ context }) => void context.queryClient.prefetchQuery(partnersQuery),
  component: lazyRouteComponent(() => import("./pages/admin/user-page.js"), "UserPage"),
});

export type AuditSearch = {
  q?: string;
  action?: string;
  actor?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
  page?: number;
};
const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/admin/audit",
  validateSearch: (s: Record<string, unknown>): AuditSearch => ({
    q: str(s.q),
    action: str(s.action),
    actor: str(s.actor),
    objectType: str(s.objectType),
    objectId: str(s.objectId),
    from: day(s.from),
    to: day(s.to),
    page: pageNumber(s.page),
  }),
  beforeLoad: requireUser,
  component: lazyRouteComponent(() => import("./pages/admin/audit-page.js"), "AuditPage"),
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
  twoFactorSetupRoute,
  securityRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  notificationsRoute,
  usersRoute,
  userRoute,
  auditRoute,
  registerRoute,
  confirmRegistrationRoute,
  termsRoute,
  acceptTermsRoute,
  registrationQueueRoute,
  registrationStatsRoute,
  // Each module's pages, from its web manifest (web/modules.ts).
  ...moduleRoutes,
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
