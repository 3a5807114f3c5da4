import type { Migration } from "kysely";
import * as m0001 from "./0001_platform.js";
import * as m0002 from "./0002_partners.js";
import * as m0003 from "./0003_registrations.js";
import * as m0004 from "./0004_account_security.js";
import * as m0005 from "./0005_user_scopes.js";
import * as m0006 from "./0006_meetings.js";
import * as m0007 from "./0007_seizures.js";
import * as m0008 from "./0008_trainings.js";
import * as m0009 from "./0009_facilities.js";
import * as m0010 from "./0010_projects.js";
import * as m0011 from "./0011_factsheets.js";
import * as m0012 from "./0012_foreign_key_indexes.js";
import * as m0013 from "./0013_seizure_disclosure.js";
import * as m0014 from "./0014_seizure_four_eyes_and_country_partner.js";
import * as m0015 from "./0015_auth_attempts.js";
import * as m0016 from "./0016_revision_reason.js";
import * as m0017 from "./0017_adam_figures.js";
import * as m0018 from "./0018_digests.js";
import * as m0019 from "./0019_seizure_value_mappings.js";
import * as m0020 from "./0020_meeting_in_person_qualifier.js";
import * as m0021 from "./0021_search_transliteration.js";
import * as m0022 from "./0022_factsheet_edition_pdfs.js";
import * as m0025 from "./0025_offline_seizure_entry.js";
import * as m0027 from "./0027_analyses.js";
import * as m0028 from "./0028_report_schedules.js";
import * as m0029 from "./0029_report_sends_run_index.js";
import * as m0030 from "./0030_project_transactions.js";
import * as m0036 from "./0036_report_schedule_controls.js";
import * as m0037 from "./0037_import_value_mappings.js";
import * as m0038 from "./0038_seizure_value_mappings_shared.js";
import * as m0041 from "./0041_value_mapping_history.js";

/**
 * Numbered migrations, applied in key order. A module may keep its own in its folder instead, listed by its
 * manifest's `migrations` (merged with this list by `allMigrations` in db/migrate.ts, each number once).
 */
export const migrations: Record<string, Migration> = {
  "0001_platform": m0001,
  "0002_partners": m0002,
  "0003_registrations": m0003,
  "0004_account_security": m0004,
  "0005_user_scopes": m0005,
  "0006_meetings": m0006,
  "0007_seizures": m0007,
  "0008_trainings": m0008,
  "0009_facilities": m0009,
  "0010_projects": m0010,
  "0011_factsheets": m0011,
  "0012_foreign_key_indexes": m0012,
  "0013_seizure_disclosure": m0013,
  "0014_seizure_four_eyes_and_country_partner": m0014,
  "0015_auth_attempts": m0015,
  "0016_revision_reason": m0016,
  "0017_adam_figures": m0017,
  "0018_digests": m0018,
  "0019_seizure_value_mappings": m0019,
  "0020_meeting_in_person_qualifier": m0020,
  "0021_search_transliteration": m0021,
  "0022_factsheet_edition_pdfs": m0022,
  "0025_offline_seizure_entry": m0025,
  "0027_analyses": m0027,
  "0028_report_schedules": m0028,
  "0029_report_sends_run_index": m0029,
  "0030_project_transactions": m0030,
  "0036_report_schedule_controls": m0036,
  "0037_import_value_mappings": m0037,
  "0038_seizure_value_mappings_shared": m0038,
  "0041_value_mapping_history": m0041,
};
