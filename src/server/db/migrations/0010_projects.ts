import { type Kysely, sql } from "kysely";

/**
 * ADAM: projects with their funding, places, organizations, links and documents; exchange rates; duplication
 * alerts and the tuned threshold; needs; saved searches. Denormalised columns on `projects` (countries,
 * period, fingerprint, features, tsv) serve search and the duplicate check from indexes alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table exchange_rates (
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      rate_date date not null,
      usd_per_unit numeric(20,10) not null check (usd_per_unit > 0),
      source text not null,
      created_by uuid,
      created_at timestamptz not null default now(),
      primary key (currency, rate_date)
    )`.execute(db);
  await sql`
    create table projects (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      partner_code text not null,
      title jsonb not null,
      summary jsonb not null default '{}'::jsonb,
      donor_ref text,
      iati_identifier text unique,
      workflow text not null default 'draft' check (workflow in ('draft','submitted','published','archived')),
      stage text not null default 'implementation',
      planned_start date,
      planned_end date,
      actual_start date,
      actual_end date,
      dac_codes text[] not null default '{}',
      themes text[] not null default '{}',
      contacts jsonb not null default '[]'::jsonb,
      external_documents jsonb not null default '[]'::jsonb,
      countries text[] not null default '{}',
      donors text[] not null default '{}',
      period daterange,
      total_usd numeric(20,2),
      fingerprint text[] not null default '{}',
      features jsonb not null default '{}'::jsonb,
      tsv tsvector,
      demo boolean not null default false,
      created_by uuid,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index projects_countries_idx on projects using gin (countries)`.execute(db);
  await sql`create index projects_fingerprint_idx on projects using gin (fingerprint)`.execute(db);
  await sql`create index projects_period_idx on projects using gist (period)`.execute(db);
  await sql`create index projects_tsv_idx on projects using gin (tsv)`.execute(db);
  await sql`create index projects_partner_idx on projects (partner_code)`.execute(db);
  await sql`
    create table project_fundings (
      project_id uuid not null references projects(id) on delete cascade,
      position integer not null,
      donor_code text,
      donor_name text not null,
      amount numeric(20,2) not null check (amount >= 0),
      currency text not null,
      commitment_date date,
      usd numeric(20,2),
      rate numeric(20,10),
      rate_date date,
      primary key (project_id, position)
    )`.execute(db);
  await sql`
    create table project_locations (
      project_id uuid not null references projects(id) on delete cascade,
      code text not null,
      kind text not null check (kind in ('country','region')),
      share numeric(5,2),
      primary key (project_id, code)
    )`.execute(db);
  await sql`create index project_locations_code_idx on project_locations (code)`.execute(db);
  await sql`
    create table project_organizations (
      project_id uuid not null references projects(id) on delete cascade,
      position integer not null,
      role text not null check (role in ('implementing','beneficiary')),
      name text not null,
      primary key (project_id, position)
    )`.execute(db);
  await sql`
    create table project_pillars (
      project_id uuid not null references projects(id) on delete cascade,
      pillar integer not null references pillars(number),
      primary key (project_id, pillar)
    )`.execute(db);
  await sql`
    create table project_commitments (
      project_id uuid not null references projects(id) on delete cascade,
      commitment_code text not null references commitments(code),
      primary key (project_id, commitment_code)
    )`.execute(db);
  await sql`
    create table project_links (
      project_id uuid not null references projects(id) on delete cascade,
      entity_type text not null check (entity_type in ('recommendation','meeting','training')),
      entity_id text not null,
      title jsonb not null default '{}'::jsonb,
      primary key (project_id, entity_type, entity_id)
    )`.execute(db);
  await sql`
    create table project_documents (
      id uuid primary key default gen_random_uuid(),
      project_id uuid not null references projects(id) on delete cascade,
      kind text not null check (kind in ('document','picture')),
      title jsonb not null default '{}'::jsonb,
      current_version integer not null default 1,
      archived_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table project_document_versions (
      document_id uuid not null references project_documents(id) on delete cascade,
      version integer not null,
      file_id uuid not null references files(id),
      thumbnail_file_id uuid references files(id),
      created_by uuid,
      created_at timestamptz not null default now(),
      primary key (document_id, version)
    )`.execute(db);
  await sql`
    create table duplicate_alerts (
      id uuid primary key default gen_random_uuid(),
      project_a uuid not null references projects(id) on delete cascade,
      project_b uuid not null references projects(id) on delete cascade,
      score numeric(6,4) not null,
      components jsonb not null,
      label text check (label in ('duplicate','cofinancing','unrelated')),
      labelled_by uuid,
      labelled_at timestamptz,
      dismissed boolean not null default false,
      detected_at timestamptz not null default now(),
      version integer not null default 1,
      check (project_a < project_b),
      unique (project_a, project_b)
    )`.execute(db);
  await sql`create index duplicate_alerts_b_idx on duplicate_alerts (project_b)`.execute(db);
  await sql`
    create table duplicate_model (
      id integer primary key check (id = 1),
      threshold numeric(6,4) not null,
      labelled integer not null default 0,
      precision numeric(6,4),
      recall numeric(6,4),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table project_needs (
      id uuid primary key default gen_random_uuid(),
      partner_code text not null,
      country text not null,
      pillar integer not null references pillars(number),
      theme text not null,
      description jsonb not null,
      priority text not null check (priority in ('high','medium','low')),
      period_start date not null,
      period_end date not null check (period_end >= period_start),
      demo boolean not null default false,
      archived_at timestamptz,
      created_by uuid,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index project_needs_country_idx on project_needs (country, pillar)`.execute(db);
  await sql`
    create table project_saved_searches (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null,
      name text not null,
      query jsonb not null,
      created_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "project_saved_searches",
    "project_needs",
    "duplicate_model",
    "duplicate_alerts",
    "project_document_versions",
    "project_documents",
    "project_links",
    "project_commitments",
    "project_pillars",
    "project_organizations",
    "project_locations",
    "project_fundings",
    "projects",
    "exchange_rates",
  ]) {
    await sql`drop table if exists ${sql.table(t)} cascade`.execute(db);
  }
}
