import { type Kysely, sql } from "kysely";
import { ACCESS_POLICY_V1, TERMS_OF_USE_V1 } from "../../modules/registrations/terms-v1.js";

/** Registration with approval (requests and their history) and the versioned terms of use and access policy. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table registrations (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      display_name text not null,
      partner_code text not null,
      agency text not null,
      position text not null,
      work_phone text not null,
      reason text not null,
      language text not null check (language in ('en','ru')),
      password_hash text,
      accepted_terms jsonb not null default '[]'::jsonb,
      status text not null default 'unconfirmed'
        check (status in ('unconfirmed','pending','approved','rejected','expired')),
      token_hash text,
      token_expires_at timestamptz,
      confirmed_at timestamptz,
      submitted_at timestamptz,
      reminded_at timestamptz,
      vouch text check (vouch in ('vouched','declined')),
      vouched_by uuid references users(id) on delete set null,
      vouched_by_name text,
      vouched_at timestamptz,
      vouch_comment text,
      decided_at timestamptz,
      decided_by uuid references users(id) on delete set null,
      decided_by_name text,
      decision_reason text,
      approved_role text,
      user_id uuid references users(id) on delete set null,
      ip text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // One open request per address: a second one races into this index and gets 409.
  await sql`create unique index registrations_open_email_key on registrations (lower(email))
    where status in ('unconfirmed','pending')`.execute(db);
  await sql`create unique index registrations_token_key on registrations (token_hash)`.execute(db);
  await sql`create index registrations_queue_idx on registrations (status, submitted_at)`.execute(db);
  await sql`create index registrations_partner_idx on registrations (partner_code, status)`.execute(db);

  await sql`
    create table registration_events (
      id uuid primary key default gen_random_uuid(),
      registration_id uuid not null references registrations(id) on delete cascade,
      at timestamptz not null default now(),
      actor_id uuid,
      actor_label text,
      event text not null,
      from_status text,
      to_status text,
      details jsonb not null default '{}'::jsonb
    )`.execute(db);
  await sql`create index registration_events_reg_idx on registration_events (registration_id, at)`.execute(db);

  await sql`
    create table terms_versions (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('terms','access_policy')),
      version integer not null,
      title jsonb not null,
      body jsonb not null,
      published_at timestamptz not null default now(),
      published_by uuid references users(id) on delete set null,
      unique (kind, version)
    )`.execute(db);

  await sql`
    create table terms_acceptances (
      user_id uuid not null references users(id) on delete cascade,
      terms_version_id uuid not null references terms_versions(id),
      accepted_at timestamptz not null default now(),
      ip text,
      primary key (user_id, terms_version_id)
    )`.execute(db);

  for (const [kind, doc] of [
    ["terms", TERMS_OF_USE_V1],
    ["access_policy", ACCESS_POLICY_V1],
  ] as const) {
    await sql`insert into terms_versions (kind, version, title, body)
      values (${kind}, 1, ${JSON.stringify(doc.title)}::jsonb, ${JSON.stringify(doc.body)}::jsonb)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["terms_acceptances", "terms_versions", "registration_events", "registrations"]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
}
