import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";

type Window = { since: Date; until: Date };

/** ADAM records that changed in a digest window: projects, and duplication alerts over the threshold. */
export class ProjectsDigestRepository {
  constructor(private readonly db: Kysely<DB>) {}

  projects({ since, until }: Window) {
    return this.db
      .selectFrom("projects")
      .select(["id", "code", "title", "partner_code", "workflow", "countries", "created_at", "updated_at"])
      .where("updated_at", ">", since)
      .where("updated_at", "<=", until)
      .orderBy("updated_at", "desc")
      .execute();
  }

  alerts({ since, until }: Window, threshold: number) {
    return this.db
      .selectFrom("duplicate_alerts as a")
      .innerJoin("projects as pa", "pa.id", "a.project_a")
      .innerJoin("projects as pb", "pb.id", "a.project_b")
      .select([
        "a.id",
        "a.detected_at",
        "pa.code as a_code",
        "pa.title as a_title",
        "pa.partner_code as a_partner",
        "pa.workflow as a_workflow",
        "pb.code as b_code",
        "pb.title as b_title",
        "pb.partner_code as b_partner",
        "pb.workflow as b_workflow",
      ])
      .where("a.dismissed", "=", false)
      .where("a.score", ">=", String(threshold))
      .where("a.detected_at", ">", since)
      .where("a.detected_at", "<=", until)
      .orderBy("a.detected_at", "desc")
      .execute();
  }
}
