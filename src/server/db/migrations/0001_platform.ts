import { type Kysely, sql } from "kysely";

/** Platform tables: accounts and sessions, audit log, revision history, files, jobs, notifications, search. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists unaccent`.execute(db);

  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      display_name text not null,
      password_hash text,
      role text not null check (role in ('member','focal_point','liaison_officer','coordinator','administrator')),
      partner_code text,
      language text not null default 'en' check (language in ('en','ru')),
      status text not null default 'active' check (status in ('pending','active','suspended','archived')),
      must_change_password boolean not null default false,
      failed_sign_ins integer not null default 0,
      locked_until timestamptz,
      last_sign_in_at timestamptz,
      demo boolean not null default false,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index users_email_key on users (lower(email))`.execute(db);

  await sql`
    create table sessions (
      id text primary key,
      user_id uuid not null references users(id) on delete cascade,
      ip text,
      user_agent text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index sessions_user_idx on sessions (user_id)`.execute(db);

  await sql`
    create table audit_log (
      id uuid primary key default gen_random_uuid(),
      at timestamptz not null default now(),
      actor_id uuid,
      actor_label text,
      action text not null,
      object_type text,
      object_id text,
      ip text,
      request_id text,
      details jsonb not null default '{}'::jsonb
    )`.execute(db);
  await sql`create index audit_log_at_idx on audit_log (at desc)`.execute(db);
  await sql`create index audit_log_object_idx on audit_log (object_type, object_id)`.execute(db);
  await sql`create index audit_log_actor_idx on audit_log (actor_id, at desc)`.execute(db);

  await sql`
    create table revisions (
      id uuid primary key default gen_random_uuid(),
      entity_type text not null,
      entity_id text not null,
      version integer not null,
      actor_id uuid,
      at timestamptz not null default now(),
      action text not null,
      changes jsonb not null default '{}'::jsonb,
      snapshot jsonb not null,
      unique (entity_type, entity_id, version)
    )`.execute(db);

  await sql`
    create table files (
      id uuid primary key default gen_random_uuid(),
      sha256 text not null,
      size bigint not null,
      media_type text not null,
      original_name text not null,
      created_by uuid,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index files_sha_idx on files (sha256)`.execute(db);

  await sql`
    create table jobs (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      status text not null default 'queued' check (status in ('queued','running','succeeded','failed','cancelled')),
      payload jsonb not null default '{}'::jsonb,
      progress integer not null default 0,
      total integer,
      message text,
      result jsonb,
      error text,
      attempts integer not null default 0,
      locked_by text,
      heartbeat_at timestamptz,
      created_by uuid,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
  await sql`create index jobs_queue_idx on jobs (status, created_at)`.execute(db);

  await sql`
    create table notifications (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      kind text not null,
      title jsonb not null,
      body jsonb,
      link text,
      created_at timestamptz not null default now(),
      read_at timestamptz,
      emailed_at timestamptz
    )`.execute(db);
  await sql`create index notifications_user_idx on notifications (user_id, created_at desc)`.execute(db);

  await sql`
    create table notification_preferences (
      user_id uuid not null references users(id) on delete cascade,
      kind text not null,
      in_app boolean not null,
      email boolean not null,
      primary key (user_id, kind)
    )`.execute(db);

  await sql`
    create table search_index (
      entity_type text not null,
      entity_id text not null,
      title jsonb not null,
      body text not null default '',
      url text not null,
      access text not null check (access in ('public','members','partner','restricted')),
      partner_code text,
      plain text not null,
      tsv_en tsvector not null,
      tsv_ru tsvector not null,
      updated_at timestamptz not null default now(),
      primary key (entity_type, entity_id)
    )`.execute(db);
  await sql`create index search_index_en_idx on search_index using gin (tsv_en)`.execute(db);
  await sql`create index search_index_ru_idx on search_index using gin (tsv_ru)`.execute(db);
  await sql`create index search_index_trgm_idx on search_index using gin (plain gin_trgm_ops)`.execute(db);

  await sql`
    create table settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "settings",
    "search_index",
    "notification_preferences",
    "notifications",
    "jobs",
    "files",
    "revisions",
    "audit_log",
    "sessions",
    "users",
  ]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
}
