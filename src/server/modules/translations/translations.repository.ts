import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Language } from "../../../common/localized.js";
import type { TranslationModule } from "../../../common/translations.js";
import type { DB } from "../../db/schema.js";
import type { TranslationTable } from "./translations.sources.js";

type Text = { en?: string; ru?: string };

export interface QueueRow {
  module: TranslationModule;
  id: string;
  version: number;
  missing: Language;
  title: Text | null;
  fields: Record<string, Text | null>;
  updated_at: Date | string;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
function ident(name: string): RawBuilder<unknown> {
  // The names come from the modules' code, never from a request; checked all the same.
  if (!IDENT.test(name)) throw new Error(`not an SQL identifier: ${name}`);
  return sql.id(name);
}

/** A field lacks language `lang` (a column of the query) while it has the other one. */
function lacks(column: string): RawBuilder<boolean> {
  const c = ident(column);
  return sql<boolean>`(coalesce(btrim(${c} ->> (case lang.l when 'en' then 'ru' else 'en' end)), '') <> '' and coalesce(btrim(${c} ->> lang.l), '') = '')`;
}

/**
 * The records of every module that have text in one language and not the other, one row per record and missing
 * language, from the tables the modules declare. One query (UNION ALL), so the queue pages over all modules.
 */
export class TranslationsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private union(tables: readonly TranslationTable[], missing: Language | undefined, record: string | undefined) {
    const languages = missing ? [missing] : (["en", "ru"] as const);
    const values = sql.join(languages.map((l) => sql`(${l}::text)`));
    const parts = tables.map((t) => {
      const fields = sql.join(t.fields.map((f) => sql`${sql.lit(f)}::text, ${ident(f)}`));
      const anyMissing = sql.join(
        t.fields.map((f) => lacks(f)),
        sql` or `,
      );
      return sql`select ${sql.lit(t.module)}::text as module, t.id::text as id, t.version, lang.l as missing,
          ${ident(t.titleColumn)} as title, jsonb_build_object(${fields}) as fields, t.updated_at
        from ${ident(t.table)} as t cross join (values ${values}) as lang(l)
        where (${sql.raw(t.editable)}) and (${anyMissing})
          ${record ? sql`and t.id::text = ${record}` : sql``}`;
    });
    return sql.join(parts, sql` union all `);
  }

  async page(
    tables: readonly TranslationTable[],
    filter: { missing?: Language | undefined; record?: string | undefined; limit: number; offset: number },
  ): Promise<{ rows: QueueRow[]; total: number }> {
    if (tables.length === 0) return { rows: [], total: 0 };
    const union = this.union(tables, filter.missing, filter.record);
    const [rows, total] = await Promise.all([
      sql<QueueRow>`select * from (${union}) q order by q.updated_at desc, q.module, q.id, q.missing
        limit ${filter.limit} offset ${filter.offset}`.execute(this.db),
      sql<{ n: string }>`select count(*) as n from (${union}) q`.execute(this.db),
    ]);
    return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
  }

  async counts(
    tables: readonly TranslationTable[],
  ): Promise<{ module: TranslationModule; missing: Language; n: string }[]> {
    if (tables.length === 0) return [];
    const union = this.union(tables, undefined, undefined);
    const { rows } = await sql<{ module: TranslationModule; missing: Language; n: string }>`
      select q.module, q.missing, count(*) as n from (${union}) q group by q.module, q.missing order by q.module, q.missing`.execute(
      this.db,
    );
    return rows;
  }

  /** The record's localized fields and version now (undefined when it is not there or no longer editable). */
  async current(
    table: TranslationTable,
    id: string,
  ): Promise<{ version: number; fields: Record<string, Text | null> } | undefined> {
    const fields = sql.join(table.fields.map((f) => sql`${sql.lit(f)}::text, ${ident(f)}`));
    const { rows } = await sql<{ version: number; fields: Record<string, Text | null> }>`
      select t.version, jsonb_build_object(${fields}) as fields from ${ident(table.table)} as t
      where t.id::text = ${id} and (${sql.raw(table.editable)})`.execute(this.db);
    return rows[0];
  }
}
