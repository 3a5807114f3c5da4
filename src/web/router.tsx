import { Title } from "@mantine/core";
import type { QueryClient } from "@tanstack/react-query";
import { createRouter } from "@tanstack/react-router";
import i18next from "i18next";
import { partnerQuery, partnersQuery, pillarQuery, pillarsQuery, programmeQuery, routesQuery } from "./api/queries.js";
import { termsQuery } from "./api/registrations.js";
import type { AuditFilters } from "./api/users.js";
import { ErrorAlert } from "./components/error-alert.js";
import { ListSkeleton } from "./components/states.js";
import { moduleRoutes } from "./modules.js";
import { memberPage, publicPage, rootRoute, searchParam } from "./root-route.js";

export type { RouterContext } from "./root-route.js";

/**
 * Only same-app paths may be used as a post-sign-in destination: not "//host", nor "/\\host", which
 * browsers read as "//host" too.
 */
const safeRedirect = (v: unknown): string | undefined =>
  typeof v === "string" && /^\/(?![/\\])/.test(v) ? v : undefined;
/** The search of a page that goes on to `redirect` once done: sign-in, two-factor set-up, the terms. */
export type RedirectSearch = { redirect?: string };
const redirectSearch = (s: Record<string, unknown>): RedirectSearch => ({ redirect: safeRedirect(s.redirect) });
/** The search of a page opened from an e-mailed link: the link's token (password reset, registration). */
export type TokenSearch = { token?: string };
const tokenSearch = (s: Record<string, unknown>): TokenSearch => ({
  token: typeof s.token === "string" && /^[\w-]{20,200}$/.test(s.token) ? s.token : undefined,
});

// Loaders only start the data requests (not awaited), so data and the page's code chunk download in parallel.
const homeRoute = publicPage("/", () => import("./pages/home/home-page.js"), "HomePage", {
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(partnersQuery);
    void context.queryClient.prefetchQuery(pillarsQuery);
    void context.queryClient.prefetchQuery(programmeQuery);
  },
});

const pillarsRoute = publicPage("/pillars", () => import("./pages/pillars/pillars-page.js"), "PillarsPage", {
  loader: ({ context }) => void context.queryClient.prefetchQuery(pillarsQuery),
});

const pillarRoute = publicPage("/pillars/$number", () => import("./pages/pillars/pillar-page.js"), "PillarPage", {
  loader: ({ context, params }) => {
    const n = Number(params.number);
    if (Number.isInteger(n)) void context.queryClient.prefetchQuery(pillarQuery(n));
  },
});

export type PartnersSearch = { kind?: "country" | "organization"; q?: string };
const partnersRoute = publicPage("/partners", () => import("./pages/partners/partners-page.js"), "PartnersPage", {
  validateSearch: (s: Record<string, unknown>): PartnersSearch => ({
    kind: s.kind === "organization" ? "organization" : undefined,
    q: searchParam.str(s.q),
  }),
  loader: ({ context }) => void context.queryClient.prefetchQuery(partnersQuery),
});

const partnerRoute = publicPage("/partners/$code", () => import("./pages/partners/partner-page.js"), "PartnerPage", {
  loader: ({ context, params }) => {
    void context.queryClient.prefetchQuery(partnerQuery(params.code));
    void context.queryClient.prefetchQuery(partnersQuery);
  },
});

const drugRoutesRoute = publicPage(
  "/routes",
  () => import("./pages/drug-routes/drug-routes-page.js"),
  "DrugRoutesPage",
  {
    loader: ({ context }) => void context.queryClient.prefetchQuery(routesQuery),
  },
);

const programmeRoute = publicPage("/programme", () => import("./pages/programme/programme-page.js"), "ProgrammePage", {
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(programmeQuery);
    void context.queryClient.prefetchQuery(partnersQuery);
  },
});

export type SearchSearch = { q?: string; type?: string; page?: number };
const searchRoute = publicPage("/search", () => import("./pages/search/search-page.js"), "SearchPage", {
  validateSearch: (s: Record<string, unknown>): SearchSearch => ({
    q: searchParam.str(s.q),
    type: searchParam.str(s.type),
    page: searchParam.page(s.page),
  }),
});

const signInRoute = publicPage("/sign-in", () => import("./pages/account/sign-in-page.js"), "SignInPage", {
  validateSearch: redirectSearch,
});

const changePasswordRoute = memberPage(
  "/account/password",
  () => import("./pages/account/change-password-page.js"),
  "ChangePasswordPage",
);

