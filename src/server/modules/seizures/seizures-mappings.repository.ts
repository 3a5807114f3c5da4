import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import { IMPORT_KIND } from "./seizures.import-parse.js";

/** Where a remembered mapping is kept: its table's primary key. */
export interface MappingKey {
  layout: string;
  sourceCountry: string;
  field: string;
  valueKey: string;
}

/**
 * SQL of the seizure import's remembered value mappings, as their page lists and deletes them: the seizure rows of the
 * platform's store (`import_value_mappings`, kind 'seizures', 0038), whose source is the rows' country ('*': any).
 * The import itself reads and writes them through `platform/imports/value-mappings.repository.ts`.
 */
export class SeizureMappingsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * The remembered mappings of these countries and those of any country ("*"), newest first; every one when
   * `countries` is null. With the name of whoever gave the answer last.
   */
  list(countries: readonly string[] | null) {
    let q = this.db
      .selectFrom("import_value_mappings as m")
      .leftJoin("users as u", "u.id", "m.updated_by")
      .where("m.kind", "=", IMPORT_KIND)
      .select([
        "m.layout",
        "m.source as source_country",
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
    if (countries) q = q.where("m.source", "in", ["*", ...countries]);
    return q.execute();
  }

  find(key: MappingKey, trx: Kysely<DB> = this.db) {
    return trx
      .selectFrom("import_value_mappings")
      .select(["layout", "source as source_country", "field", "value_key", "value", "target"])
      .where("kind", "=", IMPORT_KIND)
      .where("layout", "=", key.layout)
      .where("source", "=", key.sourceCountry)
      .where("field", "=", key.field)
      .where("value_key", "=", key.valueKey)
      .executeTakeFirst();
  }

  /** Deletes one mapping; whether it was there. */
  async delete(trx: Kysely<DB>, key: MappingKey): Promise<boolean> {
    const res = await trx
      .deleteFrom("import_value_mappings")
      .where("kind", "=", IMPORT_KIND)
      .where("layout", "=", key.layout)
      .where("source", "=", key.sourceCountry)
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
