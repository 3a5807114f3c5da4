import { defineModule } from "../manifest.js";
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
  routes: async (app, ctx) => (await import("./seizures.routes.js")).registerSeizuresRoutes(app, ctx),
  jobs: seizureJobs,
  demo: demoSeizures,
  cli: ({ imports }, withContext) => registerSeizuresCli(imports, withContext),
});
