import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";

type Window = { since: Date; until: Date };

/** The consultative mechanism's records that changed in a digest window (not archived). */
export class MeetingsDigestRepository {
  constructor(private readonly db: Kysely<DB>) {}

  news({ since, until }: Window) {
    return this.db
      .selectFrom("news_items")
      .select(["id", "title", "summary", "pillars", "visibility", "published_at"])
      .where("archived_at", "is", null)
      .where("published_at", ">", since)
      .where("published_at", "<=", until)
      .orderBy("published_at", "desc")
      .execute();
  }

  meetings({ since, until }: Window) {
    return this.db
      .selectFrom("meetings")
      .select(["id", "title", "pillars", "visibility", "country", "start_date", "created_at", "updated_at"])
      .where("archived_at", "is", null)
      .where("updated_at", ">", since)
      .where("updated_at", "<=", until)
      .orderBy("updated_at", "desc")
      .execute();
  }

  recommendations({ since, until }: Window) {
    return this.db
      .selectFrom("recommendations as r")
      .innerJoin("meetings as m", "m.id", "r.meeting_id")
      .select([
        "r.id",
        "r.number",
        "r.text",
        "r.pillar",
        "r.status",
        "r.visibility",
        "r.created_at",
        "r.updated_at",
        "m.title as meeting_title",
        "m.visibility as meeting_visibility",
      ])
      .where("r.archived_at", "is", null)
      .where("r.updated_at", ">", since)
      .where("r.updated_at", "<=", until)
      .orderBy("r.updated_at", "desc")
      .execute();
  }
}
