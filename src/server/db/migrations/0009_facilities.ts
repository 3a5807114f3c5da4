import { type Kysely, sql } from "kysely";

/** Treatment facilities (UNODC/WHO International Standards) and their quality self-assessments. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table facilities (
      id uuid primary key default gen_random_uuid(),
      name jsonb not null,
      name_original text,
      org_type text check (org_type in ('public','ngo','private')),
      country text not null check (country ~ '^[A-Z]{3}$'),
      region text,
      city text,
      address text,
      postcode text,
      latitude double precision check (latitude between -90 and 90),
      longitude double precision check (longitude between -180 and 180),
      phone text,
      email text,
      website text,
      contact_person text,
      modalities jsonb not null default '[]'::jsonb,
      services jsonb not null default '[]'::jsonb,
      populations jsonb not null default '[]'::jsonb,
      languages jsonb not null default '[]'::jsonb,
      capacity integer check (capacity >= 0),
      patients_per_year integer check (patients_per_year >= 0),
      accreditation text,
      last_verified date,
      sharing text not null default 'public' check (sharing in ('public','restricted')),
      source text,
      demo boolean not null default false,
      created_by uuid references users(id) on delete set null,
      archived_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((latitude is null) = (longitude is null))
    )`.execute(db);
  await sql`create index facilities_country_idx on facilities (country) where archived_at is null`.execute(db);
  await sql`create index facilities_modalities_idx on facilities using gin (modalities)`.execute(db);
  await sql`create index facilities_services_idx on facilities using gin (services)`.execute(db);
  await sql`
    create table facility_assessments (
      id uuid primary key default gen_random_uuid(),
      facility_id uuid not null references facilities(id) on delete cascade,
      modality text not null,
      assessed_on date not null,
      answers jsonb not null,
      met integer not null,
      applicable integer not null,
      score double precision,
      notes text,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index facility_assessments_facility_idx on facility_assessments (facility_id, modality, assessed_on desc)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists facility_assessments`.execute(db);
  await sql`drop table if exists facilities`.execute(db);
}
