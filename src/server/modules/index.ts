import { accountsModule } from "./accounts/accounts.manifest.js";
import { analysesModule } from "./analyses/analyses.manifest.js";
import { digestsModule } from "./digests/digests.manifest.js";
import { directoryModule } from "./directory/directory.manifest.js";
import { facilitiesModule } from "./facilities/facilities.manifest.js";
import { factsheetsModule } from "./factsheets/factsheets.manifest.js";
import { defineModule, EDITING_ROLES, type ModuleManifest } from "./manifest.js";
import { meetingsModule } from "./meetings/meetings.manifest.js";
import { partnersModule } from "./partners/partners.manifest.js";
import { projectsModule } from "./projects/projects.manifest.js";
import { registrationsModule } from "./registrations/registrations.manifest.js";
import { seizuresModule } from "./seizures/seizures.manifest.js";
import { trainingsModule } from "./trainings/trainings.manifest.js";
import { translationsModule } from "./translations/translations.manifest.js";
import { usersModule } from "./users/users.manifest.js";

export type { ModuleManifest } from "./manifest.js";

/**
 * Every module of the platform, in order: routes are registered, services built, demo data seeded (and removed in
 * reverse) and CLI commands added in this order. A new domain adds one line here (docs/architecture.md). Manifests
 * load their routes only when an app is built, so the CLI and a worker do not compile them.
 * Demo data builds on earlier modules': fact sheets on the seizure records and facilities.
 */
export const serverModules: readonly ModuleManifest<unknown>[] = [
  defineModule({
    name: "platform",
    // The platform's own tables (platform/platform.tables.ts): every module writes to them through its services.
    tables: [
      "audit_log",
      "revisions",
      "files",
      "jobs",
      "notifications",
      "notification_preferences",
      "search_index",
      "settings",
      "import_value_mappings",
    ],
    accessMatrix: {
      "GET /api/v1/health": "public",
      "GET /api/v1/search": "public",
      "GET /api/v1/search/types": "public",
      "GET /api/v1/geo/countries": "public",
      "POST /api/v1/files": EDITING_ROLES,
      "GET /api/v1/files/:id": "signed-in",
      "GET /api/v1/jobs/:id": "signed-in",
      "GET /api/v1/jobs/:id/events": "signed-in",
      "GET /api/v1/notifications": "signed-in",
      "POST /api/v1/notifications/:id/read": "signed-in",
      "POST /api/v1/notifications/read-all": "signed-in",
      "GET /api/v1/notifications/preferences": "signed-in",
      "PUT /api/v1/notifications/preferences": "signed-in",
    },
    routes: async (app, ctx) => (await import("../platform/platform.routes.js")).registerPlatformRoutes(app, ctx),
  }),
  defineModule({
    name: "system",
    accessMatrix: {
      "GET /api/v1/system/backup": ["administrator"],
    },
    routes: async (app, ctx) => (await import("../platform/system.routes.js")).registerSystemRoutes(app, ctx),
  }),
  accountsModule,
  partnersModule,
  registrationsModule,
  usersModule,
  directoryModule,
  seizuresModule,
  facilitiesModule,
  factsheetsModule,
  projectsModule,
  meetingsModule,
  trainingsModule,
  digestsModule,
  analysesModule,
  translationsModule,
];
