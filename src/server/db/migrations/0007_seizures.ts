import { type Kysely, sql } from "kysely";

/**
 * DMP: individual drug seizures, the monthly aggregate kept on every publish (dashboards read it instead of
 * scanning millions of rows), import batches, possible duplicates with their decisions, anomaly alerts, and
 * acceptances of the DMP terms of use.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table seizure_import_batches (
      id uuid primary key default gen_random_uuid(),
      file_name text not null,
      layout text not null,
      rows integer not null default 0,
      created_by uuid references users(id),
      demo boolean not null default false,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table seizures (
      id uuid primary key default gen_random_uuid(),
      seizure_date date not null,
      date_precision text not null default 'day' check (date_precision in ('day','month','year')),
      year integer not null,
      month integer not null check (month between 0 and 12),
      country text not null check (country ~ '^[A-Z]{3}$'),
      admin_region text,
      place text,
      latitude double precision,
      longitude double precision,
      coord_precision text,
      drug text not null,
      drug_group text not null,
      quantity double precision not null check (quantity > 0),
      unit text not null,
      mass_kg double precision,
      purity double precision check (purity between 0 and 100),
      agency text,
      place_type text,
      transport_mode text,
      conveyance text,
      concealment text,
      origin_countries jsonb not null default '[]'::jsonb,
      departure_country text,
      transit_countries jsonb not null default '[]'::jsonb,
      destination_countries jsonb not null default '[]'::jsonb,
      route text,
      arrests jsonb not null default '[]'::jsonb,
      persons_arrested integer not null default 0,
      source_type text not null default 'official',
      source_reference text,
      sharing text not null default 'members' check (sharing in ('public','members','partner','restricted')),
      owner_partner text,
      status text not null default 'entered' check (status in ('entered','validated','published','merged')),
      warnings_confirmed jsonb not null default '[]'::jsonb,
      merged_into uuid references seizures(id),
      import_batch_id uuid references seizure_import_batches(id),
      created_by uuid references users(id),
      validated_by uuid references users(id),
      validated_at timestamptz,
      published_by uuid references users(id),
      published_at timestamptz,
      demo boolean not null default false,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index seizures_country_drug_date_idx on seizures (country, drug, seizure_date)`.execute(db);
  await sql`create index seizures_status_date_idx on seizures (status, seizure_date desc)`.execute(db);
  await sql`create index seizures_batch_idx on seizures (import_batch_id) where import_batch_id is not null`.execute(
    db,
  );
  await sql`create index seizures_mass_idx on seizures (mass_kg desc) where status = 'published'`.execute(db);
  await sql`
    create table seizure_monthly (
      country text not null,
      year integer not null,
      month integer not null,
      drug text not null,
      drug_group text not null,
      route text not null default '',
      unit text not null,
      cases integer not null default 0,
      mass_kg double precision not null default 0,
      quantity double precision not null default 0,
      primary key (country, year, month, drug, route, unit)
    )`.execute(db);
  await sql`create index seizure_monthly_year_idx on seizure_monthly (year, drug_group)`.execute(db);
  await sql`
    create table seizure_duplicates (
      id uuid primary key default gen_random_uuid(),
      seizure_a uuid not null references seizures(id),
      seizure_b uuid not null references seizures(id),
      score double precision not null,
      status text not null default 'open' check (status in ('open','merged','kept_apart')),
      decided_by uuid references users(id),
      decided_at timestamptz,
      note text,
      created_at timestamptz not null default now(),
      unique (seizure_a, seizure_b)
    )`.execute(db);
  await sql`create index seizure_duplicates_open_idx on seizure_duplicates (status, created_at)`.execute(db);
  await sql`
    create table seizure_alerts (
      id uuid primary key default gen_random_uuid(),
      country text not null,
      drug text not null,
      year integer not null,
      month integer not null,
      mass_kg double precision not null,
      median double precision not null,
      score double precision not null,
      direction text not null check (direction in ('up','down')),
      notified_at timestamptz,
      created_at timestamptz not null default now(),
      unique (country, drug, year, month)
    )`.execute(db);
  await sql`
    create table seizure_terms_acceptances (
      user_id uuid not null references users(id) on delete cascade,
      version integer not null,
      ip text,
      accepted_at timestamptz not null default now(),
      primary key (user_id, version)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "seizure_terms_acceptances",
    "seizure_alerts",
    "seizure_duplicates",
    "seizure_monthly",
    "seizures",
    "seizure_import_batches",
  ]) {
    await sql`drop table if exists ${sql.table(t)} cascade`.execute(db);
  }
}
