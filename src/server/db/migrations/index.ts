import type { Migration } from "kysely";
import * as m0001 from "./0001_platform.js";
import * as m0002 from "./0002_partners.js";

/** Numbered migrations, applied in key order. A module adds its file here with the next number. */
export const migrations: Record<string, Migration> = {
  "0001_platform": m0001,
  "0002_partners": m0002,
};
