import { type Kysely, sql } from "kysely";

/**
 * Issue 16, the value-mapping step of the seizure import: a value of a file that no vocabulary knows (a drug, a
 * unit, a place…) is mapped once by the user to a known code, or to "not available" (`target` null), and the
 * mapping is remembered per source (the country of the rows and the file's layout) for the next file.
 * `value_key` is the value normalized as the importer compares it; `value` keeps it as it was written.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table seizure_value_mappings (
      source_country text not null check (source_country = '*' or source_country ~ '^[A-Z]{3}$'),
      layout text not null,
      field text not null,
      value_key text not null,
      value text not null,
      target text,
      updated_by uuid references users(id),
      updated_at timestamptz not null default now(),
      primary key (layout, source_country, field, value_key)
    )`.execute(db);
  await sql`create index seizure_value_mappings_updated_by_idx on seizure_value_mappings (updated_by)`.execute(db);
}
