import type { Role } from "../../../common/platform.js";
import { type Principal, principalFor } from "../../http/access-policy.js";
import type { Actor } from "../../platform/audit.js";
import { defineModule } from "../manifest.js";
import { registerProjectsCli } from "./projects.cli.js";
import { demoProjects } from "./projects.demo.js";
import { NIGHTLY_JOB } from "./projects.duplicates.js";
import { IMPORT_JOB } from "./projects.module.js";

interface ImportJobPayload {
  data: string;
  fileName: string;
  partnerCode?: string;
  allOrNothing?: boolean;
  user: NonNullable<Principal["user"]> & { role: Role };
  actor: Actor;
}

/** ADAM: technical-assistance projects, duplication alerts, needs and gaps, IATI exchange. */
export const projectsModule = defineModule({
  name: "projects",
  tables: [
    "exchange_rates",
    "projects",
    "project_transactions",
    "project_locations",
    "project_organizations",
    "project_pillars",
    "project_commitments",
    "project_links",
    "project_documents",
    "project_document_versions",
    "duplicate_alerts",
    "duplicate_model",
    "project_needs",
    "project_saved_searches",
    "project_parties",
    "project_party_aliases",
  ],
  routes: async (app, ctx) => (await import("./projects.routes.js")).registerProjectsRoutes(app, ctx),
  jobs: (ctx) => [
    // Spreadsheets of projects on the platform's import pipeline (`imports.projects`).
    ctx.projects.tableImport.job,
    { kind: NIGHTLY_JOB, run: (_job, progress) => ctx.projects.duplicates.checkAll(progress) },
    {
      // An IATI or spreadsheet file sent from the web, with the sender's rights.
      kind: IMPORT_JOB,
      run: async (job, progress) => {
        const p = job.payload as unknown as ImportJobPayload;
        await progress.set(0, null, "reading");
        const principal = principalFor(p.user, null);
        return ctx.projects.exchange.importFile(Buffer.from(p.data, "base64"), p.fileName, principal, p.actor, {
          partnerCode: p.partnerCode,
          allOrNothing: !!p.allOrNothing,
          progress: (done, total) => progress.set(done, total),
        });
      },
    },
  ],
  // The nightly duplicate run (the job claims its work, so two instances firing at once do no harm).
  schedules: [{ name: "duplicates", everyMs: 24 * 3600_000, run: (ctx) => ctx.projects.duplicates.enqueueNightly() }],
  demo: demoProjects,
  cli: ({ program, imports, exports }, withContext) => registerProjectsCli(program, imports, exports, withContext),
});
