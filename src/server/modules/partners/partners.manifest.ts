import { defineModule } from "../manifest.js";

export const partnersModule = defineModule({
  name: "partners",
  routes: async (app, ctx) => (await import("./partners.routes.js")).registerPartnersRoutes(app, ctx),
});
