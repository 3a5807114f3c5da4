import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";

/** SQL of password-reset tokens (SHA-256 of the token, single use, short-lived). */
export class PasswordResetRepository {
  constructor(private readonly db: Kysely<DB>) {}

  insert(row: { userId: string; tokenHash: string; ip: string | null; expiresAt: Date }, trx: Kysely<DB> = this.db) {
    return trx
      .insertInto("password_reset_tokens")
      .values({ user_id: row.userId, token_hash: row.tokenHash, ip: row.ip, expires_at: row.expiresAt })
      .execute();
  }

  /** Ends every unused token of the user: only the newest link works. */
  invalidateOfUser(userId: string, trx: Kysely<DB> = this.db) {
    return trx
      .updateTable("password_reset_tokens")
      .set({ used_at: new Date() })
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .execute();
  }

  countRecent(userId: string, since: Date) {
    return this.db
      .selectFrom("password_reset_tokens")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", userId)
      .where("created_at", ">", since)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }

  findUsable(tokenHash: string) {
    return this.db
      .selectFrom("password_reset_tokens")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .where("used_at", "is", null)
      .where("expires_at", ">", new Date())
      .executeTakeFirst();
  }

  /** Marks a token used; true when this call did (two requests with one link cannot both succeed). */
  consume(id: string, trx: Kysely<DB>) {
    return trx
      .updateTable("password_reset_tokens")
      .set({ used_at: new Date() })
      .where("id", "=", id)
      .where("used_at", "is", null)
      .where("expires_at", ">", new Date())
      .executeTakeFirst()
      .then((r) => Number(r.numUpdatedRows) === 1);
  }
}
