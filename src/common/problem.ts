import { z } from "zod";

/** RFC 9457 problem details as the API answers every error. `code` is stable; the web translates by it. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string(),
  errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** Stable error codes. Messages for each live in src/server/http/messages.ts and in the web i18n files. */
export const ERROR_CODES = [
  "validation_failed",
  "not_found",
  "unauthenticated",
  "forbidden",
  "administrator_required",
  "self_change_forbidden",
  "csrf_failed",
  "conflict",
  "version_conflict",
  "rate_limited",
  "payload_too_large",
  "unsupported_media_type",
  "malformed_multipart",
  "invalid_credentials",
  "too_many_attempts",
  "invalid_two_factor_code",
  "two_factor_setup_required",
  "terms_acceptance_required",
  "service_unavailable",
  "internal_error",
  "registration_link_invalid",
  "unsubscribe_link_invalid",
  "dmp_terms_required",
  "confirmation_required",
  "record_locked",
  "invalid_transition",
  "four_eyes_required",
  "count_confirmation_required",
  "count_mismatch",
  "idempotency_key_reused",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
