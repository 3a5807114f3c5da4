import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from "kysely";
import type { RegistrationStatus } from "../../../common/registrations.js";
import type { DB } from "../../db/schema.js";
import { updateVersioned } from "../../db/versioned.js";
import type { RegistrationEventsTable, RegistrationsTable } from "./registrations.tables.js";

export type RegistrationRow = Selectable<RegistrationsTable>;

export interface RegistrationFilter {
  status?: RegistrationStatus;
  partner?: string;
  limit: number;
  offset: number;
}

export interface MonthFigures {
  month: string;
  submitted: number | string;
  approved: number | string;
  rejected: number | string;
  pending: number | string;
  median_hours: number | string | null;
  p95_hours: number | string | null;
  within_target: number | string | null;
}

/** SQL of registration requests and their history. */
export class RegistrationsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** An unconfirmed request whose link has expired no longer holds its address. */
  expireUnconfirmed(email: string, now: Date, trx: Kysely<DB>) {
    return trx
      .updateTable("registrations")
      .set((eb) => ({ status: "expired", version: eb("version", "+", 1), updated_at: now }))
      .where(sql<string>`lower(email)`, "=", email.toLowerCase())
      .where("status", "=", "unconfirmed")
      .where("token_expires_at", "<", now)
      .returning(["id"])
      .execute();
  }

  findOpenByEmail(email: string, trx: Kysely<DB> = this.db) {
    return trx
      .selectFrom("registrations")
      .select(["id", "status", "language"])
      .where(sql<string>`lower(email)`, "=", email.toLowerCase())
      .where("status", "in", ["unconfirmed", "pending"])
      .executeTakeFirst();
  }

  insert(values: Insertable<RegistrationsTable>, trx: Kysely<DB>) {
    return trx.insertInto("registrations").values(values).returningAll().executeTakeFirstOrThrow();
  }

  /** Demo requests are recognised by their address domain (see demo/demo-registrations.ts). */
  deleteByEmailDomain(domain: string) {
    return this.db.deleteFrom("registrations").where("email", "like", `%@${domain}`).executeTakeFirst();
  }

  insertEvent(values: Insertable<RegistrationEventsTable>, trx: Kysely<DB>) {
    return trx.insertInto("registration_events").values(values).execute();
  }

  findByTokenHash(tokenHash: string, trx: Kysely<DB> = this.db) {
    return trx.selectFrom("registrations").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
  }

  /** With `lock`, holds the row until the transaction ends, so two reviewers cannot decide at once. */
  findById(id: string, trx: Kysely<DB> = this.db, lock = false) {
    const q = trx.selectFrom("registrations").selectAll().where("id", "=", id);
    return (lock ? q.forUpdate() : q).executeTakeFirst();
  }

  /** Optimistic update: only when the stored version is the one the reviewer read. */
  update(id: string, expectedVersion: number, values: Updateable<RegistrationsTable>, trx: Kysely<DB>) {
    return updateVersioned(trx, "registrations", { id, expectedVersion, live: false }, values);
  }

  async list(filter: RegistrationFilter) {
    let q = this.db.selectFrom("registrations");
    if (filter.status) q = q.where("status", "=", filter.status);
    if (filter.partner) q = q.where("partner_code", "=", filter.partner);
    const [items, count] = await Promise.all([
      q
        .selectAll()
        // The oldest waiting request first; requests not yet submitted (unconfirmed) after them.
        .orderBy(sql`submitted_at asc nulls last`)
        .orderBy("created_at", "asc")
        .orderBy("id")
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  }

  events(registrationId: string) {
    return this.db
      .selectFrom("registration_events")
      .selectAll()
      .where("registration_id", "=", registrationId)
      .orderBy("at")
      .execute();
  }

  /**
   * Pending requests that miss the target within `leadHours` (or already did) and were not reminded yet.
   * Claims them by setting `reminded_at`, so two workers never remind twice.
   */
  claimReminders(now: Date, targetHours: number, leadHours: number) {
    const cutoff = new Date(now.getTime() - (targetHours - leadHours) * 3_600_000);
    return this.db
      .updateTable("registrations")
      .set({ reminded_at: now })
      .where("status", "=", "pending")
      .where("reminded_at", "is", null)
      .where("submitted_at", "<=", cutoff)
      .returningAll()
      .execute();
  }

  /** Approval figures by month of submission: counts, median and 95th percentile of the hours to a decision. */
  async monthlyFigures(since: Date, targetHours: number) {
    const result = await sql<MonthFigures>`
      select
        to_char(date_trunc('month', submitted_at at time zone 'UTC'), 'YYYY-MM') as month,
        ${figures(targetHours)}
      from registrations
      where submitted_at is not null and submitted_at >= ${since}
      group by 1
      order by 1`.execute(this.db);
    return result.rows;
  }

  async overallFigures(since: Date, now: Date, targetHours: number) {
    const result = await sql<Omit<MonthFigures, "month"> & { overdue: number | string }>`
      select
        ${figures(targetHours)},
        count(*) filter (
          where status = 'pending' and submitted_at < ${new Date(now.getTime() - targetHours * 3_600_000)}
        ) as overdue
      from registrations
      where submitted_at is not null and submitted_at >= ${since}`.execute(this.db);
    return result.rows[0];
  }
}

/** The aggregate columns shared by the monthly and the overall figures. */
function figures(targetHours: number) {
  const hours = sql`extract(epoch from (decided_at - submitted_at)) / 3600.0`;
  return sql`
    count(*) as submitted,
    count(*) filter (where status = 'approved') as approved,
    count(*) filter (where status = 'rejected') as rejected,
    count(*) filter (where status = 'pending') as pending,
    percentile_cont(0.5) within group (order by ${hours}) filter (where decided_at is not null) as median_hours,
    percentile_cont(0.95) within group (order by ${hours}) filter (where decided_at is not null) as p95_hours,
    avg(case when ${hours} <= ${targetHours} then 1.0 else 0.0 end) filter (where decided_at is not null)
      as within_target`;
}
