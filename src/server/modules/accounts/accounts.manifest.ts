import { defineModule } from "../manifest.js";

export const accountsModule = defineModule({
  name: "accounts",
  routes: async (app, ctx) => (await import("./accounts.routes.js")).registerAccountsRoutes(app, ctx),
});
