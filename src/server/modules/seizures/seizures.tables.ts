import type { ColumnType, Generated, SelectType } from "kysely";
import type { z } from "zod";
import type { SEIZURE_FIELDS } from "../../../common/seizures.js";

type Json<T> = ColumnType<T, T | string, T | string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Columns the database fills in itself (defaults): optional on insert. */
type GeneratedColumn = "id" | "version" | "created_at";

/**
 * A field's column type, from its declaration in the registry (`SEIZURE_FIELDS`, common/seizure-fields.ts): the
 * zod output type it is sent with (lists and arrests are JSON columns, `timestamp` fields dates), or the COPY kind
 * of a stored field that is sent under another name (`year`, `month`).
 */
type ColumnOf<F> = F extends { output: infer T extends z.ZodType }
  ? F extends { timestamp: true }
    ? null extends z.output<T>
      ? Timestamp | null
      : Timestamp
    : z.output<T> extends readonly unknown[]
      ? Json<z.output<T>>
      : z.output<T>
  : F extends { store: "number" }
    ? number
    : F extends { store: "text" | "code" }
      ? string
      : never;

type Fields = typeof SEIZURE_FIELDS;
type FieldColumns = {
  [K in keyof Fields as Fields[K]["column"]]: Fields[K]["column"] extends GeneratedColumn
    ? Generated<SelectType<ColumnOf<Fields[K]>>>
    : ColumnOf<Fields[K]>;
};

/**
 * One individual drug seizure: every field of the registry (so a new field is declared there, not here), plus the
 * bookkeeping columns (`SEIZURE_BOOKKEEPING_COLUMNS`). `seizures.fields.test.ts` compares both with the table.
 * `year`/`month` (0 = known only to the year) are kept for grouping; `seizure_date` is the first day of the period
 * when the date is known only to the month or year; `mass_kg` is null when the unit cannot be converted.
 */
export type SeizuresTable = FieldColumns & {
  /** Who last changed the record's data (an edit or a correction): like its creator, not its validator. */
  edited_by: string | null;
  validated_by: string | null;
  published_by: string | null;
  demo: Generated<boolean>;
  updated_at: Generated<Date>;
  /** The client's `Idempotency-Key` of the create (offline entry), unique per creator; null for other records. */
  idempotency_key: string | null;
  /** SHA-256 of the create request that came with the key: a repeat with other content is told apart. */
  idempotency_hash: string | null;
};

/**
 * Published seizures summed per country × month × drug × route × unit, kept in step with every publish,
 * correction and merge (and rebuilt by `SeizuresService.rebuildAggregates`). Month 0: known only to the year.
 */
export interface SeizureMonthlyTable {
  country: string;
  year: number;
  month: number;
  drug: string;
  drug_group: string;
  /** '' when the seizure names no route. */
  route: string;
  unit: string;
  /** The records' sharing level and owning partner ('' for none): members' figures sum only what they may see. */
  sharing: string;
  owner_partner: string;
  cases: number;
  mass_kg: number;
  quantity: number;
  /** The largest single seizure of the row (kept as an upper bound when records leave; exact after a rebuild). */
  max_mass_kg: number;
}

export interface SeizureImportBatchesTable {
  id: Generated<string>;
  file_name: string;
  layout: string;
  rows: number;
  created_by: string | null;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface SeizureDuplicatesTable {
  id: Generated<string>;
  seizure_a: string;
  seizure_b: string;
  score: number;
  status: Generated<"open" | "merged" | "kept_apart">;
  decided_by: string | null;
  decided_at: Timestamp | null;
  note: string | null;
  created_at: Generated<Date>;
}

export interface SeizureAlertsTable {
  id: Generated<string>;
  country: string;
  drug: string;
  year: number;
  month: number;
  mass_kg: number;
  median: number;
  score: number;
  direction: "up" | "down";
  notified_at: Timestamp | null;
  created_at: Generated<Date>;
}

/** A country's DMP settings (0014); a country without a row keeps the defaults. */
export interface SeizureCountrySettingsTable {
  country: string;
  /** Whoever entered, edited or imported a record may not validate it. */
  four_eyes: Generated<boolean>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface SeizureTermsAcceptancesTable {
  user_id: string;
  version: number;
  ip: string | null;
  accepted_at: Generated<Date>;
}

/** Tables of the seizures module (Kysely row types); the migration 0007_seizures creates them. */
export interface SeizuresTables {
  seizures: SeizuresTable;
  seizure_monthly: SeizureMonthlyTable;
  seizure_aggregate_state: { id: Generated<boolean>; version: Generated<string> };
  seizure_import_batches: SeizureImportBatchesTable;
  seizure_duplicates: SeizureDuplicatesTable;
  seizure_alerts: SeizureAlertsTable;
  seizure_terms_acceptances: SeizureTermsAcceptancesTable;
  seizure_country_settings: SeizureCountrySettingsTable;
}
