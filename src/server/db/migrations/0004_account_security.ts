import { type Kysely, sql } from "kysely";

/**
 * Account security: TOTP two-factor authentication with recovery codes, the pending second step of a
 * sign-in, password-reset tokens, personal API tokens, and a public id for sessions (the primary key is the
 * SHA-256 of the cookie and is never shown).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table two_factor (
      user_id uuid primary key references users(id) on delete cascade,
      secret text,
      pending_secret text,
      enabled_at timestamptz,
      last_step integer,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`alter table sessions add column public_id uuid not null default gen_random_uuid()`.execute(db);
  await sql`create unique index sessions_public_id_key on sessions (public_id)`.execute(db);

  await sql`
    create table recovery_codes (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      code_hash text not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index recovery_codes_user_idx on recovery_codes (user_id)`.execute(db);

  await sql`
    create table pending_sign_ins (
      id text primary key,
      user_id uuid not null references users(id) on delete cascade,
      attempts integer not null default 0,
      ip text,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index pending_sign_ins_user_idx on pending_sign_ins (user_id)`.execute(db);

  await sql`
    create table password_reset_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      token_hash text not null unique,
      ip text,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    )`.execute(db);
  await sql`create index password_reset_tokens_user_idx on password_reset_tokens (user_id, created_at desc)`.execute(
    db,
  );

  await sql`
    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      name text not null,
      prefix text not null,
      token_hash text not null unique,
      permissions text[] not null,
      expires_at timestamptz not null,
      last_used_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index api_tokens_user_idx on api_tokens (user_id, created_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["api_tokens", "password_reset_tokens", "pending_sign_ins", "recovery_codes", "two_factor"]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
  await sql`drop index if exists sessions_public_id_key`.execute(db);
  await sql`alter table sessions drop column if exists public_id`.execute(db);
}
