import { IconCalendarEvent, IconListCheck, IconNews } from "../../components/icons.js";
import type { WebModule } from "../../modules.js";
import { meetingsRoutes } from "./meetings.routes.js";

export const meetingsModule = {
  name: "meetings",
  routes: meetingsRoutes,
  navigation: [
    { key: "meetings", to: "/meetings", labelKey: "nav.meetings", icon: IconCalendarEvent },
    { key: "recommendations", to: "/recommendations", labelKey: "nav.recommendations", icon: IconListCheck },
    { key: "news", to: "/news", labelKey: "meetings.nav.news", icon: IconNews },
  ],
} satisfies WebModule;
