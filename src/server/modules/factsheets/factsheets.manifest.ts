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
  accessMatrix: {
    "GET /api/v1/factsheets/indicators": "signed-in",
    "POST /api/v1/factsheets/indicators": ["liaison_officer", "coordinator", "administrator"],
    "PUT /api/v1/factsheets/indicators/:id": ["liaison_officer", "coordinator", "administrator"],
    "POST /api/v1/factsheets/indicators/:id/archive": ["liaison_officer", "coordinator", "administrator"],
    "POST /api/v1/factsheets/indicators/import": ["liaison_officer", "coordinator", "administrator"],
    "POST /api/v1/factsheets/indicators/imports": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/factsheets/indicators/template": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/factsheets/national-totals": "signed-in",
    "POST /api/v1/factsheets/national-totals": ["liaison_officer", "coordinator", "administrator"],
    "PUT /api/v1/factsheets/national-totals/:id": ["liaison_officer", "coordinator", "administrator"],
    "POST /api/v1/factsheets/national-totals/:id/archive": ["liaison_officer", "coordinator", "administrator"],
    "POST /api/v1/factsheets/national-totals/import": ["liaison_officer", "coordinator", "administrator"],
    "POST /api/v1/factsheets/national-totals/imports": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/factsheets/national-totals/template": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/factsheets/arq": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/factsheets/arq/reconciliation": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/factsheets/arq/export": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/factsheets/regions": "public",
    "POST /api/v1/factsheets/regions": ["coordinator", "administrator"],
    "PATCH /api/v1/factsheets/regions/:code": ["coordinator", "administrator"],
    "GET /api/v1/factsheets": "public",
    "POST /api/v1/factsheets": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/factsheets/:id": "public",
    "PATCH /api/v1/factsheets/:id": ["liaison_officer", "coordinator", "administrator"],
    "POST /api/v1/factsheets/:id/transitions": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/factsheets/:id/history": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/factsheets/:id/pdf": "public",
    "GET /api/v1/factsheets/:id/data": "public",
  },
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
