import { defineModule, EDITING_ROLES } from "../manifest.js";
import { registerSeizuresCli } from "./seizures.cli.js";
import { demoSeizures } from "./seizures.demo.js";
import { seizureJobs } from "./seizures.jobs.js";

/** DMP: seizure records, their import, workflow, dashboards and alerts. */
export const seizuresModule = defineModule({
  name: "seizures",
  tables: [
    "seizures",
    "seizure_monthly",
    "seizure_aggregate_state",
    "seizure_import_batches",
    "seizure_duplicates",
    "seizure_alerts",
    "seizure_terms_acceptances",
    "seizure_country_settings",
  ],
  accessMatrix: {
    "GET /api/v1/seizures/public-stats": "public",
    "GET /api/v1/seizures/stats": "signed-in",
    "GET /api/v1/seizures/dashboard": "signed-in",
    "GET /api/v1/seizures/map/countries": "signed-in",
    "GET /api/v1/seizures/map/points": "signed-in",
    "GET /api/v1/seizures/map/flows": "signed-in",
    "GET /api/v1/seizures/terms": "signed-in",
    "POST /api/v1/seizures/terms/accept": "signed-in",
    "GET /api/v1/seizures": "signed-in",
    "POST /api/v1/seizures": EDITING_ROLES,
    "GET /api/v1/seizures/export": "signed-in",
    "GET /api/v1/seizures/import/template": EDITING_ROLES,
    "POST /api/v1/seizures/imports": EDITING_ROLES,
    "POST /api/v1/seizures/transitions": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/seizures/duplicates": ["liaison_officer", "coordinator", "administrator"],
    "POST /api/v1/seizures/duplicates/:id/decision": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/seizures/settings/countries": ["liaison_officer", "coordinator", "administrator"],
    "PUT /api/v1/seizures/settings/countries/:country": ["coordinator", "administrator"],
    "GET /api/v1/seizures/settings/analytics-copy": ["coordinator", "administrator"],
    "GET /api/v1/seizures/:id": "signed-in",
    "PATCH /api/v1/seizures/:id": EDITING_ROLES,
    "POST /api/v1/seizures/:id/correction": ["liaison_officer", "coordinator", "administrator"],
    "GET /api/v1/seizures/:id/history": "signed-in",
    // The import's remembered value mappings: record-level, the country's focal point and liaison officers (service).
    "GET /api/v1/seizures/imports/value-mappings": EDITING_ROLES,
    "DELETE /api/v1/seizures/imports/value-mappings/:id": EDITING_ROLES,
  },
  routes: async (app, ctx) => (await import("./seizures.routes.js")).registerSeizuresRoutes(app, ctx),
  jobs: seizureJobs,
  demo: demoSeizures,
  cli: ({ imports }, withContext) => registerSeizuresCli(imports, withContext),
});
