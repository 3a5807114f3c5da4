import { type Kysely, sql } from "kysely";

/**
 * Liaison officers' country scopes (ISO 3166-1 alpha-3), and indexes for the audit-log screen's filters.
 * Focal points are scoped by `users.partner_code`, which already exists.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table user_country_scopes (
      user_id uuid not null references users(id) on delete cascade,
      country_code text not null check (country_code ~ '^[A-Z]{3}$'),
      primary key (user_id, country_code)
    )`.execute(db);
  await sql`create index user_country_scopes_country_idx on user_country_scopes (country_code)`.execute(db);
  await sql`create index audit_log_action_idx on audit_log (action, at desc)`.execute(db);
  await sql`create index users_role_status_idx on users (role, status)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists users_role_status_idx`.execute(db);
  await sql`drop index if exists audit_log_action_idx`.execute(db);
  await sql`drop table if exists user_country_scopes`.execute(db);
}
