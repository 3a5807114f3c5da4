import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { JobService } from "../../platform/jobs.js";
import { ReportRuns } from "./reports.service.js";

export const REPORT_CHECK_INTERVAL_MS = 15 * 60_000;

/**
 * Opens the due report runs at start (catching up a period whose day passed while the platform was down) and every
 * 15 minutes, like the digests' schedule: each run is one row per schedule and period, so two instances checking
 * at once queue one job; the job worker of any instance sends it, one claim per recipient and period. A run whose
 * job ended with a recipient still claimed by a worker that stopped is queued again (ReportRuns.resumeStalled).
 */
export function startReportSchedule(
  ctx: { database: { db: Kysely<DB> }; jobs: JobService; log: FastifyBaseLogger },
  everyMs = REPORT_CHECK_INTERVAL_MS,
): () => void {
  const runs = new ReportRuns(ctx.database.db, ctx.jobs);
  const check = () => {
    runs
      .openDue()
      .then(() => runs.resumeStalled())
      .catch((error: unknown) => ctx.log.error({ err: error }, "could not open or resume the report runs"));
  };
  check();
  const timer = setInterval(check, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
