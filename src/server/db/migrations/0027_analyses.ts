import { type Kysely, sql } from "kysely";

/**
 * Saved analyses and composed dashboards (issue 20, parts 2 and 3). An analysis stores the configuration of an
 * existing analysis route (its canonical query), never its figures; a dashboard is an ordered list of tiles, each
 * one analysis with its width and height on a 3-column grid. Coordinators may make a dashboard a role's default.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table saved_analyses (
      id uuid primary key default gen_random_uuid(),
      name text not null check (char_length(name) between 1 and 200),
      kind text not null check (kind in ('adam.pivot', 'dmp.dashboard', 'trainings.report', 'recommendations.heatmap')),
      view text not null check (char_length(view) between 1 and 40),
      config jsonb not null check (jsonb_typeof(config) = 'object'),
      visibility text not null default 'private' check (visibility in ('private', 'partner', 'members')),
      owner_id uuid not null references users(id),
      -- The owner's partner when saved: who "partner" visibility shares with.
      partner_code text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      archived_at timestamptz,
      check (visibility <> 'partner' or partner_code is not null)
    )`.execute(db);
  await sql`create index saved_analyses_owner_idx on saved_analyses (owner_id, updated_at desc)
    where archived_at is null`.execute(db);
  await sql`create index saved_analyses_shared_idx on saved_analyses (visibility, partner_code, updated_at desc)
    where archived_at is null and visibility <> 'private'`.execute(db);
  await sql`
    create table dashboards (
      id uuid primary key default gen_random_uuid(),
      name text not null check (char_length(name) between 1 and 200),
      visibility text not null default 'private' check (visibility in ('private', 'partner', 'members')),
      owner_id uuid not null references users(id),
      partner_code text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      archived_at timestamptz,
      check (visibility <> 'partner' or partner_code is not null)
    )`.execute(db);
  await sql`create index dashboards_owner_idx on dashboards (owner_id, updated_at desc)
    where archived_at is null`.execute(db);
  await sql`create index dashboards_shared_idx on dashboards (visibility, partner_code, updated_at desc)
    where archived_at is null and visibility <> 'private'`.execute(db);
  await sql`
    create table dashboard_tiles (
      id uuid primary key default gen_random_uuid(),
      dashboard_id uuid not null references dashboards(id) on delete cascade,
      analysis_id uuid not null references saved_analyses(id),
      position integer not null check (position >= 0),
      width smallint not null default 1 check (width between 1 and 3),
      height smallint not null default 1 check (height between 1 and 3),
      unique (dashboard_id, position)
    )`.execute(db);
  await sql`create index dashboard_tiles_analysis_idx on dashboard_tiles (analysis_id)`.execute(db);
  await sql`
    create table dashboard_role_defaults (
      role text primary key check (role in ('member', 'focal_point', 'liaison_officer', 'coordinator', 'administrator')),
      dashboard_id uuid not null references dashboards(id) on delete cascade,
      set_by uuid references users(id) on delete set null,
      set_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index dashboard_role_defaults_dashboard_idx on dashboard_role_defaults (dashboard_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table dashboard_role_defaults`.execute(db);
  await sql`drop table dashboard_tiles`.execute(db);
  await sql`drop table dashboards`.execute(db);
  await sql`drop table saved_analyses`.execute(db);
}
