import type { Kysely } from "kysely";
import { type Language, type LocalizedText, LocalizedTextSchema } from "../../../common/localized.js";
import type {
  TranslationEntry,
  TranslationFill,
  TranslationModule,
  TranslationQueue,
  TranslationQueueQuery,
} from "../../../common/translations.js";
import type { DB } from "../../db/schema.js";
import type { Principal } from "../../http/access-policy.js";
import { AppError, type FieldError, notFound, validationFailed } from "../../http/errors.js";
import type { Actor } from "../../platform/audit.js";
import { type QueueRow, TranslationsRepository } from "./translations.repository.js";
import type { TranslationSource } from "./translations.sources.js";

type Text = { en?: string; ru?: string };
const other = (l: Language): Language => (l === "en" ? "ru" : "en");
const has = (t: Text | null | undefined, l: Language) => !!t?.[l]?.trim();

/** The fill's own field-error codes, in both languages. */
const FIELD_MESSAGES = {
  unknown_field: { en: "This field has no translation here", ru: "У этого поля здесь нет перевода" },
  nothing_to_translate: {
    en: "This field has no text in the other language to translate",
    ru: "У этого поля нет текста на другом языке для перевода",
  },
  too_big: {
    en: "The text is too long (at most 20,000 characters)",
    ru: "Текст слишком длинный (не более 20 000 знаков)",
  },
} as const;
const fieldError = (name: string, code: keyof typeof FIELD_MESSAGES): FieldError => ({
  path: `body.fields.${name}`,
  code,
  messages: FIELD_MESSAGES[code],
});

/**
 * The translation workflow: the queue of records that have text in one language and not the other, over every
 * module that brings a source, and the fill that saves the missing text through the module's own service.
 * Coordinators and administrators only (the route's rule); they may see every record, so the queue needs no
 * read rule of its own.
 */
export class TranslationsService {
  private readonly repo: TranslationsRepository;
  private readonly sources: Map<TranslationModule, TranslationSource>;

  constructor(db: Kysely<DB>, sources: readonly TranslationSource[]) {
    this.repo = new TranslationsRepository(db);
    this.sources = new Map(sources.map((s) => [s.module, s]));
  }

  private entry(row: QueueRow): TranslationEntry {
    const source = this.sources.get(row.module) as TranslationSource;
    return {
      module: row.module,
      id: row.id,
      version: row.version,
      missing: row.missing,
      title: row.title ?? {},
      fields: source.fields.map((name) => {
        const text = row.fields[name] ?? {};
        return { name, text, missing: has(text, other(row.missing)) && !has(text, row.missing) };
      }),
      link: source.link(row.id),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  async queue(query: TranslationQueueQuery): Promise<TranslationQueue> {
    const all = [...this.sources.values()];
    const tables = query.module ? all.filter((s) => s.module === query.module) : all;
    const [page, counts] = await Promise.all([
      this.repo.page(tables, {
        missing: query.missing,
        record: query.record,
        limit: query.limit,
        offset: query.offset,
      }),
      this.repo.counts(all),
    ]);
    return {
      items: page.rows.map((r) => this.entry(r)),
      total: page.total,
      limit: query.limit,
      offset: query.offset,
      counts: counts.map((c) => ({ module: c.module, missing: c.missing, count: Number(c.n) })),
    };
  }

  /**
   * Fills text in `input.language` for the named fields and saves the record through its module at the version
   * the coordinator read. Only fields the module lists; a field that has no text in the other language cannot be
   * "translated" (422). A stale version is the module's 409 and changes nothing.
   */
  async fill(
    module: TranslationModule,
    id: string,
    input: TranslationFill,
    principal: Principal,
    actor: Actor,
  ): Promise<{ version: number; stillMissing: boolean }> {
    const source = this.sources.get(module);
    if (!source) throw notFound("translation_source");
    const errors: FieldError[] = [];
    for (const name of Object.keys(input.fields)) {
      if (!source.fields.includes(name)) errors.push(fieldError(name, "unknown_field"));
    }
    if (errors.length) throw validationFailed(errors);
    const current = await this.repo.current(source, id);
    if (!current) throw notFound("record");
    if (current.version !== input.version) {
      // The module would refuse it too; refusing here first keeps the merge below from mixing two versions.
      throw new AppError("version_conflict", 409, { current: { version: current.version } });
    }
    const values: Record<string, LocalizedText> = {};
    for (const [name, text] of Object.entries(input.fields)) {
      const before = current.fields[name] ?? {};
      if (!has(before, other(input.language))) {
        errors.push(fieldError(name, "nothing_to_translate"));
        continue;
      }
      const merged = LocalizedTextSchema.safeParse({ ...clean(before), [input.language]: text });
      if (!merged.success) errors.push(fieldError(name, "too_big"));
      else values[name] = merged.data;
    }
    if (errors.length) throw validationFailed(errors);
    await source.save(id, input.version, values, principal, actor);
    const after = await this.repo.current(source, id);
    const fields = after?.fields ?? {};
    return {
      version: after?.version ?? input.version + 1,
      stillMissing: source.fields.some((f) => has(fields[f], other(input.language)) && !has(fields[f], input.language)),
    };
  }
}

function clean(t: Text): Text {
  const out: Text = {};
  if (t.en?.trim()) out.en = t.en;
  if (t.ru?.trim()) out.ru = t.ru;
  return out;
}
