import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";

/** Who did something and from where; taken from the request by `actorOf(request)`. */
export interface Actor {
  userId: string | null;
  label: string;
  ip: string | null;
  requestId: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: "system", ip: null, requestId: null };

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string;
  details?: Record<string, unknown>;
}

/** The audit log: every write, sign-in and read of restricted data, with user, time, address and object. */
export class AuditService {
  constructor(private readonly db: Kysely<DB>) {}

  /** Records an entry; pass the transaction so the entry commits or rolls back with the change itself. */
  async record(actor: Actor, entry: AuditEntry, trx: Kysely<DB> = this.db): Promise<void> {
    await trx
      .insertInto("audit_log")
      .values({
        actor_id: actor.userId,
        actor_label: actor.label,
        action: entry.action,
        object_type: entry.objectType ?? null,
        object_id: entry.objectId ?? null,
        ip: actor.ip,
        request_id: actor.requestId,
        details: JSON.stringify(entry.details ?? {}),
      })
      .execute();
  }

  async list(filter: {
    action?: string;
    objectType?: string;
    objectId?: string;
    actorId?: string;
    limit: number;
    offset: number;
  }) {
    let q = this.db.selectFrom("audit_log");
    if (filter.action) q = q.where("action", "=", filter.action);
    if (filter.objectType) q = q.where("object_type", "=", filter.objectType);
    if (filter.objectId) q = q.where("object_id", "=", filter.objectId);
    if (filter.actorId) q = q.where("actor_id", "=", filter.actorId);
    const [items, count] = await Promise.all([
      q.selectAll().orderBy("at", "desc").limit(filter.limit).offset(filter.offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  }
}
