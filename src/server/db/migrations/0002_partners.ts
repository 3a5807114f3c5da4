import { type Kysely, sql } from "kysely";

/** Partnership reference tables: partners, pillars and commitments, routes, donors, liaison posts. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table partners (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      kind text not null check (kind in ('country','organization')),
      name jsonb not null,
      listed_as text not null,
      region text,
      since_third_mc boolean not null default false,
      provenance jsonb,
      archived_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table pillars (
      number integer primary key check (number between 1 and 4),
      roman text not null,
      title jsonb not null,
      aims jsonb not null,
      provenance jsonb
    )`.execute(db);
  await sql`
    create table commitments (
      code text primary key,
      pillar integer not null references pillars(number),
      number integer not null,
      text jsonb not null,
      provenance jsonb,
      unique (pillar, number)
    )`.execute(db);
  await sql`
    create table routes (
      code text primary key,
      name jsonb not null,
      description jsonb not null,
      regions jsonb not null default '[]'::jsonb,
      provenance jsonb not null default '[]'::jsonb
    )`.execute(db);
  await sql`
    create table route_countries (
      route_code text not null references routes(code) on delete cascade,
      country_code text not null,
      position integer not null,
      primary key (route_code, country_code)
    )`.execute(db);
  await sql`
    create table donors (
      key text primary key,
      year integer not null,
      partner_code text,
      name jsonb not null,
      provenance jsonb
    )`.execute(db);
  await sql`
    create table liaison_posts (
      code text primary key,
      duty_station jsonb not null,
      country text not null,
      covers jsonb not null default '[]'::jsonb,
      since integer,
      note jsonb not null default '{}'::jsonb,
      provenance jsonb
    )`.execute(db);
  await sql`
    create table programme_components (
      code text primary key,
      name jsonb not null,
      description jsonb not null,
      provenance jsonb
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "programme_components",
    "liaison_posts",
    "donors",
    "route_countries",
    "routes",
    "commitments",
    "pillars",
    "partners",
  ]) {
    await sql`drop table if exists ${sql.table(t)} cascade`.execute(db);
  }
}
