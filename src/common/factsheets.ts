import { z } from "zod";
import { columnMappingSchema } from "./imports.js";
import { LocalizedTextSchema } from "./localized.js";
import { abilitiesSchema } from "./platform.js";

/** What a reader may do with a fact sheet (its `can`). */
export const FACTSHEET_ACTIONS = ["edit", "publish"] as const;

/**
 * National figures, indicators and fact sheets (DMP): contracts shared by the API and the web app.
 * Countries are ISO 3166-1 alpha-3; money is an amount in a currency plus the USD rate it was converted at.
 */
export const Iso3Schema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { message: "ISO 3166-1 alpha-3 code" });
export const YearSchema = z.coerce.number().int().min(1990).max(2100);

export const INDICATOR_KINDS = [
  "price",
  "purity",
  "treatment",
  "prevalence",
  "precursor_seizure",
  "stopped_shipment",
] as const;
export const IndicatorKindSchema = z.enum(INDICATOR_KINDS);
export type IndicatorKind = z.infer<typeof IndicatorKindSchema>;

export const MarketSchema = z.enum(["retail", "wholesale"]);
/** Default unit of each kind when none is given (prices per gram, purity and prevalence in %). */
export const DEFAULT_INDICATOR_UNIT: Record<IndicatorKind, string> = {
  price: "g",
  purity: "%",
  treatment: "persons",
  prevalence: "%",
  precursor_seizure: "kg",
  stopped_shipment: "kg",
};

const amount = z.number().finite().min(0).max(1e12);
const text = (max: number) => z.string().trim().max(max);

export const IndicatorInputSchema = z
  .object({
    country: Iso3Schema,
    year: YearSchema,
    kind: IndicatorKindSchema,
    /** Drug or substance code (seizures drug list) or a precursor's name; empty for all drugs. */
    drug: text(80).default(""),
    market: z.union([MarketSchema, z.literal("")]).default(""),
    unit: text(20).default(""),
    /** ISO 4217 of the price; empty for other kinds. */
    currency: z
      .union([
        z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z]{3}$/),
        z.literal(""),
      ])
      .default(""),
    /** US dollars per one unit of `currency` (1 for USD). */
    usdRate: z.number().positive().max(1e6).nullable().default(null),
    typical: amount.nullable().default(null),
    min: amount.nullable().default(null),
    max: amount.nullable().default(null),
    source: text(500).default(""),
    note: text(2000).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.typical === null && v.min === null && v.max === null)
      ctx.addIssue({ code: "custom", path: ["typical"], message: "A value is required", params: { code: "required" } });
    if (v.min !== null && v.max !== null && v.min > v.max)
      ctx.addIssue({
        code: "custom",
        path: ["min"],
        message: "Minimum above maximum",
        params: { code: "min_above_max" },
      });
    if (v.kind === "price" && !v.currency)
      ctx.addIssue({ code: "custom", path: ["currency"], message: "Currency required", params: { code: "required" } });
    if (v.kind === "price" && !v.market)
      ctx.addIssue({ code: "custom", path: ["market"], message: "Retail or wholesale", params: { code: "required" } });
    if (
      (v.kind === "purity" || v.kind === "prevalence") &&
      [v.typical, v.min, v.max].some((x) => x !== null && x > 100)
    )
      ctx.addIssue({
        code: "custom",
        path: ["typical"],
        message: "A percentage",
        params: { code: "not_a_percentage" },
      });
  });
export type IndicatorInput = z.infer<typeof IndicatorInputSchema>;

