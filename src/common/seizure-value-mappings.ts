import { z } from "zod";

/**
 * The seizure import's remembered value mappings (issue 16): a value of a file that no vocabulary knows, mapped once
 * by the person importing, is remembered per source (the rows' country, or "*" for the country columns' own values,
 * and the file's layout) for the next file. They can be listed and deleted, so a wrong answer is not applied forever.
 */
export const RememberedValueMappingSchema = z.object({
  /** Opaque key of the mapping (layout, source, field and value as compared), for deleting it. */
  id: z.string(),
  layout: z.string(),
  /** ISO3 country of the rows the answer was given for; "*": any country (a country column's own values). */
  sourceCountry: z.string(),
  field: z.string(),
  /** The value as it was written in the file. */
  value: z.string(),
  /** The code it means; null: "not available". */
  target: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  /** Whether the reader may delete it (the country's focal point or liaison officer; "*" ones: coordinators). */
  canDelete: z.boolean(),
});
export type RememberedValueMapping = z.infer<typeof RememberedValueMappingSchema>;

export const RememberedValueMappingListSchema = z.object({ items: z.array(RememberedValueMappingSchema) });

export const RememberedValueMappingQuerySchema = z.object({
  /** Only the mappings of this country (ISO3), and those of any country. */
  country: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .transform((s) => s.toUpperCase())
    .optional(),
});

export const RememberedValueMappingParamsSchema = z.object({ id: z.string().min(1).max(4000) });
