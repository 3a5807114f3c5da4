import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { AuditFilter } from "../../../common/users.js";
import type { DB } from "../../db/schema.js";
import { likePattern } from "./users.repository.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A filter with its dates resolved to instants: `to` is exclusive. */
export interface ResolvedAuditFilter extends Omit<AuditFilter, "from" | "to"> {
  from?: Date;
  to?: Date;
}

type AuditQuery = SelectQueryBuilder<DB, "audit_log" | "users", object>;

/** SQL of the audit-log screen: filtered pages and keyset batches for export, with the actor's name. */
export class AuditLogRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private filtered(filter: ResolvedAuditFilter): AuditQuery {
    let q = this.db.selectFrom("audit_log").leftJoin("users", "users.id", "audit_log.actor_id") as AuditQuery;
    if (filter.action) q = q.where("audit_log.action", "=", filter.action);
    if (filter.objectType) q = q.where("audit_log.object_type", "=", filter.objectType);
    if (filter.objectId) q = q.where("audit_log.object_id", "=", filter.objectId);
    if (filter.from) q = q.where("audit_log.at", ">=", filter.from);
    if (filter.to) q = q.where("audit_log.at", "<", filter.to);
    if (filter.actor) {
      const actor = filter.actor;
      if (UUID.test(actor)) q = q.where("audit_log.actor_id", "=", actor);
      else {
        const like = likePattern(actor);
        q = q.where((eb) =>
          eb.or([
            eb(sql`lower(audit_log.actor_label)`, "like", like),
            eb(sql`lower(users.email)`, "like", like),
            eb(sql`lower(users.display_name)`, "like", like),
          ]),
        );
      }
    }
    if (filter.q) {
      const like = likePattern(filter.q);
      q = q.where((eb) =>
        eb.or([
          eb(sql`lower(audit_log.action)`, "like", like),
          eb(sql`lower(audit_log.object_type)`, "like", like),
          eb(sql`lower(audit_log.object_id)`, "like", like),
          eb(sql`lower(audit_log.actor_label)`, "like", like),
          eb(sql`lower(audit_log.ip)`, "like", like),
          eb(sql`lower(audit_log.details::text)`, "like", like),
          eb(sql`lower(users.display_name)`, "like", like),
        ]),
      );
    }
    return q;
  }

  private withColumns(q: AuditQuery) {
    return q
      .selectAll("audit_log")
      .select(["users.display_name as actor_name", "users.email as actor_email"])
      .orderBy("audit_log.at", "desc")
      .orderBy("audit_log.id", "desc");
  }

  async search(filter: ResolvedAuditFilter, limit: number, offset: number) {
    const q = this.filtered(filter);
    const [items, count] = await Promise.all([
      this.withColumns(q).limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  }

  /**
   * The next batch after the row `afterId`, newest first. Keyset pages stay stable while the log grows; the
   * cursor row is compared in SQL because timestamps hold microseconds that a JavaScript Date would lose.
   */
  batchAfter(filter: ResolvedAuditFilter, afterId: string | null, size: number) {
    let q = this.filtered(filter);
    if (afterId) {
      q = q.where(
        sql<boolean>`(audit_log.at, audit_log.id) < (select c.at, c.id from audit_log c where c.id = ${afterId})`,
      );
    }
    return this.withColumns(q).limit(size).execute();
  }
}

export type AuditRow = Awaited<ReturnType<AuditLogRepository["batchAfter"]>>[number];
