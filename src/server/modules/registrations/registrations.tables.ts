import type { ColumnType, Generated } from "kysely";
import type { Role } from "../../../common/platform.js";
import type { RegistrationStatus, TermsKind } from "../../../common/registrations.js";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, T | string, T | string>;
type LocalizedJson = Json<{ en?: string; ru?: string }>;

export interface RegistrationsTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  partner_code: string;
  agency: string;
  position: string;
  work_phone: string;
  reason: string;
  language: "en" | "ru";
  /** argon2id hash of the password the registrant chose; cleared once the request is decided. */
  password_hash: string | null;
  accepted_terms: Json<string[]>;
  status: Generated<RegistrationStatus>;
  /** SHA-256 of the e-mail confirmation token; the token itself is only in the e-mail. */
  token_hash: string | null;
  token_expires_at: Timestamp | null;
  confirmed_at: Timestamp | null;
  submitted_at: Timestamp | null;
  reminded_at: Timestamp | null;
  vouch: "vouched" | "declined" | null;
  vouched_by: string | null;
  /** Names as they were at the time, so the queue needs no join with another domain's table. */
  vouched_by_name: string | null;
  vouched_at: Timestamp | null;
  vouch_comment: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decision_reason: string | null;
  approved_role: Role | null;
  user_id: string | null;
  ip: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RegistrationEventsTable {
  id: Generated<string>;
  registration_id: string;
  at: Generated<Date>;
  actor_id: string | null;
  actor_label: string | null;
  event: string;
  from_status: string | null;
  to_status: string | null;
  details: Json<Record<string, unknown>>;
}

export interface TermsVersionsTable {
  id: Generated<string>;
  kind: TermsKind;
  version: number;
  title: LocalizedJson;
  body: LocalizedJson;
  published_at: Generated<Date>;
  published_by: string | null;
}

export interface TermsAcceptancesTable {
  user_id: string;
  terms_version_id: string;
  accepted_at: Generated<Date>;
  ip: string | null;
}

export interface RegistrationsTables {
  registrations: RegistrationsTable;
  registration_events: RegistrationEventsTable;
  terms_versions: TermsVersionsTable;
  terms_acceptances: TermsAcceptancesTable;
}
