import type { ColumnMapping, SeizureInputParsed } from "../../../common/seizures.js";
import type { AppContext } from "../../context.js";
import type { Actor } from "../../platform/audit.js";

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

export interface ImportJobPayload {
  fileId: string;
  fileName: string;
  dryRun: boolean;
  mapping?: ColumnMapping;
  sharing: SeizureInputParsed["sharing"];
  confirmWarnings: boolean;
  userId: string | null;
  partnerCode: string | null;
  countries: string[] | null;
  actor: Actor;
}

/** The web upload runs as a job, so a long file shows a progress bar (SSE) and survives a slow link. */
export function registerSeizureJobs(ctx: AppContext) {
  if (ctx.jobs.kinds().includes("seizures.import")) return;
  ctx.jobs.register("seizures.import", async (job, progress) => {
    const p = job.payload as unknown as ImportJobPayload;
    const { stream } = await ctx.files.open(p.fileId);
    const data = await readAll(stream);
    await progress.set(0, null, "reading");
    return ctx.seizures.importFile(
      data,
      {
        fileName: p.fileName,
        dryRun: p.dryRun,
        mapping: p.mapping,
        sharing: p.sharing,
        confirmWarnings: p.confirmWarnings,
        userId: p.userId,
        partnerCode: p.partnerCode,
        countries: p.countries,
        progress: (done, total, message) => progress.set(done, total, message),
      },
      p.actor,
    );
  });
}
