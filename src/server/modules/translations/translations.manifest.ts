import { defineModule } from "../manifest.js";

export const translationsModule = defineModule({
  name: "translations",
  routes: async (app, ctx) => (await import("./translations.routes.js")).registerTranslationsRoutes(app, ctx),
});
