import { defineModule } from "../manifest.js";
import { registerFactsheetsCli } from "./factsheets.cli.js";
import { demoFactsheets } from "./factsheets.demo.js";
import { PDF_LANGUAGES, RENDER_EDITION_JOB } from "./factsheets.publication.js";

/** National figures (ARQ), indicators, reported totals, regions and fact sheets. */
export const factsheetsModule = defineModule({
  name: "factsheets",
  tables: [
    "factsheet_indicators",
    "national_totals",
    "factsheet_regions",
    "factsheets",
    "factsheet_editions",
    "factsheet_edition_pdfs",
  ],
  routes: async (app, ctx) => (await import("./factsheets.routes.js")).registerFactsheetsRoutes(app, ctx),
  jobs: (ctx) => [
    // National indicators and reported totals from spreadsheets, on the platform's import pipeline.
    ctx.factsheets.national.importOf("indicators").job,
    ctx.factsheets.national.importOf("national-totals").job,
    {
      // A published edition's PDFs are printed once, in every language, and stored.
      kind: RENDER_EDITION_JOB,
      run: async (job, progress) => {
        const factsheetId = String(job.payload.factsheetId);
        const edition = Number(job.payload.edition);
        await progress.set(0, PDF_LANGUAGES.length);
        const stored = await ctx.factsheets.pdfs.storeEdition(factsheetId, edition, async (done) => {
          await progress.set(done, PDF_LANGUAGES.length);
        });
        return { factsheetId, edition, stored };
      },
    },
  ],
  // Fact sheets build on the seizure records and facilities: this module stands after theirs in the list.
  demo: demoFactsheets,
  cli: ({ imports, exports }, withContext) => registerFactsheetsCli(imports, exports, withContext),
});
