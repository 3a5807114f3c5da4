import type { Readable } from "node:stream";
import type { ColumnMapping, SeizureInputParsed, ValueMapping } from "../../../common/seizures.js";
import type { AppContext } from "../../context.js";
import type { Actor } from "../../platform/audit.js";
import type { JobProgress } from "../../platform/jobs.js";
import type { JobDefinition } from "../manifest.js";
import { SEARCH_INDEX_JOB } from "./seizures.service.js";

export interface ImportJobPayload {
  fileId: string;
  fileName: string;
  dryRun: boolean;
  mapping?: ColumnMapping;
  valueMapping?: ValueMapping;
  sharing: SeizureInputParsed["sharing"];
  confirmWarnings: boolean;
  userId: string | null;
  partnerCode: string | null;
  ownerByCountry?: boolean;
  countries: string[] | null;
  actor: Actor;
}

/** The module's jobs (its manifest registers them when the context is built). */
export function seizureJobs(ctx: AppContext): JobDefinition[] {
  return [
    { kind: SEARCH_INDEX_JOB, run: (job, progress) => indexPublished(ctx, job, progress) },
    importJob(ctx),
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

/** The web upload runs as a job, so a long file shows a progress bar (SSE) and survives a slow link. */
function importJob(ctx: AppContext): JobDefinition {
  return {
    kind: "seizures.import",
    run: async (job, progress) => {
      const p = job.payload as unknown as ImportJobPayload;
      const { record, stream } = await ctx.files.openOwn(p.fileId, p.actor);
      await progress.set(0, null, "reading");
      return ctx.seizures.importFile(
        // Opened afresh for the import and read as a stream: a large CSV never sits in memory.
        () => stream as Readable,
        {
          fileName: p.fileName,
          dryRun: p.dryRun,
          mapping: p.mapping,
          valueMapping: p.valueMapping,
          sharing: p.sharing,
          confirmWarnings: p.confirmWarnings,
          userId: p.userId,
          partnerCode: p.partnerCode,
          ownerByCountry: p.ownerByCountry,
          countries: p.countries,
          totalBytes: record.size,
          progress: (done, total, message) => progress.set(done, total, message),
          // The records and the job's completion commit together: a crash cannot make the job import twice.
          beforeCommit: (trx, result) => progress.completeWithin(trx, result),
        },
        p.actor,
      );
    },
  };
}
