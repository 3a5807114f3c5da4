import { z } from "zod";
import { LocalizedTextSchema, pageOf } from "./localized.js";
import { abilitiesSchema } from "./platform.js";

/** ADAM: technical-assistance projects, their funding, documents, duplication alerts, needs and gaps. */

export const WORKFLOW_STATES = ["draft", "submitted", "published", "archived"] as const;
export const WorkflowSchema = z.enum(WORKFLOW_STATES);
export type Workflow = z.infer<typeof WorkflowSchema>;
/** What a reader may do with a project (its `can`): edit it; take a reviewer's step (publish, return, archive). */
export const PROJECT_ACTIONS = ["edit", "review"] as const;

/** Implementation status; the codes follow IATI's ActivityStatus code list (1 pipeline … 6 suspended). */
export const PROJECT_STAGES = [
  "pipeline",
  "implementation",
  "finalisation",
  "closed",
  "cancelled",
  "suspended",
] as const;
export const StageSchema = z.enum(PROJECT_STAGES);
export type Stage = z.infer<typeof StageSchema>;

export const THEMES = [
  "border_control",
  "precursors",
  "financial_investigation",
  "demand_reduction",
  "forensics",
  "training",
  "intelligence",
  "legal_assistance",
  "treatment",
  "prevention",
  "alternative_development",
  "research",
] as const;
export const ThemeSchema = z.enum(THEMES);
export type Theme = z.infer<typeof ThemeSchema>;

export const DUPLICATE_LABELS = ["duplicate", "cofinancing", "unrelated"] as const;
export const DuplicateLabelSchema = z.enum(DUPLICATE_LABELS);
export type DuplicateLabel = z.infer<typeof DuplicateLabelSchema>;

const isoDate = z.iso.date();
const currency = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/)
  .transform((v) => v.toUpperCase());
const iso3 = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/)
  .transform((v) => v.toUpperCase());
/** Money as a decimal string with at most 2 decimals (never a float). */
export const MoneySchema = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d{1,15}(\.\d{1,2})?$/.test(v), { params: { code: "invalid_amount" }, message: "Not an amount" });

/** A code of the controlled list of donors and organizations: a partner's code, or another body's (`/projects/parties`). */
const partyCode = z
  .string()
  .trim()
  .min(2)
  .max(20)
  .transform((v) => v.toUpperCase());

export const FundingInputSchema = z.object({
  /** The donor from the controlled list; without it the name is matched to the list (else it waits for review). */
  donorCode: partyCode.nullable().optional(),
  /** The donor as written (kept as written; the figures name the donor by its entry in the list). */
  donorName: z.string().trim().min(1).max(300),
  amount: MoneySchema,
  currency,
  /** Date of the commitment; its USD value uses the stored rate in force on that date (the latest on or before it). */
  date: isoDate.nullable().optional(),
});
export const FundingSchema = z.object({
  donorCode: z.string().nullable(),
  donorName: z.string(),
  amount: z.string(),
  currency: z.string(),
  date: z.string().nullable(),
  usd: z.string().nullable(),
  rate: z.string().nullable(),
  rateDate: z.string().nullable(),
});
export type Funding = z.infer<typeof FundingSchema>;

/**
 * A money flow of a project, as IATI's TransactionType code list names them: 2 (outgoing) commitment, 3 disbursement,
 * 4 expenditure. Planned (committed) against actual (disbursed, spent) over time.
 */
export const TRANSACTION_TYPES = ["commitment", "disbursement", "expenditure"] as const;
export const TransactionTypeSchema = z.enum(TRANSACTION_TYPES);
export type TransactionType = z.infer<typeof TransactionTypeSchema>;
/** IATI TransactionType codes (https://iatistandard.org/en/iati-standard/203/codelists/transactiontype/). */
export const IATI_TRANSACTION_CODES: Record<TransactionType, string> = {
  commitment: "2",
  disbursement: "3",
  expenditure: "4",
};

export const TransactionInputSchema = FundingInputSchema.extend({
  type: TransactionTypeSchema,
  /**
   * The transaction's date; its USD value uses the stored rate in force on that date. Required for disbursements and
   * expenditures; a commitment migrated from a funding without a date may keep none (its project's start stands in).
   */
  date: isoDate.nullable().optional(),
});
export type TransactionInput = z.input<typeof TransactionInputSchema>;
export const TransactionSchema = FundingSchema.extend({ type: TransactionTypeSchema });
/** The USD sum of one type of transaction, and what it leaves out (no stored rate on the transaction's date). */
export const FlowTotalSchema = z.object({
  usd: z.string(),
  unconverted: z.array(z.object({ currency: z.string(), amount: z.string() })),
});

