import { z } from "zod";
import { LanguageSchema, pageOf } from "./localized.js";
import { PillarNumberSchema } from "./meetings.js";
import { Iso3Schema } from "./users.js";

/** How often a user receives the digest; `never` is the default and what an unsubscribe link sets. */
export const DIGEST_FREQUENCIES = ["weekly", "monthly", "never"] as const;
export const DigestFrequencySchema = z.enum(DIGEST_FREQUENCIES);
export type DigestFrequency = z.infer<typeof DigestFrequencySchema>;

/** The frequencies that are sent (runs exist only for these). */
export const SENT_FREQUENCIES = ["weekly", "monthly"] as const;
export const SentFrequencySchema = z.enum(SENT_FREQUENCIES);
export type SentFrequency = z.infer<typeof SentFrequencySchema>;

/**
 * What a digest can report, one subject per module: news; meetings and recommendations; ADAM projects and
 * duplication alerts; DMP alerts (unusual changes in seizures); newly published fact sheets; trainings of the
 * user's countries.
 */
export const DIGEST_MODULES = ["news", "meetings", "projects", "seizure_alerts", "factsheets", "trainings"] as const;
export const DigestModuleSchema = z.enum(DIGEST_MODULES);
export type DigestModule = z.infer<typeof DigestModuleSchema>;

/** A user's digest choice. Empty pillars or countries mean "all"; modules name what the digest holds. */
export const DigestSettingsSchema = z.object({
  frequency: DigestFrequencySchema,
  pillars: z.array(PillarNumberSchema),
  countries: z.array(z.string()),
  modules: z.array(DigestModuleSchema),
  /** The language the digest is written in: the user's own (set with the language of the account). */
  language: LanguageSchema,
  /** When the last digest was sent to the user, if ever. */
  lastSentAt: z.string().nullable(),
});
export type DigestSettings = z.infer<typeof DigestSettingsSchema>;

export const DigestSettingsInputSchema = z
  .object({
    frequency: DigestFrequencySchema,
    pillars: z.array(PillarNumberSchema).max(4).default([]),
    countries: z.array(Iso3Schema).max(100).default([]),
    modules: z
      .array(DigestModuleSchema)
      .max(DIGEST_MODULES.length)
      .default([...DIGEST_MODULES]),
  })
  .strict();
export type DigestSettingsInput = z.infer<typeof DigestSettingsInputSchema>;

/** The signed link of a digest's footer: unsubscribes its user from digests, nothing else, without a sign-in. */
export const UnsubscribeInputSchema = z.object({ token: z.string().min(20).max(400) }).strict();
export const UnsubscribeResultSchema = z.object({ unsubscribed: z.literal(true), email: z.string() });

export const DIGEST_RUN_STATUSES = ["queued", "sending", "done"] as const;
export const DigestRunSchema = z.object({
  id: z.string().uuid(),
  frequency: SentFrequencySchema,
  period: z.string(),
  since: z.string(),
  until: z.string(),
  status: z.enum(DIGEST_RUN_STATUSES),
  manual: z.boolean(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  jobId: z.string().nullable(),
  sent: z.number().int(),
  empty: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
});
export type DigestRun = z.infer<typeof DigestRunSchema>;
export const DigestRunListSchema = pageOf(DigestRunSchema);

export const DIGEST_DELIVERY_STATUSES = ["claimed", "sent", "empty", "failed"] as const;
export const DigestDeliverySchema = z.object({
  id: z.string().uuid(),
  userId: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  language: LanguageSchema,
  status: z.enum(DIGEST_DELIVERY_STATUSES),
  /** Items per module in the digest as sent (only what the recipient may see). */
  counts: z.record(z.string(), z.number().int()),
  since: z.string(),
  until: z.string(),
  sentAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type DigestDelivery = z.infer<typeof DigestDeliverySchema>;
export const DigestDeliveryListSchema = pageOf(DigestDeliverySchema);

export const DigestDeliveryQuerySchema = z.object({
  status: z.enum(DIGEST_DELIVERY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const DigestSendInputSchema = z.object({ frequency: SentFrequencySchema }).strict();
