import type { Kysely } from "kysely";
import type { ImportResult } from "../../../common/imports.js";
import type { DB } from "../../db/schema.js";
import type { Actor } from "../audit.js";
import type { FileOwner, FileService } from "../files.js";
import type { JobDefinition, JobService } from "../jobs.js";
import { type ImportModule, type ImportRequest, runImport } from "./pipeline.js";

export interface ImportDeps {
  db: Kysely<DB>;
  jobs: JobService;
  files: Pick<FileService, "getOwn" | "readOwn">;
}

interface ImportPayload<O> extends ImportJobPayload {
  request: ImportRequest;
  options: O;
}

/** A module's import, as the platform runs it: a job with a progress bar for the web, inline for the CLI. */
export interface ModuleImport<O, X extends object> {
  kind: string;
  /** The import's job kind and handler: the owning module's manifest lists it in `jobs` (nothing registers it here). */
  job: JobDefinition;
  /**
   * Enqueues the import of the caller's own upload (anyone else's file: 404). `options` are worked out now, from the
   * caller's rights (countries they may write…), and travel with the job: the job needs no principal.
   */
  enqueue(
    fileId: string,
    request: ImportRequest,
    options: O,
    owner: FileOwner,
    actor: Actor,
  ): Promise<{ jobId: string }>;
  /** Runs the import at once on the caller's own upload (the same stages, without the job). */
  runUpload(
    fileId: string,
    request: ImportRequest,
    options: O,
    owner: FileOwner,
    actor: Actor,
  ): Promise<ImportResult & X>;
  /** Runs the import on bytes already read (`pact import …`). */
  runData(data: Buffer, fileName: string, request: ImportRequest, options: O, actor: Actor): Promise<ImportResult & X>;
}

/** The job kind of a module's import. */
export const importJobKind = (kind: string) => `imports.${kind}`;

/** What every import job carries: the enqueuer's own upload, and who enqueued it (the job needs no session). */
export interface ImportJobPayload {
  fileId: string;
  actor: Actor;
}

/** What an import run by its job is told: whose upload, and how to report progress and commit the job's completion. */
export interface ImportJobHooks {
  actor: Actor;
  fileId: string;
  progress: (done: number, total: number | null, phase: string) => Promise<void>;
  beforeCommit: (trx: Kysely<DB>, result: unknown) => Promise<void>;
}

/**
 * The job of an import of the caller's own upload, for every kind of import (in memory, streaming, IATI XML): the
 * handler opens the upload (`open`: read whole or as a stream; only ever the enqueuer's own), then `run`s the import
 * on the payload `enqueue` stored, with hooks that report progress and commit the records and the job's completion
 * together, so a crash can never import a file twice. `enqueue` refuses a kind no manifest lists and anyone else's
 * file (404).
 */
export function importJob<P extends ImportJobPayload, F>(
  deps: { jobs: JobService; files: Pick<FileService, "getOwn"> },
  kind: string,
  open: (fileId: string, owner: Actor) => Promise<F>,
  run: (payload: P, file: F, hooks: ImportJobHooks) => Promise<unknown>,
): { job: JobDefinition; enqueue(payload: P, owner: FileOwner): Promise<{ jobId: string }> } {
  return {
    job: {
      kind,
      run: async (job, progress) => {
        // A job's payload is stored as JSON; this kind is only ever enqueued by `enqueue` below, with this shape.
        const p = job.payload as unknown as P;
        const file = await open(p.fileId, p.actor);
        await progress.set(0, null, "reading");
        return run(p, file, {
          actor: p.actor,
          fileId: p.fileId,
          progress: (done, total, phase) => progress.set(done, total, phase),
          beforeCommit: (trx, result) => progress.completeWithin(trx, result),
        });
      },
    },
    async enqueue(payload, owner) {
      if (!deps.jobs.kinds().includes(kind))
        throw new Error(`Job kind "${kind}" has no handler: list the import's \`job\` in its module's manifest`);
      await deps.files.getOwn(payload.fileId, owner);
      // The typed payload goes into the queue's JSON column (Record<string, unknown>); the job reads it back above.
      return { jobId: await deps.jobs.enqueue(kind, payload as unknown as Record<string, unknown>, payload.actor) };
    },
  };
}

/**
 * Defines a module's import on the platform: one job kind, whose handler reads the enqueuer's own upload, reports
 * progress (rows checked out of the sheet's rows) and commits the records and the job's completion together, so a
 * crash can never import a file twice. The handler is not registered here: the module's manifest lists `job` in its
 * `jobs`, so every job kind is registered in one place (`buildModules`), and `enqueue` refuses a kind nobody listed.
 */
export function defineImport<F extends string, R, O, P, X extends object>(
  deps: ImportDeps,
  module: ImportModule<F, R, O, P, X>,
): ModuleImport<O, X> {
  const kind = importJobKind(module.kind);
  const { job, enqueue } = importJob(
    deps,
    kind,
    (fileId, owner) => deps.files.readOwn(fileId, owner),
    (p: ImportPayload<O>, { record, data }, hooks) =>
      runImport(module, { data, fileName: record.originalName }, p.request, p.options, { db: deps.db, ...hooks }),
  );
  return {
    kind,
    job,
    enqueue: (fileId, request, options, owner, actor) => enqueue({ fileId, request, options, actor }, owner),
    async runUpload(fileId, request, options, owner, actor) {
      const { record, data } = await deps.files.readOwn(fileId, owner);
      return runImport(module, { data, fileName: record.originalName }, request, options, {
        db: deps.db,
        actor,
        fileId,
      });
    },
    runData(data, fileName, request, options, actor) {
      return runImport(module, { data, fileName }, request, options, { db: deps.db, actor });
    },
  };
}
