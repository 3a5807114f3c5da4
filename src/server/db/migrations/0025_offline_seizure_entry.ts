import { type Kysely, sql } from "kysely";

/**
 * Offline seizure entry (issue 18).
 * - `sessions.offline_key`: per-session random key material, sealed with the platform's secret key, that the web
 *   app uses to encrypt the seizures an officer enters without a connection (IndexedDB, AES-GCM). It lives and dies
 *   with the session: signing out deletes the row, and with it the only copy of the key.
 * - `seizures.idempotency_key` / `idempotency_hash`: the client's key of a create (header `Idempotency-Key`) and the
 *   SHA-256 of the request it came with, so a repeated POST returns the first record instead of a second one. Unique
 *   per creator: another user's key never finds (or reveals) someone else's record.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sessions add column offline_key text`.execute(db);
  await sql`alter table seizures add column idempotency_key uuid`.execute(db);
  await sql`alter table seizures add column idempotency_hash text`.execute(db);
  await sql`
    create unique index seizures_idempotency_key on seizures (created_by, idempotency_key)
    where idempotency_key is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists seizures_idempotency_key`.execute(db);
  await sql`alter table seizures drop column if exists idempotency_hash`.execute(db);
  await sql`alter table seizures drop column if exists idempotency_key`.execute(db);
  await sql`alter table sessions drop column if exists offline_key`.execute(db);
}
