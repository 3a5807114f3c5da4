import { type Kysely, sql } from "kysely";

/**
 * Sign-in throttling (issue 17) in place of the account lockout that let anyone lock anyone out: failure
 * levels per (account, address) pair, per account and per address, keyed by SHA-256 so unknown addresses
 * typed by strangers are not kept in clear; the (account, address) pairs that signed in successfully; and
 * the "already registered" notices, at most one per address per hour. Rows are keyed the same whether or
 * not an account exists. The old `users.failed_sign_ins` / `locked_until` columns are no longer written.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table auth_attempts (
      scope text not null,
      key_hash text not null,
      account_hash text,
      level double precision not null default 0,
      updated_at timestamptz not null,
      blocked_until timestamptz,
      primary key (scope, key_hash)
    )`.execute(db);
  await sql`create index auth_attempts_account_idx on auth_attempts (account_hash) where account_hash is not null`.execute(
    db,
  );
  await sql`create index auth_attempts_updated_idx on auth_attempts (updated_at)`.execute(db);
  // A lock set by the old lockout would otherwise still show on the user's page though nothing enforces it.
  await sql`update users set failed_sign_ins = 0, locked_until = null where locked_until is not null or failed_sign_ins > 0`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table auth_attempts`.execute(db);
}
