import { type Kysely, sql } from "kysely";

/**
 * National figures and fact sheets: indicators per country and year entered by liaison officers, officially
 * reported national totals (for the ARQ reconciliation), coordinator-defined regions, fact sheets with their
 * workflow, and the frozen snapshots of every published edition.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table factsheet_indicators (
      id uuid primary key default gen_random_uuid(),
      country text not null check (country ~ '^[A-Z]{3}$'),
      year integer not null check (year between 1990 and 2100),
      kind text not null check (kind in ('price','purity','treatment','prevalence','precursor_seizure','stopped_shipment')),
      drug text not null default '',
      market text not null default '' check (market in ('','retail','wholesale')),
      unit text not null default '',
      currency text not null default '' check (currency = '' or currency ~ '^[A-Z]{3}$'),
      usd_rate numeric,
      value_typical numeric,
      value_min numeric,
      value_max numeric,
      source text not null default '',
      note text not null default '',
      demo boolean not null default false,
      archived_at timestamptz,
      version integer not null default 1,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // One live value per country, year, kind, drug, market, unit and currency: imports upsert on it.
  await sql`create unique index factsheet_indicators_key on factsheet_indicators
    (country, year, kind, drug, market, unit, currency) where archived_at is null`.execute(db);
  await sql`create index factsheet_indicators_country_idx on factsheet_indicators (country, year)`.execute(db);

  await sql`
    create table national_totals (
      id uuid primary key default gen_random_uuid(),
      country text not null check (country ~ '^[A-Z]{3}$'),
      year integer not null check (year between 1990 and 2100),
      drug text not null,
      unit text not null,
      quantity numeric not null check (quantity >= 0),
      cases integer check (cases >= 0),
      source text not null default '',
      note text not null default '',
      demo boolean not null default false,
      archived_at timestamptz,
      version integer not null default 1,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index national_totals_key on national_totals (country, year, drug, unit)
    where archived_at is null`.execute(db);

  await sql`
    create table factsheet_regions (
      id uuid primary key default gen_random_uuid(),
      code text not null unique check (code ~ '^[a-z0-9_-]{2,40}$'),
      name jsonb not null,
      countries jsonb not null default '[]'::jsonb,
      demo boolean not null default false,
      archived_at timestamptz,
      version integer not null default 1,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table factsheets (
      id uuid primary key default gen_random_uuid(),
      scope text not null check (scope in ('country','region')),
      subject text not null,
      year integer not null check (year between 1990 and 2100),
      status text not null default 'draft' check (status in ('draft','in_review','published')),
      notes jsonb not null default '{}'::jsonb,
      sources jsonb not null default '[]'::jsonb,
      review_comment text,
      submitted_by uuid references users(id) on delete set null,
      submitted_at timestamptz,
      reviewed_by uuid references users(id) on delete set null,
      reviewed_at timestamptz,
      published_at timestamptz,
      edition integer not null default 0,
      demo boolean not null default false,
      archived_at timestamptz,
      version integer not null default 1,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (scope, subject, year)
    )`.execute(db);
  await sql`create index factsheets_status_idx on factsheets (status, year)`.execute(db);

  // Published editions are written once and never updated: the rendered content is kept as it was published.
  await sql`
    create table factsheet_editions (
      id uuid primary key default gen_random_uuid(),
      factsheet_id uuid not null references factsheets(id) on delete cascade,
      edition integer not null,
      content jsonb not null,
      published_by uuid references users(id) on delete set null,
      published_by_name text,
      published_at timestamptz not null default now(),
      unique (factsheet_id, edition)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "factsheet_editions",
    "factsheets",
    "factsheet_regions",
    "national_totals",
    "factsheet_indicators",
  ]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
