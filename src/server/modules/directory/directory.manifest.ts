import { defineModule } from "../manifest.js";

export const directoryModule = defineModule({
  name: "directory",
  accessMatrix: {
    "GET /api/v1/directory": "signed-in",
  },
  routes: async (app, ctx) => (await import("./directory.routes.js")).registerDirectoryRoutes(app, ctx),
});