export const LocationInputSchema = z.object({
  /** ISO 3166-1 alpha-3 country, or a region code such as `CASIA`. */
  code: z.string().trim().min(2).max(20),
  kind: z.enum(["country", "region"]).default("country"),
  share: z.coerce.number().min(0).max(100).nullable().optional(),
});
export const LocationSchema = z.object({
  code: z.string(),
  kind: z.enum(["country", "region"]),
  share: z.number().nullable(),
});

export const OrganizationSchema = z.object({
  role: z.enum(["implementing", "beneficiary"]),
  name: z.string().trim().min(1).max(300),
  /** The organization's entry in the controlled list; null while its name maps to none (it is then in the review list). */
  code: partyCode.nullable().optional(),
});
export const ContactSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().max(200).optional(),
  phone: z.string().trim().max(50).optional(),
  role: z.string().trim().max(200).optional(),
});
export const LinkSchema = z.object({
  entityType: z.enum(["recommendation", "meeting", "training"]),
  entityId: z.string().trim().min(1).max(100),
  title: z.object({ en: z.string().optional(), ru: z.string().optional() }).optional(),
});

export const ExternalDocumentSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  title: z.string().trim().max(300),
  format: z.string().trim().max(100).nullable(),
});

export const ProjectInputSchema = z.object({
  partnerCode: z.string().trim().min(2).max(20).optional(),
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema.optional(),
  donorRef: z.string().trim().max(100).nullable().optional(),
  iatiIdentifier: z.string().trim().max(200).nullable().optional(),
  stage: StageSchema.default("implementation"),
  plannedStart: isoDate.nullable().optional(),
  plannedEnd: isoDate.nullable().optional(),
  actualStart: isoDate.nullable().optional(),
  actualEnd: isoDate.nullable().optional(),
  dacCodes: z
    .array(z.string().regex(/^\d{5}$/))
    .max(20)
    .default([]),
  themes: z.array(ThemeSchema).max(12).default([]),
  pillars: z.array(z.number().int().min(1).max(4)).max(4).default([]),
  commitments: z.array(z.string().trim().max(20)).max(40).default([]),
  /**
   * The donors' commitments, as before transactions (kept for CSV imports and older clients): on an update that
   * sends no `transactions`, they replace the commitments and the disbursements and expenditures stay as they are.
   */
  fundings: z.array(FundingInputSchema).max(50).default([]),
  /** Every commitment, disbursement and expenditure of the project (replaces them all); not with `fundings`. */
  transactions: z.array(TransactionInputSchema).max(500).optional(),
  locations: z.array(LocationInputSchema).max(80).default([]),
  organizations: z.array(OrganizationSchema).max(80).default([]),
  contacts: z.array(ContactSchema).max(20).default([]),
  links: z
    .array(LinkSchema.pick({ entityType: true, entityId: true }))
    .max(80)
    .default([]),
  /** Documents published elsewhere (IATI document links). */
  externalDocuments: z.array(ExternalDocumentSchema).max(50).default([]),
});
export type ProjectInput = z.input<typeof ProjectInputSchema>;
export const ProjectUpdateSchema = ProjectInputSchema.extend({ version: z.number().int().min(1) });

export const ProjectSchema = z.object({
  id: z.string(),
  code: z.string(),
  partnerCode: z.string(),
  title: z.object({ en: z.string().optional(), ru: z.string().optional() }),
  summary: z.object({ en: z.string().optional(), ru: z.string().optional() }),
  donorRef: z.string().nullable(),
  iatiIdentifier: z.string().nullable(),
  workflow: WorkflowSchema,
  stage: StageSchema,
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  dacCodes: z.array(z.string()),
  themes: z.array(z.string()),
  pillars: z.array(z.number()),
  commitments: z.array(z.string()),
  /** The commitments (the transactions of type `commitment`), as before transactions. */
  fundings: z.array(FundingSchema),
  /** Commitments, disbursements and expenditures, each with its date, donor, amount, currency and USD value. */
  transactions: z.array(TransactionSchema),
  /** The sum of the commitments converted to USD; `unconverted` lists what it leaves out (no rate on that date). */
  totalUsd: z.string().nullable(),
  unconverted: z.array(z.object({ currency: z.string(), amount: z.string() })),
  /** Committed, disbursed and spent in USD, each with what it could not convert. */
  flowTotals: z.object({ commitment: FlowTotalSchema, disbursement: FlowTotalSchema, expenditure: FlowTotalSchema }),
  locations: z.array(LocationSchema),
  organizations: z.array(OrganizationSchema),
  contacts: z.array(ContactSchema),
  links: z.array(LinkSchema),
  externalDocuments: z.array(ExternalDocumentSchema),
  demo: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The reader's abilities on this project (projects.policy.ts): edit it, take a reviewer's workflow step. */
  can: abilitiesSchema(PROJECT_ACTIONS),
});
export type Project = z.infer<typeof ProjectSchema>;

