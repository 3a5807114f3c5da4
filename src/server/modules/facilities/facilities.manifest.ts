import { defineModule, EDITING_ROLES } from "../manifest.js";
import { registerFacilitiesCli } from "./facilities.cli.js";
import { demoFacilities } from "./facilities.demo.js";
import { INDEX_JOB } from "./facilities.service.js";

/** Treatment facilities: records, standards and self-assessment, map, statistics, locator import. */
export const facilitiesModule = defineModule({
  name: "facilities",
  tables: ["facilities", "facility_assessments"],
  accessMatrix: {
    "GET /api/v1/facilities/reference": "public",
    "GET /api/v1/facilities": "public",
    "GET /api/v1/facilities/points": "public",
    "GET /api/v1/facilities/stats": "public",
    "GET /api/v1/facilities/stats/:iso3": "public",
    "GET /api/v1/facilities/export": "public",
    "GET /api/v1/facilities/import/template": "public",
    "POST /api/v1/facilities/import/preview": EDITING_ROLES,
    "POST /api/v1/facilities/import": EDITING_ROLES,
    "POST /api/v1/facilities/imports": EDITING_ROLES,
    // The import's remembered value mappings: record-level, the importer's countries (service).
    "GET /api/v1/facilities/imports/value-mappings": EDITING_ROLES,
    "DELETE /api/v1/facilities/imports/value-mappings/:id": EDITING_ROLES,
    "POST /api/v1/facilities": EDITING_ROLES,
    "GET /api/v1/facilities/:id": "public",
    "PATCH /api/v1/facilities/:id": EDITING_ROLES,
    "POST /api/v1/facilities/:id/archive": EDITING_ROLES,
    "GET /api/v1/facilities/:id/history": "signed-in",
    "GET /api/v1/facilities/:id/assessments": "public",
    "POST /api/v1/facilities/:id/assessments": EDITING_ROLES,
  },
  routes: async (app, ctx) => (await import("./facilities.routes.js")).registerFacilitiesRoutes(app, ctx),
  jobs: (ctx) => [
    // The locator import on the platform's pipeline (`imports.facilities`).
    ctx.facilities.importer.job,
    {
      // A large import enters the global search in the background, 200 records at a time.
      kind: INDEX_JOB,
      run: async (job, progress) => {
        const ids = (job.payload.ids as string[] | undefined) ?? [];
        for (let i = 0; i < ids.length && !progress.signal.aborted; i += 200) {
          for (const row of await ctx.facilities.repo.findMany(ids.slice(i, i + 200))) await ctx.facilities.index(row);
          await progress.set(Math.min(i + 200, ids.length), ids.length);
        }
        await progress.set(ids.length, ids.length);
        return { indexed: ids.length };
      },
    },
  ],
  demo: demoFacilities,
  cli: ({ imports }, withContext) => registerFacilitiesCli(imports, withContext),
});
