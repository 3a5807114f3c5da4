import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";

/** One remembered answer of the value-mapping step. */
export interface RememberedAnswer {
  source: string;
  field: string;
  valueKey: string;
  value: string;
  target: string | null;
}

/** Where a remembered answer is kept: its table's primary key. */
export interface ValueMappingKey {
  kind: string;
  layout: string;
  source: string;
  field: string;
  valueKey: string;
}

/** Which remembered answers a reader reaches: a module's, of these sources (null: every source). */
export interface ValueMappingReach {
  kind: string;
  sources: readonly string[] | null;
}

export interface ValueMappingFilter {
  field?: string | undefined;
  source?: string | undefined;
  q?: string | undefined;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** SQL of the pipeline's remembered value mappings (`import_value_mappings`, 0037). */
export class ImportValueMappingsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * The answers remembered for a module, with their layout: of one layout when it is known before the rows are read
   * (streaming), else of every layout (one row per value a person has mapped: a few hundred at most).
   */
  async remembered(kind: string, layout?: string): Promise<(RememberedAnswer & { layout: string })[]> {
    const rows = await this.db
      .selectFrom("import_value_mappings")
      .select(["layout", "source", "field", "value_key", "value", "target"])
      .where("kind", "=", kind)
      .$if(layout !== undefined, (q) => q.where("layout", "=", layout as string))
      .execute();
    return rows.map((r) => ({
      layout: r.layout,
      source: r.source,
      field: r.field,
      valueKey: r.value_key,
      value: r.value,
      target: r.target,
    }));
  }

  /** Remembers answers for the next file, in the import's own transaction (the latest answer wins). */
  async remember(trx: Kysely<DB>, kind: string, layout: string, answers: RememberedAnswer[], userId: string | null) {
    if (!answers.length) return;
    await trx
      .insertInto("import_value_mappings")
      .values(
        answers.map((m) => ({
          kind,
          layout,
          source: m.source,
          field: m.field,
          value_key: m.valueKey,
          value: m.value,
          target: m.target,
          updated_by: userId,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["kind", "layout", "source", "field", "value_key"]).doUpdateSet((eb) => ({
          value: eb.ref("excluded.value"),
          target: eb.ref("excluded.target"),
          updated_by: eb.ref("excluded.updated_by"),
          updated_at: new Date(),
        })),
      )
      .execute();
  }

  /** A reader's remembered answers, newest first, one page; with the count and the fields and sources they hold. */
  async page(reach: ValueMappingReach, filter: ValueMappingFilter, page: { limit: number; offset: number }) {
    const base = () => {
      let q = this.db.selectFrom("import_value_mappings as m").where("m.kind", "=", reach.kind);
      if (reach.sources) q = q.where("m.source", "in", [...reach.sources]);
      return q;
    };
    let filtered = base();
    if (filter.field) filtered = filtered.where("m.field", "=", filter.field);
    if (filter.source) filtered = filtered.where("m.source", "=", filter.source);
    if (filter.q) {
      const pattern = likePattern(filter.q);
      filtered = filtered.where((eb) =>
        eb.or([eb("m.value", "ilike", pattern), eb("m.target", "ilike", pattern), eb("m.value_key", "ilike", pattern)]),
      );
    }
    const [items, count, facets] = await Promise.all([
      filtered
        .leftJoin("users as u", "u.id", "m.updated_by")
        .select([
          "m.layout",
          "m.source",
          "m.field",
          "m.value_key",
          "m.value",
          "m.target",
          "m.updated_at",
          "m.updated_by",
          "u.display_name as updated_by_name",
        ])
        .orderBy("m.updated_at", "desc")
        .orderBy("m.field")
        .orderBy("m.value_key")
        .orderBy("m.source")
        .orderBy("m.layout")
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      filtered.select(sql<string>`count(*)`.as("n")).executeTakeFirstOrThrow(),
      base().select(["m.field", "m.source"]).distinct().execute(),
    ]);
    return {
      items,
      total: Number(count.n),
      fields: [...new Set(facets.map((f) => f.field))].sort(),
      sources: [...new Set(facets.map((f) => f.source))].sort(),
    };
  }

  find(trx: Kysely<DB>, key: ValueMappingKey) {
    return trx
      .selectFrom("import_value_mappings")
      .selectAll()
      .where("kind", "=", key.kind)
      .where("layout", "=", key.layout)
      .where("source", "=", key.source)
      .where("field", "=", key.field)
      .where("value_key", "=", key.valueKey)
      .forUpdate()
      .executeTakeFirst();
  }

  /** Deletes one answer; whether it was there. */
  async delete(trx: Kysely<DB>, key: ValueMappingKey): Promise<boolean> {
    const res = await trx
      .deleteFrom("import_value_mappings")
      .where("kind", "=", key.kind)
      .where("layout", "=", key.layout)
      .where("source", "=", key.source)
      .where("field", "=", key.field)
      .where("value_key", "=", key.valueKey)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** The next revision number of an answer's history (given again and deleted again, it goes on counting). */
  async nextRevision(trx: Kysely<DB>, entityType: string, entityId: string): Promise<number> {
    const row = await trx
      .selectFrom("revisions")
      .select(sql<number>`coalesce(max(version), 0) + 1`.as("next"))
      .where("entity_type", "=", entityType)
      .where("entity_id", "=", entityId)
      .executeTakeFirstOrThrow();
    return Number(row.next);
  }
}