export const ProjectSummarySchema = ProjectSchema.pick({
  id: true,
  code: true,
  partnerCode: true,
  title: true,
  workflow: true,
  stage: true,
  plannedStart: true,
  plannedEnd: true,
  themes: true,
  pillars: true,
  totalUsd: true,
}).extend({
  countries: z.array(z.string()),
  /** Donors by their code in the controlled list (`/projects/parties`), or as written when unmapped. */
  donors: z.array(z.string()),
  snippet: z.string().nullable(),
  /** Currencies of fundings that `totalUsd` leaves out (no stored rate on the commitment's date). */
  unconvertedCurrencies: z.array(z.string()),
});
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

export const PROJECT_SORTS = ["relevance", "updated", "start", "budget", "title"] as const;
export const ProjectQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  donor: z.string().trim().max(300).optional(),
  country: z.string().trim().max(20).optional(),
  pillar: z.coerce.number().int().min(1).max(4).optional(),
  theme: ThemeSchema.optional(),
  workflow: WorkflowSchema.optional(),
  stage: StageSchema.optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  sort: z.enum(PROJECT_SORTS).default("relevance"),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ProjectQuery = z.infer<typeof ProjectQuerySchema>;

const FacetSchema = z.array(z.object({ value: z.string(), count: z.number().int() }));
export const ProjectListSchema = pageOf(ProjectSummarySchema).extend({
  facets: z.object({
    donor: FacetSchema,
    country: FacetSchema,
    pillar: FacetSchema,
    theme: FacetSchema,
    workflow: FacetSchema,
    stage: FacetSchema,
    year: FacetSchema,
  }),
});
export type ProjectList = z.infer<typeof ProjectListSchema>;

