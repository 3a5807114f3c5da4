import { partnersQuery } from "../../api/queries.js";
import { IconAddressBook } from "../../components/icons.js";
import type { WebModule } from "../../modules.js";
import { memberPage, searchParam } from "../../root-route.js";

export type DirectorySearch = { partner?: string; role?: "focal_point" | "liaison_officer"; q?: string };

const directoryRoute = memberPage("/directory", () => import("./directory-page.js"), "DirectoryPage", {
  validateSearch: (s: Record<string, unknown>): DirectorySearch => ({
    partner: searchParam.str(s.partner)?.toUpperCase(),
    role: s.role === "focal_point" || s.role === "liaison_officer" ? s.role : undefined,
    q: searchParam.str(s.q),
  }),
  loader: ({ context }) => void context.queryClient.prefetchQuery(partnersQuery),
});

/** The directory of focal points and liaison officers (signed-in users only). */
export const directoryModule = {
  name: "directory",
  routes: [directoryRoute],
  navigation: [
    {
      key: "directory",
      to: "/directory",
      labelKey: "directory.nav",
      icon: IconAddressBook,
      permission: "member:read",
    },
  ],
} satisfies WebModule;
