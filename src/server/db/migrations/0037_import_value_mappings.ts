import { type Kysely, sql } from "kysely";

/**
 * Issue 16, the value-mapping step of every import on the platform's pipeline (facilities, projects, …): a value of a
 * file that a module's vocabularies do not know is mapped once by the person importing to a known code, or to "not
 * available" (`target` null), and remembered per source for the next file: the module (`kind`), the file's layout and
 * the source of its rows (`source`: a facility's country, a project's partner; '*' for values of a country column,
 * which mean the same whatever file they are in). `value_key` is the value as the pipeline compares it; `value`
 * keeps it as it was written. The seizures keep their own table (0019).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table import_value_mappings (
      kind text not null,
      layout text not null,
      source text not null check (length(source) between 1 and 40),
      field text not null,
      value_key text not null,
      value text not null,
      target text,
      updated_by uuid references users(id),
      updated_at timestamptz not null default now(),
      primary key (kind, layout, source, field, value_key)
    )`.execute(db);
  await sql`create index import_value_mappings_updated_by_idx on import_value_mappings (updated_by)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table import_value_mappings`.execute(db);
}
