import { randomBytes } from "node:crypto";
import os from "node:os";
import type { FastifyBaseLogger } from "fastify";
import { type Kysely, type Selectable, sql } from "kysely";
import type { Job } from "../../common/platform.js";
import type { DB } from "../db/schema.js";
import { can, type Principal } from "../http/access-policy.js";
import { notFound } from "../http/errors.js";
import type { Actor } from "./audit.js";
import type { JobsTable } from "./platform.tables.js";

export interface JobProgress {
  /** Reports progress; `total` undefined keeps the previous total, null means unknown. Writes are throttled. */
  set(done: number, total?: number | null, message?: string): Promise<void>;
  /** Aborted when the job is cancelled or taken away from this worker (e.g. recovered as stale). */
  signal: AbortSignal;
  /**
   * Marks the job succeeded inside the handler's own transaction, so the work and the job's completion commit
   * together: a crash after the commit cannot requeue work already done (no second copy of an import), and a
   * worker that has lost the job (recovered as stale, cancelled) throws here, rolling its transaction back.
   */
  completeWithin(trx: Kysely<DB>, result: unknown): Promise<void>;
}

export type JobHandler = (
  job: { id: string; payload: Record<string, unknown> },
  progress: JobProgress,
) => Promise<unknown>;

type JobRow = Selectable<JobsTable>;

export const MAX_ATTEMPTS = 3;
const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);

export const isTerminal = (status: string) => TERMINAL.has(status);

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function present(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    total: row.total,
    message: row.message,
    result: row.result ?? null,
    error: row.error,
    createdAt: iso(row.created_at) as string,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const details = (error as { details?: unknown }).details;
    return details ? `${error.message} ${JSON.stringify(details)}` : error.message;
  }
  return String(error);
}

/** Throttles progress writes: at most one every `intervalMs`, and the last report is always written. */
class ProgressWriter {
  private state: { done: number; total: number | null; message: string | null } = {
    done: 0,
    total: null,
    message: null,
  };
  private dirty = false;
  private lastWrite = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (state: { done: number; total: number | null; message: string | null }) => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  set(done: number, total?: number | null, message?: string): Promise<void> {
    this.state = {
      done: Math.max(0, Math.trunc(done)),
      total: total === undefined ? this.state.total : total === null ? null : Math.trunc(total),
      message: message === undefined ? this.state.message : message.slice(0, 1000),
    };
    this.dirty = true;
    if (this.timer) return Promise.resolve();
    const wait = this.lastWrite + this.intervalMs - Date.now();
    if (wait <= 0) return this.flushNow();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flushNow();
    }, wait);
    return Promise.resolve();
  }

  /** Writes what is pending now; awaited before the job's final status so the last report is never lost. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.flushNow();
  }

  private flushNow(): Promise<void> {
    if (this.dirty) {
      const state = { ...this.state };
      this.dirty = false;
      this.lastWrite = Date.now();
      this.writing = this.writing.then(() => this.write(state));
    }
    return this.writing;
  }
}

/** A job kind and its handler; `readableBy` widens who may follow a job of this kind beyond its creator. */
export interface JobDefinition {
  kind: string;
  run: JobHandler;
  readableBy?: (principal: Principal) => boolean;
}

/**
 * Long work (imports, rebuilds, exports) as rows in `jobs`, so any instance may run them and the web can
 * follow their progress. A worker claims a job in a short transaction (`for update skip locked`) and runs
 * the handler outside it: a transaction held for the whole handler would hold a pooled connection and its
 * row locks for minutes.
 */
