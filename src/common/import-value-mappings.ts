import { z } from "zod";
import { abilitiesSchema } from "./platform.js";

/**
 * The value mappings the platform's import pipeline remembers (issue 16; `import_value_mappings`, migration 0037): a
 * value of a file that a module's vocabularies do not know, mapped once by the person importing to a code (or to "not
 * available"), is applied to every later file of the same source. Each importing module lists them beside its import,
 * so a wrong answer can be seen and taken back: after a deletion the next file asks again.
 */
export const ImportValueMappingSchema = z.object({
  /** Opaque key of the mapping (layout, source, field and value as compared), for deleting it. */
  id: z.string(),
  /** The file layout the answer was given for (`template`, `treatment-locator`, `custom`…). */
  layout: z.string(),
  /** The rows' source the answer holds for: a country (ISO3) or a partner's code; "*": every source. */
  source: z.string(),
  /** The module's value field (`country`, `labels`, `theme`…). */
  field: z.string(),
  /** The value as it was written in the file. */
  value: z.string(),
  /** The code it means; null: "not available". */
  target: z.string().nullable(),
  updatedAt: z.string(),
  /** Who gave the answer (hidden from a reader outside its source: only coordinators see every name). */
  updatedBy: z.string().nullable(),
  /** The reader's abilities: `delete` (their own source; mappings of every source: whoever reaches every source). */
  can: abilitiesSchema(["delete"]),
});
export type ImportValueMapping = z.infer<typeof ImportValueMappingSchema>;

export const IMPORT_VALUE_MAPPING_PAGE_SIZES = [10, 25, 50, 100] as const;

export const ImportValueMappingQuerySchema = z.object({
  /** Only this field's mappings. */
  field: z.string().trim().min(1).max(60).optional(),
  /** Only this source's (a country or partner code, or "*"). */
  source: z
    .string()
    .trim()
    .regex(/^(\*|[A-Za-z0-9_-]{2,40})$/)
    .optional(),
  /** Text the file's value or the code contains (case-insensitive). */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ImportValueMappingQuery = z.infer<typeof ImportValueMappingQuerySchema>;

export const ImportValueMappingListSchema = z.object({
  items: z.array(ImportValueMappingSchema),
  /** Mappings matching the filter that the reader may see. */
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  /** The fields and sources the reader has mappings of (for the filter's choices). */
  fields: z.array(z.string()),
  sources: z.array(z.string()),
});
export type ImportValueMappingList = z.infer<typeof ImportValueMappingListSchema>;

export const ImportValueMappingParamsSchema = z.object({ id: z.string().min(1).max(4000) });
