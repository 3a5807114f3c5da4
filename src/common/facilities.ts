import { z } from "zod";
import {
  columnMappingSchema,
  DuplicateDecisionSchema,
  importReport,
  importResult,
  rememberedValue,
  unmappedValue,
  valueMappingSchema,
} from "./imports.js";
import { LocalizedTextSchema } from "./localized.js";
import { abilitiesSchema } from "./platform.js";

/** Treatment facility tool (UNODC/WHO International Standards for the Treatment of Drug Use Disorders). */

export const ORG_TYPES = ["public", "ngo", "private"] as const;
export const OrgTypeSchema = z.enum(ORG_TYPES);
export type OrgType = z.infer<typeof OrgTypeSchema>;

export const FACILITY_SHARING = ["public", "restricted"] as const;
export const FacilitySharingSchema = z.enum(FACILITY_SHARING);
export type FacilitySharing = z.infer<typeof FacilitySharingSchema>;

const RefItem = z.object({ code: z.string(), label: LocalizedTextSchema, source: z.string() });
export const FacilityReferenceSchema = z.object({
  modalities: z.array(RefItem),
  services: z.array(RefItem),
  populations: z.array(RefItem),
  orgTypes: z.array(z.object({ code: OrgTypeSchema, label: LocalizedTextSchema })),
  checklists: z.array(z.object({ modality: z.string(), items: z.array(RefItem) })),
});
export type FacilityReference = z.infer<typeof FacilityReferenceSchema>;

const Iso3 = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/);
const Text = (max: number) => z.string().trim().min(1).max(max);
const Code = z.string().trim().min(1).max(60);

/** The editable fields of a facility, without defaults (a partial update must not reset what it omits). */
const FacilityFieldsSchema = z.object({
  name: LocalizedTextSchema,
  nameOriginal: Text(300).nullable().optional(),
  orgType: OrgTypeSchema.nullable().optional(),
  country: Iso3,
  region: Text(200).nullable().optional(),
  city: Text(200).nullable().optional(),
  address: Text(500).nullable().optional(),
  postcode: Text(20).nullable().optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  phone: Text(60).nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  website: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .optional(),
  contactPerson: Text(200).nullable().optional(),
  modalities: z.array(Code).max(20),
  services: z.array(Code).max(50),
  populations: z.array(Code).max(30),
  languages: z.array(Text(40)).max(20),
  capacity: z.number().int().min(0).max(1_000_000).nullable().optional(),
  patientsPerYear: z.number().int().min(0).max(10_000_000).nullable().optional(),
  accreditation: Text(500).nullable().optional(),
  lastVerified: z.iso.date().nullable().optional(),
  sharing: FacilitySharingSchema,
});

/** A new facility; lists default to empty and sharing to public. */
export const FacilityInputSchema = FacilityFieldsSchema.extend({
  modalities: FacilityFieldsSchema.shape.modalities.default([]),
  services: FacilityFieldsSchema.shape.services.default([]),
  populations: FacilityFieldsSchema.shape.populations.default([]),
  languages: FacilityFieldsSchema.shape.languages.default([]),
  sharing: FacilitySharingSchema.default("public"),
});
export type FacilityInput = z.infer<typeof FacilityInputSchema>;

export const FacilityUpdateSchema = FacilityFieldsSchema.partial().extend({ version: z.number().int().min(1) });
export type FacilityUpdate = z.infer<typeof FacilityUpdateSchema>;

