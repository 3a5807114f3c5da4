import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import { updateVersioned } from "../../db/versioned.js";

/** The SQL of managing schedules from the web: pause, "send now", and the coordinators' list of every schedule. */
export class ReportControlsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  setPaused(id: string, version: number, paused: boolean, db: Kysely<DB> = this.db) {
    return updateVersioned(
      db,
      "report_schedules",
      { id, expectedVersion: version, live: true },
      { paused_at: paused ? sql`now()` : null },
    );
  }

  /** Manual runs of the schedule since `since` (the "send now" limit counts them). */
  async manualRunsSince(scheduleId: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
    const row = await this.db
      .selectFrom("report_runs")
      .select((eb) => [eb.fn.countAll<string>().as("n"), eb.fn.min("created_at").as("oldest")])
      .where("schedule_id", "=", scheduleId)
      .where("manual", "=", true)
      .where("created_at", ">=", since)
      .executeTakeFirst();
    return { count: Number(row?.n ?? 0), oldest: row?.oldest ? new Date(row.oldest as Date) : null };
  }

  /** A manual run (its own period key, so it never takes the place of the scheduled one), with its job. */
  openManualRun(
    values: { scheduleId: string; period: string; recipientIds: string[]; requestedBy: string },
    db: Kysely<DB> = this.db,
  ) {
    return db
      .insertInto("report_runs")
      .values({
        schedule_id: values.scheduleId,
        period: values.period,
        manual: true,
        recipient_ids: sql`${values.recipientIds}::uuid[]`,
        requested_by: values.requestedBy,
      })
      .onConflict((oc) => oc.columns(["schedule_id", "period"]).doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  setRunJob(runId: string, jobId: string, db: Kysely<DB> = this.db) {
    return db.updateTable("report_runs").set({ job_id: jobId }).where("id", "=", runId).execute();
  }

  /** Every schedule that is not deleted, newest first, with its item's name and owner. */
  async page(status: "all" | "failing" | "paused", limit: number, offset: number) {
    let q = this.db
      .selectFrom("report_schedules as s")
      .leftJoin("saved_analyses as a", "a.id", "s.analysis_id")
      .leftJoin("dashboards as d", "d.id", "s.dashboard_id")
      .innerJoin("users as o", (j) => j.on(sql<boolean>`o.id = coalesce(a.owner_id, d.owner_id)`))
      .where("s.archived_at", "is", null);
    if (status === "paused") q = q.where("s.paused_at", "is not", null);
    if (status === "failing") {
      q = q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom("report_sends as f")
            .select("f.id")
            .whereRef("f.schedule_id", "=", "s.id")
            .where("f.status", "=", "failed")
            .where("f.claimed_at", ">", sql<Date>`now() - interval '35 days'`),
        ),
      );
    }
    const [rows, total] = await Promise.all([
      q
        .selectAll("s")
        .select([
          sql<string>`coalesce(a.name, d.name)`.as("target_name"),
          "o.id as owner_id",
          "o.display_name as owner_name",
        ])
        .orderBy("s.created_at", "desc")
        .orderBy("s.id")
        .limit(limit)
        .offset(offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirst(),
    ]);
    return { rows, total: Number(total?.n ?? 0) };
  }

  /** The newest run of each schedule with how its sends ended. */
  lastRuns(scheduleIds: readonly string[]) {
    if (!scheduleIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom((eb) =>
        eb
          .selectFrom("report_runs")
          .select(["id", "schedule_id", "period", "manual", "created_at"])
          .distinctOn("schedule_id")
          .where("schedule_id", "in", scheduleIds)
          .orderBy("schedule_id")
          .orderBy("created_at", "desc")
          .as("r"),
      )
      .leftJoin("report_sends as x", "x.run_id", "r.id")
      .select([
        "r.schedule_id",
        "r.period",
        "r.manual",
        "r.created_at",
        sql<string>`count(*) filter (where x.status = 'sent')`.as("sent"),
        sql<string>`count(*) filter (where x.status = 'failed')`.as("failed"),
        sql<string>`count(*) filter (where x.status = 'dropped')`.as("dropped"),
        sql<string>`count(*) filter (where x.status = 'claimed')`.as("pending"),
      ])
      .groupBy(["r.schedule_id", "r.period", "r.manual", "r.created_at"])
      .execute();
  }

  /** The newest failed send of each schedule. */
  lastFailures(scheduleIds: readonly string[]) {
    if (!scheduleIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom("report_sends as f")
      .innerJoin("users as u", "u.id", "f.user_id")
      .select(["f.schedule_id", "f.claimed_at", "f.reason", "u.display_name"])
      .distinctOn("f.schedule_id")
      .where("f.schedule_id", "in", scheduleIds)
      .where("f.status", "=", "failed")
      .orderBy("f.schedule_id")
      .orderBy("f.claimed_at", "desc")
      .execute();
  }
}
