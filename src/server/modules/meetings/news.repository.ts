import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import { insertRow, updateVersioned } from "../../db/versioned.js";

/** SQL of news items. */
export class NewsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async list(filter: { pillar?: number | undefined; limit: number; offset: number }, membersToo: boolean) {
    let q = this.db.selectFrom("news_items").where("archived_at", "is", null);
    if (!membersToo) q = q.where("visibility", "=", "public");
    if (filter.pillar) q = q.where(sql<boolean>`pillars @> ${JSON.stringify([filter.pillar])}::jsonb`);
    const [items, count] = await Promise.all([
      q.selectAll().orderBy("published_at", "desc").limit(filter.limit).offset(filter.offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  }

  find(id: string, trx: Kysely<DB> = this.db) {
    return trx
      .selectFrom("news_items")
      .selectAll()
      .where("id", "=", id)
      .where("archived_at", "is", null)
      .executeTakeFirst();
  }

  insert(trx: Kysely<DB>, values: Record<string, unknown>) {
    return insertRow(trx, "news_items", values);
  }

  update(trx: Kysely<DB>, id: string, expectedVersion: number, values: Record<string, unknown>) {
    return updateVersioned(trx, "news_items", { id, expectedVersion, live: true }, values);
  }

  /** Active users; the notification service applies each one's preference for the kind. */
  activeUserIds() {
    return this.db.selectFrom("users").select("id").where("status", "=", "active").execute();
  }

  removeDemo() {
    return this.db.deleteFrom("news_items").where("is_demo", "=", true).executeTakeFirst();
  }
}
