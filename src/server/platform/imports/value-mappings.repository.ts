import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";

/** One remembered answer of the value-mapping step. */
export interface RememberedAnswer {
  source: string;
  field: string;
  valueKey: string;
  value: string;
  target: string | null;
}

/** SQL of the pipeline's remembered value mappings (`import_value_mappings`, 0037). */
export class ImportValueMappingsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Every answer remembered for a module, with its layout (one row per value a person has mapped: a few hundred at
   * most; read before the layout of the file is known).
   */
  async forKind(kind: string): Promise<(RememberedAnswer & { layout: string })[]> {
    const rows = await this.db
      .selectFrom("import_value_mappings")
      .select(["layout", "source", "field", "value_key", "value", "target"])
      .where("kind", "=", kind)
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

  /** The answers remembered for one layout of a module (the layout is known before the rows are read). */
  async forLayout(kind: string, layout: string): Promise<RememberedAnswer[]> {
    const rows = await this.db
      .selectFrom("import_value_mappings")
      .select(["source", "field", "value_key", "value", "target"])
      .where("kind", "=", kind)
      .where("layout", "=", layout)
      .execute();
    return rows.map((r) => ({
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
}
