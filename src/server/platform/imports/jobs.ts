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

interface ImportPayload<O> {
  fileId: string;
  request: ImportRequest;
  options: O;
  actor: Actor;
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
  const job: JobDefinition = {
    kind,
    run: async (job, progress) => {
      const p = job.payload as unknown as ImportPayload<O>;
      const { record, data } = await deps.files.readOwn(p.fileId, p.actor);
      await progress.set(0, null, "reading");
      return runImport(module, { data, fileName: record.originalName }, p.request, p.options, {
        db: deps.db,
        actor: p.actor,
        fileId: p.fileId,
        progress: (done, total, phase) => progress.set(done, total, phase),
        beforeCommit: (trx, result) => progress.completeWithin(trx, result),
      });
    },
  };
  return {
    kind,
    job,
    async enqueue(fileId, request, options, owner, actor) {
      if (!deps.jobs.kinds().includes(kind))
        throw new Error(`Job kind "${kind}" has no handler: list the import's \`job\` in its module's manifest`);
      // Checked here and again when the job runs: an import only ever reads its enqueuer's own upload.
      await deps.files.getOwn(fileId, owner);
      const payload: ImportPayload<O> = { fileId, request, options, actor };
      return { jobId: await deps.jobs.enqueue(kind, payload as unknown as Record<string, unknown>, actor) };
    },
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