export const SavedSearchSchema = z.object({
  id: z.string(),
  name: z.string(),
  query: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type SavedSearch = z.infer<typeof SavedSearchSchema>;
export const SavedSearchInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  query: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const TransitionSchema = z.object({
  to: z.enum(["draft", "submitted", "published", "archived"]),
  version: z.number().int().min(1),
});

export const DocumentSchema = z.object({
  id: z.string(),
  kind: z.enum(["document", "picture"]),
  title: z.object({ en: z.string().optional(), ru: z.string().optional() }),
  version: z.number().int(),
  fileId: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  hasThumbnail: z.boolean(),
  uploadedAt: z.string(),
  versions: z.array(
    z.object({ version: z.number().int(), fileName: z.string(), size: z.number().int(), uploadedAt: z.string() }),
  ),
});
export type ProjectDocument = z.infer<typeof DocumentSchema>;
export const DocumentInputSchema = z.object({
  fileId: z.uuid(),
  title: LocalizedTextSchema.optional(),
});

export const RateSchema = z.object({
  currency: z.string(),
  date: z.string(),
  usdPerUnit: z.string(),
  source: z.string(),
});
export type Rate = z.infer<typeof RateSchema>;
export const RateImportResultSchema = z.object({
  imported: z.number().int(),
  /** Projects whose USD values changed with the new rates. */
  projectsUpdated: z.number().int(),
});
export type RateImportResult = z.infer<typeof RateImportResultSchema>;
export const RateInputSchema = z.object({
  currency,
  date: isoDate,
  usdPerUnit: z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .refine((v) => /^\d{1,9}(\.\d{1,10})?$/.test(v) && Number(v) > 0, { params: { code: "invalid_rate" } }),
  source: z.string().trim().min(1).max(200),
});

export const ComponentSchema = z.object({
  key: z.string(),
  value: z.number(),
  weight: z.number(),
  reason: z.object({ en: z.string(), ru: z.string() }),
});
export const AlertSchema = z.object({
  id: z.string(),
  score: z.number(),
  components: z.array(ComponentSchema),
  explanation: z.object({ en: z.string(), ru: z.string() }),
  label: DuplicateLabelSchema.nullable(),
  labelledBy: z.string().nullable(),
  labelledAt: z.string().nullable(),
  detectedAt: z.string(),
  version: z.number().int(),
  /**
   * Both projects. One the reader may not open is `restricted`: only its partner is named (ask that partner's
   * focal point); its id, code, title and donors are withheld (null / empty).
   */
  projects: z.array(
    z.object({
      id: z.string().nullable(),
      code: z.string().nullable(),
      partnerCode: z.string(),
      title: z.object({ en: z.string().optional(), ru: z.string().optional() }),
      /** Donors by their code in the controlled list (`/projects/parties` names them), or as written when unmapped. */
      donors: z.array(z.string()),
      restricted: z.boolean(),
    }),
  ),
});
export type Alert = z.infer<typeof AlertSchema>;
export const AlertQuerySchema = z.object({
  project: z.uuid().optional(),
  status: z.enum(["open", "labelled", "all"]).default("open"),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});
export const AlertLabelSchema = z.object({ label: DuplicateLabelSchema, version: z.number().int().min(1) });
export const ModelSchema = z.object({
  threshold: z.number(),
  labelled: z.number().int(),
  precision: z.number().nullable(),
  recall: z.number().nullable(),
});

export const PRIORITIES = ["high", "medium", "low"] as const;
export const NeedInputSchema = z.object({
  partnerCode: z.string().trim().min(2).max(20).optional(),
  country: iso3,
  pillar: z.number().int().min(1).max(4),
  theme: ThemeSchema,
  description: LocalizedTextSchema,
  priority: z.enum(PRIORITIES),
  periodStart: isoDate,
  periodEnd: isoDate,
});
export const NeedUpdateSchema = NeedInputSchema.extend({ version: z.number().int().min(1) });
export const NeedSchema = z.object({
  id: z.string(),
  partnerCode: z.string(),
  country: z.string(),
  pillar: z.number().int(),
  theme: z.string(),
  description: z.object({ en: z.string().optional(), ru: z.string().optional() }),
  priority: z.enum(PRIORITIES),
  periodStart: z.string(),
  periodEnd: z.string(),
  version: z.number().int(),
  /** The reader's abilities on this need (projects.policy.ts). */
  can: abilitiesSchema(["edit"]),
});
export type Need = z.infer<typeof NeedSchema>;

/**
 * What the pivot and the gap view sum: USD committed (`usd`, the default), disbursed or spent (each transaction at
 * the rate of its date), or the number of projects (pivot only).
 */
export const MONEY_MEASURES = ["usd", "disbursed_usd", "spent_usd"] as const;
export const MoneyMeasureSchema = z.enum(MONEY_MEASURES);
export type MoneyMeasure = z.infer<typeof MoneyMeasureSchema>;
export const PIVOT_MEASURES = [...MONEY_MEASURES, "count"] as const;
export const PivotMeasureSchema = z.enum(PIVOT_MEASURES);
export type PivotMeasure = z.infer<typeof PivotMeasureSchema>;
/** The transaction type a money measure sums. */
export const MEASURE_TYPE: Record<MoneyMeasure, TransactionType> = {
  usd: "commitment",
  disbursed_usd: "disbursement",
  spent_usd: "expenditure",
};
export const GapQuerySchema = z.object({ measure: MoneyMeasureSchema.default("usd") });

/** Planned against actual over time: committed, disbursed and spent in USD by year or quarter. */
export const FlowQuerySchema = z.object({
  interval: z.enum(["year", "quarter"]).default("year"),
  /** Coordinators only (ADAM statistics): count draft and submitted projects too. */
  includeDrafts: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .default(false),
});
/**
 * The cross-project series (`GET /projects/stats/flows`) narrowed like the statistics' pivot: the years of the
 * transactions' dates (inclusive), a country (its share of each project, as the pivot splits it), a donor (its own
 * transactions), a pillar or a theme (its equal share of each project). Absent: no narrowing on that field.
 */
export const FlowStatsQuerySchema = FlowQuerySchema.extend({
  from: z.coerce.number().int().min(1900).max(2200).optional(),
  to: z.coerce.number().int().min(1900).max(2200).optional(),
  country: iso3.optional(),
  /** A code of the controlled list, or a donor's name as written while it waits for review (as `choices` gives it). */
  donor: z.string().trim().min(1).max(300).optional(),
  pillar: z.coerce.number().int().min(1).max(4).optional(),
  theme: ThemeSchema.optional(),
}).refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
  path: ["to"],
  params: { code: "range_order" },
  message: "The last year comes before the first",
});
export type FlowStatsQuery = z.infer<typeof FlowStatsQuerySchema>;
export type FlowFilters = Omit<FlowStatsQuery, "interval" | "includeDrafts">;
const UnconvertedFlowSchema = z.array(
  z.object({ currency: z.string(), amount: z.string(), projects: z.number().int() }),
);
export const FlowSeriesSchema = z.object({
  interval: z.enum(["year", "quarter"]),
  /** Periods in order ("2024" or "2024-Q1"); USD as decimal strings. */
  periods: z.array(
    z.object({ period: z.string(), commitment: z.string(), disbursement: z.string(), expenditure: z.string() }),
  ),
  totals: z.object({ commitment: z.string(), disbursement: z.string(), expenditure: z.string() }),
  /** What the USD figures leave out, per type: amounts without a stored rate on their transaction's date. */
  unconverted: z.object({
    commitment: UnconvertedFlowSchema,
    disbursement: UnconvertedFlowSchema,
    expenditure: UnconvertedFlowSchema,
  }),
  projects: z.number().int(),
  includesDrafts: z.boolean(),
});
export type FlowSeries = z.infer<typeof FlowSeriesSchema>;
/** The cross-project series, with the values its filters may take among the projects it counts (unfiltered). */
export const FlowStatsSchema = FlowSeriesSchema.extend({
  choices: z.object({
    years: z.array(z.number().int()),
    countries: z.array(z.string()),
    donors: z.array(z.string()),
    pillars: z.array(z.number().int()),
    themes: z.array(z.string()),
  }),
});
export type FlowStats = z.infer<typeof FlowStatsSchema>;

