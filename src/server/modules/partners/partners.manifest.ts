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
  accessMatrix: {
    "GET /api/v1/partners": "public",
    "GET /api/v1/partners/:code": "public",
    "PATCH /api/v1/partners/:code": ["coordinator", "administrator"],
    "GET /api/v1/partners/:code/history": "signed-in",
    "GET /api/v1/pillars": "public",
    "GET /api/v1/pillars/:number": "public",
    "GET /api/v1/commitments": "public",
    "GET /api/v1/routes": "public",
    "GET /api/v1/programme": "public",
  },
  routes: async (app, ctx) => (await import("./partners.routes.js")).registerPartnersRoutes(app, ctx),
});
