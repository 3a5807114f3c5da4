import { type Kysely, sql } from "kysely";
import type { DigestModule, SentFrequency } from "../../../common/digests.js";
import type { DB } from "../../db/schema.js";

export interface SubscriptionValues {
  frequency: "weekly" | "monthly" | "never";
  pillars: number[];
  countries: string[];
  modules: DigestModule[];
}

export interface ClaimRow {
  userId: string;
  since: Date;
  until: Date;
}

/** All SQL of the digests: subscriptions, runs, and the per-user, per-period deliveries. */
export class DigestsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  subscription(userId: string) {
    return this.db.selectFrom("digest_subscriptions").selectAll().where("user_id", "=", userId).executeTakeFirst();
  }

  saveSubscription(userId: string, v: SubscriptionValues) {
    const values = {
      frequency: v.frequency,
      pillars: sql<number[]>`${v.pillars}::integer[]`,
      countries: sql<string[]>`${v.countries}::text[]`,
      modules: sql<string[]>`${v.modules}::text[]`,
      updated_at: sql<Date>`now()`,
    };
    return this.db
      .insertInto("digest_subscriptions")
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Sets `never` and bumps the link version, only while the link's version is current (revocation). */
  unsubscribe(userId: string, linkVersion: number) {
    return this.db
      .updateTable("digest_subscriptions")
      .set((eb) => ({ frequency: "never", link_version: eb("link_version", "+", 1), updated_at: sql`now()` }))
      .where("user_id", "=", userId)
      .where("link_version", "=", linkVersion)
      .returning(["user_id"])
      .executeTakeFirst();
  }

  lastSentAt(userId: string) {
    return this.db
      .selectFrom("digest_deliveries")
      .select((eb) => eb.fn.max("sent_at").as("at"))
      .where("user_id", "=", userId)
      .where("status", "=", "sent")
      .executeTakeFirst();
  }

  /** The run of a period, created once whoever asks first (another instance, the schedule, a coordinator). */
  openRun(values: {
    frequency: SentFrequency;
    period: string;
    since: Date;
    until: Date;
    manual: boolean;
    createdBy: string | null;
  }) {
    return this.db
      .insertInto("digest_runs")
      .values({
        frequency: values.frequency,
        period: values.period,
        since: values.since,
        until: values.until,
        manual: values.manual,
        created_by: values.createdBy,
      })
      .onConflict((oc) => oc.columns(["frequency", "period"]).doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  setRunJob(runId: string, jobId: string) {
    return this.db.updateTable("digest_runs").set({ job_id: jobId }).where("id", "=", runId).execute();
  }

  findRun(id: string) {
    return this.db.selectFrom("digest_runs").selectAll().where("id", "=", id).executeTakeFirst();
  }

  findRunByPeriod(frequency: SentFrequency, period: string) {
    return this.db
      .selectFrom("digest_runs")
      .selectAll()
      .where("frequency", "=", frequency)
      .where("period", "=", period)
      .executeTakeFirst();
  }

  setRunStatus(id: string, status: "sending" | "done") {
    return this.db
      .updateTable("digest_runs")
      .set({ status, finished_at: status === "done" ? sql`now()` : null })
      .where("id", "=", id)
      .execute();
  }

  private runsWithCounts() {
    const counted = (status: string) =>
      sql<number>`(select count(*) from digest_deliveries d where d.run_id = r.id and d.status = ${status})::int`;
    return this.db
      .selectFrom("digest_runs as r")
      .selectAll("r")
      .select([
        counted("sent").as("sent"),
        counted("empty").as("empty"),
        counted("failed").as("failed"),
        counted("claimed").as("pending"),
      ]);
  }

  runWithCounts(id: string) {
    return this.runsWithCounts().where("r.id", "=", id).executeTakeFirst();
  }

  async listRuns(page: { limit: number; offset: number }) {
    const [items, total] = await Promise.all([
      this.runsWithCounts().orderBy("r.until", "desc").orderBy("r.id").limit(page.limit).offset(page.offset).execute(),
      this.db
        .selectFrom("digest_runs")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.n) };
  }

  /** Runs not done whose last claim is older than `staleBefore` (or that never claimed anyone), of the last 35 days. */
  unfinishedRuns(staleBefore: Date) {
    return this.db
      .selectFrom("digest_runs as r")
      .select(["r.id", "r.period", "r.job_id"])
      .where("r.status", "!=", "done")
      .where("r.created_at", ">", sql<Date>`now() - interval '35 days'`)
      .where("r.created_at", "<", staleBefore)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("digest_deliveries as d")
              .select("d.id")
              .whereRef("d.run_id", "=", "r.id")
              .where("d.status", "=", "claimed")
              .where("d.claimed_at", ">=", staleBefore),
          ),
        ),
      )
      .execute();
  }

  /** Replaces the run's job when it is still `expected`: one instance wins when several resume at once. */
  async swapRunJob(id: string, expected: string | null, jobId: string): Promise<boolean> {
    const result = await this.db
      .updateTable("digest_runs")
      .set({ job_id: jobId, status: "queued" })
      .where("id", "=", id)
      .where((eb) => (expected === null ? eb("job_id", "is", null) : eb("job_id", "=", expected)))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** A run queued again (resume): it is sending until its job finds nothing left. */
  reopenRun(id: string, jobId: string) {
    return this.db
      .updateTable("digest_runs")
      .set({ job_id: jobId, status: "queued", finished_at: null })
      .where("id", "=", id)
      .execute();
  }

  user(userId: string) {
    return this.db.selectFrom("users").select(["email", "language"]).where("id", "=", userId).executeTakeFirst();
  }

  async listDeliveries(runId: string, query: { status?: string | undefined; limit: number; offset: number }) {
    const base = this.db
      .selectFrom("digest_deliveries as d")
      .innerJoin("users as u", "u.id", "d.user_id")
      .where("d.run_id", "=", runId)
      .$if(query.status !== undefined, (q) => q.where("d.status", "=", query.status as "sent"));
    const [items, total] = await Promise.all([
      base
        .select([
          "d.id",
          "d.user_id",
          "d.status",
          "d.counts",
          "d.since",
          "d.until",
          "d.sent_at",
          "d.error",
          "u.email",
          "u.display_name",
          "u.language",
        ])
        .orderBy("u.email")
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.n) };
  }

  countSubscribers(frequency: SentFrequency) {
    return this.db
      .selectFrom("digest_subscriptions as s")
      .innerJoin("users as u", "u.id", "s.user_id")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("s.frequency", "=", frequency)
      .where("u.status", "=", "active")
      .executeTakeFirstOrThrow();
  }

  /** Active subscribers of a frequency after `after` (keyset by user id), with what the digest needs of them. */
  subscribersPage(frequency: SentFrequency, after: string | null, limit: number) {
    return this.db
      .selectFrom("digest_subscriptions as s")
      .innerJoin("users as u", "u.id", "s.user_id")
      .select([
        "u.id",
        "u.email",
        "u.display_name",
        "u.role",
        "u.partner_code",
        "u.language",
        "s.pillars",
        "s.countries",
        "s.modules",
        "s.link_version",
      ])
      .where("s.frequency", "=", frequency)
      .where("u.status", "=", "active")
      .$if(after !== null, (q) => q.where("u.id", ">", after as string))
      .orderBy("u.id")
      .limit(limit)
      .execute();
  }

  /** When each user's last digest (sent, or found empty) ended. */
  async lastUntil(userIds: readonly string[]): Promise<Map<string, Date>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("digest_deliveries")
      .select(["user_id", (eb) => eb.fn.max("until").as("until")])
      .where("user_id", "in", [...userIds])
      .where("status", "in", ["sent", "empty"])
      .groupBy("user_id")
      .execute();
    return new Map(rows.map((r) => [r.user_id, new Date(r.until as Date)]));
  }

  /**
   * Claims the period's delivery of each user, in one statement: the unique (user, period) row lets one claim
   * win, whichever instance or worker asks. Returns the users claimed here.
   */
  async claim(runId: string, period: string, rows: readonly ClaimRow[], workerId: string): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const claimed = await this.db
      .insertInto("digest_deliveries")
      .values(
        rows.map((r) => ({
          run_id: runId,
          user_id: r.userId,
          period,
          since: r.since,
          until: r.until,
          claimed_by: workerId,
        })),
      )
      .onConflict((oc) => oc.columns(["user_id", "period"]).doNothing())
      .returning("user_id")
      .execute();
    return new Set(claimed.map((r) => r.user_id));
  }

  /**
   * Takes over deliveries of these users left claimed by a worker that stopped (a crash) or that failed: a
   * resumed run sends them. A claim younger than `staleBefore` belongs to a live worker and is left alone.
   */
  async reclaim(period: string, userIds: readonly string[], workerId: string, staleBefore: Date): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.db
      .updateTable("digest_deliveries")
      .set({ claimed_by: workerId, claimed_at: sql`now()`, status: "claimed", error: null })
      .where("period", "=", period)
      .where("user_id", "in", [...userIds])
      .where((eb) =>
        eb.or([
          eb("status", "=", "failed"),
          eb.and([eb("status", "=", "claimed"), eb("claimed_at", "<", staleBefore)]),
        ]),
      )
      .returning("user_id")
      .execute();
    return new Set(rows.map((r) => r.user_id));
  }

  /** Records the outcome, only while this worker still holds the claim. */
  finish(
    period: string,
    userId: string,
    workerId: string,
    outcome: {
      status: "sent" | "empty" | "failed";
      counts: Record<string, number>;
      messageId?: string;
      error?: string;
    },
  ) {
    return this.db
      .updateTable("digest_deliveries")
      .set({
        status: outcome.status,
        counts: JSON.stringify(outcome.counts),
        message_id: outcome.messageId ?? null,
        error: outcome.error ? outcome.error.slice(0, 1000) : null,
        sent_at: outcome.status === "sent" ? sql`now()` : null,
      })
      .where("period", "=", period)
      .where("user_id", "=", userId)
      .where("claimed_by", "=", workerId)
      .where("status", "=", "claimed")
      .execute();
  }

  pendingCount(runId: string) {
    return this.db
      .selectFrom("digest_deliveries")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("run_id", "=", runId)
      .where("status", "=", "claimed")
      .executeTakeFirstOrThrow();
  }
}
