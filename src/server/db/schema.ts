import type { AccountsTables } from "../modules/accounts/accounts.tables.js";
import type { AnalysesTables } from "../modules/analyses/analyses.tables.js";
import type { DigestsTables } from "../modules/digests/digests.tables.js";
import type { FacilitiesTables } from "../modules/facilities/facilities.tables.js";
import type { FactsheetsTables } from "../modules/factsheets/factsheets.tables.js";
import type { MeetingsTables } from "../modules/meetings/meetings.tables.js";
import type { PartnersTables } from "../modules/partners/partners.tables.js";
import type { ProjectsTables } from "../modules/projects/projects.tables.js";
import type { RegistrationsTables } from "../modules/registrations/registrations.tables.js";
import type { SeizuresTables } from "../modules/seizures/seizures.tables.js";
import type { TrainingsTables } from "../modules/trainings/trainings.tables.js";
import type { UsersTables } from "../modules/users/users.tables.js";
import type { PlatformTables } from "../platform/platform.tables.js";

/** The whole database as Kysely sees it: each module contributes its own tables. */
export interface DB
  extends PlatformTables,
    AccountsTables,
    PartnersTables,
    UsersTables,
    RegistrationsTables,
    MeetingsTables,
    SeizuresTables,
    TrainingsTables,
    FacilitiesTables,
    ProjectsTables,
    FactsheetsTables,
    DigestsTables,
    AnalysesTables {}
