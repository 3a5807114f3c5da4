import { type Kysely, sql } from "kysely";

/**
 * Scheduled reports (issue 20, part 4): a saved analysis or dashboard mailed as PDF or XLSX on a schedule to its
 * owner or to listed members. A run is one row per schedule and period (the first instance to insert it queues
 * the job); a send is one row per schedule, recipient and period, claimed before the mail goes out, so a recipient
 * gets one report per period whatever the number of instances.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_schedules (
      id uuid primary key default gen_random_uuid(),
      target_type text not null check (target_type in ('analysis', 'dashboard')),
      analysis_id uuid references saved_analyses(id),
      dashboard_id uuid references dashboards(id),
      format text not null check (format in ('pdf', 'xlsx')),
      frequency text not null check (frequency in ('weekly', 'monthly')),
      -- weekly: ISO weekday 1 (Monday) to 7; monthly: day of the month 1 to 28.
      day smallint not null check (day between 1 and 28),
      recipient_ids uuid[] not null check (cardinality(recipient_ids) between 1 and 50),
      created_by uuid not null references users(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      archived_at timestamptz,
      check ((target_type = 'analysis') = (analysis_id is not null)),
      check ((target_type = 'dashboard') = (dashboard_id is not null)),
      check (frequency <> 'weekly' or day <= 7)
    )`.execute(db);
  await sql`create index report_schedules_analysis_idx on report_schedules (analysis_id) where archived_at is null`.execute(
    db,
  );
  await sql`create index report_schedules_dashboard_idx on report_schedules (dashboard_id) where archived_at is null`.execute(
    db,
  );
  await sql`
    create table report_runs (
      id uuid primary key default gen_random_uuid(),
      schedule_id uuid not null references report_schedules(id),
      period text not null,
      manual boolean not null default false,
      job_id uuid,
      created_at timestamptz not null default now(),
      unique (schedule_id, period)
    )`.execute(db);
  await sql`
    create table report_sends (
      id uuid primary key default gen_random_uuid(),
      schedule_id uuid not null references report_schedules(id),
      run_id uuid not null references report_runs(id),
      user_id uuid not null references users(id),
      period text not null,
      status text not null check (status in ('claimed', 'sent', 'failed', 'dropped')),
      -- Why a recipient got nothing: no_access, not_eligible, inactive, or the error of a failed send.
      reason text,
      claimed_by text not null,
      claimed_at timestamptz not null default now(),
      sent_at timestamptz,
      message_id text,
      unique (schedule_id, user_id, period)
    )`.execute(db);
  await sql`create index report_sends_schedule_idx on report_sends (schedule_id, claimed_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table report_sends`.execute(db);
  await sql`drop table report_runs`.execute(db);
  await sql`drop table report_schedules`.execute(db);
}
