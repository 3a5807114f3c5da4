import { z } from "zod";
import { LocalizedTextSchema, PageQuerySchema, pageOf, updateOf } from "./localized.js";
import { abilitiesSchema } from "./platform.js";

/** Contracts of the consultative mechanism: meetings, participation, recommendations, news. */

export const MEETING_KINDS = [
  "ministerial_conference",
  "pcgm",
  "ewg",
  "expert_round_table",
  "informal_consultation",
  "training",
  "other",
] as const;
export const MeetingKindSchema = z.enum(MEETING_KINDS);
export type MeetingKind = z.infer<typeof MeetingKindSchema>;

export const MeetingFormatSchema = z.enum(["in_person", "hybrid", "virtual"]);
export const VisibilitySchema = z.enum(["public", "members"]);
export type Visibility = z.infer<typeof VisibilitySchema>;
/** How precisely the documents give a historic meeting's date. */
export const DatePrecisionSchema = z.enum(["day", "month", "year"]);
/** "over 150 participants", "nearly 600 delegates": the figure is a bound, not a count. */
export const FIGURE_QUALIFIERS = ["exact", "over", "nearly"] as const;
/** A figure as the documents give it: exact, "more than" (a lower bound) or "nearly" (an upper bound). */
export const FigureQualifierSchema = z.enum(FIGURE_QUALIFIERS);
export type FigureQualifier = z.infer<typeof FigureQualifierSchema>;
export const PillarNumberSchema = z.number().int().min(1).max(4);

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, "invalid date");
const Iso3 = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/)
  .transform((v) => v.toUpperCase());
const Count = z.number().int().min(0).max(1_000_000);

export const ProvenanceListSchema = z.array(z.object({ document: z.string(), locator: z.string() }));

/** Links shown to readers as anchors: http(s) only, so a stored `javascript:` or `data:` URL can never become a live link. */
export const WebLinkSchema = z
  .string()
  .trim()
  .url({ protocol: /^https?$/ })
  .max(2000);

export const MeetingDocumentSchema = z.object({
  title: LocalizedTextSchema,
  url: z.string().trim().url().max(2000).optional(),
  fileId: z.string().uuid().optional(),
});
/** What is accepted; answers keep the wider schema so a link stored before this rule still reads (the web app shows it as text). */
const MeetingDocumentInputSchema = MeetingDocumentSchema.extend({ url: WebLinkSchema.optional() });

export const AttendanceSchema = z.object({
  participants: Count.nullable(),
  participantsQualifier: FigureQualifierSchema,
  inPersonParticipants: Count.nullable(),
  inPersonQualifier: FigureQualifierSchema,
  countries: Count.nullable(),
  organizations: Count.nullable(),
  /** "registrations" when computed from approved/attended registrations, "entered" when typed in. */
  source: z.enum(["registrations", "entered", "none"]),
});
export type Attendance = z.infer<typeof AttendanceSchema>;

export const MeetingSummarySchema = z.object({
  id: z.string().uuid(),
  kind: MeetingKindSchema,
  number: z.number().int().nullable(),
  title: LocalizedTextSchema,
  pillars: z.array(z.number().int()),
  host: LocalizedTextSchema.nullable(),
  city: LocalizedTextSchema.nullable(),
  country: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  datePrecision: DatePrecisionSchema,
  format: MeetingFormatSchema.nullable(),
  visibility: VisibilitySchema,
  attendance: AttendanceSchema,
  priorityRecommendationCount: z.number().int().nullable(),
  recommendationCount: z.number().int(),
  isReference: z.boolean(),
});
export type MeetingSummary = z.infer<typeof MeetingSummarySchema>;

export const SnapshotSummarySchema = z.object({
  id: z.string().uuid(),
  meetingId: z.string().uuid(),
  pillar: z.number().int(),
  takenAt: z.string(),
  takenByName: z.string().nullable(),
  recommendationCount: z.number().int(),
});

export const MyRegistrationSchema = z.object({
  id: z.string().uuid(),
  status: z.enum(["requested", "approved", "declined", "cancelled"]),
  invited: z.boolean(),
  attendanceMode: z.enum(["in_person", "remote"]),
  listConsent: z.boolean(),
  declineReason: z.string().nullable(),
  version: z.number().int(),
});

