import type { Migration } from "kysely";
import * as m0001 from "./0001_platform.js";
import * as m0002 from "./0002_partners.js";
import * as m0003 from "./0003_registrations.js";
import * as m0004 from "./0004_account_security.js";
import * as m0005 from "./0005_user_scopes.js";

/** Numbered migrations, applied in key order. A module adds its file here with the next number. */
export const migrations: Record<string, Migration> = {
  "0001_platform": m0001,
  "0002_partners": m0002,
  "0003_registrations": m0003,
  "0004_account_security": m0004,
  "0005_user_scopes": m0005,
};
