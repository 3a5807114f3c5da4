import { z } from "zod";

/**
 * Scheduled reports (issue 20, part 4): a saved analysis or a dashboard mailed as PDF or XLSX on a schedule to its
 * owner or to listed members who may open it. Each recipient's report is computed under their own access.
 */
export const REPORT_FORMATS = ["pdf", "xlsx"] as const;
export const ReportFormatSchema = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormatSchema>;
export const REPORT_FREQUENCIES = ["weekly", "monthly"] as const;
export const ReportFrequencySchema = z.enum(REPORT_FREQUENCIES);
export type ReportFrequency = z.infer<typeof ReportFrequencySchema>;
export const ReportTargetTypeSchema = z.enum(["analysis", "dashboard"]);
export type ReportTargetType = z.infer<typeof ReportTargetTypeSchema>;

const scheduleFields = {
  format: ReportFormatSchema,
  frequency: ReportFrequencySchema,
  /** Weekly: ISO weekday 1 (Monday) to 7 (Sunday); monthly: day of the month 1 to 28 (every month has it). UTC. */
  day: z.number().int().min(1).max(28),
  /** Members to send to; empty: the owner of the analysis or dashboard alone. */
  recipientIds: z.array(z.uuid()).max(50).default([]),
};
const weekday = (v: { frequency: ReportFrequency; day: number }, ctx: z.RefinementCtx) => {
  if (v.frequency === "weekly" && v.day > 7) {
    ctx.addIssue({ code: "too_big", maximum: 7, origin: "number", inclusive: true, input: v.day, path: ["day"] });
  }
};

export const ReportScheduleInputSchema = z.object(scheduleFields).strict().superRefine(weekday);

export const ReportScheduleUpdateSchema = z
  .object({ ...scheduleFields, version: z.number().int().min(1) })
  .strict()
  .superRefine(weekday);

export const ReportRecipientSchema = z.object({ id: z.uuid(), displayName: z.string() });

export const ReportScheduleSchema = z.object({
  id: z.uuid(),
  targetType: ReportTargetTypeSchema,
  targetId: z.uuid(),
  format: ReportFormatSchema,
  frequency: ReportFrequencySchema,
  day: z.number().int(),
  recipients: z.array(ReportRecipientSchema),
  createdBy: ReportRecipientSchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When it was paused (not sent until resumed), or null. */
  pausedAt: z.string().nullable(),
  /** The last send of each recipient (any status), newest first, at most 50. */
  sends: z.array(
    z.object({
      userId: z.uuid(),
      displayName: z.string(),
      period: z.string(),
      status: z.enum(["claimed", "sent", "failed", "dropped"]),
      reason: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type ReportSchedule = z.infer<typeof ReportScheduleSchema>;
export const ReportScheduleListSchema = z.object({ items: z.array(ReportScheduleSchema) });

/** Pause (true) or resume (false) a schedule, at the version read. */
export const ReportPauseSchema = z.object({ paused: z.boolean(), version: z.number().int().min(1) }).strict();

/** "Send now": to the item's owner alone, or to the schedule's list. Limited per schedule (see SEND_NOW_LIMIT). */
export const ReportSendNowInputSchema = z.object({ to: z.enum(["owner", "recipients"]) }).strict();
export const ReportSendNowSchema = z.object({ jobId: z.uuid().nullable(), period: z.string() });
/** At most this many manual sends of one schedule per hour. */
export const SEND_NOW_LIMIT = 3;

/** Coordinators' list of every schedule. `failing`: a send failed in the last 35 days; `paused`: paused ones. */
export const ReportScheduleAdminQuerySchema = z.object({
  status: z.enum(["all", "failing", "paused"]).default("all"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ReportScheduleAdminItemSchema = ReportScheduleSchema.extend({
  target: z.object({ name: z.string(), owner: ReportRecipientSchema }),
  /** The newest run: its period, whether it was a "send now", and how its sends ended. */
  lastRun: z
    .object({
      period: z.string(),
      at: z.string(),
      manual: z.boolean(),
      sent: z.number().int(),
      failed: z.number().int(),
      dropped: z.number().int(),
      pending: z.number().int(),
    })
    .nullable(),
  /** The newest failed send, with its error. */
  lastFailure: z.object({ at: z.string(), displayName: z.string(), reason: z.string().nullable() }).nullable(),
});
export type ReportScheduleAdminItem = z.infer<typeof ReportScheduleAdminItemSchema>;
export const ReportScheduleAdminListSchema = z.object({
  items: z.array(ReportScheduleAdminItemSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const ReportRecipientQuerySchema = z.object({ q: z.string().trim().max(100).default("") });
export const ReportRecipientListSchema = z.object({ items: z.array(ReportRecipientSchema) });
