import type { Expression, Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { Actor, AuditEntry, AuditService } from "./audit.js";
import {
  type Changes,
  diffSnapshots,
  type RevisionService,
  type RevisionSourceRow,
  type Snapshot,
} from "./revisions.js";
import type { SearchDocument, SearchService } from "./search.js";
import { requireVersionedUpdate } from "./versioning.js";

/** The actions a revision history knows (as RevisionService states them). */
export type RevisionAction = Parameters<RevisionService["record"]>[3];
type Details = Record<string, unknown>;

/** The audit entry of a change; its object is the changed record unless it is named otherwise. */
export interface ChangeAudit {
  action: string;
  objectType?: string;
  objectId?: string;
  /** Static details, or details built from the diff (`{ changes }`, `{ fields: Object.keys(changes) }`). */
  details?: Details | ((changes: Changes) => Details);
}

/**
 * One change of a domain record, described from what the service already holds: the row it read (`before`) and
 * the row its write returned (`after`). Nothing is read again, except the current row when a versioned write
 * matched nothing (to tell a 404 from a 409).
 */
export interface Change<Row extends object> {
  /** Entity type of the revision history (and of the audit object unless `audit.objectType` says otherwise). */
  type: string;
  action: RevisionAction;
  before: Row | null;
  /** The row the write returned; `undefined` when `update … where version = $v returning *` matched nothing. */
  after: Row | undefined;
  /** Loads the current record when the write matched nothing: none is a 404 (`what`), one a 409 with it. */
  current?: () => Promise<unknown | undefined>;
  /** The name of a missing record in the 404 (defaults to `type`). */
  what?: string;
  /** The record's id and version in its history; default `after.id` and `after.version`. */
  id?: string;
  version?: number;
  /** What the history keeps of a row (default: the row as it is). */
  snapshot?: (row: Row) => Snapshot;
  /** Write no revision (records without a history, e.g. a token); the diff still reaches the audit details. */
  revision?: false;
  reason?: string | null;
  /** The audit entry; `null` for changes made by the platform itself with no one to account for (reference loads). */
  audit: ChangeAudit | null;
  /** The record's search document after the change, or `remove` when it leaves the index (archive). */
  search?: ((row: Row) => SearchDocument) | "remove";
}

export interface RecordedChange<Row> {
  row: Row;
  changes: Changes;
}

/**
 * The one way a module records a change: version check, diff, revision, audit and search reindex, all in the
 * caller's transaction, from the snapshots it already holds. A service calls `record` once per change (create,
 * update, transition, archive) and `event` for what has no record of its own (sign-in, a read of restricted
 * data, a token refused): nothing outside this helper calls `revisions.record` or `audit.record`.
 */
export class ChangeRecorder {
  constructor(
    private readonly deps: {
      audit: AuditService;
      revisions?: RevisionService | undefined;
      search?: SearchService | undefined;
    },
  ) {}

  async record<Row extends object>(trx: Kysely<DB>, actor: Actor, change: Change<Row>): Promise<RecordedChange<Row>> {
    const row = await requireVersionedUpdate(
      change.after,
      change.current ?? (() => Promise.resolve(undefined)),
      change.what ?? change.type,
    );
    const id = change.id ?? stringField(row, "id", change.type);
    const snapshot = change.snapshot ?? ((r: Row) => r as Snapshot);
    const before = change.before ? snapshot(change.before) : null;
    const after = snapshot(row);
    const changes =
      change.revision === false
        ? diffSnapshots(before, after)
        : await this.revisions(change.type).record(
            trx,
            actor,
            { type: change.type, id, version: change.version ?? versionOf(row, change.type) },
            change.action,
            before,
            after,
            change.reason ?? null,
          );
    if (change.audit) {
      const { action, objectType, objectId, details } = change.audit;
      await this.deps.audit.record(
        actor,
        {
          action,
          objectType: objectType ?? change.type,
          objectId: objectId ?? id,
          ...(details ? { details: typeof details === "function" ? details(changes) : details } : {}),
        },
        trx,
      );
    }
    await this.reindex(trx, change, row, id);
    return { row, changes };
  }

  /**
   * The revisions of many records written by one statement (an import's new records), in a few statements: each
   * entry is diffed as `record` does. No audit entry per record: the caller writes one `event` for the whole step.
   */
  async recordMany<Row extends object>(
    trx: Kysely<DB>,
    actor: Actor,
    set: {
      type: string;
      action: RevisionAction;
      rows: readonly { before: Row | null; after: Row; id?: string; version?: number }[];
      snapshot?: (row: Row) => Snapshot;
      reason?: string | null;
    },
  ): Promise<Changes[]> {
    const snapshot = set.snapshot ?? ((r: Row) => r as Snapshot);
    return this.revisions(set.type).recordMany(
      trx,
      actor,
      set.type,
      set.action,
      set.rows.map((r) => ({
        id: r.id ?? stringField(r.after, "id", set.type),
        version: r.version ?? versionOf(r.after, set.type),
        before: r.before ? snapshot(r.before) : null,
        after: snapshot(r.after),
      })),
      set.reason ?? null,
    );
  }

  /**
   * The revisions of a set-based write (a batch validated or published), from the rows the owning repository
   * selects (`RevisionSourceRow`: id, version, diff and snapshot as jsonb), in one `insert … select`. No audit entry
   * per record: the caller writes one `event` for the whole step. Returns how many revisions were written.
   */
  async recordSet(
    trx: Kysely<DB>,
    actor: Actor,
    set: { type: string; action: RevisionAction; source: Expression<RevisionSourceRow>; reason?: string | null },
  ): Promise<number> {
    return this.revisions(set.type).recordSelected(trx, actor, set.type, set.action, set.source, set.reason ?? null);
  }

  /**
   * An audit entry with no revision to go with it: sign-in and sign-out, a refused token, a read of restricted
   * data, and changes of what keeps no history (a digest subscription, a run opened, an immutable report added).
   * Pass the transaction when the event belongs to a write (sessions ended with the password change).
   */
  async event(actor: Actor, entry: AuditEntry, trx?: Kysely<DB>): Promise<void> {
    await this.deps.audit.record(actor, entry, trx);
  }

  private revisions(type: string): RevisionService {
    if (!this.deps.revisions) throw new Error(`ChangeRecorder for ${type} was built without the revision service`);
    return this.deps.revisions;
  }

  private async reindex<Row extends object>(trx: Kysely<DB>, change: Change<Row>, row: Row, id: string) {
    if (!change.search) return;
    const search = this.deps.search;
    if (!search) throw new Error(`ChangeRecorder for ${change.type} was built without the search service`);
    if (change.search === "remove") await search.remove(change.type, id, trx);
    else await search.upsert(change.search(row), trx);
  }
}

function stringField(row: object, key: string, type: string): string {
  const value = (row as Record<string, unknown>)[key];
  if (typeof value !== "string") throw new Error(`A ${type} change needs an id: the row has none, pass change.id`);
  return value;
}

function versionOf(row: object, type: string): number {
  const value = (row as Record<string, unknown>).version;
  if (typeof value !== "number")
    throw new Error(`A ${type} revision needs a version: the row has none, pass change.version`);
  return value;
}