/** Amounts a USD figure leaves out, by currency. */
export const UnconvertedSchema = z.object({
  currency: z.string(),
  /** The sum of the amounts in that currency that no stored rate converts (decimal string). */
  amount: z.string(),
  projects: z.number().int(),
});
export const COVERAGE = ["covered", "partly_covered", "open"] as const;
/** One row of the gap view's totals (by country or by pillar): its needs by coverage, and what funds them. */
const GapTotalsSchema = z.object({
  needs: z.number().int(),
  covered: z.number().int(),
  partly: z.number().int(),
  open: z.number().int(),
  projects: z.number().int(),
  usd: z.string(),
  /** What `usd` leaves out: amounts without a stored rate on their transaction's date. */
  unconverted: z.array(UnconvertedSchema),
});
export const GapSchema = z.object({
  /** What `usd` sums: committed (`usd`), disbursed or spent. */
  measure: MoneyMeasureSchema,
  needs: z.array(
    NeedSchema.extend({
      coverage: z.enum(COVERAGE),
      matchingProjects: z.array(
        z.object({ id: z.string(), code: z.string(), title: z.record(z.string(), z.string()) }),
      ),
    }),
  ),
  unrequested: z.array(z.object({ country: z.string(), pillar: z.number().int(), projects: z.number().int() })),
  byCountry: z.array(z.object({ country: z.string(), ...GapTotalsSchema.shape })),
  byPillar: z.array(z.object({ pillar: z.number().int(), ...GapTotalsSchema.shape })),
});
export type Gaps = z.infer<typeof GapSchema>;