export const MeetingDetailSchema = MeetingSummarySchema.extend({
  theme: LocalizedTextSchema.nullable(),
  agenda: LocalizedTextSchema.nullable(),
  outcome: LocalizedTextSchema.nullable(),
  documents: z.array(MeetingDocumentSchema),
  enteredAttendance: AttendanceSchema,
  stocktaking: z.boolean(),
  provenance: ProvenanceListSchema,
  snapshots: z.array(SnapshotSummarySchema),
  myRegistration: MyRegistrationSchema.nullable(),
  version: z.number().int(),
});
export type MeetingDetail = z.infer<typeof MeetingDetailSchema>;

export const MeetingInputSchema = z.object({
  kind: MeetingKindSchema,
  number: z.number().int().min(1).max(1000).nullable().optional(),
  title: LocalizedTextSchema,
  theme: LocalizedTextSchema.nullable().optional(),
  pillars: z.array(PillarNumberSchema).max(4).default([]),
  host: LocalizedTextSchema.nullable().optional(),
  hostPartnerCode: z.string().trim().max(20).nullable().optional(),
  city: LocalizedTextSchema.nullable().optional(),
  country: Iso3.nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
  startDate: IsoDate,
  endDate: IsoDate.nullable().optional(),
  format: MeetingFormatSchema.nullable().optional(),
  participants: Count.nullable().optional(),
  participantsQualifier: FigureQualifierSchema.default("exact"),
  inPersonParticipants: Count.nullable().optional(),
  inPersonQualifier: FigureQualifierSchema.default("exact"),
  countries: Count.nullable().optional(),
  organizations: Count.nullable().optional(),
  agenda: LocalizedTextSchema.nullable().optional(),
  outcome: LocalizedTextSchema.nullable().optional(),
  documents: z.array(MeetingDocumentInputSchema).max(100).default([]),
  priorityRecommendationCount: Count.nullable().optional(),
  stocktaking: z.boolean().default(false),
  visibility: VisibilitySchema.default("public"),
});
export type MeetingInput = z.infer<typeof MeetingInputSchema>;

export const MeetingUpdateSchema = updateOf(MeetingInputSchema).extend({ version: z.number().int().min(1) });
export type MeetingUpdate = z.infer<typeof MeetingUpdateSchema>;

export const MeetingListQuerySchema = PageQuerySchema.extend({
  kind: MeetingKindSchema.optional(),
  pillar: z.coerce.number().int().min(1).max(4).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  host: z.string().trim().min(1).max(100).optional(),
  country: Iso3.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  order: z.enum(["asc", "desc"]).default("desc"),
});
export type MeetingListQuery = z.infer<typeof MeetingListQuerySchema>;
export const MeetingListSchema = pageOf(MeetingSummarySchema);
export type MeetingList = z.infer<typeof MeetingListSchema>;

// ── Participation ────────────────────────────────────────────────────────────────────────────────
export const RegistrationStatusSchema = z.enum(["requested", "approved", "declined", "cancelled"]);
export const RegisterSchema = z.object({
  attendanceMode: z.enum(["in_person", "remote"]).default("in_person"),
  listConsent: z.boolean().default(false),
});
export const InviteSchema = z.object({
  userId: z.string().uuid(),
  attendanceMode: z.enum(["in_person", "remote"]).default("in_person"),
});
export const DecisionSchema = z
  .object({
    decision: z.enum(["approve", "decline"]),
    reason: z.string().trim().min(1).max(2000).optional(),
    version: z.number().int().min(1),
  })
  .refine((v) => v.decision === "approve" || !!v.reason, {
    message: "A reason is required to decline",
    path: ["reason"],
    params: { code: "reason_required" },
  });
export const AttendanceMarkSchema = z.object({ attended: z.boolean(), version: z.number().int().min(1) });

export const ParticipantSchema = z.object({
  registrationId: z.string().uuid(),
  displayName: z.string(),
  partnerCode: z.string().nullable(),
  status: RegistrationStatusSchema,
  invited: z.boolean(),
  attendanceMode: z.enum(["in_person", "remote"]),
  attended: z.boolean().nullable(),
  listConsent: z.boolean(),
  declineReason: z.string().nullable(),
  version: z.number().int(),
});
export type Participant = z.infer<typeof ParticipantSchema>;
export const ParticipantListSchema = z.object({
  items: z.array(ParticipantSchema),
  /** Approved participants not shown because they did not consent to be listed. */
  hidden: z.number().int(),
  /** Whether the caller sees every registration (organizers) or only the consenting participants. */
  organizerView: z.boolean(),
});