// Account security: 2FA enrolment, sessions, API tokens, password reset (accounts module).
const twoFactorSetupRoute = memberPage(
  "/account/two-factor",
  () => import("./pages/account/two-factor-setup-page.js"),
  "TwoFactorSetupPage",
  { validateSearch: redirectSearch },
);

const securityRoute = memberPage("/account/security", () => import("./pages/account/security-page.js"), "SecurityPage");

const forgotPasswordRoute = publicPage(
  "/forgot-password",
  () => import("./pages/account/forgot-password-page.js"),
  "ForgotPasswordPage",
);

const resetPasswordRoute = publicPage(
  "/reset-password",
  () => import("./pages/account/reset-password-page.js"),
  "ResetPasswordPage",
  { validateSearch: tokenSearch },
);

export type NotificationsSearch = { page?: number };
const notificationsRoute = memberPage(
  "/notifications",
  () => import("./pages/notifications/notifications-page.js"),
  "NotificationsPage",
  {
    validateSearch: (s: Record<string, unknown>): NotificationsSearch => ({ page: searchParam.page(s.page) }),
  },
);

// Registration with approval, terms of use (registrations module).
const registerRoute = publicPage("/register", () => import("./pages/registration/register-page.js"), "RegisterPage", {
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(termsQuery);
    void context.queryClient.prefetchQuery(partnersQuery);
  },
});

const confirmRegistrationRoute = publicPage(
  "/register/confirm",
  () => import("./pages/registration/confirm-page.js"),
  "ConfirmRegistrationPage",
  { validateSearch: tokenSearch },
);

const termsRoute = publicPage("/terms", () => import("./pages/registration/terms-page.js"), "TermsPage", {
  loader: ({ context }) => void context.queryClient.prefetchQuery(termsQuery),
});

const acceptTermsRoute = memberPage(
  "/terms/accept",
  () => import("./pages/registration/accept-terms-page.js"),
  "AcceptTermsPage",
  {
    validateSearch: redirectSearch,
    loader: ({ context }) => void context.queryClient.prefetchQuery(termsQuery),
  },
);

export type RegistrationQueueSearch = {
  status?: "unconfirmed" | "approved" | "rejected" | "expired" | "all";
  partner?: string;
  page?: number;
};
const QUEUE_STATUSES = ["unconfirmed", "approved", "rejected", "expired", "all"] as const;
const registrationQueueRoute = memberPage(
  "/admin/registrations",
  () => import("./pages/registration/queue-page.js"),
  "RegistrationQueuePage",
  {
    validateSearch: (s: Record<string, unknown>): RegistrationQueueSearch => ({
      status: QUEUE_STATUSES.find((x) => x === s.status),
      partner: searchParam.str(s.partner)?.toUpperCase(),
      page: searchParam.page(s.page),
    }),
  },
);

const registrationStatsRoute = memberPage(
  "/admin/registrations/stats",
  () => import("./pages/registration/stats-page.js"),
  "RegistrationStatsPage",
);

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
const usersRoute = memberPage("/admin/users", () => import("./pages/admin/users-page.js"), "UsersPage", {
  validateSearch: (s: Record<string, unknown>): UsersSearch => ({
    q: searchParam.str(s.q),
    role: ROLE_VALUES.find((x) => x === s.role),
    partner: searchParam.str(s.partner)?.toUpperCase(),
    status: STATUS_VALUES.find((x) => x === s.status),
    sort: s.sort === "created" || s.sort === "lastSignIn" ? s.sort : undefined,
    order: s.order === "desc" ? "desc" : undefined,
    page: searchParam.page(s.page),
  }),
  loader: ({ context }) => void context.queryClient.prefetchQuery(partnersQuery),
});

const userRoute = memberPage("/admin/users/$id", () => import("./pages/admin/user-page.js"), "UserPage", {
  loader: ({ context }) => void context.queryClient.prefetchQuery(partnersQuery),
});

export type AuditSearch = AuditFilters & { page?: number };
const auditRoute = memberPage("/admin/audit", () => import("./pages/admin/audit-page.js"), "AuditPage", {
  validateSearch: (s: Record<string, unknown>): AuditSearch => ({
    q: searchParam.str(s.q),
    action: searchParam.str(s.action),
    actor: searchParam.str(s.actor),
    objectType: searchParam.str(s.objectType),
    objectId: searchParam.str(s.objectId),
    from: day(s.from),
    to: day(s.to),
    page: searchParam.page(s.page),
  }),
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