export const STAT_DIMENSIONS = ["donor", "country", "pillar", "theme", "year", "stage", "partner"] as const;
export const StatDimensionSchema = z.enum(STAT_DIMENSIONS);
export const PivotQuerySchema = z.object({
  rows: StatDimensionSchema.default("donor"),
  columns: StatDimensionSchema.optional(),
  /** `usd` committed, `disbursed_usd`, `spent_usd`, or `count` (projects). */
  measure: PivotMeasureSchema.default("usd"),
  format: z.enum(["json", "csv", "xlsx"]).default("json"),
  /** Coordinators only: count draft and submitted projects too (they are then marked). Default: published only. */
  includeDrafts: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .default(false),
});
export const PivotSchema = z.object({
  rows: z.array(z.string()),
  columns: z.array(z.string()),
  cells: z.array(z.array(z.number())),
  rowTotals: z.array(z.number()),
  columnTotals: z.array(z.number()),
  total: z.number(),
  measure: PivotMeasureSchema,
  /** Names of donor and organization codes among the rows and columns, in both languages. */
  labels: z.record(z.string(), z.object({ en: z.string(), ru: z.string() })),
  /** Whether draft and submitted projects are counted (coordinators' explicit choice). */
  includesDrafts: z.boolean(),
  /** How many draft or submitted projects the figures include (0 unless `includesDrafts`). */
  draftProjects: z.number().int(),
  /** Per cell, per row and per column: whether a draft or submitted project contributes. */
  draftCells: z.array(z.array(z.boolean())),
  draftRows: z.array(z.boolean()),
  draftColumns: z.array(z.boolean()),
  /** Projects left out because a pair was labelled "duplicate effort" (each such pair counts once). */
  duplicatesLeftOut: z.number().int(),
  /** Amounts the USD figures leave out, by currency: there is no stored rate on their transaction's date. */
  unconverted: z.array(UnconvertedSchema),
});
export type Pivot = z.infer<typeof PivotSchema>;

/**
 * ADAM statistics' first screen in one read (issue 18: at 400 ms a round trip, six pivots were six requests): the
 * charts' pivots (each dimension by committed USD) and the pivot table's first view (donors by year, committed USD).
 * Each is the very answer of GET /projects/stats/pivot with the same parameters.
 */
export const STATS_OVERVIEW_CHARTS = ["donor", "country", "pillar", "theme", "year"] as const;
export const STATS_OVERVIEW_TABLE = { rows: "donor", columns: "year", measure: "usd" } as const;
export const StatsOverviewQuerySchema = PivotQuerySchema.pick({ includeDrafts: true });
export const StatsOverviewSchema = z.object({
  charts: z.object({
    donor: PivotSchema,
    country: PivotSchema,
    pillar: PivotSchema,
    theme: PivotSchema,
    year: PivotSchema,
  }),
  /** The pivot table's first view: `STATS_OVERVIEW_TABLE`. */
  table: PivotSchema,
});
export type StatsOverview = z.infer<typeof StatsOverviewSchema>;

/** The fields of the spreadsheet import whose values are read against a vocabulary and may be mapped. */
export const PROJECT_VALUE_FIELDS = ["country", "pillar", "theme", "stage"] as const;
export type ProjectValueField = (typeof PROJECT_VALUE_FIELDS)[number];

export const ProjectImportResultSchema = z.object({
  fileName: z.string(),
  format: z.enum(["iati", "csv", "xlsx"]),
  activities: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(z.object({ ref: z.string(), reason: z.object({ en: z.string(), ru: z.string() }) })),
  refused: z.boolean(),
});
export type ProjectImportResult = z.infer<typeof ProjectImportResultSchema>;

/** An entry of the controlled list of donors and organizations: a partner, or another body. */
export const PartySchema = z.object({
  code: z.string(),
  name: z.object({ en: z.string(), ru: z.string() }),
  source: z.enum(["partner", "other"]),
});
export type Party = z.infer<typeof PartySchema>;
export const PartyInputSchema = z.object({
  code: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9_-]{1,19}$/)),
  name: z.object({ en: z.string().trim().min(1).max(300), ru: z.string().trim().min(1).max(300) }),
});
export type PartyInput = z.infer<typeof PartyInputSchema>;
/** Free text that maps to no entry of the list, as written, with the rows and projects that carry it. */
export const UnmappedNameSchema = z.object({
  text: z.string(),
  field: z.enum(["donor", "organization"]),
  /** A code the row carries that is not in the list (older data), else null. */
  code: z.string().nullable(),
  rows: z.number().int(),
  projects: z.number().int(),
});
export type UnmappedName = z.infer<typeof UnmappedNameSchema>;
export const PartyMapSchema = z.object({ text: z.string().trim().min(1).max(300), code: partyCode });

/** The fields a column of a projects spreadsheet may fill (the import and the web's column step), in the template's order. */
export const PROJECT_IMPORT_FIELDS = [
  "iati_identifier",
  "partner",
  "title_en",
  "title_ru",
  "summary_en",
  "summary_ru",
  "donor",
  "amount",
  "currency",
  "commitment_date",
  "countries",
  "pillars",
  "themes",
  "dac",
  "implementing",
  "stage",
  "start",
  "end",
] as const;
export type ProjectImportField = (typeof PROJECT_IMPORT_FIELDS)[number];