// ── Recommendations ─────────────────────────────────────────────────────────────────────────────
export const RECOMMENDATION_STATUSES = [
  "draft",
  "adopted",
  "endorsed",
  "in_progress",
  "implemented",
  "superseded",
  "merged",
  "withdrawn",
] as const;
export const RecommendationStatusSchema = z.enum(RECOMMENDATION_STATUSES);
/** Acts on one recommendation: edit its text, move it along its lifecycle, report on it for a partner. */
export const RECOMMENDATION_ACTIONS = ["edit", "transition", "report"] as const;
export type RecommendationStatus = z.infer<typeof RecommendationStatusSchema>;
export const ReportStatusSchema = z.enum(["not_started", "partial", "done"]);

const CommitmentCode = z.string().regex(/^(I|II|III|IV)\.\d{1,2}$/);

export const RecommendationInputSchema = z.object({
  meetingId: z.string().uuid(),
  number: z.string().trim().min(1).max(40),
  text: LocalizedTextSchema,
  pillar: PillarNumberSchema,
  themes: z.array(z.string().trim().min(1).max(80)).max(20).default([]),
  commitments: z.array(CommitmentCode).max(40).default([]),
  priority: z.boolean().default(false),
  visibility: VisibilitySchema.default("public"),
});
export type RecommendationInput = z.infer<typeof RecommendationInputSchema>;
export const RecommendationUpdateSchema = updateOf(RecommendationInputSchema.omit({ meetingId: true })).extend({
  version: z.number().int().min(1),
});
export type RecommendationUpdate = z.infer<typeof RecommendationUpdateSchema>;

export const TransitionInputSchema = z.object({
  to: RecommendationStatusSchema.exclude(["draft"]),
  /** The date the transition took effect (e.g. the PCGM's date); defaults to today. */
  on: IsoDate.optional(),
  meetingId: z.string().uuid().optional(),
  successorId: z.string().uuid().optional(),
  note: z.string().trim().min(1).max(2000).optional(),
  version: z.number().int().min(1),
});
export type TransitionInput = z.infer<typeof TransitionInputSchema>;

export const TransitionSchema = z.object({
  id: z.string().uuid(),
  from: RecommendationStatusSchema.nullable(),
  to: RecommendationStatusSchema,
  on: z.string(),
  recordedAt: z.string(),
  actorName: z.string().nullable(),
  meeting: z.object({ id: z.string().uuid(), title: LocalizedTextSchema }).nullable(),
  successorId: z.string().uuid().nullable(),
  note: z.string().nullable(),
});

export const EvidenceSchema = z.object({
  label: z.string().trim().min(1).max(300),
  url: z.string().trim().url().max(2000).optional(),
  fileId: z.string().uuid().optional(),
});
const EvidenceInputSchema = EvidenceSchema.extend({ url: WebLinkSchema.optional() });
export const ReportInputSchema = z.object({
  partnerCode: z.string().trim().min(2).max(20),
  status: ReportStatusSchema,
  narrative: LocalizedTextSchema.optional(),
  evidence: z.array(EvidenceInputSchema).max(20).default([]),
});
export type ReportInput = z.infer<typeof ReportInputSchema>;
export const ReportSchema = z.object({
  id: z.string().uuid(),
  partnerCode: z.string(),
  status: ReportStatusSchema,
  narrative: LocalizedTextSchema.nullable(),
  evidence: z.array(EvidenceSchema),
  byCoordinator: z.boolean(),
  reporterName: z.string().nullable(),
  reportedAt: z.string(),
});
export type Report = z.infer<typeof ReportSchema>;

export const RecommendationSummarySchema = z.object({
  id: z.string().uuid(),
  meetingId: z.string().uuid(),
  meetingTitle: LocalizedTextSchema,
  meetingDate: z.string(),
  number: z.string(),
  text: LocalizedTextSchema,
  pillar: z.number().int(),
  themes: z.array(z.string()),
  commitments: z.array(z.string()),
  priority: z.boolean(),
  status: RecommendationStatusSchema,
  visibility: VisibilitySchema,
  endorsedBy: z.object({ id: z.string().uuid(), title: LocalizedTextSchema }).nullable(),
  reportCount: z.number().int(),
});
export type RecommendationSummary = z.infer<typeof RecommendationSummarySchema>;

export const RecommendationDetailSchema = RecommendationSummarySchema.extend({
  successorId: z.string().uuid().nullable(),
  transitions: z.array(TransitionSchema),
  /** Every report, newest first (members only; empty for visitors). */
  reports: z.array(ReportSchema),
  /** The latest report of each partner. */
  latestByPartner: z.array(ReportSchema),
  allowedTransitions: z.array(RecommendationStatusSchema),
  /** The reader's abilities on this recommendation (recommendations.policy.ts). */
  can: abilitiesSchema(RECOMMENDATION_ACTIONS),
  version: z.number().int(),
});
export type RecommendationDetail = z.infer<typeof RecommendationDetailSchema>;

