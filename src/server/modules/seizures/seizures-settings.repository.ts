import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";

/** SQL of the countries' DMP settings (`seizure_country_settings`). */
export class SeizureSettingsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  list(trx: Kysely<DB> = this.db) {
    return trx
      .selectFrom("seizure_country_settings as c")
      .leftJoin("users as u", "u.id", "c.updated_by")
      .select(["c.country", "c.four_eyes", "c.version", "c.updated_at", "u.display_name as updated_by_name"])
      .orderBy("c.country")
      .execute();
  }

  async find(country: string, trx: Kysely<DB> = this.db) {
    return (await this.list(trx)).find((r) => r.country === country);
  }

  /** Countries where whoever entered a record may also validate it. */
  async fourEyesOff(): Promise<string[]> {
    const rows = await this.db
      .selectFrom("seizure_country_settings")
      .select("country")
      .where("four_eyes", "=", false)
      .execute();
    return rows.map((r) => r.country);
  }

  /**
   * First setting of a country, returned as `list` reads it (one statement: the insert feeds the join); nothing
   * when another writer stored one meanwhile.
   */
  insert(trx: Kysely<DB>, country: string, fourEyes: boolean, userId: string | null) {
    return trx
      .with("c", (db) =>
        db
          .insertInto("seizure_country_settings")
          .values({ country, four_eyes: fourEyes, updated_by: userId })
          .onConflict((oc) => oc.column("country").doNothing())
          .returningAll(),
      )
      .selectFrom("c")
      .leftJoin("users as u", "u.id", "c.updated_by")
      .select(["c.country", "c.four_eyes", "c.version", "c.updated_at", "u.display_name as updated_by_name"])
      .executeTakeFirst();
  }

  /** A change at the version the caller read, returned as `list` reads it; nothing when stale. */
  update(trx: Kysely<DB>, country: string, version: number, fourEyes: boolean, userId: string | null) {
    return trx
      .with("c", (db) =>
        db
          .updateTable("seizure_country_settings")
          .set((eb) => ({
            four_eyes: fourEyes,
            updated_by: userId,
            version: eb("version", "+", 1),
            updated_at: new Date(),
          }))
          .where("country", "=", country)
          .where("version", "=", version)
          .returningAll(),
      )
      .selectFrom("c")
      .leftJoin("users as u", "u.id", "c.updated_by")
      .select(["c.country", "c.four_eyes", "c.version", "c.updated_at", "u.display_name as updated_by_name"])
      .executeTakeFirst();
  }
}
