import { defineModule } from "../manifest.js";

export const directoryModule = defineModule({
  name: "directory",
  routes: async (app, ctx) => (await import("./directory.routes.js")).registerDirectoryRoutes(app, ctx),
});
