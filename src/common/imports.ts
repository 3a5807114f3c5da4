import { z } from "zod";

/**
 * The one report every bulk import returns (seizures, trainings, facilities, national totals, indicators):
 * a file is imported all or nothing, so `imported` is 0 whenever `errors` is not empty.
 */
export const importIssue = z.object({
  /** 1-based row number as the user sees it in the spreadsheet (header rows counted). */
  row: z.number().int(),
  /** The sheet the row is on, when a workbook's sheets were imported together (one sheet per year). */
  sheet: z.string().optional(),
  /** Column header as written in the file, when the issue is about one cell. */
  column: z.string().nullable(),
  /** The cell's value as read (cut to 200 characters). */
  value: z.string().nullable(),
  /** Stable machine code, e.g. `required`, `invalid_date`, `unknown_country`, `implausible_quantity`. */
  code: z.string(),
  message: z.object({ en: z.string(), ru: z.string() }),
});
export type ImportIssue = z.infer<typeof importIssue>;

export const importReport = z.object({
  fileName: z.string(),
  /** Layout recognised, e.g. `unodc-ids`, `template`, `treatment-locator`. */
  layout: z.string(),
  sheet: z.string().nullable(),
  /**
   * Every sheet of the workbook when its sheets were imported together (one sheet per year): the rows read from
   * each, and the sheets left out (no table of the import's columns on them: notes, a read-me).
   */
  sheets: z.array(z.object({ name: z.string(), rows: z.number().int(), skipped: z.boolean() })).optional(),
  /** How the file writes its numbers, decided once for the whole file from its own values. */
  numberFormat: z
    .object({
      decimal: z.enum(["point", "comma"]),
      thousands: z.enum(["none", "space", "comma", "point", "apostrophe"]),
      /** What decided the decimal separator: the file's unambiguous numbers, its `;` delimiter, or nothing. */
      source: z.enum(["values", "delimiter", "default"]),
    })
    .optional(),
  rowsRead: z.number().int(),
  /** Rows skipped on purpose (blank rows, notes under the table); not errors. */
  rowsSkipped: z.number().int(),
  imported: z.number().int(),
  errors: z.array(importIssue),
  warnings: z.array(importIssue),
  /** True when the file was refused as a whole (errors present): nothing was written. */
  refused: z.boolean(),
});
export type ImportReport = z.infer<typeof importReport>;

/**
 * Rows of one file that repeat an earlier row of the same file (a facility, a participant): never a refusal, they
 * wait for one decision for all of them — merge each repeat into the first row (its filled cells complete it), or
 * keep both — and nothing is written until it is given.
 */
export const DuplicateDecisionSchema = z.enum(["merge", "keep_both"]);
export type DuplicateDecision = z.infer<typeof DuplicateDecisionSchema>;

export const inFileDuplicates = {
  /** Rows that repeat an earlier row of the same file: the row, the earlier row it repeats, and the name. */
  duplicates: z.array(z.object({ row: z.number().int(), firstRow: z.number().int(), name: z.string() })),
  /** "duplicates" while the file has repeats and no decision was sent: nothing was written. */
  decisionRequired: z.enum(["duplicates"]).nullable(),
  /** The decision applied to the repeats, if any. */
  duplicatesDecision: DuplicateDecisionSchema.nullable(),
};

/**
 * The column-mapping step of every import, in one direction: the module's field → the header of the file's column
 * that holds it (as written in the file). A field left out is not in the file.
 */
export function columnMappingSchema<const F extends readonly [string, ...string[]]>(fields: F) {
  return z.partialRecord(z.enum(fields), z.string().trim().min(1).max(200));
}
export type ColumnMappingOf<F extends string> = Partial<Record<F, string>>;

/** At most this many mapped values in one request (a file needing more has a column mapped to the wrong field). */
export const MAX_MAPPED_VALUES = 2000;

/**
 * The value-mapping step of every import on the pipeline: field → the file's value as written → the known code it
 * means, or null for "not available" (the cell is then read as empty). The pipeline checks each code against the
 * module's vocabulary, and remembers the answers per source (module, layout, the rows' source) for the next file.
 */
export function valueMappingSchema<const F extends readonly [string, ...string[]]>(fields: F) {
  return z
    .partialRecord(z.enum(fields), z.record(z.string().trim().min(1).max(200), z.string().max(100).nullable()))
    .refine((m) => countAnswers(m as ValueAnswers) <= MAX_MAPPED_VALUES, {
      message: `At most ${MAX_MAPPED_VALUES} values`,
      params: { code: "too_long" },
    });
}
export type ValueAnswers = Record<string, Record<string, string | null>>;
const countAnswers = (m: ValueAnswers) => Object.values(m).reduce((n, v) => n + Object.keys(v ?? {}).length, 0);

/** A value of the file that no vocabulary knows: shown once, with its count and the first rows it is on. */
export const unmappedValue = z.object({
  field: z.string(),
  /** The file's column header. */
  column: z.string().nullable(),
  value: z.string(),
  count: z.number().int(),
  /** The first rows (as numbered in the spreadsheet) that hold it. */
  rows: z.array(z.number().int()),
  /** The sheet of each of `rows`, when a workbook's sheets were imported together. */
  sheets: z.array(z.string()).optional(),
});
export type UnmappedValueOf = z.infer<typeof unmappedValue>;

/** A value read through a mapping remembered from an earlier file of the same source (the person may change it). */
export const rememberedValue = z.object({
  field: z.string(),
  value: z.string(),
  /** The code it was mapped to; null: "not available". */
  target: z.string().nullable(),
  count: z.number().int(),
});
export type RememberedValueOf = z.infer<typeof rememberedValue>;

/**
 * What every import job of the platform's pipeline returns (a module adds its own counts with `.extend`): the report,
 * the file's headers and the column mapping used (so the web can offer the mapping step), and the repeats of the file
 * waiting for one decision.
 */
export const importResult = z.object({
  report: importReport,
  /** The sheet read and every sheet of the workbook (to choose another one). */
  sheets: z.array(z.string()),
  /** The header row as written in the file (its non-empty cells). */
  headers: z.array(z.string()),
  /** The first rows under the header, for the mapping step's examples. */
  sample: z.array(z.array(z.string())),
  /** Field → header: the mapping the import used (recognised, or sent by the person importing). */
  mapping: z.record(z.string(), z.string()),
  /**
   * Values no vocabulary of the module knows, each once: while any is listed the file waits for the value-mapping
   * step (`report.refused`, with no error of its own) and nothing is written.
   */
  unmapped: z.array(unmappedValue),
  /** Values read through mappings remembered for this source. */
  remembered: z.array(rememberedValue),
  ...inFileDuplicates,
});
export type ImportResult = z.infer<typeof importResult>;

/** An import enqueued as a job: follow it at `/jobs/:id` (SSE at `/jobs/:id/events`); its result is the module's result. */
export const ImportStartedSchema = z.object({ jobId: z.uuid() });
