import { type Kysely, sql } from "kysely";
import type { Role } from "../../../common/platform.js";
import type { DB } from "../../db/schema.js";
import { updateVersioned } from "../../db/versioned.js";

export interface ScheduleValues {
  format: "pdf" | "xlsx";
  frequency: "weekly" | "monthly";
  day: number;
  recipient_ids: string[];
}

/** All SQL of the scheduled reports: schedules, runs (one per schedule and period), sends (one per recipient). */
export class ReportsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private schedules() {
    return this.db.selectFrom("report_schedules").selectAll().where("archived_at", "is", null);
  }

  findSchedule(id: string) {
    return this.schedules().where("id", "=", id).executeTakeFirst();
  }

  schedulesOf(type: "analysis" | "dashboard", targetId: string) {
    return this.schedules()
      .where(type === "analysis" ? "analysis_id" : "dashboard_id", "=", targetId)
      .orderBy("created_at")
      .limit(100)
      .execute();
  }

  /** The schedules to check: not deleted nor paused, of an analysis or dashboard that is not archived either. */
  activeSchedules() {
    return this.schedules()
      .where("paused_at", "is", null)
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom("saved_analyses as a")
              .select("a.id")
              .whereRef("a.id", "=", "report_schedules.analysis_id")
              .where("a.archived_at", "is", null),
          ),
          eb.exists(
            eb
              .selectFrom("dashboards as d")
              .select("d.id")
              .whereRef("d.id", "=", "report_schedules.dashboard_id")
              .where("d.archived_at", "is", null),
          ),
        ]),
      )
      .orderBy("id")
      .execute();
  }

  insertSchedule(
    values: ScheduleValues & { target_type: "analysis" | "dashboard"; target_id: string; created_by: string },
    db: Kysely<DB> = this.db,
  ) {
    return db
      .insertInto("report_schedules")
      .values({
        target_type: values.target_type,
        analysis_id: values.target_type === "analysis" ? values.target_id : null,
        dashboard_id: values.target_type === "dashboard" ? values.target_id : null,
        format: values.format,
        frequency: values.frequency,
        day: values.day,
        recipient_ids: sql`${values.recipient_ids}::uuid[]`,
        created_by: values.created_by,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  updateSchedule(id: string, version: number, values: ScheduleValues, db: Kysely<DB> = this.db) {
    return updateVersioned(
      db,
      "report_schedules",
      { id, expectedVersion: version, live: true },
      {
        format: values.format,
        frequency: values.frequency,
        day: values.day,
        recipient_ids: sql`${values.recipient_ids}::uuid[]`,
      },
    );
  }

  archiveSchedule(id: string, version: number, db: Kysely<DB> = this.db) {
    return db
      .updateTable("report_schedules")
      .set((eb) => ({ archived_at: sql`now()`, version: eb("version", "+", 1) }))
      .where("id", "=", id)
      .where("version", "=", version)
      .where("archived_at", "is", null)
      .returningAll()
      .executeTakeFirst();
  }

  users(ids: readonly string[]) {
    if (!ids.length) return Promise.resolve([]);
    return this.db
      .selectFrom("users")
      .select(["id", "email", "display_name", "role", "partner_code", "language", "status"])
      .where("id", "in", ids)
      .execute();
  }

  /**
   * Active users whose name contains `q` who may open an item of this visibility: the roles that open everything
   * (`rolesReadingAll`), the owner, everyone for `members`, the owner's partner for `partner`. Names only.
   */
  candidates(
    q: string,
    item: { ownerId: string; visibility: string; partnerCode: string | null },
    rolesReadingAll: readonly Role[],
    limit: number,
  ) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.db
      .selectFrom("users")
      .select(["id", "display_name"])
      .where("status", "=", "active")
      .where("display_name", "ilike", pattern)
      .where((eb) =>
        eb.or([
          ...(rolesReadingAll.length ? [eb("role", "in", rolesReadingAll)] : []),
          eb("id", "=", item.ownerId),
          ...(item.visibility === "members" ? [eb.lit(true)] : []),
          ...(item.visibility === "partner" && item.partnerCode ? [eb("partner_code", "=", item.partnerCode)] : []),
        ]),
      )
      .orderBy("display_name")
      .orderBy("id")
      .limit(limit)
      .execute();
  }

  /** The run of a schedule's period, created once whoever asks first (the check of any instance, a manual send). */
  openRun(scheduleId: string, period: string, manual: boolean) {
    return this.db
      .insertInto("report_runs")
      .values({ schedule_id: scheduleId, period, manual })
      .onConflict((oc) => oc.columns(["schedule_id", "period"]).doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Runs of the last 35 days with a recipient still claimed since before `staleBefore` whose job is no longer queued
   * or running: a worker stopped between the claim and the outcome.
   */
  stalledRuns(staleBefore: Date) {
    return this.db
      .selectFrom("report_runs as r")
      .leftJoin("jobs as j", "j.id", "r.job_id")
      .select(["r.id", "r.job_id"])
      .where("r.created_at", ">", sql<Date>`now() - interval '35 days'`)
      .where((eb) => eb.or([eb("j.id", "is", null), eb("j.status", "not in", ["queued", "running"])]))
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom("report_sends as s")
            .select("s.id")
            .whereRef("s.run_id", "=", "r.id")
            .where("s.status", "=", "claimed")
            .where("s.claimed_at", "<", staleBefore),
        ),
      )
      .execute();
  }

  /** Gives the run a new job if its job is still `expected`: one instance wins when several resume at once. */
  async swapRunJob(id: string, expected: string | null, jobId: string, db: Kysely<DB> = this.db): Promise<boolean> {
    const result = await db
      .updateTable("report_runs")
      .set({ job_id: jobId })
      .where("id", "=", id)
      .where((eb) => (expected === null ? eb("job_id", "is", null) : eb("job_id", "=", expected)))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  setRunJob(runId: string, jobId: string) {
    return this.db.updateTable("report_runs").set({ job_id: jobId }).where("id", "=", runId).execute();
  }

  findRun(id: string) {
    return this.db.selectFrom("report_runs").selectAll().where("id", "=", id).executeTakeFirst();
  }

  findRunByPeriod(scheduleId: string, period: string) {
    return this.db
      .selectFrom("report_runs")
      .selectAll()
      .where("schedule_id", "=", scheduleId)
      .where("period", "=", period)
      .executeTakeFirst();
  }

  /**
   * Claims the recipient's send of the period: inserted once (unique schedule, user, period), or taken over when a
   * claim of a worker that stopped is older than `staleBefore`. False: another worker has it or it was done.
   */
  async claim(
    run: { id: string; schedule_id: string; period: string },
    userId: string,
    workerId: string,
    staleBefore: Date,
  ) {
    const inserted = await this.db
      .insertInto("report_sends")
      .values({
        schedule_id: run.schedule_id,
        run_id: run.id,
        user_id: userId,
        period: run.period,
        status: "claimed",
        claimed_by: workerId,
      })
      .onConflict((oc) => oc.columns(["schedule_id", "user_id", "period"]).doNothing())
      .returning(["id"])
      .executeTakeFirst();
    if (inserted) return true;
    const taken = await this.db
      .updateTable("report_sends")
      .set({ claimed_by: workerId, claimed_at: sql`now()` })
      .where("schedule_id", "=", run.schedule_id)
      .where("user_id", "=", userId)
      .where("period", "=", run.period)
      .where("status", "=", "claimed")
      .where("claimed_at", "<", staleBefore)
      .returning(["id"])
      .executeTakeFirst();
    return Boolean(taken);
  }

  finish(
    run: { schedule_id: string; period: string },
    userId: string,
    workerId: string,
    outcome: { status: "sent" | "failed" | "dropped"; reason?: string | null; messageId?: string | null },
  ) {
    return this.db
      .updateTable("report_sends")
      .set({
        status: outcome.status,
        reason: outcome.reason ?? null,
        message_id: outcome.messageId ?? null,
        sent_at: outcome.status === "sent" ? sql`now()` : null,
      })
      .where("schedule_id", "=", run.schedule_id)
      .where("user_id", "=", userId)
      .where("period", "=", run.period)
      .where("claimed_by", "=", workerId)
      .execute();
  }

  sendsOf(scheduleIds: readonly string[]) {
    if (!scheduleIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom("report_sends as s")
      .innerJoin("users as u", "u.id", "s.user_id")
      .select([
        "s.schedule_id",
        "s.user_id",
        "u.display_name",
        "s.period",
        "s.status",
        "s.reason",
        "s.claimed_at",
        "s.sent_at",
      ])
      .where("s.schedule_id", "in", scheduleIds)
      .orderBy("s.claimed_at", "desc")
      .limit(50 * scheduleIds.length)
      .execute();
  }
}