export const RecommendationListQuerySchema = PageQuerySchema.extend({
  meetingId: z.string().uuid().optional(),
  pillar: z.coerce.number().int().min(1).max(4).optional(),
  status: RecommendationStatusSchema.optional(),
  partner: z.string().trim().min(2).max(20).optional(),
  priority: z.enum(["true", "false"]).optional(),
  q: z.string().trim().min(1).max(200).optional(),
});
export type RecommendationListQuery = z.infer<typeof RecommendationListQuerySchema>;
export const RecommendationListSchema = pageOf(RecommendationSummarySchema);
export type RecommendationList = z.infer<typeof RecommendationListSchema>;
export const RecommendationExportQuerySchema = RecommendationListQuerySchema.omit({
  limit: true,
  offset: true,
}).extend({ format: z.enum(["xlsx", "csv"]).default("xlsx") });

export const HeatmapSchema = z.object({
  recommendations: z.array(z.object({ id: z.string().uuid(), number: z.string(), text: LocalizedTextSchema })),
  partners: z.array(z.string()),
  /** [recommendation index, partner index, 0 not started | 1 partial | 2 done]. */
  cells: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int()])),
});
export type Heatmap = z.infer<typeof HeatmapSchema>;
export const ProgressSchema = z.object({
  /** Per month (YYYY-MM): how many recommendation × partner pairs stood at each status at the month's end. */
  points: z.array(z.object({ month: z.string(), notStarted: z.number(), partial: z.number(), done: z.number() })),
});
export type Progress = z.infer<typeof ProgressSchema>;
export const AnalysisQuerySchema = z.object({
  pillar: z.coerce.number().int().min(1).max(4).optional(),
  meetingId: z.string().uuid().optional(),
});

export const SnapshotInputSchema = z.object({ pillar: PillarNumberSchema });
export const SnapshotDetailSchema = SnapshotSummarySchema.extend({
  meetingTitle: LocalizedTextSchema,
  items: z.array(
    z.object({
      recommendationId: z.string().uuid(),
      number: z.string(),
      text: LocalizedTextSchema,
      status: RecommendationStatusSchema,
      reports: z.array(z.object({ partnerCode: z.string(), status: ReportStatusSchema, reportedAt: z.string() })),
    }),
  ),
});
export type SnapshotDetail = z.infer<typeof SnapshotDetailSchema>;

// ── News ────────────────────────────────────────────────────────────────────────────────────────
export const NewsInputSchema = z.object({
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema.optional(),
  body: LocalizedTextSchema,
  pillars: z.array(PillarNumberSchema).max(4).default([]),
  visibility: VisibilitySchema.default("public"),
  meetingId: z.string().uuid().nullable().optional(),
});
export type NewsInput = z.infer<typeof NewsInputSchema>;
export const NewsUpdateSchema = updateOf(NewsInputSchema).extend({ version: z.number().int().min(1) });
export type NewsUpdate = z.infer<typeof NewsUpdateSchema>;
export const NewsItemSchema = z.object({
  id: z.string().uuid(),
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema.nullable(),
  body: LocalizedTextSchema,
  pillars: z.array(z.number().int()),
  visibility: VisibilitySchema,
  meetingId: z.string().uuid().nullable(),
  publishedAt: z.string(),
  authorName: z.string().nullable(),
  version: z.number().int(),
});
export type NewsItem = z.infer<typeof NewsItemSchema>;
export const NewsListQuerySchema = PageQuerySchema.extend({
  pillar: z.coerce.number().int().min(1).max(4).optional(),
});
export const NewsListSchema = pageOf(NewsItemSchema);
export type NewsList = z.infer<typeof NewsListSchema>;

/** Notification kinds of the news digests a member can subscribe to (one per pillar, plus general news). */
export const NEWS_KINDS = ["news.general", "news.pillar.1", "news.pillar.2", "news.pillar.3", "news.pillar.4"] as const;

/** Summaries other modules read by id (ADAM projects link meetings and recommendations). */
export interface MeetingRef {
  id: string;
  kind: MeetingKind;
  title: { en?: string; ru?: string };
  startDate: string;
  visibility: Visibility;
}
export interface RecommendationRef {
  id: string;
  number: string;
  meetingId: string;
  pillar: number;
  status: RecommendationStatus;
  text: { en?: string; ru?: string };
  visibility: Visibility;
}
