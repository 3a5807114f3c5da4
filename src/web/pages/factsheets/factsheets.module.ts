import { IconReportAnalytics } from "../../components/icons.js";
import type { WebModule } from "../../modules.js";
import { factsheetsRoutes } from "./factsheets.routes.js";

export const factsheetsModule = {
  name: "factsheets",
  routes: factsheetsRoutes,
  navigation: [{ key: "factsheets", to: "/factsheets", labelKey: "factsheets.nav", icon: IconReportAnalytics }],
} satisfies WebModule;
