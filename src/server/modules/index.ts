import type { AppInstance } from "../app.js";
import type { AppContext } from "../context.js";
import { registerPlatformRoutes } from "../platform/platform.routes.js";
import { registerSystemRoutes } from "../platform/system.routes.js";
import { registerAccountsRoutes } from "./accounts/accounts.routes.js";
import { registerAnalysesRoutes } from "./analyses/analyses.routes.js";
import { registerDigestsRoutes } from "./digests/digests.routes.js";
import { registerDirectoryRoutes } from "./directory/directory.routes.js";
import { registerFacilitiesRoutes } from "./facilities/facilities.routes.js";
import { registerFactsheetsRoutes } from "./factsheets/factsheets.routes.js";
import { registerMeetingsRoutes } from "./meetings/meetings.routes.js";
import { registerPartnersRoutes } from "./partners/partners.routes.js";
import { registerProjectsRoutes } from "./projects/projects.routes.js";
import { registerRegistrationsRoutes } from "./registrations/registrations.routes.js";
import { registerSeizuresRoutes } from "./seizures/seizures.routes.js";
import { registerTrainingsRoutes } from "./trainings/trainings.routes.js";
import { registerTranslationsRoutes } from "./translations/translations.routes.js";
import { registerUsersRoutes } from "./users/users.routes.js";

export interface PlatformModule {
  name: string;
  /** Registers the module's routes under /api/v1. */
  register(app: AppInstance, ctx: AppContext): Promise<void>;
}

/** Every module of the platform, in registration order. A new domain adds one line here. */
export const modules: PlatformModule[] = [
  { name: "platform", register: registerPlatformRoutes },
  { name: "system", register: registerSystemRoutes },
  { name: "accounts", register: registerAccountsRoutes },
  { name: "partners", register: registerPartnersRoutes },
  { name: "registrations", register: registerRegistrationsRoutes },
  { name: "users", register: registerUsersRoutes },
  { name: "directory", register: registerDirectoryRoutes },
  { name: "meetings", register: registerMeetingsRoutes },
  { name: "seizures", register: registerSeizuresRoutes },
  { name: "trainings", register: registerTrainingsRoutes },
  { name: "facilities", register: registerFacilitiesRoutes },
  { name: "projects", register: registerProjectsRoutes },
  { name: "factsheets", register: registerFactsheetsRoutes },
  { name: "digests", register: registerDigestsRoutes },
  { name: "analyses", register: registerAnalysesRoutes },
  { name: "translations", register: registerTranslationsRoutes },
];
