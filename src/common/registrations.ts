import { z } from "zod";
import { LanguageSchema, LocalizedTextSchema, pageOf } from "./localized.js";

/** The portal's promise: an eligible registrant's account is usable within 48 hours of confirming the e-mail. */
export const APPROVAL_TARGET_HOURS = 48;
/** Reviewers are reminded when a request would miss the target within this many hours. */
export const REMINDER_LEAD_HOURS = 12;
export const PASSWORD_MIN = 12;
export const REASON_MIN = 20;
export const REASON_MAX = 2000;
export const DECISION_REASON_MIN = 5;
export const DECISION_REASON_MAX = 1000;

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** ISO 3166-1 alpha-3 of a partner country or the acronym of a partner organization. */
export const PartnerCodeSchema = z
  .string()
  .trim()
  .min(2)
  .max(20)
  .regex(/^[A-Za-z0-9-]+$/);

/** Loose on purpose: numbers are written in many national formats. At least six digits. */
export const WorkPhoneSchema = z
  .string()
  .trim()
  .min(6)
  .max(30)
  .regex(/^(?=(?:\D*\d){6})[+\d\s()-]+$/);

export const RegistrationInputSchema = z.object({
  displayName: text(2, 200),
  email: z.email().max(254),
  partnerCode: PartnerCodeSchema,
  agency: text(2, 300),
  position: text(2, 200),
  workPhone: WorkPhoneSchema,
  reason: text(REASON_MIN, REASON_MAX),
  password: z.string().min(PASSWORD_MIN).max(1024),
  language: LanguageSchema,
  /** Ids of the current terms of use and access policy the registrant accepted. */
  acceptedTerms: z.array(z.uuid()).min(1).max(10),
  /** Honeypot: hidden from people, filled in by bots. Must stay empty. */
  website: z.string().max(2000).optional(),
});
export type RegistrationInput = z.infer<typeof RegistrationInputSchema>;

/** The same answer whether or not the request was kept, so a bot learns nothing from it. */
export const RegistrationReceivedSchema = z.object({ status: z.literal("received") });

export const ConfirmRegistrationSchema = z.object({ token: z.string().trim().min(20).max(200) });
export const ConfirmedRegistrationSchema = z.object({
  status: z.literal("pending"),
  targetHours: z.number().int(),
});

export const RegistrationStatusSchema = z.enum(["unconfirmed", "pending", "approved", "rejected", "expired"]);
export type RegistrationStatus = z.infer<typeof RegistrationStatusSchema>;

/** Roles a coordinator may give at approval; higher roles are granted through user management. */
export const ApprovableRoleSchema = z.enum(["member", "focal_point", "liaison_officer"]);

export const VouchSchema = z.object({
  state: z.enum(["vouched", "declined"]),
  byName: z.string().nullable(),
  at: z.string(),
  comment: z.string().nullable(),
});
export type Vouch = z.infer<typeof VouchSchema>;

export const RegistrationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  partnerCode: z.string(),
  agency: z.string(),
  position: z.string(),
  workPhone: z.string(),
  reason: z.string(),
  language: LanguageSchema,
  status: RegistrationStatusSchema,
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  /** submittedAt + 48 hours. */
  dueAt: z.string().nullable(),
  /** Hours waited so far (pending) or until the decision. */
  waitedHours: z.number().nullable(),
  overdue: z.boolean(),
  vouch: VouchSchema.nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decisionReason: z.string().nullable(),
  approvedRole: ApprovableRoleSchema.nullable(),
  version: z.number().int(),
});
export type Registration = z.infer<typeof RegistrationSchema>;

export const RegistrationListQuerySchema = z.object({
  status: RegistrationStatusSchema.optional(),
  partner: PartnerCodeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type RegistrationListQuery = z.infer<typeof RegistrationListQuerySchema>;
export const RegistrationListSchema = pageOf(RegistrationSchema);
export type RegistrationList = z.infer<typeof RegistrationListSchema>;

const version = z.number().int().min(1);
const decisionReason = text(DECISION_REASON_MIN, DECISION_REASON_MAX);

export const VouchInputSchema = z.object({ version, comment: z.string().trim().max(DECISION_REASON_MAX).optional() });
export const DeclineInputSchema = z.object({ version, reason: decisionReason });
export const ApproveInputSchema = z.object({ version, role: ApprovableRoleSchema.default("member") });
export const RejectInputSchema = z.object({ version, reason: decisionReason });
export type ApproveInput = z.infer<typeof ApproveInputSchema>;

const hours = z.number().nullable();
export const ApprovalFiguresSchema = z.object({
  submitted: z.number().int(),
  approved: z.number().int(),
  rejected: z.number().int(),
  pending: z.number().int(),
  medianHours: hours,
  p95Hours: hours,
  /** Share (0–1) of the decided requests decided within the 48-hour target; null when none was decided. */
  withinTargetShare: hours,
});
export const RegistrationStatsSchema = z.object({
  targetHours: z.number().int(),
  /** By month of submission (YYYY-MM, UTC), oldest first. */
  months: z.array(ApprovalFiguresSchema.extend({ month: z.string() })),
  overall: ApprovalFiguresSchema.extend({ overdue: z.number().int() }),
});
export type RegistrationStats = z.infer<typeof RegistrationStatsSchema>;
export const RegistrationStatsQuerySchema = z.object({
  months: z.coerce.number().int().min(1).max(120).default(12),
});

// Terms of use and access policy: versioned texts that every user accepts, again after each new version.
export const TermsKindSchema = z.enum(["terms", "access_policy"]);
export type TermsKind = z.infer<typeof TermsKindSchema>;

export const TermsVersionSchema = z.object({
  id: z.uuid(),
  kind: TermsKindSchema,
  version: z.number().int(),
  title: LocalizedTextSchema,
  body: LocalizedTextSchema,
  publishedAt: z.string(),
});
export type TermsVersion = z.infer<typeof TermsVersionSchema>;
export const TermsCurrentSchema = z.object({ items: z.array(TermsVersionSchema) });

export const TermsAcceptSchema = z.object({ termsVersionIds: z.array(z.uuid()).min(1).max(10) });
export const TermsAcceptResultSchema = z.object({ mustAcceptTerms: z.boolean() });

const bilingual = (max: number) => z.object({ en: text(1, max), ru: text(1, max) });
/** A new version of a document, in both languages; publishing it asks every user to accept it again. */
export const TermsPublishSchema = z.object({
  kind: TermsKindSchema,
  title: bilingual(300),
  body: bilingual(100_000),
});
export type TermsPublish = z.infer<typeof TermsPublishSchema>;
