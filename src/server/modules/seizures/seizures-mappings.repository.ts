import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";

/** Where a remembered mapping is kept: its table's primary key. */
export interface MappingKey {
  layout: string;
  sourceCountry: string;
  field: string;
  valueKey: string;
}

export interface RememberedMapping {
  sourceCountry: string;
  field: string;
  valueKey: string;
  value: string;
  target: string | null;
}

/** SQL of the import's remembered value mappings (`seizure_value_mappings`). */
export class SeizureMappingsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Every mapping remembered for a layout (a few hundred rows at most: one per value a person has mapped). */
  async forLayout(layout: string, trx: Kysely<DB> = this.db): Promise<RememberedMapping[]> {
    const rows = await trx
      .selectFrom("seizure_value_mappings")
      .select(["source_country", "field", "value_key", "value", "target"])
      .where("layout", "=", layout)
      .execute();
    return rows.map((r) => ({
      sourceCountry: r.source_country,
      field: r.field,
      valueKey: r.value_key,
      value: r.value,
      target: r.target,
    }));
  }

  /** Remembers mappings for the next file (the latest answer wins). */
  async remember(trx: Kysely<DB>, layout: string, mappings: RememberedMapping[], userId: string | null) {
    if (!mappings.length) return;
    await trx
      .insertInto("seizure_value_mappings")
      .values(
        mappings.map((m) => ({
          layout,
          source_country: m.sourceCountry,
          field: m.field,
          value_key: m.valueKey,
          value: m.value,
          target: m.target,
          updated_by: userId,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["layout", "source_country", "field", "value_key"]).doUpdateSet((eb) => ({
          value: eb.ref("excluded.value"),
          target: eb.ref("excluded.target"),
          updated_by: eb.ref("excluded.updated_by"),
          updated_at: new Date(),
        })),
      )
      .execute();
  }

  /**
   * The remembered mappings of these countries and those of any country ("*"), newest first; every one when
   * `countries` is null. With the name of whoever gave the answer last.
   */
  list(countries: readonly string[] | null) {
    let q = this.db
      .selectFrom("seizure_value_mappings as m")
      .leftJoin("users as u", "u.id", "m.updated_by")
      .select([
        "m.layout",
        "m.source_country",
        "m.field",
        "m.value_key",
        "m.value",
        "m.target",
        "m.updated_at",
        "u.display_name as updated_by_name",
      ])
      .orderBy("m.updated_at", "desc")
      .orderBy("m.value_key")
      .limit(5000);
    if (countries) q = q.where("m.source_country", "in", ["*", ...countries]);
    return q.execute();
  }

  find(key: MappingKey, trx: Kysely<DB> = this.db) {
    return trx
      .selectFrom("seizure_value_mappings")
      .selectAll()
      .where("layout", "=", key.layout)
      .where("source_country", "=", key.sourceCountry)
      .where("field", "=", key.field)
      .where("value_key", "=", key.valueKey)
      .executeTakeFirst();
  }

  /** Deletes one mapping; whether it was there. */
  async delete(trx: Kysely<DB>, key: MappingKey): Promise<boolean> {
    const res = await trx
      .deleteFrom("seizure_value_mappings")
      .where("layout", "=", key.layout)
      .where("source_country", "=", key.sourceCountry)
      .where("field", "=", key.field)
      .where("value_key", "=", key.valueKey)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** The next revision number of a mapping (a deleted mapping given again and deleted again goes on counting). */
  async nextRevision(trx: Kysely<DB>, entityId: string): Promise<number> {
    const row = await trx
      .selectFrom("revisions")
      .select(sql<number>`coalesce(max(version), 0) + 1`.as("next"))
      .where("entity_type", "=", "seizure_value_mapping")
      .where("entity_id", "=", entityId)
      .executeTakeFirstOrThrow();
    return Number(row.next);
  }
}
