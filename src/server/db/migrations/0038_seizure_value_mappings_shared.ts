import { type Kysely, sql } from "kysely";

/**
 * Issue 16, one value-mapping store for every import: the seizure import's remembered answers (0019's
 * `seizure_value_mappings`) move into the platform's `import_value_mappings` (0037) as kind 'seizures', the country
 * of the rows becoming the source ('*' stays '*'), with who gave each answer and when. Nothing a person mapped is lost:
 * the next seizure file reads them from there. The old table is dropped; `down` makes it again and moves the seizure
 * rows back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    insert into import_value_mappings (kind, layout, source, field, value_key, value, target, updated_by, updated_at)
    select 'seizures', layout, source_country, field, value_key, value, target, updated_by, updated_at
    from seizure_value_mappings
    on conflict (kind, layout, source, field, value_key) do update
      set value = excluded.value, target = excluded.target, updated_by = excluded.updated_by,
          updated_at = excluded.updated_at
      where import_value_mappings.updated_at < excluded.updated_at`.execute(db);
  await sql`drop table seizure_value_mappings`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
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
  await sql`
    insert into seizure_value_mappings (source_country, layout, field, value_key, value, target, updated_by, updated_at)
    select source, layout, field, value_key, value, target, updated_by, updated_at
    from import_value_mappings
    where kind = 'seizures' and (source = '*' or source ~ '^[A-Z]{3}$')`.execute(db);
  await sql`delete from import_value_mappings where kind = 'seizures'`.execute(db);
}
