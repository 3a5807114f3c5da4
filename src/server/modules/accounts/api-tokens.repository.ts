import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { principalRows } from "./accounts.repository.js";

/** SQL of personal API tokens. */
export class ApiTokensRepository {
  constructor(private readonly db: Kysely<DB>) {}

  insert(
    token: { userId: string; name: string; prefix: string; tokenHash: string; permissions: string[]; expiresAt: Date },
    trx: Kysely<DB> = this.db,
  ) {
    return trx
      .insertInto("api_tokens")
      .values({
        user_id: token.userId,
        name: token.name,
        prefix: token.prefix,
        token_hash: token.tokenHash,
        permissions: token.permissions,
        expires_at: token.expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  listOfUser(userId: string) {
    return this.db
      .selectFrom("api_tokens")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .limit(200)
      .execute();
  }

  countActiveOfUser(userId: string) {
    return this.db
      .selectFrom("api_tokens")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", new Date())
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }

  /** Revokes one of the user's tokens; returns it, or undefined when it is not theirs. */
  revoke(userId: string, id: string, trx: Kysely<DB> = this.db) {
    return trx
      .updateTable("api_tokens")
      .set((eb) => ({ revoked_at: eb.fn.coalesce("revoked_at", eb.val(new Date())) }))
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
  }

  /** A token by its hash with its owner; validity (revoked, expired, owner status) is for the caller to judge. */
  findByHash(tokenHash: string) {
    return principalRows(this.db)
      .innerJoin("api_tokens", "api_tokens.user_id", "users.id")
      .select([
        "api_tokens.id as token_id",
        "api_tokens.permissions",
        "api_tokens.expires_at",
        "api_tokens.revoked_at",
        "api_tokens.last_used_at",
      ])
      .where("api_tokens.token_hash", "=", tokenHash)
      .executeTakeFirst();
  }

  touch(id: string) {
    return this.db.updateTable("api_tokens").set({ last_used_at: new Date() }).where("id", "=", id).execute();
  }
}
