import { z } from "zod";
import { columnMappingSchema, DuplicateDecisionSchema, importReport, inFileDuplicates } from "./imports.js";
import { abilitiesSchema } from "./platform.js";

/** Contracts of the training database: courses, trainings, participants, person linkage, reports. */

/** What a reader may do with a training (its `can`): manage its participants. */
export const TRAINING_ACTIONS = ["manage"] as const;

const iso3 = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A full or partial date of birth: YYYY-MM-DD, YYYY-MM or YYYY. */
export const partialDate = z
  .string()
  .trim()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => text(max).nullable().optional();

export const COURSE_LEVELS = ["basic", "intermediate", "advanced"] as const;
export const TRAINING_FORMATS = ["in_person", "online", "hybrid"] as const;

export const CourseSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.object({ en: z.string().optional(), ru: z.string().optional() }),
  topic: z.string(),
  level: z.enum(COURSE_LEVELS),
  pillar: z.number().int().nullable(),
});
export type Course = z.infer<typeof CourseSchema>;

export const CourseInputSchema = z.object({
  code: text(40).regex(/^[A-Za-z0-9-]+$/),
  title: z
    .object({ en: text(300).optional(), ru: text(300).optional() })
    .refine((t) => t.en || t.ru, { message: "At least one language" }),
  topic: text(100),
  level: z.enum(COURSE_LEVELS),
  pillar: z.number().int().min(1).max(4).nullable().optional(),
});
export type CourseInput = z.infer<typeof CourseInputSchema>;

export const TrainingSchema = z.object({
  id: z.uuid(),
  course: CourseSchema,
  title: z.string(),
  project: z.string().nullable(),
  organizer: z.string().nullable(),
  organizerPartner: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  place: z.string().nullable(),
  country: z.string().nullable(),
  format: z.enum(TRAINING_FORMATS),
  trainers: z.array(z.string()),
  materials: z.string().nullable(),
  participantCount: z.number().int(),
  /** The reader's abilities (trainings.policy.ts): `manage`, see and edit the participants' personal data. */
  can: abilitiesSchema(TRAINING_ACTIONS),
  version: z.number().int(),
});
export type Training = z.infer<typeof TrainingSchema>;

export const TrainingInputSchema = z
  .object({
    courseId: z.uuid(),
    title: text(300),
    project: optionalText(200),
    organizer: optionalText(200),
    organizerPartner: optionalText(20),
    startsOn: isoDate,
    endsOn: isoDate,
    place: optionalText(200),
    country: iso3.nullable().optional(),
    format: z.enum(TRAINING_FORMATS),
    trainers: z.array(text(200)).max(50).default([]),
    materials: optionalText(4000),
  })
  .refine((t) => t.endsOn >= t.startsOn, { message: "The end is before the start", path: ["endsOn"] });
export type TrainingInput = z.infer<typeof TrainingInputSchema>;
export const TrainingUpdateSchema = z.object({ version: z.number().int() }).and(TrainingInputSchema);
export type TrainingUpdate = z.infer<typeof TrainingUpdateSchema>;

export const TrainingListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  country: iso3.optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export const TrainingListSchema = z.object({ items: z.array(TrainingSchema), total: z.number().int() });
export type TrainingList = z.infer<typeof TrainingListSchema>;

const score = z.number().min(0).max(100).nullable().optional();

export const ParticipantInputSchema = z
  .object({
    fullName: optionalText(300),
    fullNameNative: optionalText(300),
    dateOfBirth: partialDate.nullable().optional(),
    sex: z.enum(["F", "M"]).nullable().optional(),
    country: iso3.nullable().optional(),
    agency: optionalText(300),
    unit: optionalText(300),
    position: optionalText(200),
    contact: optionalText(300),
    attended: z.boolean().default(true),
    completed: z.boolean().default(false),
    preScore: score,
    postScore: score,
  })
  .refine((p) => p.fullName || p.fullNameNative, { message: "A name is required", path: ["fullName"] });
export type ParticipantInput = z.infer<typeof ParticipantInputSchema>;
export const ParticipantUpdateSchema = z.object({ version: z.number().int() }).and(ParticipantInputSchema);
export type ParticipantUpdate = z.infer<typeof ParticipantUpdateSchema>;

