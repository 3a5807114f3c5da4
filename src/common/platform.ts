import { z } from "zod";
import { LocalizedTextSchema } from "./localized.js";

export const HealthSchema = z.object({
  /** "degraded" when the primary or the read replica does not answer; the HTTP status follows the primary alone. */
  status: z.enum(["ok", "degraded"]),
  database: z.object({ kind: z.enum(["embedded", "server"]), status: z.enum(["up", "down"]), latencyMs: z.number() }),
  /** The read replica (DATABASE_READ_URL), or null when none is configured. */
  replica: z.object({ status: z.enum(["up", "down"]), latencyMs: z.number() }).nullable(),
  version: z.string(),
  uptimeSeconds: z.number(),
});
export type Health = z.infer<typeof HealthSchema>;

/**
 * A yes/no flag in a query string. `z.coerce.boolean()` reads any non-empty string, "false" included,
 * as true; this accepts only the two words and gives a boolean.
 */
export const QueryFlagSchema = z.enum(["true", "false"]).transform((v) => v === "true");

export const ROLES = ["member", "focal_point", "liaison_officer", "coordinator", "administrator"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
/**
 * The role that holds `system:manage`: giving it, or changing an account that has it, needs that permission
 * (users.policy.ts), so the user forms offer it only to its holders.
 */
export const SYSTEM_ROLE: Role = "administrator";

/**
 * Permissions that say how far record-level rules reach (every partner, every country) rather than what may be
 * done. They follow the role: a personal API token is never given one, so the token form does not offer them.
 */
export const SCOPE_PERMISSIONS = ["partners:all", "countries:all"] as const;
export const isScope = (permission: string): boolean => (SCOPE_PERMISSIONS as readonly string[]).includes(permission);

/**
 * What the reader may do with one record, sent with it as `can`: `can.edit`, `can.report` … are true when the
 * server would allow that act on that record (the resource's policy decides both). The one shape of per-record
 * abilities (a seizure's `can` set the model); the web shows a button only when its `can` says so.
 */
export function abilitiesSchema<const A extends string>(actions: readonly A[]) {
  return z.object(Object.fromEntries(actions.map((a) => [a, z.boolean()])) as Record<A, z.ZodBoolean>);
}
export type Abilities<A extends string> = Record<A, boolean>;

/** Who a user is, as every answer about a user starts: the signed-in user's own and the administrators' list. */
export const UserIdentitySchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  partnerCode: z.string().nullable(),
  language: z.enum(["en", "ru"]),
});

export const MeSchema = z.object({
  authenticated: z.boolean(),
  csrfToken: z.string(),
  user: UserIdentitySchema.extend({
    mustChangePassword: z.boolean(),
    twoFactorEnabled: z.boolean(),
    /** The role requires 2FA and it is not set up: every API route but enrolment answers 403 until it is. */
    twoFactorSetupRequired: z.boolean(),
    /** A current version of the terms of use or access policy is not accepted yet (registrations module). */
    mustAcceptTerms: z.boolean().optional(),
    permissions: z.array(z.string()),
  }).nullable(),
});
export type Me = z.infer<typeof MeSchema>;

export const SignInSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
});
export type SignIn = z.infer<typeof SignInSchema>;

export const ChangePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(12).max(1024),
});
export type ChangePassword = z.infer<typeof ChangePasswordSchema>;

export const SearchHighlightSchema = z
  .object({
    start: z.number().int().min(0),
    end: z.number().int().min(0),
  })
  .describe(
    "A match in the snippet: offsets in UTF-16 code units (JavaScript string indices), start inclusive, end exclusive.",
  );
export type SearchHighlight = z.infer<typeof SearchHighlightSchema>;
export const SearchHitSchema = z.object({
  entityType: z.string(),
  entityId: z.string(),
  title: LocalizedTextSchema,
  snippet: z
    .string()
    .nullable()
    .describe(
      "Plain text (never markup) cut from the record around the matches, in the reader's language (Accept-Language, then the pact_lang cookie) when the record has text in it; fragments are joined by ' … '.",
    ),
  highlights: z
    .array(SearchHighlightSchema)
    .describe("The matches in `snippet`, in order and not overlapping; a client marks them (the web app with <mark>)."),
  url: z.string(),
  rank: z.number(),
});
export const SearchResultSchema = z.object({
  query: z.string(),
  items: z.array(SearchHitSchema),
  total: z.number().int(),
  byType: z.record(z.string(), z.number().int()),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;
export const SearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(200),
  type: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

export const NotificationSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: LocalizedTextSchema,
  body: LocalizedTextSchema.nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;
export const NotificationListSchema = z.object({
  items: z.array(NotificationSchema),
  total: z.number().int(),
  unread: z.number().int(),
});
export const NotificationPreferenceSchema = z.object({
  kind: z.string(),
  inApp: z.boolean(),
  email: z.boolean(),
});
export type NotificationPreference = z.infer<typeof NotificationPreferenceSchema>;
/** GET and PUT /notifications/preferences answer with each kind's display label. */
export const NotificationPreferencesSchema = z.object({
  items: z.array(NotificationPreferenceSchema.extend({ label: z.object({ en: z.string(), ru: z.string() }) })),
});
export const NotificationPreferencesUpdateSchema = z.object({ items: z.array(NotificationPreferenceSchema).max(200) });

export const JobStatusSchema = z.enum(["queued", "running", "succeeded", "failed", "cancelled"]);
export const JobSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: JobStatusSchema,
  progress: z.number().int(),
  total: z.number().int().nullable(),
  message: z.string().nullable(),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof JobSchema>;

/** An uploaded file as the API describes it. */
export const FileRecordSchema = z.object({
  id: z.uuid(),
  sha256: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  originalName: z.string(),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
});
export type FileRecord = z.infer<typeof FileRecordSchema>;
