import { defineModule } from "../manifest.js";

export const usersModule = defineModule({
  name: "users",
  tables: ["user_country_scopes"],
  routes: async (app, ctx) => (await import("./users.routes.js")).registerUsersRoutes(app, ctx),
});
