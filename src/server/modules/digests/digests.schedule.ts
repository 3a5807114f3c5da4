import type { FastifyBaseLogger } from "fastify";
import type { DigestsService } from "./digests.service.js";

export const DIGEST_CHECK_INTERVAL_MS = 15 * 60_000;

/**
 * Opens the digest run of each ended period: at start (a platform that was down when a week ended catches up)
 * and every 15 minutes. Several instances may check at once: a run is a unique row per frequency and period,
 * so only the first opens it and queues its job; the job worker of any instance sends it. A run whose job ended
 * with readers still claimed by a worker that died is queued again once those claims are stale. Returns a stop
 * function.
 */
export function startDigestSchedule(
  ctx: { digests: DigestsService; log: FastifyBaseLogger },
  everyMs = DIGEST_CHECK_INTERVAL_MS,
): () => void {
  const check = () => {
    ctx.digests
      .openDue()
      .then(() => ctx.digests.resumeStalled())
      .catch((error: unknown) => {
        ctx.log.error({ err: error }, "could not open or resume the digest runs");
      });
  };
  check();
  const timer = setInterval(check, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
