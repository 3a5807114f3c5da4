import { defineModule } from "../manifest.js";

export const partnersModule = defineModule({
  name: "partners",
  tables: [
    "partners",
    "pillars",
    "commitments",
    "routes",
    "route_countries",
    "donors",
    "liaison_posts",
    "programme_components",
  ],
  routes: async (app, ctx) => (await import("./partners.routes.js")).registerPartnersRoutes(app, ctx),
});