export const ParticipantSchema = z.object({
  id: z.uuid(),
  trainingId: z.uuid(),
  fullName: z.string().nullable(),
  fullNameNative: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  sex: z.enum(["F", "M"]).nullable(),
  country: z.string().nullable(),
  agency: z.string().nullable(),
  unit: z.string().nullable(),
  position: z.string().nullable(),
  contact: z.string().nullable(),
  attended: z.boolean(),
  completed: z.boolean(),
  preScore: z.number().nullable(),
  postScore: z.number().nullable(),
  personId: z.uuid().nullable(),
  /** Other trainings of the same person (linked records). */
  otherTrainings: z.number().int(),
  version: z.number().int(),
});
export type Participant = z.infer<typeof ParticipantSchema>;
export const ParticipantListSchema = z.object({ items: z.array(ParticipantSchema), total: z.number().int() });

/** The fields a participant list's columns can be matched to (the import's column step; `mapping` below). */
export const PARTICIPANT_IMPORT_FIELDS = [
  "fullName",
  "fullNameNative",
  "dateOfBirth",
  "sex",
  "country",
  "agency",
  "unit",
  "position",
  "contact",
  "attended",
  "completed",
  "preScore",
  "postScore",
] as const;
export type ParticipantImportField = (typeof PARTICIPANT_IMPORT_FIELDS)[number];

export const ParticipantImportRequestSchema = z.object({
  fileId: z.uuid(),
  dryRun: z.boolean().default(false),
  /** The sheet of a workbook to read (default: the first whose header row is recognised). */
  sheet: z.string().max(100).optional(),
  /** Field → the file's header, for a list whose headers are not recognised (the column step). */
  mapping: columnMappingSchema(PARTICIPANT_IMPORT_FIELDS).optional(),
  /**
   * What to do with rows that repeat a participant of the same list (same name, date of birth and country), decided
   * once for all of them: merge each repeat into the first row, or keep both. Without it, a list with repeats is
   * checked and nothing is written (`decisionRequired: "duplicates"`).
   */
  duplicates: DuplicateDecisionSchema.optional(),
});
/** What a participant-list import is asked besides the file: check or write, the repeats' decision, sheet, columns. */
export type ParticipantImportRequest = Omit<z.infer<typeof ParticipantImportRequestSchema>, "fileId">;

export const ParticipantImportResultSchema = z.object({
  report: importReport,
  ...inFileDuplicates,
  /** The linkage job the import queued (null for a dry run or a refused file): follow it at /jobs/:id. */
  linkageJobId: z.uuid().nullable(),
});
export type ParticipantImportResult = z.infer<typeof ParticipantImportResultSchema>;

/** A likely existing person for the name being typed. */
export const PersonSuggestionSchema = z.object({
  personId: z.uuid(),
  participantId: z.uuid(),
  fullName: z.string().nullable(),
  fullNameNative: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  country: z.string().nullable(),
  agency: z.string().nullable(),
  trainings: z.number().int(),
  probability: z.number(),
});
export const PersonSuggestQuerySchema = z.object({
  name: z.string().trim().min(2).max(300),
  dateOfBirth: partialDate.optional(),
  country: iso3.optional(),
});
export const PersonSuggestionsSchema = z.object({ items: z.array(PersonSuggestionSchema) });
export type PersonSuggestion = z.infer<typeof PersonSuggestionSchema>;

export const LINK_FIELDS = ["name", "dob", "sex", "country", "agency", "position", "patronymic"] as const;

/** One pair in the review queue with the reason: each field's comparison level and weight (bits). */
export const ReviewPairSchema = z.object({
  a: ParticipantSchema.extend({ trainingTitle: z.string() }),
  b: ParticipantSchema.extend({ trainingTitle: z.string() }),
  probability: z.number(),
  fields: z.array(z.object({ field: z.enum(LINK_FIELDS), level: z.string(), weight: z.number() })),
});
export type ReviewPair = z.infer<typeof ReviewPairSchema>;

export const DecisionInputSchema = z.object({ a: z.uuid(), b: z.uuid(), same: z.boolean() });

const ThresholdEstimateSchema = z.object({
  value: z.number(),
  /** The 90% bootstrap interval; null with the defaults. */
  low: z.number().nullable(),
  high: z.number().nullable(),
});

/** The thresholds a linkage run used: learned from reviewers' decisions, or the defaults and why. */
export const LinkageThresholdsSchema = z.object({
  source: z.enum(["learned", "default"]),
  reason: z
    .enum(["too_few_decisions", "too_few_of_one_answer", "decisions_do_not_follow_model", "not_run_yet"])
    .nullable(),
  /** At or above: linked automatically. */
  upper: ThresholdEstimateSchema,
  /** Between lower and upper: the review queue. */
  lower: ThresholdEstimateSchema,
  decisions: z.number().int(),
  same: z.number().int().nullable(),
  different: z.number().int().nullable(),
  /** What the learned thresholds aim at: the calibrated chance of one person at each threshold. */
  targets: z.object({ linkPrecision: z.number(), missRate: z.number() }),
});
export type LinkageThresholds = z.infer<typeof LinkageThresholdsSchema>;

