import { defineModule } from "../manifest.js";
import { demoMeetings } from "./meetings.demo.js";

/** Consultative mechanism: meetings, participation, recommendations, news. */
export const meetingsModule = defineModule({
  name: "meetings",
  tables: [
    "meetings",
    "meeting_registrations",
    "recommendations",
    "recommendation_transitions",
    "implementation_reports",
    "stocktaking_snapshots",
    "news_items",
  ],
  routes: async (app, ctx) => (await import("./meetings.routes.js")).registerMeetingsRoutes(app, ctx),
  demo: demoMeetings,
});
