import { type Kysely, sql } from "kysely";

/**
 * Scheduled reports managed from the web (issue 20, part 4): a schedule can be paused (kept, not checked, until it is
 * resumed), and "send now" opens a manual run to the owner alone or to the list, recorded with who asked and to whom.
 * Saved analyses gain the DMP seizure map and the treatment facilities' statistics as kinds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table report_schedules add column paused_at timestamptz`.execute(db);
  // A manual run's recipients (null: the schedule's own list) and who asked for it.
  await sql`alter table report_runs add column recipient_ids uuid[]`.execute(db);
  await sql`alter table report_runs add column requested_by uuid references users(id)`.execute(db);
  await sql`create index report_runs_requested_by_idx on report_runs (requested_by) where requested_by is not null`.execute(
    db,
  );
  await sql`alter table saved_analyses drop constraint saved_analyses_kind_check`.execute(db);
  await sql`alter table saved_analyses add constraint saved_analyses_kind_check check (kind in
    ('adam.pivot', 'dmp.dashboard', 'trainings.report', 'recommendations.heatmap', 'dmp.map', 'facilities.stats'))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table saved_analyses drop constraint saved_analyses_kind_check`.execute(db);
  await sql`alter table saved_analyses add constraint saved_analyses_kind_check check (kind in
    ('adam.pivot', 'dmp.dashboard', 'trainings.report', 'recommendations.heatmap'))`.execute(db);
  await sql`drop index report_runs_requested_by_idx`.execute(db);
  await sql`alter table report_runs drop column requested_by`.execute(db);
  await sql`alter table report_runs drop column recipient_ids`.execute(db);
  await sql`alter table report_schedules drop column paused_at`.execute(db);
}
