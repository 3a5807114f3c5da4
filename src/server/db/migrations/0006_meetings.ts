import { type Kysely, sql } from "kysely";

/** Tables of the consultative mechanism: meetings and participation, recommendations with their lifecycle,
 * implementation reports, stock-taking snapshots, and news. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table meetings (
      id uuid primary key default gen_random_uuid(),
      ref_key text unique,
      kind text not null check (kind in
        ('ministerial_conference','pcgm','ewg','expert_round_table','informal_consultation','training','other')),
      number integer,
      title jsonb not null,
      theme jsonb,
      pillars jsonb not null default '[]'::jsonb,
      host jsonb,
      host_partner_code text,
      city jsonb,
      country text check (country ~ '^[A-Z]{3}$'),
      lat double precision,
      lon double precision,
      start_date text not null check (start_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      end_date text check (end_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      date_precision text not null default 'day' check (date_precision in ('day','month','year')),
      format text check (format in ('in_person','hybrid','virtual')),
      participants integer,
      participants_qualifier text not null default 'exact' check (participants_qualifier in ('exact','over','nearly')),
      in_person_participants integer,
      countries_count integer,
      organizations_count integer,
      agenda jsonb,
      outcome jsonb,
      documents jsonb not null default '[]'::jsonb,
      priority_recommendation_count integer,
      stocktaking boolean not null default false,
      visibility text not null default 'public' check (visibility in ('public','members')),
      provenance jsonb not null default '[]'::jsonb,
      is_demo boolean not null default false,
      created_by uuid references users(id) on delete set null,
      archived_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (end_date is null or end_date >= start_date)
    )`.execute(db);
  await sql`create index meetings_start_idx on meetings (start_date desc)`.execute(db);
  await sql`create index meetings_kind_idx on meetings (kind, start_date)`.execute(db);

  await sql`
    create table meeting_registrations (
      id uuid primary key default gen_random_uuid(),
      meeting_id uuid not null references meetings(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      status text not null check (status in ('requested','approved','declined','cancelled')),
      invited boolean not null default false,
      attendance_mode text not null default 'in_person' check (attendance_mode in ('in_person','remote')),
      list_consent boolean not null default false,
      attended boolean,
      decline_reason text,
      decided_by uuid references users(id) on delete set null,
      decided_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (meeting_id, user_id)
    )`.execute(db);

  await sql`
    create table recommendations (
      id uuid primary key default gen_random_uuid(),
      meeting_id uuid not null references meetings(id),
      number text not null,
      text jsonb not null,
      pillar integer not null check (pillar between 1 and 4),
      themes jsonb not null default '[]'::jsonb,
      commitments jsonb not null default '[]'::jsonb,
      priority boolean not null default false,
      status text not null default 'draft' check (status in
        ('draft','adopted','endorsed','in_progress','implemented','superseded','merged','withdrawn')),
      endorsed_by_meeting_id uuid references meetings(id),
      successor_id uuid references recommendations(id),
      visibility text not null default 'public' check (visibility in ('public','members')),
      search_text text not null default '',
      is_demo boolean not null default false,
      created_by uuid references users(id) on delete set null,
      archived_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (meeting_id, number)
    )`.execute(db);
  await sql`create index recommendations_pillar_idx on recommendations (pillar, status)`.execute(db);
  await sql`create index recommendations_fts_en_idx on recommendations using gin (to_tsvector('english', search_text))`.execute(
    db,
  );
  await sql`create index recommendations_fts_ru_idx on recommendations using gin (to_tsvector('russian', search_text))`.execute(
    db,
  );

  await sql`
    create table recommendation_transitions (
      id uuid primary key default gen_random_uuid(),
      recommendation_id uuid not null references recommendations(id) on delete cascade,
      from_status text,
      to_status text not null,
      effective_on text not null,
      recorded_at timestamptz not null default now(),
      actor_id uuid references users(id) on delete set null,
      actor_name text,
      meeting_id uuid references meetings(id),
      successor_id uuid references recommendations(id),
      note text
    )`.execute(db);
  await sql`create index recommendation_transitions_rec_idx on recommendation_transitions (recommendation_id, recorded_at)`.execute(
    db,
  );

  await sql`
    create table implementation_reports (
      id uuid primary key default gen_random_uuid(),
      recommendation_id uuid not null references recommendations(id) on delete cascade,
      partner_code text not null,
      status text not null check (status in ('not_started','partial','done')),
      narrative jsonb,
      evidence jsonb not null default '[]'::jsonb,
      by_coordinator boolean not null default false,
      reporter_id uuid references users(id) on delete set null,
      reporter_name text,
      reported_at timestamptz not null default now(),
      is_demo boolean not null default false
    )`.execute(db);
  await sql`create index implementation_reports_rec_idx on implementation_reports (recommendation_id, partner_code, reported_at desc)`.execute(
    db,
  );

  await sql`
    create table stocktaking_snapshots (
      id uuid primary key default gen_random_uuid(),
      meeting_id uuid not null references meetings(id),
      pillar integer not null check (pillar between 1 and 4),
      taken_at timestamptz not null default now(),
      taken_by uuid references users(id) on delete set null,
      taken_by_name text,
      items jsonb not null,
      unique (meeting_id, pillar)
    )`.execute(db);

  await sql`
    create table news_items (
      id uuid primary key default gen_random_uuid(),
      title jsonb not null,
      summary jsonb,
      body jsonb not null,
      pillars jsonb not null default '[]'::jsonb,
      visibility text not null default 'public' check (visibility in ('public','members')),
      meeting_id uuid references meetings(id),
      published_at timestamptz not null default now(),
      author_id uuid references users(id) on delete set null,
      author_name text,
      is_demo boolean not null default false,
      archived_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index news_items_published_idx on news_items (published_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "news_items",
    "stocktaking_snapshots",
    "implementation_reports",
    "recommendation_transitions",
    "recommendations",
    "meeting_registrations",
    "meetings",
  ]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
