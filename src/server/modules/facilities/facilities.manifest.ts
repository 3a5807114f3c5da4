import { defineModule } from "../manifest.js";
import { registerFacilitiesCli } from "./facilities.cli.js";
import { demoFacilities } from "./facilities.demo.js";
import { INDEX_JOB } from "./facilities.service.js";

/** Treatment facilities: records, standards and self-assessment, map, statistics, locator import. */
export const facilitiesModule = defineModule({
  name: "facilities",
  tables: ["facilities", "facility_assessments"],
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
