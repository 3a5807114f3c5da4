import type { ComponentType } from "react";
import {
  IconAddressBook,
  IconBookmark,
  IconBriefcase,
  IconBuildingHospital,
  IconCalendarEvent,
  IconChartBar,
  IconColumns3,
  IconFlag,
  IconHistory,
  IconHome,
  IconInfoCircle,
  IconLanguage,
  IconLayoutDashboard,
  IconListCheck,
  IconMail,
  IconMapRoute,
  IconNews,
  IconPill,
  IconReportAnalytics,
  IconSchool,
  IconUserPlus,
  IconUsers,
} from "./components/icons.js";

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

/**
 * The one navigation registry: the header menu, the mobile drawer and any site map read it.
 * A module adds one entry, e.g.
 *   { key: "meetings", to: "/meetings", labelKey: "nav.meetings", icon: IconCalendar, permission: "meetings.read" }
 * (labels for meetings, recommendations, projects, dmp, trainings and facilities already exist in the i18n files).
 */
export const NAV_ITEMS: NavItem[] = [
  { key: "home", to: "/", labelKey: "nav.home", icon: IconHome, exact: true },
  { key: "pillars", to: "/pillars", labelKey: "nav.pillars", icon: IconColumns3 },
  { key: "partners", to: "/partners", labelKey: "nav.partners", icon: IconFlag },
  { key: "routes", to: "/routes", labelKey: "nav.routes", icon: IconMapRoute },
  { key: "programme", to: "/programme", labelKey: "nav.programme", icon: IconInfoCircle },
  { key: "meetings", to: "/meetings", labelKey: "nav.meetings", icon: IconCalendarEvent },
  { key: "recommendations", to: "/recommendations", labelKey: "nav.recommendations", icon: IconListCheck },
  { key: "news", to: "/news", labelKey: "meetings.nav.news", icon: IconNews },
  { key: "seizures", to: "/seizures", labelKey: "nav.dmp", icon: IconPill },
  { key: "factsheets", to: "/factsheets", labelKey: "factsheets.nav", icon: IconReportAnalytics },
  { key: "facilities", to: "/facilities", labelKey: "nav.facilities", icon: IconBuildingHospital },
  { key: "trainings", to: "/trainings", labelKey: "nav.trainings", icon: IconSchool },
  {
    key: "directory",
    to: "/directory",
    labelKey: "directory.nav",
    icon: IconAddressBook,
    permission: "member:read",
  },
  { key: "projects", to: "/projects", labelKey: "projects.nav", icon: IconBriefcase, permission: "member:read" },
  { key: "analyses", to: "/analyses", labelKey: "analyses.nav", icon: IconBookmark, permission: "member:read" },
  {
    key: "dashboards",
    to: "/dashboards",
    labelKey: "analyses.dashboards.nav",
    icon: IconLayoutDashboard,
    permission: "member:read",
  },
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
  { key: "admin-digests", to: "/admin/digests", labelKey: "digests.nav", icon: IconMail, permission: "users:manage" },
  {
    key: "admin-report-schedules",
    to: "/admin/report-schedules",
    labelKey: "reports.admin.nav",
    icon: IconReportAnalytics,
    permission: "users:manage",
  },
  {
    key: "admin-translations",
    to: "/admin/translations",
    labelKey: "translations.nav",
    icon: IconLanguage,
    permission: "translations:manage",
  },
];

export function visibleNavItems(items: readonly NavItem[], permissions: readonly string[]): NavItem[] {
  return items.filter((item) => !item.permission || permissions.includes(item.permission));
}

export function isNavItemActive(item: NavItem, pathname: string): boolean {
  if (item.exact) return pathname === item.to;
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}
