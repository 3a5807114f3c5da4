import { type Kysely, sql } from "kysely";
import type { RecommendationListQuery } from "../../../common/meetings.js";
import type { DB } from "../../db/schema.js";
import { insertRow, updateVersioned } from "../../db/versioned.js";
import { escapeLike } from "../../platform/search.js";

type Filter = Omit<RecommendationListQuery, "limit" | "offset">;

/** SQL of recommendations, their transitions and implementation reports. */
export class RecommendationsRepository {
  /** `readDb`: the read replica when DATABASE_READ_URL is set, else the primary; the heatmap and progress charts read it. */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly readDb: Kysely<DB> = db,
  ) {}

  private joined(trx: Kysely<DB> = this.db) {
    return trx
      .selectFrom("recommendations as r")
      .innerJoin("meetings as m", "m.id", "r.meeting_id")
      .leftJoin("meetings as e", "e.id", "r.endorsed_by_meeting_id")
      .where("r.archived_at", "is", null);
  }

  private base(filter: Filter, membersToo: boolean, db: Kysely<DB> = this.db) {
    let q = this.joined(db);
    if (!membersToo) {
      q = q.where("r.visibility", "=", "public").where("m.visibility", "=", "public").where("r.status", "!=", "draft");
    }
    if (filter.meetingId) q = q.where("r.meeting_id", "=", filter.meetingId);
    if (filter.pillar) q = q.where("r.pillar", "=", filter.pillar);
    if (filter.status) q = q.where("r.status", "=", filter.status);
    if (filter.priority) q = q.where("r.priority", "=", filter.priority === "true");
    if (filter.partner) {
      const code = filter.partner.toUpperCase();
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("implementation_reports as ir")
            .select("ir.id")
            .whereRef("ir.recommendation_id", "=", "r.id")
            .where("ir.partner_code", "=", code),
        ),
      );
    }
    if (filter.q) {
      const like = `%${escapeLike(filter.q.toLowerCase())}%`;
      q = q.where(
        sql<boolean>`(to_tsvector('english', r.search_text) @@ websearch_to_tsquery('english', ${filter.q})
          or to_tsvector('russian', r.search_text) @@ websearch_to_tsquery('russian', ${filter.q})
          or lower(r.search_text) like ${like})`,
      );
    }
    return q;
  }

  private columns(q: ReturnType<RecommendationsRepository["joined"]>) {
    return q.selectAll("r").select([
      "m.title as meeting_title",
      "m.start_date as meeting_date",
      "m.visibility as meeting_visibility",
      "e.title as endorsed_title",
      (eb) =>
        eb
          .selectFrom("implementation_reports as ir")
          .whereRef("ir.recommendation_id", "=", "r.id")
          .select((e) => e.fn.countAll<number>().as("n"))
          .as("report_count"),
    ]);
  }

  async list(filter: RecommendationListQuery, membersToo: boolean) {
    const base = this.base(filter, membersToo);
    const [items, count] = await Promise.all([
      this.columns(base)
        .orderBy("m.start_date", "desc")
        .orderBy(sql`length(r.number)`)
        .orderBy("r.number")
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  }

  listAll(filter: Filter, membersToo: boolean, limit = 100_000, db: Kysely<DB> = this.db) {
    return this.columns(this.base(filter, membersToo, db))
      .orderBy("m.start_date", "desc")
      .orderBy(sql`length(r.number)`)
      .orderBy("r.number")
      .limit(limit)
      .execute();
  }

  find(id: string, trx: Kysely<DB> = this.db) {
    return this.columns(this.joined(trx).where("r.id", "=", id)).executeTakeFirst();
  }

  insert(trx: Kysely<DB>, values: Record<string, unknown>) {
    return insertRow(trx, "recommendations", values);
  }

  update(trx: Kysely<DB>, id: string, expectedVersion: number, values: Record<string, unknown>) {
    return updateVersioned(trx, "recommendations", { id, expectedVersion, live: true }, values);
  }

  numberTaken(meetingId: string, number: string, exceptId?: string) {
    let q = this.db
      .selectFrom("recommendations")
      .select("id")
      .where("meeting_id", "=", meetingId)
      .where("number", "=", number);
    if (exceptId) q = q.where("id", "!=", exceptId);
    return q.executeTakeFirst();
  }

  insertTransition(
    trx: Kysely<DB>,
    values: {
      recommendation_id: string;
      from_status: string | null;
      to_status: string;
      effective_on: string;
      actor_id: string | null;
      actor_name: string | null;
      meeting_id?: string | null;
      successor_id?: string | null;
      note?: string | null;
    },
  ) {
    return trx.insertInto("recommendation_transitions").values(values).execute();
  }

  /** The date of the latest step of a recommendation's lifecycle (its adoption included). */
  async lastTransitionOn(trx: Kysely<DB>, recommendationId: string): Promise<string | null> {
    const row = await trx
      .selectFrom("recommendation_transitions")
      .select((eb) => eb.fn.max("effective_on").as("on"))
      .where("recommendation_id", "=", recommendationId)
      .executeTakeFirst();
    return row?.on ? String(row.on) : null;
  }

  transitions(recommendationId: string) {
    return this.db
      .selectFrom("recommendation_transitions as t")
      .leftJoin("meetings as m", "m.id", "t.meeting_id")
      .selectAll("t")
      .select(["m.title as meeting_title"])
      .where("t.recommendation_id", "=", recommendationId)
      .orderBy("t.recorded_at")
      .execute();
  }

  insertReport(trx: Kysely<DB>, values: Record<string, unknown>) {
    return trx
      .insertInto("implementation_reports")
      .values(values as never)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  reports(recommendationId: string) {
    return this.db
      .selectFrom("implementation_reports")
      .selectAll()
      .where("recommendation_id", "=", recommendationId)
      .orderBy("reported_at", "desc")
      .execute();
  }

  /** Every report of the given recommendations, oldest first (for the heatmap, progress and snapshots). */
  reportsOf(recommendationIds: string[], trx: Kysely<DB> = this.db) {
    if (recommendationIds.length === 0) return Promise.resolve([]);
    return trx
      .selectFrom("implementation_reports")
      .select(["recommendation_id", "partner_code", "status", "reported_at"])
      .where("recommendation_id", "in", recommendationIds)
      .orderBy("reported_at")
      .execute();
  }

  /** The recommendations and their reports for the heatmap and progress charts, read on the replica. */
  async forAnalysis(filter: Filter, membersToo: boolean, limit: number) {
    const recs = await this.listAll(filter, membersToo, limit, this.readDb);
    return {
      recs,
      reports: await this.reportsOf(
        recs.map((r) => r.id),
        this.readDb,
      ),
    };
  }

  /** Recommendations of a pillar as they stand now (for a stock-taking snapshot); drafts and archived left out. */
  ofPillar(trx: Kysely<DB>, pillar: number) {
    return trx
      .selectFrom("recommendations as r")
      .innerJoin("meetings as m", "m.id", "r.meeting_id")
      .select(["r.id", "r.number", "r.text", "r.status", "m.start_date"])
      .where("r.pillar", "=", pillar)
      .where("r.archived_at", "is", null)
      .where("r.status", "!=", "draft")
      .orderBy("m.start_date")
      .orderBy(sql`length(r.number)`)
      .orderBy("r.number")
      .execute();
  }

  removeDemo() {
    return this.db.deleteFrom("recommendations").where("is_demo", "=", true).executeTakeFirst();
  }
}
