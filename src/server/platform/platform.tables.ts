import type { ColumnType, Generated, GeneratedAlways } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, T | string, T | string>;

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: Json<Record<string, unknown>>;
}

export interface RevisionsTable {
  id: Generated<string>;
  entity_type: string;
  entity_id: string;
  version: number;
  actor_id: string | null;
  at: Generated<Date>;
  action: string;
  changes: Json<Record<string, { from: unknown; to: unknown }>>;
  snapshot: Json<Record<string, unknown>>;
  /** Why the change was made, when the act asks for a reason (a seizure's correction). */
  reason: string | null;
}

export interface FilesTable {
  id: Generated<string>;
  sha256: string;
  size: number;
  media_type: string;
  original_name: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface JobsTable {
  id: Generated<string>;
  kind: string;
  status: Generated<"queued" | "running" | "succeeded" | "failed" | "cancelled">;
  payload: Json<Record<string, unknown>>;
  progress: Generated<number>;
  total: number | null;
  message: string | null;
  result: Json<unknown> | null;
  error: string | null;
  attempts: Generated<number>;
  locked_by: string | null;
  heartbeat_at: Timestamp | null;
  created_by: string | null;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  title: Json<{ en?: string; ru?: string }>;
  body: Json<{ en?: string; ru?: string }> | null;
  link: string | null;
  created_at: Generated<Date>;
  read_at: Timestamp | null;
  emailed_at: Timestamp | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  kind: string;
  in_app: boolean;
  email: boolean;
}

export interface SearchIndexTable {
  entity_type: string;
  entity_id: string;
  title: Json<{ en?: string; ru?: string }>;
  body: string;
  url: string;
  access: "public" | "members" | "partner" | "restricted";
  partner_code: string | null;
  plain: string;
  tsv_en: string;
  tsv_ru: string;
  /** Spelling keys of every word (search_key, migration 0021): Термез and Termez get the same key. */
  tsv_key: GeneratedAlways<string>;
  updated_at: Generated<Date>;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: Generated<Date>;
}

/** A value of an import file mapped to a known code, remembered per module, layout and source (0037). */
export interface ImportValueMappingsTable {
  /** The module's import kind: `facilities`, `projects`. */
  kind: string;
  layout: string;
  /** The rows' source (a facility's country, a project's partner); '*' for values every source shares. */
  source: string;
  field: string;
  value_key: string;
  value: string;
  /** Null: "not available". */
  target: string | null;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface PlatformTables {
  audit_log: AuditLogTable;
  revisions: RevisionsTable;
  files: FilesTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  search_index: SearchIndexTable;
  settings: SettingsTable;
  import_value_mappings: ImportValueMappingsTable;
}
