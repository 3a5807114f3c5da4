import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";

export type ThrottleScope = "pair" | "account" | "address";
/** A successful sign-in of an account from an address (the key of its pair). */
export const KNOWN_SCOPE = "known";

export interface ThrottleKey {
  scope: string;
  keyHash: string;
}

/** SQL of sign-in throttling and of the "already registered" notices (table `auth_attempts`). */
export class SignInThrottleRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The rows of these keys (missing ones are simply absent). */
  find(keys: ThrottleKey[]) {
    if (keys.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("auth_attempts")
      .select(["scope", "key_hash", "level", "updated_at", "blocked_until"])
      .where((eb) => eb.or(keys.map((k) => eb.and([eb("scope", "=", k.scope), eb("key_hash", "=", k.keyHash)]))))
      .execute();
  }

  /**
   * Adds one failure to a key whose level leaks one failure per `leakMs` since its last update, atomically
   * (parallel failures each count); returns the new level.
   */
  async bump(key: ThrottleKey, accountHash: string | null, now: Date, leakMs: number): Promise<number> {
    const row = await this.db
      .insertInto("auth_attempts")
      .values({ scope: key.scope, key_hash: key.keyHash, account_hash: accountHash, level: 1, updated_at: now })
      .onConflict((oc) =>
        oc.columns(["scope", "key_hash"]).doUpdateSet({
          level: sql<number>`greatest(0, auth_attempts.level - greatest(0, extract(epoch from (excluded.updated_at - auth_attempts.updated_at)) * 1000) / ${leakMs}) + 1`,
          updated_at: now,
        }),
      )
      .returning("level")
      .executeTakeFirstOrThrow();
    return Number(row.level);
  }

  /** Holds a key back until `until` (never shortening a hold a parallel failure set). */
  block(key: ThrottleKey, until: Date) {
    return this.db
      .updateTable("auth_attempts")
      .set({ blocked_until: sql<Date>`greatest(coalesce(blocked_until, ${until}), ${until})` })
      .where("scope", "=", key.scope)
      .where("key_hash", "=", key.keyHash)
      .execute();
  }

  /** Records a key as seen now (a known pair), creating it when needed. */
  touch(key: ThrottleKey, accountHash: string | null, now: Date) {
    return this.db
      .insertInto("auth_attempts")
      .values({ scope: key.scope, key_hash: key.keyHash, account_hash: accountHash, level: 0, updated_at: now })
      .onConflict((oc) => oc.columns(["scope", "key_hash"]).doUpdateSet({ updated_at: now }))
      .execute();
  }

  delete(key: ThrottleKey) {
    return this.db
      .deleteFrom("auth_attempts")
      .where("scope", "=", key.scope)
      .where("key_hash", "=", key.keyHash)
      .execute();
  }

  /** Forgets the failures of an account (its own level and all its pairs); its known pairs stay. */
  deleteFailuresOfAccount(accountHash: string, trx: Kysely<DB> = this.db) {
    return trx
      .deleteFrom("auth_attempts")
      .where("account_hash", "=", accountHash)
      .where("scope", "in", ["pair", "account"])
      .execute();
  }

  /**
   * Takes the right to send one notice for this key: true when none was taken within the last `everyMs`
   * (one statement, so two requests at once cannot both take it).
   */
  async takeNotice(key: ThrottleKey, now: Date, everyMs: number): Promise<boolean> {
    const taken = await this.db
      .insertInto("auth_attempts")
      .values({ scope: key.scope, key_hash: key.keyHash, account_hash: null, level: 1, updated_at: now })
      .onConflict((oc) =>
        oc
          .columns(["scope", "key_hash"])
          .doUpdateSet({ level: sql<number>`auth_attempts.level + 1`, updated_at: now })
          .where("auth_attempts.updated_at", "<=", new Date(now.getTime() - everyMs)),
      )
      .returning("key_hash")
      .executeTakeFirst();
    return taken !== undefined;
  }

  /** Housekeeping: failure rows quiet since `failuresBefore` and not holding anything back; old known pairs. */
  purge(now: Date, failuresBefore: Date, knownBefore: Date) {
    return this.db
      .deleteFrom("auth_attempts")
      .where((eb) =>
        eb.or([
          eb.and([
            eb("scope", "!=", KNOWN_SCOPE),
            eb("updated_at", "<", failuresBefore),
            eb.or([eb("blocked_until", "is", null), eb("blocked_until", "<", now)]),
          ]),
          eb.and([eb("scope", "=", KNOWN_SCOPE), eb("updated_at", "<", knownBefore)]),
        ]),
      )
      .execute();
  }
}
