import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";

/** SQL of TOTP two-factor authentication: the per-user secret and the recovery codes. */
export class TwoFactorRepository {
  constructor(private readonly db: Kysely<DB>) {}

  find(userId: string, trx: Kysely<DB> = this.db) {
    return trx.selectFrom("two_factor").selectAll().where("user_id", "=", userId).executeTakeFirst();
  }

  /** Stores a secret waiting for its first code (replacing an earlier pending one). */
  savePendingSecret(userId: string, secret: string) {
    return this.db
      .insertInto("two_factor")
      .values({ user_id: userId, pending_secret: secret })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ pending_secret: secret, updated_at: new Date() }))
      .execute();
  }

  /** Turns 2FA on with `secret`, remembering the step of the code that proved it. */
  enable(userId: string, secret: string, step: number | null, trx: Kysely<DB> = this.db) {
    const values = { secret, pending_secret: null, enabled_at: new Date(), last_step: step, updated_at: new Date() };
    return trx
      .insertInto("two_factor")
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
      .execute();
  }

  /** Every stored secret (the start-up check of the secret key). */
  listSecrets() {
    return this.db
      .selectFrom("two_factor")
      .select(["user_id", "secret", "pending_secret"])
      .where((eb) => eb.or([eb("secret", "is not", null), eb("pending_secret", "is not", null)]))
      .execute();
  }

  /** Replaces a stored secret only if it is still `current` (a concurrent change wins); true when replaced. */
  replaceSecret(userId: string, current: string, next: string, column: "secret" | "pending_secret" = "secret") {
    return this.db
      .updateTable("two_factor")
      .set({ [column]: next })
      .where("user_id", "=", userId)
      .where(column, "=", current)
      .executeTakeFirst()
      .then((r) => Number(r.numUpdatedRows) === 1);
  }

  disable(userId: string, trx: Kysely<DB> = this.db) {
    return trx.deleteFrom("two_factor").where("user_id", "=", userId).execute();
  }

  /**
   * Records `step` as the last one used, only if it is later than the stored one: two requests with the
   * same code cannot both succeed. True when this call claimed the step.
   */
  claimStep(userId: string, step: number) {
    return this.db
      .updateTable("two_factor")
      .set({ last_step: step })
      .where("user_id", "=", userId)
      .where((eb) => eb.or([eb("last_step", "is", null), eb("last_step", "<", step)]))
      .executeTakeFirst()
      .then((r) => Number(r.numUpdatedRows) === 1);
  }

  replaceRecoveryCodes(userId: string, hashes: string[], trx: Kysely<DB> = this.db) {
    return trx
      .deleteFrom("recovery_codes")
      .where("user_id", "=", userId)
      .execute()
      .then(() =>
        hashes.length === 0
          ? undefined
          : trx
              .insertInto("recovery_codes")
              .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
              .execute(),
      );
  }

  /** Marks an unused recovery code as used; true when this call used it (single use, also under races). */
  redeemRecoveryCode(userId: string, hash: string) {
    return this.db
      .updateTable("recovery_codes")
      .set({ used_at: new Date() })
      .where("user_id", "=", userId)
      .where("code_hash", "=", hash)
      .where("used_at", "is", null)
      .executeTakeFirst()
      .then((r) => Number(r.numUpdatedRows) === 1);
  }

  countUnusedRecoveryCodes(userId: string) {
    return this.db
      .selectFrom("recovery_codes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }
}
