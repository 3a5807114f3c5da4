import { digestRunsQuery, digestSettingsQuery } from "../../api/digests.js";
import { memberPage, publicPage, searchParam } from "../../root-route.js";

export type UnsubscribeSearch = { token?: string | undefined };
export type DigestRunsSearch = { page?: number | undefined; run?: string | undefined };

const settingsRoute = memberPage("/account/digest", () => import("./digest-settings-page.js"), "DigestSettingsPage", {
  loader: ({ context }) => void context.queryClient.prefetchQuery(digestSettingsQuery),
});

/** The page of a digest's unsubscribe link: no sign-in; one button, so a mail scanner's GET changes nothing. */
const unsubscribeRoute = publicPage("/digest/unsubscribe", () => import("./unsubscribe-page.js"), "UnsubscribePage", {
  validateSearch: (s: Record<string, unknown>): UnsubscribeSearch => ({
    token: typeof s.token === "string" && /^[\w.-]{20,400}$/.test(s.token) ? s.token : undefined,
  }),
});

const runsRoute = memberPage("/admin/digests", () => import("./digest-runs-page.js"), "DigestRunsPage", {
  validateSearch: (s: Record<string, unknown>): DigestRunsSearch => ({
    page: searchParam.page(s.page),
    run: typeof s.run === "string" && /^[0-9a-f-]{36}$/i.test(s.run) ? s.run : undefined,
  }),
  loaderDeps: ({ search }) => ({ page: search.page }),
  loader: ({ context, deps }) => void context.queryClient.prefetchQuery(digestRunsQuery(deps.page ?? 1)),
});

export const digestsRoutes = [settingsRoute, unsubscribeRoute, runsRoute];
