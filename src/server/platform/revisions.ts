import { isDeepStrictEqual } from "node:util";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { Actor } from "./audit.js";

export type Snapshot = Record<string, unknown>;
export type Changes = Record<string, { from: unknown; to: unknown }>;

/** Field-by-field difference between two snapshots of a record (ignoring bookkeeping columns). */
export function diffSnapshots(
  before: Snapshot | null,
  after: Snapshot,
  ignore: readonly string[] = DEFAULT_IGNORED,
): Changes {
  const changes: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const key of keys) {
    if (ignore.includes(key)) continue;
    const from = before?.[key] ?? null;
    const to = after[key] ?? null;
    if (!isDeepStrictEqual(normalise(from), normalise(to))) changes[key] = { from, to };
  }
  return changes;
}

const DEFAULT_IGNORED = ["version", "updated_at", "created_at"] as const;

function normalise(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}

/**
 * Revision history of domain records. Every change is written with who, when and what changed, in the same
 * transaction as the change (pass the transaction), so history and data cannot disagree.
 */
export class RevisionService {
  constructor(private readonly db: Kysely<DB>) {}

  async record(
    trx: Kysely<DB>,
    actor: Actor,
    entity: { type: string; id: string; version: number },
    action: "create" | "update" | "archive" | "restore" | "transition" | "delete",
    before: Snapshot | null,
    after: Snapshot,
    reason: string | null = null,
  ): Promise<Changes> {
    const changes = diffSnapshots(before, after);
    await trx
      .insertInto("revisions")
      .values({
        entity_type: entity.type,
        entity_id: entity.id,
        version: entity.version,
        actor_id: actor.userId,
        action,
        changes: JSON.stringify(changes),
        snapshot: JSON.stringify(after),
        reason,
      })
      .execute();
    return changes;
  }

  async history(entityType: string, entityId: string) {
    return this.db
      .selectFrom("revisions")
      .leftJoin("users", "users.id", "revisions.actor_id")
      .select([
        "revisions.version",
        "revisions.at",
        "revisions.action",
        "revisions.changes",
        "revisions.reason",
        "revisions.actor_id",
        "users.display_name as actor_name",
      ])
      .where("entity_type", "=", entityType)
      .where("entity_id", "=", entityId)
      .orderBy("revisions.version", "desc")
      .execute();
  }
}
