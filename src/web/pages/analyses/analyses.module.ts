import { IconBookmark, IconLayoutDashboard, IconReportAnalytics } from "../../components/icons.js";
import type { WebModule } from "../../modules.js";
import { analysesRoutes } from "./analyses.routes.js";

export const analysesModule = {
  name: "analyses",
  routes: analysesRoutes,
  navigation: [
    { key: "analyses", to: "/analyses", labelKey: "analyses.nav", icon: IconBookmark, permission: "member:read" },
    {
      key: "dashboards",
      to: "/dashboards",
      labelKey: "analyses.dashboards.nav",
      icon: IconLayoutDashboard,
      permission: "member:read",
    },
    {
      key: "admin-report-schedules",
      to: "/admin/report-schedules",
      labelKey: "reports.admin.nav",
      icon: IconReportAnalytics,
      permission: "users:manage",
      admin: true,
    },
  ],
} satisfies WebModule;
