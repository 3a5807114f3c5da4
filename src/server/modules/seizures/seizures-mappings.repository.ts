import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";

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
}
