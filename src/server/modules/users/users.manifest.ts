import { defineModule } from "../manifest.js";

export const usersModule = defineModule({
  name: "users",
  tables: ["user_country_scopes"],
  accessMatrix: {
    "GET /api/v1/users": ["coordinator", "administrator"],
    "POST /api/v1/users": ["coordinator", "administrator"],
    "GET /api/v1/users/:id": ["coordinator", "administrator"],
    "PATCH /api/v1/users/:id": ["coordinator", "administrator"],
    "GET /api/v1/audit": ["coordinator", "administrator"],
    "GET /api/v1/audit/export": ["coordinator", "administrator"],
  },
  routes: async (app, ctx) => (await import("./users.routes.js")).registerUsersRoutes(app, ctx),
});
