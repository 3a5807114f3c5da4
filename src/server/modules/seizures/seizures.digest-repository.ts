import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";

/** DMP alerts (unusual changes in a country's seizures) raised in a digest window. */
export class SeizuresDigestRepository {
  constructor(private readonly db: Kysely<DB>) {}

  alerts({ since, until }: { since: Date; until: Date }) {
    return this.db
      .selectFrom("seizure_alerts")
      .select(["id", "country", "drug", "year", "month", "mass_kg", "median", "direction", "created_at"])
      .where("created_at", ">", since)
      .where("created_at", "<=", until)
      .orderBy("created_at", "desc")
      .execute();
  }
}
