import { isDeepStrictEqual } from "node:util";
import { type Expression, type Kysely, sql } from "kysely";
import type { Revision } from "../../common/partners.js";
import type { DB } from "../db/schema.js";
import type { Actor } from "./audit.js";

export type Snapshot = Record<string, unknown>;
export type RevisionAction = "create" | "update" | "archive" | "restore" | "transition" | "delete";

/** One record's revision in a set: its id and version in the history, the snapshots it is diffed from. */
export interface RevisionEntry {
  id: string;
  version: number;
  before: Snapshot | null;
  after: Snapshot;
}

/**
 * The revisions of a set-based write, as the owning repository selects them (typed, never run on its own): one row
 * per changed record, with its id, version, the diff (`{ field: { from, to } }`, jsonb) and the snapshot (jsonb).
 */
export interface RevisionSourceRow {
  entity_id: string;
  version: number;
  changes: unknown;
  snapshot: unknown;
}
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
    action: RevisionAction,
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

  /**
   * Revisions of many records changed by one write (an import's new records), diffed here as `record` does, in one
   * statement per `chunk` rows instead of one per record; returns each record's changes in the order given.
   */
  async recordMany(
    trx: Kysely<DB>,
    actor: Actor,
    type: string,
    action: RevisionAction,
    entries: readonly RevisionEntry[],
    reason: string | null = null,
    chunk = 250,
  ): Promise<Changes[]> {
    const all = entries.map((e) => diffSnapshots(e.before, e.after));
    for (let i = 0; i < entries.length; i += chunk) {
      await trx
        .insertInto("revisions")
        .values(
          entries.slice(i, i + chunk).map((e, j) => ({
            entity_type: type,
            entity_id: e.id,
            version: e.version,
            actor_id: actor.userId,
            action,
            changes: JSON.stringify(all[i + j]),
            snapshot: JSON.stringify(e.after),
            reason,
          })),
        )
        .execute();
    }
    return all;
  }

  /**
   * Revisions of a set-based write (a batch published), in one `insert … select` from the rows the owning
   * repository selects: thousands of records are one statement, not one round trip each. Returns how many.
   */
  async recordSelected(
    trx: Kysely<DB>,
    actor: Actor,
    type: string,
    action: RevisionAction,
    source: Expression<RevisionSourceRow>,
    reason: string | null = null,
  ): Promise<number> {
    const res = await sql`
      insert into revisions (entity_type, entity_id, version, actor_id, action, changes, snapshot, reason)
      select ${type}, r.entity_id, r.version, ${actor.userId}, ${action}, r.changes, r.snapshot, ${reason}
      from (${source}) r`.execute(trx);
    return Number(res.numAffectedRows ?? 0);
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

  /** The record's revisions, newest first, as the history routes answer them (`RevisionSchema`). */
  async presented(entityType: string, entityId: string): Promise<Revision[]> {
    return (await this.history(entityType, entityId)).map(presentRevision);
  }
}

/** One revision of `RevisionService.history` as the API shows it; a caller adds `reason` where the act asks one. */
export function presentRevision(r: Awaited<ReturnType<RevisionService["history"]>>[number]): Revision {
  return {
    version: r.version,
    at: new Date(r.at).toISOString(),
    action: r.action,
    actorName: r.actor_name ?? null,
    changes: r.changes,
  };
}