export class JobService {
  readonly workerId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  /** How often a running job proves it is alive; `recoverStale` requeues jobs silent for much longer. */
  heartbeatMs = 10_000;
  progressIntervalMs = 250;
  private readonly handlers = new Map<string, JobHandler>();
  /** Who besides the job's creator and coordinators may follow jobs of a kind (a shared job, e.g. a re-linkage). */
  private readonly readers = new Map<string, (principal: Principal) => boolean>();
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly log: FastifyBaseLogger,
  ) {}

  register(kind: string, handler: JobHandler, options: { readableBy?: (principal: Principal) => boolean } = {}): void {
    if (this.handlers.has(kind)) throw new Error(`A handler for job kind "${kind}" is already registered`);
    this.handlers.set(kind, handler);
    if (options.readableBy) this.readers.set(kind, options.readableBy);
  }

  kinds(): string[] {
    return [...this.handlers.keys()];
  }

  async enqueue(
    kind: string,
    payload: Record<string, unknown>,
    actor: Actor,
    trx: Kysely<DB> = this.db,
  ): Promise<string> {
    const row = await trx
      .insertInto("jobs")
      .values({ kind, payload: JSON.stringify(payload), created_by: actor.userId, total: null, message: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * Enqueues a job of `kind` unless one is already queued (not yet started): then that one takes the new
   * payload through `merge` and its id is returned. A transaction-scoped advisory lock on the kind makes two
   * concurrent calls agree; a running job does not absorb new work (it may have read its input already).
   */
  async enqueueCoalesced(
    kind: string,
    payload: Record<string, unknown>,
    actor: Actor,
    merge: (queued: Record<string, unknown>, added: Record<string, unknown>) => Record<string, unknown>,
    trx?: Kysely<DB>,
  ): Promise<{ id: string; coalesced: boolean }> {
    const work = async (tx: Kysely<DB>) => {
      await sql`select pg_advisory_xact_lock(hashtext(${`jobs:${kind}`}))`.execute(tx);
      const queued = await tx
        .selectFrom("jobs")
        .select(["id", "payload"])
        .where("kind", "=", kind)
        .where("status", "=", "queued")
        .orderBy("created_at")
        .limit(1)
        .forUpdate()
        .executeTakeFirst();
      if (!queued) return { id: await this.enqueue(kind, payload, actor, tx), coalesced: false };
      await tx
        .updateTable("jobs")
        .set({ payload: JSON.stringify(merge(queued.payload, payload)) })
        .where("id", "=", queued.id)
        .execute();
      return { id: queued.id, coalesced: true };
    };
    return trx ? work(trx) : this.db.transaction().execute(work);
  }

  /** Whether a job of the same kind is running that started before `id` (ties broken by id). */
  async runningBefore(kind: string, id: string): Promise<boolean> {
    const row = await sql<{ earlier: boolean }>`
      select exists (
        select 1 from jobs other, jobs me
        where me.id = ${id} and other.kind = ${kind} and other.status = 'running' and other.id <> me.id
          and (other.started_at, other.id) < (coalesce(me.started_at, now()), me.id)
      ) as earlier`.execute(this.db);
    return row.rows[0]?.earlier === true;
  }

  /** The newest job of a kind in one of `statuses`, or null. */
  async latest(kind: string, statuses: Job["status"][]): Promise<Job | null> {
    const row = await this.db
      .selectFrom("jobs")
      .selectAll()
      .where("kind", "=", kind)
      .where("status", "in", statuses)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    return row ? present(row) : null;
  }

  async get(id: string): Promise<Job> {
    const row = await this.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw notFound("job");
    return present(row);
  }

  /**
   * The job if the principal created it, coordinates, or may follow its kind (`register`'s `readableBy`);
   * otherwise 404, so ids of others' jobs reveal nothing.
   */
  async getFor(principal: Principal, id: string): Promise<Job> {
    const row = await this.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
    const user = principal.user;
    const privileged = can(principal, "partners:all");
    const reader = row ? this.readers.get(row.kind) : undefined;
    if (!row || !user || (!privileged && row.created_by !== user.id && !reader?.(principal))) throw notFound("job");
    return present(row);
  }

  /** Cancels a queued or running job; a running handler sees its signal aborted at the next heartbeat. */
  async cancel(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable("jobs")
      .set({ status: "cancelled", finished_at: sql`now()` })
      .where("id", "=", id)
      .where("status", "in", ["queued", "running"])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Claims and runs the oldest queued job; returns it finished, or null when the queue is empty. */
  async runNext(workerId: string = this.workerId): Promise<Job | null> {
    const claimed = await this.claim(workerId);
    if (!claimed) return null;
    const handler = this.handlers.get(claimed.kind);
    if (!handler) {
      await this.finish(claimed.id, workerId, { error: `No handler is registered for job kind "${claimed.kind}"` });
      return this.get(claimed.id);
    }
    const controller = new AbortController();
    const progress = new ProgressWriter(
      (state) => this.writeProgress(claimed.id, workerId, state, controller),
      this.progressIntervalMs,
    );
    const heartbeat = setInterval(() => {
      void this.beat(claimed.id, workerId, controller);
    }, this.heartbeatMs);
    try {
      const result = await handler(
        { id: claimed.id, payload: claimed.payload },
        {
          set: (done, total, message) => progress.set(done, total, message),
          signal: controller.signal,
          completeWithin: (trx, result) => this.completeWithin(trx, claimed.id, workerId, result),
        },
      );
      await progress.flush();
      await this.finish(claimed.id, workerId, { result: result === undefined ? null : result });
    } catch (error) {
      this.log.warn({ err: error, jobId: claimed.id, kind: claimed.kind }, "job failed");
      await progress.flush().catch(() => {});
      await this.finish(claimed.id, workerId, { error: errorText(error) });
    } finally {
      clearInterval(heartbeat);
    }
    return this.get(claimed.id);
  }

  private claim(workerId: string): Promise<JobRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const next = await trx
        .selectFrom("jobs")
        .select("id")
        .where("status", "=", "queued")
        .orderBy("created_at")
        .orderBy("id")
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!next) return undefined;
      return trx
        .updateTable("jobs")
        .set((eb) => ({
          status: "running",
          attempts: eb("attempts", "+", 1),
          locked_by: workerId,
          started_at: sql`now()`,
          heartbeat_at: sql`now()`,
          error: null,
        }))
        .where("id", "=", next.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  private async writeProgress(
    id: string,
    workerId: string,
    state: { done: number; total: number | null; message: string | null },
    controller: AbortController,
  ): Promise<void> {
    try {
      const result = await this.db
        .updateTable("jobs")
        .set({ progress: state.done, total: state.total, message: state.message, heartbeat_at: sql`now()` })
        .where("id", "=", id)
        .where("status", "=", "running")
        .where("locked_by", "=", workerId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) controller.abort(new Error("The job is no longer owned by this worker"));
    } catch (error) {
      // Progress is informative: a failed write must not fail the job itself.
      this.log.warn({ err: error, jobId: id }, "job progress write failed");
    }
  }

  private async beat(id: string, workerId: string, controller: AbortController): Promise<void> {
    try {
      const result = await this.db
        .updateTable("jobs")
        .set({ heartbeat_at: sql`now()` })
        .where("id", "=", id)
        .where("status", "=", "running")
        .where("locked_by", "=", workerId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) controller.abort(new Error("The job was cancelled or recovered"));
    } catch (error) {
      this.log.warn({ err: error, jobId: id }, "job heartbeat failed");
    }
  }

  private async completeWithin(trx: Kysely<DB>, id: string, workerId: string, result: unknown): Promise<void> {
    const done = await trx
      .updateTable("jobs")
      .set({
        status: "succeeded",
        result: JSON.stringify(result ?? null),
        error: null,
        progress: sql`coalesce(total, progress)`,
        finished_at: sql`now()`,
        heartbeat_at: sql`now()`,
      })
      .where("id", "=", id)
      .where("status", "=", "running")
      .where("locked_by", "=", workerId)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw new Error("The job was cancelled or taken over by another worker");
  }

  private async finish(id: string, workerId: string, outcome: { result?: unknown; error?: string }): Promise<void> {
    const failed = outcome.error !== undefined;
    await this.db
      .updateTable("jobs")
      .set({
        status: failed ? "failed" : "succeeded",
        result: failed ? null : JSON.stringify(outcome.result ?? null),
        error: failed ? (outcome.error as string).slice(0, 4000) : null,
        progress: failed ? sql`progress` : sql`coalesce(total, progress)`,
        finished_at: sql`now()`,
        heartbeat_at: sql`now()`,
      })
      .where("id", "=", id)
      .where("status", "=", "running")
      .where("locked_by", "=", workerId)
      .execute();
  }

  /**
   * Crash recovery: a running job whose heartbeat is older than `olderThanMs` lost its worker. It goes back
   * to the queue, or fails once it has been tried MAX_ATTEMPTS times (a job that kills its worker).
   */
  async recoverStale(olderThanMs: number): Promise<{ requeued: number; failed: number }> {
    const seconds = Math.max(0, olderThanMs) / 1000;
    const rows = await sql<{ status: string }>`
      update jobs set
        status = case when attempts >= ${MAX_ATTEMPTS} then 'failed' else 'queued' end,
        error = case when attempts >= ${MAX_ATTEMPTS}
          then ${`Abandoned after ${MAX_ATTEMPTS} attempts: the worker stopped responding`} else error end,
        finished_at = case when attempts >= ${MAX_ATTEMPTS} then now() else null end,
        locked_by = null
      where status = 'running'
        and coalesce(heartbeat_at, started_at, created_at) < now() - make_interval(secs => ${seconds})
      returning status`.execute(this.db);
    const failed = rows.rows.filter((r) => r.status === "failed").length;
    const requeued = rows.rows.length - failed;
    if (rows.rows.length > 0) this.log.warn({ requeued, failed }, "recovered stale jobs");
    return { requeued, failed };
  }

  /**
   * Runs queued jobs in this process until `stop()`; recovers stale jobs at start, then about once a minute
   * (or every `staleAfterMs` when that is shorter).
   */
  start({
    pollMs = 1000,
    staleAfterMs = 12 * this.heartbeatMs,
  }: {
    pollMs?: number;
    staleAfterMs?: number;
  } = {}): void {
    if (this.loop) return;
    this.stopping = false;
    let lastRecovery = 0;
    const recoveryEveryMs = Math.min(60_000, staleAfterMs);
    const tick = async () => {
      try {
        if (Date.now() - lastRecovery > recoveryEveryMs) {
          lastRecovery = Date.now();
          await this.recoverStale(staleAfterMs);
        }
        while (!this.stopping && (await this.runNext())) {}
      } catch (error) {
        this.log.error({ err: error }, "job worker error");
      }
      if (!this.stopping) {
        this.timer = setTimeout(() => {
          this.loop = tick();
        }, pollMs);
      }
    };
    this.loop = tick();
  }

  /** Stops polling and waits for the job being run, if any, to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.loop;
    this.loop = null;
  }
}
