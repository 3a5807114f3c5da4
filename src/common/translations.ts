import { z } from "zod";
import { LanguageSchema, PageQuerySchema } from "./localized.js";

/**
 * The kinds of record whose text is localized (EN/RU) and that the translation queue lists. Each is owned by a
 * module, which brings its source (`<module>.translations.ts`) and saves a filled text through its own service.
 */
export const TRANSLATION_MODULES = [
  "meetings",
  "recommendations",
  "news",
  "facilities",
  "projects",
  "needs",
  "factsheets",
] as const;
export const TranslationModuleSchema = z.enum(TRANSLATION_MODULES);
export type TranslationModule = z.infer<typeof TranslationModuleSchema>;

export const TranslationQueueQuerySchema = PageQuerySchema.extend({
  module: TranslationModuleSchema.optional(),
  /** The language the records lack. */
  missing: LanguageSchema.optional(),
  /** One record (the link from a "translation missing" badge). */
  record: z.string().uuid().optional(),
});
export type TranslationQueueQuery = z.infer<typeof TranslationQueueQuerySchema>;

const Text = z.object({ en: z.string().optional(), ru: z.string().optional() });

export const TranslationFieldSchema = z.object({
  /** The record's field (`title`, `summary`, `body`…). */
  name: z.string(),
  text: Text,
  /** True when the field has the other language but not the missing one. */
  missing: z.boolean(),
});

export const TranslationEntrySchema = z.object({
  module: TranslationModuleSchema,
  id: z.string(),
  /** The record's version: a fill states it and a stale one gets 409 `version_conflict`. */
  version: z.number().int(),
  missing: LanguageSchema,
  title: Text,
  fields: z.array(TranslationFieldSchema),
  /** The record's page in the web app. */
  link: z.string(),
  updatedAt: z.string(),
});
export type TranslationEntry = z.infer<typeof TranslationEntrySchema>;

export const TranslationCountSchema = z.object({
  module: TranslationModuleSchema,
  missing: LanguageSchema,
  count: z.number().int(),
});

export const TranslationQueueSchema = z.object({
  items: z.array(TranslationEntrySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  /** Records missing each language, per module, whatever the filter (modules with none are left out). */
  counts: z.array(TranslationCountSchema),
});
export type TranslationQueue = z.infer<typeof TranslationQueueSchema>;

export const TranslationParamsSchema = z.object({ module: TranslationModuleSchema, id: z.string().uuid() });

export const TranslationFillSchema = z.object({
  version: z.number().int().min(1),
  /** The language being filled in. */
  language: LanguageSchema,
  /** Field name → the text in `language`. At least one. */
  fields: z
    .record(z.string().max(40), z.string().trim().min(1).max(20000))
    .refine((v) => Object.keys(v).length > 0, { message: "Nothing to save", params: { code: "nothing_to_change" } }),
});
export type TranslationFill = z.infer<typeof TranslationFillSchema>;

export const TranslationFillResultSchema = z.object({
  version: z.number().int(),
  /** The record still lacks that language in some field (it stays in the queue). */
  stillMissing: z.boolean(),
});
