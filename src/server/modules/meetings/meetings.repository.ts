import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { MeetingListQuery } from "../../../common/meetings.js";
import type { DB } from "../../db/schema.js";
import { insertRow, updateVersioned } from "../../db/versioned.js";
import { escapeLike } from "../../platform/search.js";

export type MeetingRow = Awaited<ReturnType<MeetingsRepository["findMeeting"]>> & {};
export type RegistrationRow = NonNullable<Awaited<ReturnType<MeetingsRepository["findRegistration"]>>>;

/** The live recommendations of the meeting. */
function recommendationCount(eb: ExpressionBuilder<DB, "meetings">) {
  return eb
    .selectFrom("recommendations")
    .whereRef("recommendations.meeting_id", "=", "meetings.id")
    .where("recommendations.archived_at", "is", null)
    .select((e) => e.fn.countAll<number>().as("n"))
    .as("recommendation_count");
}

/** SQL of meetings, participation and stock-taking snapshots. */
export class MeetingsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private filtered(filter: Omit<MeetingListQuery, "limit" | "offset" | "order">, membersToo: boolean) {
    let q = this.db.selectFrom("meetings").where("archived_at", "is", null);
    if (!membersToo) q = q.where("visibility", "=", "public");
    if (filter.kind) q = q.where("kind", "=", filter.kind);
    if (filter.pillar) q = q.where(sql<boolean>`pillars @> ${JSON.stringify([filter.pillar])}::jsonb`);
    if (filter.year) q = q.where(sql`left(start_date, 4)`, "=", String(filter.year));
    if (filter.country) q = q.where("country", "=", filter.country);
    if (filter.from) q = q.where(sql`coalesce(end_date, start_date)`, ">=", filter.from);
    if (filter.to) q = q.where("start_date", "<=", filter.to);
    if (filter.host) {
      const like = `%${escapeLike(filter.host.toLowerCase())}%`;
      q = q.where((eb) =>
        eb.or([
          eb(sql`lower(coalesce(host->>'en', ''))`, "like", like),
          eb(sql`lower(coalesce(host->>'ru', ''))`, "like", like),
          eb(sql`lower(coalesce(host_partner_code, ''))`, "like", like),
        ]),
      );
    }
    if (filter.q) {
      const like = `%${escapeLike(filter.q.toLowerCase())}%`;
      q = q.where((eb) =>
        eb.or([
          eb(sql`lower(title::text)`, "like", like),
          eb(sql`lower(coalesce(theme::text, ''))`, "like", like),
          eb(sql`lower(coalesce(city::text, ''))`, "like", like),
        ]),
      );
    }
    return q;
  }

  async listMeetings(filter: MeetingListQuery, membersToo: boolean) {
    const base = this.filtered(filter, membersToo);
    const [items, count] = await Promise.all([
      base
        .selectAll()
        .select(recommendationCount)
        .orderBy("start_date", filter.order)
        .orderBy("kind")
        .orderBy("number", filter.order)
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  }

  findMeeting(id: string, trx: Kysely<DB> = this.db) {
    return trx
      .selectFrom("meetings")
      .selectAll()
      .select(recommendationCount)
      .where("id", "=", id)
      .where("archived_at", "is", null)
      .executeTakeFirst();
  }

  hostedBy(partnerCode: string, membersToo: boolean) {
    let q = this.db
      .selectFrom("meetings")
      .select(["id", "title", "start_date"])
      .where("archived_at", "is", null)
      .where("host_partner_code", "=", partnerCode);
    if (!membersToo) q = q.where("visibility", "=", "public");
    return q.orderBy("start_date", "desc").execute();
  }

  findMeetingsByIds(ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("meetings")
      .select(["id", "title", "kind", "start_date"])
      .where("id", "in", ids)
      .execute();
  }

  upcoming(fromDate: string, membersToo: boolean) {
    let q = this.db
      .selectFrom("meetings")
      .selectAll()
      .where("archived_at", "is", null)
      .where(sql`coalesce(end_date, start_date)`, ">=", fromDate);
    if (!membersToo) q = q.where("visibility", "=", "public");
    return q.orderBy("start_date").limit(500).execute();
  }

  insertMeeting(trx: Kysely<DB>, values: Record<string, unknown>) {
    return insertRow(trx, "meetings", values);
  }

  updateMeeting(trx: Kysely<DB>, id: string, expectedVersion: number, values: Record<string, unknown>) {
    return updateVersioned(trx, "meetings", { id, expectedVersion, live: true }, values);
  }

  referenceMeetings(trx: Kysely<DB>) {
    return trx.selectFrom("meetings").selectAll().where("ref_key", "is not", null).execute();
  }

  allForIndex() {
    return this.db.selectFrom("meetings").selectAll().where("archived_at", "is", null).execute();
  }

  // ── participation ─────────────────────────────────────────────────────────────────────────────
  /** Per meeting: approved registrations, how many were marked attended, in person, and their partners. */
  registrationStats(meetingIds: string[]) {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("meeting_registrations as r")
      .innerJoin("users as u", "u.id", "r.user_id")
      .select([
        "r.meeting_id",
        "r.attended",
        "r.attendance_mode",
        "u.partner_code",
        (eb) => eb.fn.countAll<number>().as("n"),
      ])
      .where("r.meeting_id", "in", meetingIds)
      .where("r.status", "=", "approved")
      .groupBy(["r.meeting_id", "r.attended", "r.attendance_mode", "u.partner_code"])
      .execute();
  }

  findRegistration(id: string, trx: Kysely<DB> = this.db) {
    return trx.selectFrom("meeting_registrations").selectAll().where("id", "=", id).executeTakeFirst();
  }

  findRegistrationOf(meetingId: string, userId: string) {
    return this.db
      .selectFrom("meeting_registrations")
      .selectAll()
      .where("meeting_id", "=", meetingId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
  }

  upsertRegistration(
    trx: Kysely<DB>,
    values: {
      meeting_id: string;
      user_id: string;
      status: string;
      invited: boolean;
      attendance_mode: string;
      list_consent?: boolean;
    },
  ) {
    return trx
      .insertInto("meeting_registrations")
      .values(values)
      .onConflict((oc) =>
        oc.columns(["meeting_id", "user_id"]).doUpdateSet((eb) => ({
          status: eb.ref("excluded.status"),
          invited: eb.ref("excluded.invited"),
          attendance_mode: eb.ref("excluded.attendance_mode"),
          ...(values.list_consent !== undefined ? { list_consent: eb.ref("excluded.list_consent") } : {}),
          decline_reason: null,
          version: sql<number>`meeting_registrations.version + 1`,
          updated_at: new Date(),
        })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  updateRegistration(trx: Kysely<DB>, id: string, expectedVersion: number, values: Record<string, unknown>) {
    return updateVersioned(trx, "meeting_registrations", { id, expectedVersion, live: false }, values);
  }

  listRegistrations(meetingId: string) {
    return this.db
      .selectFrom("meeting_registrations as r")
      .innerJoin("users as u", "u.id", "r.user_id")
      .selectAll("r")
      .select(["u.display_name", "u.partner_code"])
      .where("r.meeting_id", "=", meetingId)
      .orderBy("u.display_name")
      .execute();
  }

  userExists(userId: string) {
    return this.db
      .selectFrom("users")
      .select("id")
      .where("id", "=", userId)
      .where("status", "=", "active")
      .executeTakeFirst();
  }

  // ── snapshots ─────────────────────────────────────────────────────────────────────────────────
  listSnapshots(meetingId: string) {
    return this.db
      .selectFrom("stocktaking_snapshots")
      .select([
        "id",
        "meeting_id",
        "pillar",
        "taken_at",
        "taken_by_name",
        sql<number>`jsonb_array_length(items)`.as("n"),
      ])
      .where("meeting_id", "=", meetingId)
      .orderBy("pillar")
      .execute();
  }

  findSnapshot(id: string) {
    return this.db.selectFrom("stocktaking_snapshots").selectAll().where("id", "=", id).executeTakeFirst();
  }

  insertSnapshot(
    trx: Kysely<DB>,
    values: {
      meeting_id: string;
      pillar: number;
      taken_by: string | null;
      taken_by_name: string | null;
      items: string;
    },
  ) {
    return trx
      .insertInto("stocktaking_snapshots")
      .values(values)
      .onConflict((oc) => oc.columns(["meeting_id", "pillar"]).doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  removeDemo() {
    return this.db.deleteFrom("meetings").where("is_demo", "=", true).executeTakeFirst();
  }
}