export const FacilitySchema = z.object({
  id: z.uuid(),
  name: LocalizedTextSchema,
  nameOriginal: z.string().nullable(),
  orgType: OrgTypeSchema.nullable(),
  country: z.string(),
  region: z.string().nullable(),
  city: z.string().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  contactPerson: z.string().nullable(),
  modalities: z.array(z.string()),
  services: z.array(z.string()),
  populations: z.array(z.string()),
  languages: z.array(z.string()),
  capacity: z.number().int().nullable(),
  patientsPerYear: z.number().int().nullable(),
  accreditation: z.string().nullable(),
  lastVerified: z.string().nullable(),
  sharing: FacilitySharingSchema,
  source: z.string().nullable(),
  /** Latest self-assessment score per modality (share of applicable criteria met, 0–1). */
  scores: z.record(z.string(), z.number()),
  /** The reader's abilities on this facility (facilities.policy.ts). */
  can: abilitiesSchema(["edit"]),
  archivedAt: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Facility = z.infer<typeof FacilitySchema>;

export const FacilitySummarySchema = FacilitySchema.pick({
  id: true,
  name: true,
  nameOriginal: true,
  orgType: true,
  country: true,
  region: true,
  city: true,
  latitude: true,
  longitude: true,
  modalities: true,
  services: true,
  populations: true,
  capacity: true,
  sharing: true,
  lastVerified: true,
});
export type FacilitySummary = z.infer<typeof FacilitySummarySchema>;

export const FacilityFilterSchema = z.object({
  q: z.string().trim().max(200).optional(),
  country: Iso3.optional(),
  modality: Code.optional(),
  service: Code.optional(),
  population: Code.optional(),
  orgType: OrgTypeSchema.optional(),
});
export type FacilityFilter = z.infer<typeof FacilityFilterSchema>;

export const FacilityListQuerySchema = FacilityFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});
export type FacilityListQuery = z.infer<typeof FacilityListQuerySchema>;

export const FacilityListSchema = z.object({
  items: z.array(FacilitySummarySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type FacilityList = z.infer<typeof FacilityListSchema>;

/** Points for the map: every facility the caller may see that matches the filters (no paging). */
export const FacilityPointsSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      name: LocalizedTextSchema,
      country: z.string(),
      latitude: z.number(),
      longitude: z.number(),
      modalities: z.array(z.string()),
    }),
  ),
  /** Matching facilities without coordinates (not on the map). */
  withoutCoordinates: z.number().int(),
});
export type FacilityPoints = z.infer<typeof FacilityPointsSchema>;

/** Statistics of one country: what the fact sheets show. */
export const CountryFacilityStatsSchema = z.object({
  country: z.string(),
  facilities: z.number().int(),
  capacity: z.number().int(),
  patientsPerYear: z.number().int(),
  /** Facilities offering each modality (every modality listed, zeros included). */
  modalities: z.record(z.string(), z.number().int()),
  /** Facilities offering each service (only those offered). */
  services: z.record(z.string(), z.number().int()),
  /** Share of the six modalities offered by at least one facility (0–1). */
  modalityCoverage: z.number(),
  lastVerified: z.string().nullable(),
});
export type CountryFacilityStats = z.infer<typeof CountryFacilityStatsSchema>;

export const FacilityStatsSchema = z.object({
  countries: z.array(CountryFacilityStatsSchema),
  totals: z.object({ facilities: z.number().int(), capacity: z.number().int(), countries: z.number().int() }),
});
export type FacilityStats = z.infer<typeof FacilityStatsSchema>;

export const AnswerSchema = z.enum(["met", "not_met", "not_applicable"]);
export type Answer = z.infer<typeof AnswerSchema>;

export const AssessmentInputSchema = z.object({
  modality: Code,
  assessedOn: z.iso.date(),
  answers: z.record(z.string(), AnswerSchema),
  notes: z.string().trim().max(4000).nullable().optional(),
});
export type AssessmentInput = z.infer<typeof AssessmentInputSchema>;

