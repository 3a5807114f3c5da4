import { z } from "zod";

/** Localized content: English and/or Russian; at least one is required. */
export const LocalizedTextSchema = z
  .object({
    en: z.string().trim().min(1).max(20000).optional(),
    ru: z.string().trim().min(1).max(20000).optional(),
  })
  .refine((v) => v.en !== undefined || v.ru !== undefined, {
    message: "At least one language is required",
    params: { code: "localized_required" },
  });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const LanguageSchema = z.enum(["en", "ru"]);
export type Language = z.infer<typeof LanguageSchema>;
export const LANGUAGES: readonly Language[] = ["en", "ru"];

export const ProvenanceSchema = z.object({ document: z.string(), locator: z.string() });
export type Provenance = z.infer<typeof ProvenanceSchema>;

/** A page of results; every list endpoint answers with this envelope. */
export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;

/**
 * The update schema of a record from its creation schema: every field optional and none with its creation
 * default. `.partial()` keeps defaults, so an update that did not name a field (a members-only meeting's
 * visibility, a recommendation's priority, a figure's "more than") set it back to the default.
 */
export function updateOf<S extends z.ZodRawShape>(
  schema: z.ZodObject<S>,
): z.ZodObject<{ [K in keyof S]: z.ZodOptional<WithoutDefault<S[K]>> }> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    shape[key] = inner.optional();
  }
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof S]: z.ZodOptional<WithoutDefault<S[K]>> }>;
}

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;
