import type { ColumnType, Generated } from "kysely";

type Json<T> = ColumnType<T, T | string, T | string>;
type Localized = { en?: string; ru?: string };
type Provenance = { document: string; locator: string };
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface MeetingsTable {
  id: Generated<string>;
  ref_key: string | null;
  kind: string;
  number: number | null;
  title: Json<Localized>;
  theme: Json<Localized> | null;
  pillars: Json<number[]>;
  host: Json<Localized> | null;
  host_partner_code: string | null;
  city: Json<Localized> | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  start_date: string;
  end_date: string | null;
  date_precision: Generated<string>;
  format: string | null;
  participants: number | null;
  participants_qualifier: Generated<string>;
  in_person_participants: number | null;
  in_person_qualifier: Generated<string>;
  countries_count: number | null;
  organizations_count: number | null;
  agenda: Json<Localized> | null;
  outcome: Json<Localized> | null;
  documents: Json<{ title: Localized; url?: string; fileId?: string }[]>;
  priority_recommendation_count: number | null;
  stocktaking: Generated<boolean>;
  visibility: Generated<string>;
  provenance: Json<Provenance[]>;
  is_demo: Generated<boolean>;
  created_by: string | null;
  archived_at: Timestamp | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MeetingRegistrationsTable {
  id: Generated<string>;
  meeting_id: string;
  user_id: string;
  status: string;
  invited: Generated<boolean>;
  attendance_mode: Generated<string>;
  list_consent: Generated<boolean>;
  attended: boolean | null;
  decline_reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RecommendationsTable {
  id: Generated<string>;
  meeting_id: string;
  number: string;
  text: Json<Localized>;
  pillar: number;
  themes: Json<string[]>;
  commitments: Json<string[]>;
  priority: Generated<boolean>;
  status: Generated<string>;
  endorsed_by_meeting_id: string | null;
  successor_id: string | null;
  visibility: Generated<string>;
  search_text: Generated<string>;
  is_demo: Generated<boolean>;
  created_by: string | null;
  archived_at: Timestamp | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RecommendationTransitionsTable {
  id: Generated<string>;
  recommendation_id: string;
  from_status: string | null;
  to_status: string;
  effective_on: string;
  recorded_at: Generated<Date>;
  actor_id: string | null;
  actor_name: string | null;
  meeting_id: string | null;
  successor_id: string | null;
  note: string | null;
}

export interface ImplementationReportsTable {
  id: Generated<string>;
  recommendation_id: string;
  partner_code: string;
  status: string;
  narrative: Json<Localized> | null;
  evidence: Json<{ label: string; url?: string; fileId?: string }[]>;
  by_coordinator: Generated<boolean>;
  reporter_id: string | null;
  reporter_name: string | null;
  reported_at: Timestamp;
  is_demo: Generated<boolean>;
}

export interface StocktakingSnapshotsTable {
  id: Generated<string>;
  meeting_id: string;
  pillar: number;
  taken_at: Generated<Date>;
  taken_by: string | null;
  taken_by_name: string | null;
  items: Json<unknown[]>;
}

export interface NewsItemsTable {
  id: Generated<string>;
  title: Json<Localized>;
  summary: Json<Localized> | null;
  body: Json<Localized>;
  pillars: Json<number[]>;
  visibility: Generated<string>;
  meeting_id: string | null;
  published_at: Timestamp;
  author_id: string | null;
  author_name: string | null;
  is_demo: Generated<boolean>;
  archived_at: Timestamp | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Tables of the meetings module (Kysely row types); the migration 0006_meetings creates them. */
export interface MeetingsTables {
  meetings: MeetingsTable;
  meeting_registrations: MeetingRegistrationsTable;
  recommendations: RecommendationsTable;
  recommendation_transitions: RecommendationTransitionsTable;
  implementation_reports: ImplementationReportsTable;
  stocktaking_snapshots: StocktakingSnapshotsTable;
  news_items: NewsItemsTable;
}
