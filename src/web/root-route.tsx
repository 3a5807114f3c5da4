import type { QueryClient } from "@tanstack/react-query";
import {
  type AnyContext,
  createRootRouteWithContext,
  createRoute,
  lazyRouteComponent,
  notFound,
  type ResolveFullPath,
  type ResolveId,
  type ResolveParams,
  type Route,
  redirect,
} from "@tanstack/react-router";
import { hasPermission, meQuery } from "./api/auth.js";
import { Shell } from "./components/app-shell.js";
import { NotFoundPage } from "./pages/not-found-page.js";
import { showsPrerendered } from "./prerendered.js";

export interface RouterContext {
  queryClient: QueryClient;
}

/**
 * The root of the route tree. Domain modules declare their routes in `pages/<module>/<module>.routes.tsx`
 * (most with `publicPage` or `memberPage` below, others with `getParentRoute: () => rootRoute`) and export them as an
 * array that `router.tsx` adds to the tree.
 */
export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Shell,
  notFoundComponent: NotFoundPage,
});

/** For pages that need a signed-in user: send visitors to sign in, then back. Use as `beforeLoad`. */
export async function requireUser({ context, location }: { context: RouterContext; location: { href: string } }) {
  const me = await context.queryClient.ensureQueryData(meQuery).catch(() => undefined);
  if (!me?.user) throw redirect({ to: "/sign-in", search: { redirect: location.href } });
}

/**
 * For a member page's loader: starts the page's data reads (`read`) together with its code instead of after the page
 * has drawn, once the session is known to hold `permission` (issue 18: on a slow link each step of the old chain,
 * code → session → terms → data, cost a round trip; on a repeat visit the session and the reads come from the
 * service worker's cache for this session at once). On the server-rendered first screen the server's rendering has
 * already read the same routes as this user, so the reads start at once; otherwise they wait for the session (which
 * main.tsx asks for with the code), so that a visitor, or a member without the permission, never asks for what they
 * may not read (no refused request, nothing for a hover's preload).
 */
export function readWhenPermitted(context: RouterContext, permission: string, read: () => void): void {
  if (showsPrerendered()) {
    read();
    return;
  }
  void context.queryClient.ensureQueryData(meQuery).then(
    (me) => {
      if (hasPermission(me, permission)) read();
    },
    () => undefined,
  );
}

const RECORD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * For `$id` routes: a path whose id cannot be a record's (a guessed or mistyped address such as
 * `/recommendations/heatmap`, which is also an API path of another shape) is "not found" before any request,
 * instead of a page drawing an answer that is not a record. Use as `beforeLoad`.
 */
export function requireRecordId({ params }: { params: { id: string } }) {
  if (!RECORD_ID.test(params.id)) throw notFound();
}

/** `requireRecordId`, then `requireUser`. */
export async function requireRecordIdAndUser(ctx: {
  params: { id: string };
  context: RouterContext;
  location: { href: string };
}) {
  requireRecordId(ctx);
  await requireUser(ctx);
}

/** What a page's route may add to its path, access and code: its search schema and the data reads it starts. */
export interface PageRouteOptions<TPath extends string, TSearch, TDeps extends object> {
  validateSearch?: (search: Record<string, unknown>) => TSearch;
  loaderDeps?: (opts: { search: TSearch }) => TDeps;
  loader?: (ctx: { context: RouterContext; params: ResolveParams<TPath>; deps: TDeps }) => void;
}

type RootRoute = typeof rootRoute;
/** The route of `publicPage` and `memberPage`, typed as `createRoute` types it: paths, params and search stay checked. */
export type PageRoute<TPath extends string, TSearch, TDeps extends object> = Route<
  unknown,
  RootRoute,
  TPath,
  ResolveFullPath<RootRoute, TPath>,
  string,
  ResolveId<RootRoute, string, TPath>,
  undefined extends TSearch ? undefined : (search: Record<string, unknown>) => TSearch,
  ResolveParams<TPath>,
  AnyContext,
  AnyContext,
  AnyContext,
  TDeps
>;

/** A page's `beforeLoad`: its `$id`, if any, checked (`requireRecordId`), then, on a member page, the session. */
function guardOf(path: string, member: boolean) {
  if (/\/\$id(?:\/|$)/.test(path)) return member ? requireRecordIdAndUser : requireRecordId;
  return member ? requireUser : undefined;
}

/**
 * A page under the root route: its path, and its code, a chunk of its own loaded when the page is first needed
 * (`import()` and the page component's export name). A `$id` path is "not found" before any request when the id
 * cannot be a record's (`requireRecordId`); a member page sends visitors to sign in (`requireUser`).
 */
function pageRoute(member: boolean) {
  return <
    TPath extends string,
    TModule extends Record<string, unknown>,
    TSearch = undefined,
    TDeps extends object = AnyContext,
  >(
    path: TPath,
    page: () => Promise<TModule>,
    exportName: keyof TModule & string,
    options: PageRouteOptions<TPath, TSearch, TDeps> = {},
  ): PageRoute<TPath, TSearch, TDeps> => {
    const beforeLoad = guardOf(path, member);
    return createRoute({
      getParentRoute: () => rootRoute,
      path,
      ...(beforeLoad && { beforeLoad }),
      ...options,
      component: lazyRouteComponent(page, exportName),
    } as never) as unknown as PageRoute<TPath, TSearch, TDeps>;
  };
}

/** A page anyone may open (see `pageRoute`). */
export const publicPage = pageRoute(false);
/** A page for signed-in users only: visitors are sent to sign in, then back (see `pageRoute`). */
export const memberPage = pageRoute(true);

/** Search-param helpers shared by the route declarations. */
export const searchParam = {
  str: (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim().slice(0, 200) : undefined),
  page: (v: unknown): number | undefined => {
    const n = typeof v === "number" ? v : typeof v === "string" ? Number.parseInt(v, 10) : Number.NaN;
    return Number.isInteger(n) && n > 1 ? Math.min(n, 10_000) : undefined;
  },
};
