import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";

/** Fact sheet editions published in a digest window. */
export class FactsheetsDigestRepository {
  constructor(private readonly db: Kysely<DB>) {}

  published({ since, until }: { since: Date; until: Date }) {
    return this.db
      .selectFrom("factsheets")
      .select(["id", "scope", "subject", "year", "edition", "archived_at", "published_at"])
      .where("published_at", ">", since)
      .where("published_at", "<=", until)
      .orderBy("published_at", "desc")
      .execute();
  }
}
