import { type Kysely, sql } from "kysely";

/**
 * Digests (issue 20): each user's choice (frequency and subjects), the runs of a period, and one row per user
 * and period that a sender claims before it sends, so two instances never send the same digest twice and a
 * crashed run resumes where it stopped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table digest_subscriptions (
      user_id uuid primary key references users(id) on delete cascade,
      frequency text not null default 'never' check (frequency in ('weekly', 'monthly', 'never')),
      pillars integer[] not null default '{}',
      countries text[] not null default '{}',
      modules text[] not null default '{}',
      -- Bumped on every unsubscribe: the signed links issued before it stop working (revocation).
      link_version integer not null default 1,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index digest_subscriptions_frequency_idx on digest_subscriptions (frequency, user_id)
    where frequency <> 'never'`.execute(db);
  await sql`
    create table digest_runs (
      id uuid primary key default gen_random_uuid(),
      frequency text not null check (frequency in ('weekly', 'monthly')),
      period text not null,
      since timestamptz not null,
      until timestamptz not null,
      status text not null default 'queued' check (status in ('queued', 'sending', 'done')),
      manual boolean not null default false,
      job_id uuid references jobs(id) on delete set null,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      unique (frequency, period)
    )`.execute(db);
  await sql`create index digest_runs_job_idx on digest_runs (job_id)`.execute(db);
  await sql`
    create table digest_deliveries (
      id uuid primary key default gen_random_uuid(),
      run_id uuid not null references digest_runs(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      period text not null,
      status text not null default 'claimed' check (status in ('claimed', 'sent', 'empty', 'failed')),
      claimed_by text,
      claimed_at timestamptz not null default now(),
      since timestamptz not null,
      until timestamptz not null,
      counts jsonb not null default '{}',
      message_id text,
      error text,
      sent_at timestamptz,
      -- Once per user per period, whichever instance claims it first.
      unique (user_id, period)
    )`.execute(db);
  await sql`create index digest_deliveries_run_idx on digest_deliveries (run_id, status)`.execute(db);
  await sql`create index digest_deliveries_last_idx on digest_deliveries (user_id, until desc)
    where status in ('sent', 'empty')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table digest_deliveries`.execute(db);
  await sql`drop table digest_runs`.execute(db);
  await sql`drop table digest_subscriptions`.execute(db);
}
