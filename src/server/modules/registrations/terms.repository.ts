import { type Kysely, sql } from "kysely";
import type { TermsKind } from "../../../common/registrations.js";
import type { DB } from "../../db/schema.js";

/** SQL of the versioned terms of use and access policy, and of who accepted which version. */
export class TermsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The newest version of each kind. */
  currentVersions(trx: Kysely<DB> = this.db) {
    return trx
      .selectFrom("terms_versions")
      .selectAll()
      .distinctOn("kind")
      .orderBy("kind")
      .orderBy("version", "desc")
      .execute();
  }

  /** Current versions the user has not accepted. */
  pendingFor(userId: string) {
    return this.db
      .with("current", (db) =>
        db.selectFrom("terms_versions").selectAll().distinctOn("kind").orderBy("kind").orderBy("version", "desc"),
      )
      .selectFrom("current")
      .selectAll()
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("terms_acceptances as a")
              .select("a.user_id")
              .whereRef("a.terms_version_id", "=", "current.id")
              .where("a.user_id", "=", userId),
          ),
        ),
      )
      .orderBy("kind")
      .execute();
  }

  /** Those of `userIds` who accepted every current version (one query for many users). */
  async acceptedAllAmong(userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.db
      .with("current", (db) =>
        db.selectFrom("terms_versions").select("id").distinctOn("kind").orderBy("kind").orderBy("version", "desc"),
      )
      .selectFrom("users as u")
      .select("u.id")
      .where("u.id", "in", [...userIds])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("current")
              .select("current.id")
              .where((inner) =>
                inner.not(
                  inner.exists(
                    inner
                      .selectFrom("terms_acceptances as a")
                      .select("a.user_id")
                      .whereRef("a.terms_version_id", "=", "current.id")
                      .whereRef("a.user_id", "=", "u.id"),
                  ),
                ),
              ),
          ),
        ),
      )
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /** Publishes the next version number of a kind in one statement; the unique key settles a race. */
  insertNextVersion(
    kind: TermsKind,
    values: { title: string; body: string; publishedBy: string | null },
    trx: Kysely<DB> = this.db,
  ) {
    return sql<{ id: string; version: number; published_at: Date }>`
      insert into terms_versions (kind, version, title, body, published_by)
      select ${kind}, coalesce(max(version), 0) + 1, ${values.title}::jsonb, ${values.body}::jsonb, ${values.publishedBy}
      from terms_versions where kind = ${kind}
      returning id, version, published_at`
      .execute(trx)
      .then((r) => r.rows[0]);
  }

  findVersion(id: string, trx: Kysely<DB> = this.db) {
    return trx.selectFrom("terms_versions").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Records acceptances; accepting a version twice keeps the first acceptance. */
  insertAcceptances(
    userId: string,
    versionIds: readonly string[],
    meta: { ip: string | null; acceptedAt?: Date },
    trx: Kysely<DB> = this.db,
  ) {
    if (versionIds.length === 0) return Promise.resolve();
    return trx
      .insertInto("terms_acceptances")
      .values(
        versionIds.map((id) => ({
          user_id: userId,
          terms_version_id: id,
          ip: meta.ip,
          ...(meta.acceptedAt ? { accepted_at: meta.acceptedAt } : {}),
        })),
      )
      .onConflict((oc) => oc.columns(["user_id", "terms_version_id"]).doNothing())
      .execute()
      .then(() => undefined);
  }
}
