import { defineModule } from "../manifest.js";

export const accountsModule = defineModule({
  name: "accounts",
  tables: [
    "users",
    "sessions",
    "two_factor",
    "recovery_codes",
    "pending_sign_ins",
    "password_reset_tokens",
    "api_tokens",
    "auth_attempts",
  ],
  routes: async (app, ctx) => (await import("./accounts.routes.js")).registerAccountsRoutes(app, ctx),
});