export const IndicatorSchema = z.object({
  id: z.string(),
  country: z.string(),
  year: z.number().int(),
  kind: IndicatorKindSchema,
  drug: z.string(),
  market: z.string(),
  unit: z.string(),
  currency: z.string(),
  usdRate: z.number().nullable(),
  typical: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  /** The typical value in US dollars at the stored rate (prices only). */
  usdTypical: z.number().nullable(),
  source: z.string(),
  note: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const IndicatorUpdateSchema = z.object({ version: z.number().int().min(1), value: IndicatorInputSchema });

export const NationalTotalInputSchema = z.object({
  country: Iso3Schema,
  year: YearSchema,
  drug: text(80).min(1),
  unit: text(20).min(1),
  quantity: amount,
  cases: z.number().int().min(0).max(1e9).nullable().default(null),
  source: text(500).default(""),
  note: text(2000).default(""),
});
export type NationalTotalInput = z.infer<typeof NationalTotalInputSchema>;

export const NationalTotalSchema = z.object({
  id: z.string(),
  country: z.string(),
  year: z.number().int(),
  drug: z.string(),
  unit: z.string(),
  quantity: z.number(),
  cases: z.number().int().nullable(),
  source: z.string(),
  note: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type NationalTotal = z.infer<typeof NationalTotalSchema>;
export const NationalTotalUpdateSchema = z.object({
  version: z.number().int().min(1),
  value: NationalTotalInputSchema,
});

export const CountryYearQuerySchema = z.object({ country: Iso3Schema, year: YearSchema });
export const VersionBodySchema = z.object({ version: z.number().int().min(1) });

/** Regions: the five named in the reports (built in) and any a coordinator defines as a set of countries. */
export const RegionSchema = z.object({
  code: z.string(),
  name: LocalizedTextSchema,
  countries: z.array(z.string()),
  builtIn: z.boolean(),
  version: z.number().int().nullable(),
});
export type Region = z.infer<typeof RegionSchema>;
export const RegionInputSchema = z.object({
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_-]{2,40}$/),
  name: LocalizedTextSchema,
  countries: z.array(Iso3Schema).min(1).max(100),
});
export type RegionInput = z.infer<typeof RegionInputSchema>;
export const RegionUpdateSchema = RegionInputSchema.omit({ code: true })
  .partial()
  .extend({ version: z.number().int().min(1), archive: z.boolean().optional() });

/* ---------------------------------------------------------------- national figures (ARQ) */

export const RankedSchema = z.object({ code: z.string(), name: LocalizedTextSchema, cases: z.number().int() });
export type Ranked = z.infer<typeof RankedSchema>;

export const SeizureFigureSchema = z.object({
  drug: z.string(),
  drugName: LocalizedTextSchema,
  group: z.string().nullable(),
  unit: z.string(),
  /** Total in the unit as recorded. */
  quantity: z.number(),
  /** Mass in kilograms by the documented conversion (null when the unit has none). */
  kg: z.number().nullable(),
  cases: z.number().int(),
});
export type SeizureFigure = z.infer<typeof SeizureFigureSchema>;

export const NationalFiguresSchema = z.object({
  country: z.string(),
  countryName: LocalizedTextSchema,
  year: z.number().int(),
  /** False when the seizure module is not available on this platform (figures are then empty). */
  seizuresAvailable: z.boolean(),
  seizures: z.array(SeizureFigureSchema),
  totalCases: z.number().int(),
  personsArrested: z.number().int().nullable(),
  origins: z.array(RankedSchema),
  transit: z.array(RankedSchema),
  destinations: z.array(RankedSchema),
  transportModes: z.array(RankedSchema),
  /** Months of the year (1–12) without any seizure record. */
  monthsWithoutRecords: z.array(z.number().int()),
  conversions: z.array(z.object({ unit: z.string(), rule: LocalizedTextSchema })),
});
export type NationalFigures = z.infer<typeof NationalFiguresSchema>;

export const RECONCILIATION_REASONS = [
  "match",
  "drug_name_mapping",
  "unit_mismatch",
  "missing_months",
  "not_reported",
  "no_records",
  "unexplained",
] as const;
export const ReconciliationLineSchema = z.object({
  drug: z.string(),
  drugName: LocalizedTextSchema,
  unit: z.string(),
  recordsQuantity: z.number().nullable(),
  recordsCases: z.number().int().nullable(),
  reportedQuantity: z.number().nullable(),
  reportedCases: z.number().int().nullable(),
  difference: z.number().nullable(),
  /** Difference as a share of the reported total. */
  differenceShare: z.number().nullable(),
  reasons: z.array(z.enum(RECONCILIATION_REASONS)),
  /** Human-readable explanations (records in other units, names mapped, months missing). */
  explanations: z.array(LocalizedTextSchema),
  /** Records that make up or explain the difference (ids and short descriptions). */
  records: z.array(
    z.object({
      id: z.string(),
      date: z.string(),
      drug: z.string(),
      quantity: z.number(),
      unit: z.string(),
      note: z.string(),
    }),
  ),
});
export type ReconciliationLine = z.infer<typeof ReconciliationLineSchema>;
export const ReconciliationSchema = z.object({
  country: z.string(),
  year: z.number().int(),
  seizuresAvailable: z.boolean(),
  lines: z.array(ReconciliationLineSchema),
  monthsWithoutRecords: z.array(z.number().int()),
});
export type Reconciliation = z.infer<typeof ReconciliationSchema>;

/* ---------------------------------------------------------------- fact sheets */

export const FACTSHEET_STATUSES = ["draft", "in_review", "published"] as const;
export const FactsheetStatusSchema = z.enum(FACTSHEET_STATUSES);
export const FactsheetScopeSchema = z.enum(["country", "region"]);

export const HeadlineSchema = z.object({
  key: z.string(),
  label: LocalizedTextSchema,
  value: z.number().nullable(),
  unit: z.string(),
  previous: z.number().nullable(),
  /** Relative change against the previous year (0.25 = +25 %), null when not comparable. */
  change: z.number().nullable(),
  /**
   * Seizure figures (issue 17): cells the disclosure control left out of `value` / `previous`. Above 0 the figure is
   * partial: the sum of the published lines only.
   */
  withheld: z.number().int().optional(),
  previousWithheld: z.number().int().optional(),
});

export const ChartDataSchema = z.object({
  key: z.string(),
  title: LocalizedTextSchema,
  kind: z.enum(["bar", "line"]),
  unit: z.string(),
  categories: z.array(LocalizedTextSchema),
  series: z.array(z.object({ name: LocalizedTextSchema, values: z.array(z.number().nullable()) })),
});
export type ChartData = z.infer<typeof ChartDataSchema>;

export const IndicatorLineSchema = IndicatorSchema.pick({
  kind: true,
  drug: true,
  market: true,
  unit: true,
  currency: true,
  typical: true,
  min: true,
  max: true,
  usdTypical: true,
  source: true,
  note: true,
}).extend({
  country: z.string(),
  /** The drug's name from the controlled list when the code is on it, else the text as entered. */
  drugName: LocalizedTextSchema,
  previousTypical: z.number().nullable(),
  change: z.number().nullable(),
});
export type IndicatorLine = z.infer<typeof IndicatorLineSchema>;

export const CompletenessSchema = z.object({
  key: z.string(),
  ok: z.boolean(),
  label: LocalizedTextSchema,
  detail: LocalizedTextSchema.nullable(),
});

/**
 * A line of a fact sheet's seizure table. Its figures sum the published cells of the publication grid (country ×
 * year × drug × unit); `withheld` counts the cells left out: every cell of it when `cases` is null (the line is
 * withheld and shows no figures), some on a regional line (the figures are partial).
 */
export const FactsheetSeizureLineSchema = SeizureFigureSchema.extend({
  quantity: z.number().nullable(),
  kg: z.number().nullable(),
  cases: z.number().int().nullable(),
  withheld: z.number().int().optional(),
});
export type FactsheetSeizureLine = z.infer<typeof FactsheetSeizureLineSchema>;

/**
 * How a fact sheet's seizure figures were protected (issue 17): they count published records shared publicly (the
 * public statistics' basis), cells under the rule are withheld, totals are sums of the published cells. Editions
 * published before the control are served with `basis: "withdrawn"` and without their seizure figures.
 */
export const FactsheetDisclosureSchema = z.object({
  basis: z.enum(["published_public", "withdrawn"]),
  minCases: z.number().int(),
  dominance: z.number().nullable(),
  /** Cells of the fact sheet's year withheld. */
  withheld: z.number().int(),
});

/** Everything a fact sheet shows; a published edition keeps this object unchanged. */
export const FactsheetContentSchema = z.object({
  scope: FactsheetScopeSchema,
  subject: z.string(),
  title: LocalizedTextSchema,
  year: z.number().int(),
  countries: z.array(z.object({ code: z.string(), name: LocalizedTextSchema })),
  generatedAt: z.string(),
  headlines: z.array(HeadlineSchema),
  seizures: z.array(FactsheetSeizureLineSchema),
  personsArrested: z.number().int().nullable(),
  origins: z.array(RankedSchema),
  transportModes: z.array(RankedSchema),
  byCountry: z.array(
    z.object({
      country: z.string(),
      name: LocalizedTextSchema,
      kg: z.number().nullable(),
      cases: z.number().int().nullable(),
      withheld: z.number().int().optional(),
    }),
  ),
  indicators: z.array(IndicatorLineSchema),
  reported: z.array(NationalTotalSchema.pick({ country: true, drug: true, unit: true, quantity: true, cases: true })),
  charts: z.array(ChartDataSchema),
  completeness: z.array(CompletenessSchema),
  /** Treatment facilities (issue 9) when that module provides statistics; null otherwise. */
  facilities: z
    .object({
      total: z.number().int(),
      capacity: z.number().int(),
      patientsPerYear: z.number().int(),
      /** Facilities offering each treatment modality (as `cases`: the count of facilities). */
      modalities: z.array(RankedSchema),
    })
    .nullable(),
  notes: z.object({ en: z.string().optional(), ru: z.string().optional() }),
  sources: z.array(z.string()),
  disclosure: FactsheetDisclosureSchema.optional(),
});
export type FactsheetContent = z.infer<typeof FactsheetContentSchema>;

export const FactsheetSummarySchema = z.object({
  id: z.string(),
  scope: FactsheetScopeSchema,
  subject: z.string(),
  subjectName: LocalizedTextSchema,
  year: z.number().int(),
  status: FactsheetStatusSchema,
  edition: z.number().int(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type FactsheetSummary = z.infer<typeof FactsheetSummarySchema>;

/** `edition` and `publishedAt` are those of the edition shown: the one asked for with `?edition=`, else the latest. */
export const FactsheetSchema = FactsheetSummarySchema.extend({
  notes: z.object({ en: z.string().optional(), ru: z.string().optional() }),
  sources: z.array(z.string()),
  reviewComment: z.string().nullable(),
  /** Live content for drafts; for a published fact sheet, the frozen content of the latest edition. */
  content: FactsheetContentSchema,
  editions: z.array(
    z.object({ edition: z.number().int(), publishedAt: z.string(), publishedBy: z.string().nullable() }),
  ),
  /** The reader's abilities on this fact sheet (factsheets.policy.ts): edit its draft, publish it. */
  can: abilitiesSchema(FACTSHEET_ACTIONS),
});
export type Factsheet = z.infer<typeof FactsheetSchema>;

export const FactsheetListQuerySchema = z.object({
  scope: FactsheetScopeSchema.optional(),
  subject: z.string().trim().max(40).optional(),
  year: YearSchema.optional(),
  status: FactsheetStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type FactsheetListQuery = z.infer<typeof FactsheetListQuerySchema>;

export const FactsheetCreateSchema = z.object({
  scope: FactsheetScopeSchema.default("country"),
  subject: z.string().trim().min(2).max(40),
  year: YearSchema,
});
const notesText = z.string().trim().max(20000);
export const FactsheetUpdateSchema = z.object({
  version: z.number().int().min(1),
  notes: z.object({ en: notesText.optional(), ru: notesText.optional() }).optional(),
  sources: z.array(z.string().trim().min(1).max(500)).max(50).optional(),
});
export const FactsheetTransitionSchema = z.object({
  version: z.number().int().min(1),
  action: z.enum(["submit", "return", "publish", "reopen"]),
  comment: z.string().trim().max(2000).optional(),
});
export type FactsheetTransition = z.infer<typeof FactsheetTransitionSchema>;

/**
 * The fields a column of an indicators or national-totals file can be matched to (the import's column step), in the
 * template's order; the required ones hold the step until a column is chosen for each.
 */
export const NATIONAL_IMPORT_FIELDS = {
  indicators: {
    fields: [
      "country",
      "year",
      "kind",
      "drug",
      "market",
      "unit",
      "currency",
      "usdRate",
      "typical",
      "min",
      "max",
      "source",
      "note",
    ],
    required: ["country", "year", "kind"],
  },
  "national-totals": {
    fields: ["country", "year", "drug", "unit", "quantity", "cases", "source", "note"],
    required: ["country", "year", "drug", "unit", "quantity"],
  },
} as const;
export type NationalImportKind = keyof typeof NATIONAL_IMPORT_FIELDS;

/** The body of an indicators or national-totals import: the upload, check or write, and the column step's answers. */
export const nationalImportRequestSchema = (kind: NationalImportKind) =>
  z.object({
    fileId: z.uuid(),
    dryRun: z.boolean().default(false),
    /** The sheet of a workbook to read (default: the first whose header row is recognised). */
    sheet: z.string().max(100).optional(),
    /** Field → the file's header, for a file whose headers are not recognised. */
    mapping: columnMappingSchema(NATIONAL_IMPORT_FIELDS[kind].fields).optional(),
  });
export type NationalImportRequest = Omit<z.infer<ReturnType<typeof nationalImportRequestSchema>>, "fileId">;
