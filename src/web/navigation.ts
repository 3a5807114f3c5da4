import type { ComponentType } from "react";
import {
  IconChartBar,
  IconColumns3,
  IconFlag,
  IconHistory,
  IconHome,
  IconInfoCircle,
  IconMapRoute,
  IconUserPlus,
  IconUsers,
} from "./components/icons.js";
import { webModules } from "./modules.js";

export interface NavItem {
  key: string;
  /** Path inside the app. */
  to: string;
  /** i18n key of the label (must exist in en.json and ru.json). */
  labelKey: string;
  icon: ComponentType<{ size?: number | string; stroke?: number; "aria-hidden"?: boolean | "true" }>;
  /** When set, the entry is shown only if /auth/me lists this permission. */
  permission?: string;
  /** Active only on the exact path (otherwise also on sub-paths). */
  exact?: boolean;
}

/** The platform's own entries before the modules' (the public portal) and after them (administration). */
const PORTAL: NavItem[] = [
  { key: "home", to: "/", labelKey: "nav.home", icon: IconHome, exact: true },
  { key: "pillars", to: "/pillars", labelKey: "nav.pillars", icon: IconColumns3 },
  { key: "partners", to: "/partners", labelKey: "nav.partners", icon: IconFlag },
  { key: "routes", to: "/routes", labelKey: "nav.routes", icon: IconMapRoute },
  { key: "programme", to: "/programme", labelKey: "nav.programme", icon: IconInfoCircle },
];
const ADMINISTRATION: NavItem[] = [
  {
    key: "registrations",
    to: "/admin/registrations",
    labelKey: "registration.nav.queue",
    icon: IconUserPlus,
    permission: "registrations:review",
    exact: true,
  },
  {
    key: "registration-stats",
    to: "/admin/registrations/stats",
    labelKey: "registration.nav.stats",
    icon: IconChartBar,
    permission: "users:manage",
  },
  { key: "admin-users", to: "/admin/users", labelKey: "admin.nav.users", icon: IconUsers, permission: "users:manage" },
  { key: "admin-audit", to: "/admin/audit", labelKey: "admin.nav.audit", icon: IconHistory, permission: "audit:read" },
];

/**
 * The menu from the platform's entries and each module's (its web manifest's `navigation`, in the order of the
 * module list; entries marked `admin` after the platform's administration).
 */
export function navItemsOf(modules: readonly { navigation: readonly (NavItem & { admin?: boolean })[] }[]): NavItem[] {
  const entries = modules.flatMap((m) => m.navigation);
  const strip = ({ admin: _admin, ...item }: NavItem & { admin?: boolean }): NavItem => item;
  return [
    ...PORTAL,
    ...entries.filter((e) => !e.admin).map(strip),
    ...ADMINISTRATION,
    ...entries.filter((e) => e.admin).map(strip),
  ];
}

let composed: NavItem[] | null = null;
/**
 * The one navigation registry: the header menu, the mobile drawer and any site map read it. Composed on first use:
 * the modules' pages import the root route, whose shell imports this file, so it cannot be built while loading.
 */
export function navItems(): NavItem[] {
  composed ??= navItemsOf(webModules);
  return composed;
}

export function visibleNavItems(items: readonly NavItem[], permissions: readonly string[]): NavItem[] {
  return items.filter((item) => !item.permission || permissions.includes(item.permission));
}

export function isNavItemActive(item: NavItem, pathname: string): boolean {
  if (item.exact) return pathname === item.to;
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}
