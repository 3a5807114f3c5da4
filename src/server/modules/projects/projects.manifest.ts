import type { Role } from "../../../common/platform.js";
import { type Principal, principalFor } from "../../http/access-policy.js";
import type { Actor } from "../../platform/audit.js";
import { defineModule, EDITING_ROLES } from "../manifest.js";
import { registerProjectsCli } from "./projects.cli.js";
import { demoProjects } from "./projects.demo.js";
import { NIGHTLY_JOB } from "./projects.duplicates.js";
import { IMPORT_JOB } from "./projects.module.js";
import { PROJECT_CHILD_TABLES } from "./projects.repository.js";

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
    ...PROJECT_CHILD_TABLES,
    "project_documents",
    "project_document_versions",
    "duplicate_alerts",
    "duplicate_model",
    "project_needs",
    "project_saved_searches",
    "project_parties",
    "project_party_aliases",
  ],
  accessMatrix: {
    // ADAM (projects module).
    "GET /api/v1/projects": "signed-in",
    "POST /api/v1/projects": EDITING_ROLES,
    "GET /api/v1/projects/:id": "signed-in",
    "PUT /api/v1/projects/:id": EDITING_ROLES,
    "POST /api/v1/projects/:id/transition": EDITING_ROLES,
    "GET /api/v1/projects/:id/history": "signed-in",
    "GET /api/v1/projects/:id/flows": "signed-in",
    "GET /api/v1/projects/saved-searches": "signed-in",
    "POST /api/v1/projects/saved-searches": "signed-in",
    "DELETE /api/v1/projects/saved-searches/:id": "signed-in",
    "GET /api/v1/projects/rates": "signed-in",
    "POST /api/v1/projects/rates": ["coordinator", "administrator"],
    "POST /api/v1/projects/rates/import": ["coordinator", "administrator"],
    "GET /api/v1/projects/parties": "signed-in",
    "POST /api/v1/projects/parties": ["coordinator", "administrator"],
    "GET /api/v1/projects/parties/unmapped": ["coordinator", "administrator"],
    "POST /api/v1/projects/parties/map": ["coordinator", "administrator"],
    "GET /api/v1/projects/stats/pivot": "signed-in",
    "GET /api/v1/projects/stats/overview": "signed-in",
    "GET /api/v1/projects/stats/flows": "signed-in",
    "GET /api/v1/projects/:id/documents": "signed-in",
    "POST /api/v1/projects/:id/documents": EDITING_ROLES,
    "POST /api/v1/projects/:id/documents/:documentId/versions": EDITING_ROLES,
    "DELETE /api/v1/projects/:id/documents/:documentId": EDITING_ROLES,
    "GET /api/v1/projects/:id/documents/:documentId/file": "signed-in",
    "GET /api/v1/projects/duplicates": EDITING_ROLES,
    "POST /api/v1/projects/duplicates/:id/label": EDITING_ROLES,
    "GET /api/v1/projects/duplicates/model": EDITING_ROLES,
    "POST /api/v1/projects/duplicates/run": ["coordinator", "administrator"],
    "GET /api/v1/projects/needs": "signed-in",
    "POST /api/v1/projects/needs": EDITING_ROLES,
    "PUT /api/v1/projects/needs/:id": EDITING_ROLES,
    "POST /api/v1/projects/needs/:id/archive": EDITING_ROLES,
    "GET /api/v1/projects/gaps": "signed-in",
    "GET /api/v1/projects/export": "signed-in",
    "GET /api/v1/projects/export/iati": "signed-in",
    "POST /api/v1/projects/import": EDITING_ROLES,
    "POST /api/v1/projects/imports": EDITING_ROLES,
    // The import's remembered value mappings: record-level, the partner's own (service); coordinators every partner's.
    "GET /api/v1/projects/imports/value-mappings": EDITING_ROLES,
    "DELETE /api/v1/projects/imports/value-mappings/:id": EDITING_ROLES,
    "GET /api/v1/projects/imports/template": EDITING_ROLES,
    "POST /api/v1/projects/rates/imports": ["coordinator", "administrator"],
    "POST /api/v1/projects/iati/imports": EDITING_ROLES,
  },
  routes: async (app, ctx) => (await import("./projects.routes.js")).registerProjectsRoutes(app, ctx),
  jobs: (ctx) => [
    // Spreadsheets of projects on the platform's import pipeline (`imports.projects`).
    ctx.projects.tableImport.job,
    // Exchange-rate files on the same pipeline (`imports.projects.rates`).
    ctx.projects.rateImport.job,
    // IATI activity XML uploaded to /files, on the web's shared import flow (`imports.projects.iati`).
    ctx.projects.iatiImport.job,
    { kind: NIGHTLY_JOB, run: (_job, progress) => ctx.projects.duplicates.checkAll(progress) },
    {
      // An IATI or spreadsheet file sent as multipart (API clients), with the sender's rights.
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
