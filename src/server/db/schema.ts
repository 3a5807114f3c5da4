import type { AccountsTables } from "../modules/accounts/accounts.tables.js";
import type { PartnersTables } from "../modules/partners/partners.tables.js";
import type { RegistrationsTables } from "../modules/registrations/registrations.tables.js";
import type { UsersTables } from "../modules/users/users.tables.js";
import type { PlatformTables } from "../platform/platform.tables.js";

/** The whole database as Kysely sees it: each module contributes its own tables. */
export interface DB extends PlatformTables, AccountsTables, PartnersTables, UsersTables, RegistrationsTables {}