export const AssessmentSchema = z.object({
  id: z.uuid(),
  facilityId: z.uuid(),
  modality: z.string(),
  assessedOn: z.string(),
  answers: z.record(z.string(), AnswerSchema),
  /** Criteria met over criteria applicable (0–1); null when none is applicable. */
  score: z.number().nullable(),
  met: z.number().int(),
  applicable: z.number().int(),
  notes: z.string().nullable(),
  assessedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

/** Target fields of the import, in the order of the template. */
export const IMPORT_FIELDS = [
  "name_en",
  "name_ru",
  "name_original",
  "org_type",
  "country",
  "region",
  "city",
  "address",
  "postcode",
  "latitude",
  "longitude",
  "phone",
  "email",
  "website",
  "contact_person",
  "modalities",
  "services",
  "populations",
  "languages",
  "capacity",
  "patients_per_year",
  "accreditation",
  "last_verified",
  "sharing",
] as const;
export const ImportFieldSchema = z.enum(IMPORT_FIELDS);
/** The fields whose values the import reads against a vocabulary and that may be mapped (`labels`: any list column). */
export const FACILITY_VALUE_FIELDS = ["country", "org_type", "sharing", "labels"] as const;
export type FacilityValueField = (typeof FACILITY_VALUE_FIELDS)[number];
export type ImportField = z.infer<typeof ImportFieldSchema>;

/**
 * The column mapping of a facility import, the way every import takes it: facility field → the header of the file's
 * column that holds it (as written in the file); a field left out is not in the file. (Before, the preview, the
 * synchronous route and the CLI took header → field; the CLI still reads a mapping file written that way.)
 */
export const ColumnMappingSchema = columnMappingSchema(IMPORT_FIELDS);
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

export const ImportPreviewRequestSchema = z.object({
  fileId: z.uuid(),
  sheet: z.string().max(100).optional(),
});
export const ImportPreviewSchema = z.object({
  fileName: z.string(),
  layout: z.string(),
  sheets: z.array(z.string()),
  sheet: z.string(),
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  /** Suggested mapping: each field recognised in the header row → its column's header. */
  mapping: ColumnMappingSchema,
  sample: z.array(z.array(z.string())),
  rows: z.number().int(),
  /** The file has no country column: the import needs a country for all rows. */
  needsCountry: z.boolean(),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const FacilityImportReportSchema = importReport.extend({
  created: z.number().int(),
  updated: z.number().int(),
  /** Rows that match an existing facility and change nothing. */
  unchanged: z.number().int(),
  /** Values no vocabulary knows (a service label, a country, an organization type): mapped before the import. */
  unmapped: z.array(unmappedValue),
  /** Values read through mappings remembered for the rows' country. */
  remembered: z.array(rememberedValue),
  dryRun: z.boolean(),
  /** Rows that repeat a facility of the same file: the row, the earlier row it repeats, and the name. */
  duplicates: z.array(z.object({ row: z.number().int(), firstRow: z.number().int(), name: z.string() })),
  /** "duplicates" while the file has repeats and no decision was sent: nothing was written. */
  decisionRequired: z.enum(["duplicates"]).nullable(),
  /** The decision applied to the repeats, if any. */
  duplicatesDecision: DuplicateDecisionSchema.nullable(),
});
export type FacilityImportReport = z.infer<typeof FacilityImportReportSchema>;

/**
 * `POST /facilities/imports`: the import as a job of the platform's pipeline. The mapping goes the pipeline's way
 * (facility field → the file's header), like every other import's; a field left out is not in the file.
 */
export const FacilityImportJobRequestSchema = z.object({
  fileId: z.uuid(),
  sheet: z.string().max(100).optional(),
  mapping: ColumnMappingSchema.optional(),
  /** Country of rows that have none (a national treatment-locator list has no country column). */
  country: Iso3.optional(),
  /** Sharing of rows that do not say. */
  sharing: FacilitySharingSchema.default("public"),
  /** Check and report without writing. */
  dryRun: z.boolean().default(false),
  /**
   * Rows repeating a facility of the same file (same name, town and country, coordinates within 100 m), decided once
   * for all of them: merge each into its first row, or keep both. Without it a file with repeats writes nothing.
   */
  duplicates: DuplicateDecisionSchema.optional(),
  /**
   * The value-mapping step's answers: field → the file's value → the code it means (null: not available). `labels`
   * takes a modality's, service's or population's `kind:code`; `country` an ISO3. Remembered per layout and country.
   */
  valueMapping: valueMappingSchema(FACILITY_VALUE_FIELDS).optional(),
});
export type FacilityImportJobRequest = z.infer<typeof FacilityImportJobRequestSchema>;

/**
 * `POST /facilities/import`: the same stages inside the request, with the same body, except that its mapping goes
 * the other way (the file's header → facility field), as it did before the pipeline.
 */
export const ImportRequestSchema = FacilityImportJobRequestSchema.extend({
  /** The file's header → facility field. */
  mapping: ColumnMappingSchema.optional(),
});
export type ImportRequest = z.infer<typeof ImportRequestSchema>;

/** The result of a facility import job: the pipeline's result and what the file wrote (or would write). */
export const FacilityImportResultSchema = importResult.extend({
  created: z.number().int(),
  updated: z.number().int(),
  /** Rows that match an existing facility and change nothing. */
  unchanged: z.number().int(),
  /** True when nothing was written (a dry run, a refused file, repeats waiting for a decision). */
  dryRun: z.boolean(),
});
export type FacilityImportResult = z.infer<typeof FacilityImportResultSchema>;
