import { SYSTEM_ACTOR } from "../../platform/audit.js";
import { defineModule } from "../manifest.js";
import { REMINDER_JOB } from "./registrations.service.js";

export const REMINDER_INTERVAL_MS = 15 * 60_000;

export const registrationsModule = defineModule({
  name: "registrations",
  tables: ["registrations", "registration_events", "terms_versions", "terms_acceptances"],
  accessMatrix: {
    "POST /api/v1/registrations": "public",
    "POST /api/v1/registrations/confirm": "public",
    "GET /api/v1/registrations": ["focal_point", "coordinator", "administrator"],
    "GET /api/v1/registrations/stats": ["coordinator", "administrator"],
    "POST /api/v1/registrations/:id/vouch": ["focal_point", "coordinator", "administrator"],
    "POST /api/v1/registrations/:id/decline": ["focal_point", "coordinator", "administrator"],
    "POST /api/v1/registrations/:id/approve": ["coordinator", "administrator"],
    "POST /api/v1/registrations/:id/reject": ["coordinator", "administrator"],
    "GET /api/v1/terms/current": "public",
    "POST /api/v1/terms/accept": "signed-in",
    "POST /api/v1/terms/versions": ["coordinator", "administrator"],
  },
  routes: async (app, ctx) => (await import("./registrations.routes.js")).registerRegistrationsRoutes(app, ctx),
  jobs: (ctx) => [{ kind: REMINDER_JOB, run: async () => ctx.registrations.sendReminders(new Date()) }],
  schedules: [
    {
      // The job worker (on this or any instance) runs it. Several instances may enqueue at once: `sendReminders`
      // claims each request before notifying, so nobody is reminded twice.
      name: "reminders",
      everyMs: REMINDER_INTERVAL_MS,
      run: (ctx) => ctx.jobs.enqueue(REMINDER_JOB, {}, SYSTEM_ACTOR),
    },
  ],
});
