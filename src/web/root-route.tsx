import type { QueryClient } from "@tanstack/react-query";
import { createRootRouteWithContext, notFound, redirect } from "@tanstack/react-router";
import { hasPermission, meQuery } from "./api/auth.js";
import { Shell } from "./components/app-shell.js";
import { NotFoundPage } from "./pages/not-found-page.js";
import { showsPrerendered } from "./prerendered.js";

export interface RouterContext {
  queryClient: QueryClient;
}

/**
 * The root of the route tree. Domain modules declare their routes in `pages/<module>/<module>.routes.tsx`
 * with `getParentRoute: () => rootRoute` and export them as an array that `router.tsx` adds to the tree.
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

/** Search-param helpers shared by the route declarations. */
export const searchParam = {
  str: (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim().slice(0, 200) : undefined),
  page: (v: unknown): number | undefined => {
    const n = typeof v === "number" ? v : typeof v === "string" ? Number.parseInt(v, 10) : Number.NaN;
    return Number.isInteger(n) && n > 1 ? Math.min(n, 10_000) : undefined;
  },
};
