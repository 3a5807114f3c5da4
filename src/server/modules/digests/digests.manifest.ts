import { defineModule } from "../manifest.js";
import { DIGEST_JOB } from "./digests.service.js";

export const DIGEST_CHECK_INTERVAL_MS = 15 * 60_000;

export const digestsModule = defineModule({
  name: "digests",
  tables: ["digest_subscriptions", "digest_runs", "digest_deliveries"],
  accessMatrix: {
    "GET /api/v1/digests/settings": "signed-in",
    "PUT /api/v1/digests/settings": "signed-in",
    "POST /api/v1/digests/unsubscribe": "public",
    "GET /api/v1/digests/runs": ["coordinator", "administrator"],
    "POST /api/v1/digests/runs": ["coordinator", "administrator"],
    "GET /api/v1/digests/runs/:id": ["coordinator", "administrator"],
    "POST /api/v1/digests/runs/:id/resume": ["coordinator", "administrator"],
    "GET /api/v1/digests/runs/:id/deliveries": ["coordinator", "administrator"],
  },
  routes: async (app, ctx) => (await import("./digests.routes.js")).registerDigestsRoutes(app, ctx),
  jobs: (ctx) => [
    {
      kind: DIGEST_JOB,
      run: (job, progress) => ctx.digests.sender.run(String(job.payload.runId ?? ""), ctx.jobs.workerId, progress),
    },
  ],
  schedules: [
    {
      // Opens the digest run of each ended period, at start (a platform that was down when a week ended catches
      // up) and every 15 minutes. A run is a unique row per frequency and period, so of several instances only
      // the first opens it and queues its job; a run whose job ended with readers still claimed by a worker that
      // died is queued again once those claims are stale.
      name: "runs",
      everyMs: DIGEST_CHECK_INTERVAL_MS,
      atStart: true,
      run: async (ctx) => {
        await ctx.digests.openDue();
        await ctx.digests.resumeStalled();
      },
    },
  ],
});