/** The result of a linkage job. */
export const LinkageRunSchema = z.object({
  records: z.number().int(),
  persons: z.number().int(),
  linked: z.number().int(),
  reviews: z.number().int(),
  alerts: z.number().int(),
  /** Participants registered since the previous run (of the changes this run answered), and those linked to earlier trainings. */
  fresh: z.number().int(),
  freshLinked: z.number().int(),
  thresholds: LinkageThresholdsSchema,
  /** A job's run waited for an earlier linkage job still running on another worker. */
  waited: z.boolean().optional(),
});
export type LinkageRun = z.infer<typeof LinkageRunSchema>;

/** A queued linkage run: follow it at /jobs/:id (progress as server-sent events at /jobs/:id/events). */
export const LinkageJobSchema = z.object({ jobId: z.uuid() });
export type LinkageJob = z.infer<typeof LinkageJobSchema>;

export const LinkageStatusSchema = z.object({
  thresholds: LinkageThresholdsSchema,
  lastRunAt: z.string().nullable(),
  /** The run queued or under way, if any. */
  job: z.object({ id: z.uuid(), status: z.enum(["queued", "running", "succeeded", "failed", "cancelled"]) }).nullable(),
  /** Whether the viewer may start a run (`POST /trainings/linkage/run`). */
  canRun: z.boolean(),
});
export type LinkageStatus = z.infer<typeof LinkageStatusSchema>;

export const ReviewQueueSchema = z.object({
  items: z.array(ReviewPairSchema),
  total: z.number().int(),
  /** The thresholds that made this queue and the run under way. */
  linkage: LinkageStatusSchema,
});
export type ReviewQueue = z.infer<typeof ReviewQueueSchema>;

export const PassportSchema = z.object({
  personId: z.uuid(),
  names: z.array(z.string()),
  dateOfBirth: z.string().nullable(),
  country: z.string().nullable(),
  trainings: z.array(
    z.object({
      participantId: z.uuid(),
      trainingId: z.uuid(),
      title: z.string(),
      course: CourseSchema,
      startsOn: z.string(),
      endsOn: z.string(),
      attended: z.boolean(),
      completed: z.boolean(),
      preScore: z.number().nullable(),
      postScore: z.number().nullable(),
      agency: z.string().nullable(),
      position: z.string().nullable(),
    }),
  ),
});
export type Passport = z.infer<typeof PassportSchema>;

export const RepeatAlertSchema = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  participantId: z.uuid(),
  name: z.string(),
  trainingId: z.uuid(),
  trainingTitle: z.string(),
  previousTrainingId: z.uuid(),
  previousTrainingTitle: z.string(),
  previousEndsOn: z.string(),
  topic: z.string(),
  level: z.string(),
});
export type RepeatAlert = z.infer<typeof RepeatAlertSchema>;
export const RepeatAlertListSchema = z.object({ items: z.array(RepeatAlertSchema) });

export const REPORT_DIMENSIONS = ["country", "agency", "sex", "topic", "year"] as const;
export const ReportQuerySchema = z.object({
  by: z.enum(REPORT_DIMENSIONS).default("country"),
  format: z.enum(["csv", "xlsx"]).optional(),
});
export const ReportSchema = z.object({
  by: z.enum(REPORT_DIMENSIONS),
  rows: z.array(
    z.object({
      key: z.string(),
      /**
       * Distinct persons trained; null when withheld: under the disclosure threshold, or withheld with such a row so
       * that the total less the published rows does not give it (complementary suppression).
       */
      persons: z.number().int().nullable(),
      participations: z.number().int().nullable(),
    }),
  ),
  totals: z.object({
    persons: z.number().int(),
    participations: z.number().int(),
    /** Share of persons who took more than one training. */
    repeatRate: z.number(),
    /** Share of persons who took the same topic and level again. */
    sameCourseRepeatRate: z.number(),
  }),
  suppressedBelow: z.number().int(),
  /** Rows withheld (their persons and participations are in the totals, never in a published row). */
  withheld: z.number().int(),
});
export type Report = z.infer<typeof ReportSchema>;
