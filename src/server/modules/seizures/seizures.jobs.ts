import type { AppContext } from "../../context.js";
import { defineStreamingImport, type StreamingModuleImport } from "../../platform/imports/stream.js";
import type { JobProgress } from "../../platform/jobs.js";
import type { JobDefinition } from "../manifest.js";
import type { SeizureImportOptions, SeizureImportParts } from "./seizures.import.js";
import { SEARCH_INDEX_JOB } from "./seizures.service.js";

/** The module's jobs (its manifest registers them when the context is built). */
export function seizureJobs(ctx: AppContext): JobDefinition[] {
  return [
    { kind: SEARCH_INDEX_JOB, run: (job, progress) => indexPublished(ctx, job, progress) },
    seizureImport(ctx).job,
    // The columnar copy's build, on every instance whatever its own analytics engine.
    ...(ctx.seizures.columnarBuild ? [ctx.seizures.columnarBuild] : []),
  ];
}

/** The rest of a large publication enters the global search page by page, after the first records. */
async function indexPublished(ctx: AppContext, job: { payload: Record<string, unknown> }, progress: JobProgress) {
  const p = job.payload as { at: string; batchId: string | null; after: string };
  let after: string | null = p.after;
  let done = 0;
  while (after && !progress.signal.aborted) {
    after = await ctx.seizures.indexPublishedPage(new Date(p.at), p.batchId ?? undefined, after, 1000);
    done += 1000;
    await progress.set(done, null, "indexing");
  }
  return { indexedAfterFirst: done };
}

/**
 * The seizure import on the platform's streaming pipeline: one job kind (`imports.seizures`), whose handler opens the
 * enqueuer's own upload as a stream, with a progress bar in bytes read, and commits the records with the job's
 * completion. Made once per context: the manifest lists its job, and the route enqueues through it.
 */
export function seizureImport(ctx: AppContext): StreamingModuleImport<SeizureImportOptions, SeizureImportParts> {
  let made = IMPORTS.get(ctx);
  if (!made) {
    made = defineStreamingImport(
      {
        db: ctx.database.db,
        withClientTransaction: ctx.database.withClientTransaction,
        jobs: ctx.jobs,
        files: ctx.files,
      },
      ctx.seizures.importModule,
    );
    IMPORTS.set(ctx, made);
  }
  return made;
}
const IMPORTS = new WeakMap<AppContext, StreamingModuleImport<SeizureImportOptions, SeizureImportParts>>();
