import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";

/** Trainings recorded in a digest window (not archived), with their course's pillar. */
export class TrainingsDigestRepository {
  constructor(private readonly db: Kysely<DB>) {}

  created({ since, until }: { since: Date; until: Date }) {
    return this.db
      .selectFrom("trainings as t")
      .innerJoin("training_courses as c", "c.id", "t.course_id")
      .select(["t.id", "t.title", "t.country", "t.starts_on", "t.ends_on", "t.created_at", "c.pillar"])
      .where("t.archived_at", "is", null)
      .where("t.country", "is not", null)
      .where("t.created_at", ">", since)
      .where("t.created_at", "<=", until)
      .orderBy("t.created_at", "desc")
      .execute();
  }
}
