import type { FastifyBaseLogger } from "fastify";
import { SYSTEM_ACTOR } from "../../platform/audit.js";
import type { JobService } from "../../platform/jobs.js";
import { REMINDER_JOB } from "./registrations.service.js";

export const REMINDER_INTERVAL_MS = 15 * 60_000;

/**
 * Enqueues the reminder job every 15 minutes; the job worker (on this or any instance) runs it. Several
 * instances may enqueue at once: `sendReminders` claims each request before notifying, so nobody is
 * reminded twice. Returns a function that stops the schedule.
 */
export function startReminderSchedule(
  ctx: { jobs: JobService; log: FastifyBaseLogger },
  everyMs = REMINDER_INTERVAL_MS,
): () => void {
  const timer = setInterval(() => {
    ctx.jobs.enqueue(REMINDER_JOB, {}, SYSTEM_ACTOR).catch((error: unknown) => {
      ctx.log.error({ err: error }, "could not enqueue registration reminders");
    });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
