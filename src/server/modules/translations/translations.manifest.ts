import { defineModule } from "../manifest.js";

export const translationsModule = defineModule({
  name: "translations",
  accessMatrix: {
    "GET /api/v1/translations": ["coordinator", "administrator"],
    "PUT /api/v1/translations/:module/:id": ["coordinator", "administrator"],
  },
  routes: async (app, ctx) => (await import("./translations.routes.js")).registerTranslationsRoutes(app, ctx),
});
