import type { Kysely, Selectable } from "kysely";
import type { Role } from "../../../common/platform.js";
import type { DB } from "../../db/schema.js";
import type { UsersTable } from "./accounts.tables.js";

export type UserRow = Selectable<UsersTable>;

export interface NewUser {
  email: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  partnerCode: string | null;
  language: "en" | "ru";
  mustChangePassword: boolean;
  demo: boolean;
}

/** The columns a principal is built from, of `users` and `two_factor` joined on the user. */
const PRINCIPAL_COLUMNS = [
  "users.id",
  "users.email",
  "users.display_name",
  "users.role",
  "users.partner_code",
  "users.status",
  "two_factor.enabled_at as two_factor_enabled_at",
] as const;

/**
 * Users with their 2FA state and the columns a principal is built from: a session and an API token sign the caller in
 * from the same ones (each joins its own table to it).
 */
export function principalRows(db: Kysely<DB>) {
  return db.selectFrom("users").leftJoin("two_factor", "two_factor.user_id", "users.id").select(PRINCIPAL_COLUMNS);
}

/** SQL of the accounts domain: users, sessions and pending sign-ins (2FA, tokens and resets have their own). */
export class AccountsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  findUserByEmail(email: string, trx: Kysely<DB> = this.db) {
    return trx
      .selectFrom("users")
      .selectAll()
      .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
      .executeTakeFirst();
  }

  findUserById(id: string, trx: Kysely<DB> = this.db) {
    return trx.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  }

  countUsers(filter: { role?: Role } = {}) {
    let q = this.db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n"));
    if (filter.role) q = q.where("role", "=", filter.role);
    return q.executeTakeFirstOrThrow().then((r) => Number(r.n));
  }

  insertUser(user: NewUser, trx: Kysely<DB> = this.db) {
    return trx
      .insertInto("users")
      .values({
        email: user.email,
        display_name: user.displayName,
        password_hash: user.passwordHash,
        role: user.role,
        partner_code: user.partnerCode,
        language: user.language,
        must_change_password: user.mustChangePassword,
        demo: user.demo,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Also clears the lockout columns an earlier version wrote (throttling now lives in `auth_attempts`). */
  recordSuccessfulSignIn(id: string) {
    return this.db
      .updateTable("users")
      .set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: new Date() })
      .where("id", "=", id)
      .execute();
  }

  updatePassword(id: string, passwordHash: string, trx: Kysely<DB> = this.db) {
    return trx
      .updateTable("users")
      .set((eb) => ({
        password_hash: passwordHash,
        must_change_password: false,
        updated_at: new Date(),
        version: eb("version", "+", 1),
      }))
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  insertSession(session: { id: string; userId: string; ip: string | null; userAgent: string | null; expiresAt: Date }) {
    return this.db
      .insertInto("sessions")
      .values({
        id: session.id,
        user_id: session.userId,
        ip: session.ip,
        user_agent: session.userAgent,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  /** A live session (idle expiry not passed, created after `createdAfter`) with its user and 2FA state. */
  findActiveSession(id: string, createdAfter: Date) {
    return principalRows(this.db)
      .innerJoin("sessions", "sessions.user_id", "users.id")
      .select([
        "sessions.id as session_id",
        "sessions.created_at as session_created_at",
        "sessions.last_seen_at",
        "sessions.expires_at",
      ])
      .where("sessions.id", "=", id)
      .where("sessions.expires_at", ">", new Date())
      .where("sessions.created_at", ">", createdAfter)
      .executeTakeFirst();
  }

  touchSession(id: string, expiresAt: Date) {
    return this.db
      .updateTable("sessions")
      .set({ last_seen_at: new Date(), expires_at: expiresAt })
      .where("id", "=", id)
      .execute();
  }

  /** The session's sealed offline key, storing `fresh` first if it has none (one statement: two tabs get one key). */
  async ensureOfflineKey(sessionId: string, fresh: string): Promise<string | undefined> {
    const row = await this.db
      .updateTable("sessions")
      .set((eb) => ({ offline_key: eb.fn.coalesce("offline_key", eb.val(fresh)) }))
      .where("id", "=", sessionId)
      .returning("offline_key")
      .executeTakeFirst();
    return row?.offline_key ?? undefined;
  }

  listSessionsOfUser(userId: string, createdAfter: Date) {
    return this.db
      .selectFrom("sessions")
      .select(["id", "public_id", "created_at", "last_seen_at", "ip", "user_agent"])
      .where("user_id", "=", userId)
      .where("expires_at", ">", new Date())
      .where("created_at", ">", createdAfter)
      .orderBy("last_seen_at", "desc")
      .limit(200)
      .execute();
  }

  /** Deletes one of the user's sessions by its public id; returns the internal id, or undefined when none. */
  deleteSessionOfUser(userId: string, publicId: string, trx: Kysely<DB> = this.db) {
    return trx
      .deleteFrom("sessions")
      .where("user_id", "=", userId)
      .where("public_id", "=", publicId)
      .returning(["id"])
      .executeTakeFirst();
  }

  deleteSession(id: string) {
    return this.db.deleteFrom("sessions").where("id", "=", id).execute();
  }

  deleteSessionsOfUser(userId: string, exceptId?: string, trx: Kysely<DB> = this.db) {
    let q = trx.deleteFrom("sessions").where("user_id", "=", userId);
    if (exceptId) q = q.where("id", "!=", exceptId);
    return q.executeTakeFirst().then((r) => Number(r.numDeletedRows));
  }

  insertPendingSignIn(row: { id: string; userId: string; ip: string | null; expiresAt: Date }) {
    return this.db
      .insertInto("pending_sign_ins")
      .values({ id: row.id, user_id: row.userId, ip: row.ip, expires_at: row.expiresAt })
      .execute();
  }

  findPendingSignIn(id: string) {
    return this.db
      .selectFrom("pending_sign_ins")
      .selectAll()
      .where("id", "=", id)
      .where("expires_at", ">", new Date())
      .executeTakeFirst();
  }

  /** Counts one more wrong code; returns the new number of attempts. */
  countPendingAttempt(id: string) {
    return this.db
      .updateTable("pending_sign_ins")
      .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
      .where("id", "=", id)
      .returning(["attempts"])
      .executeTakeFirst()
      .then((r) => r?.attempts ?? Number.POSITIVE_INFINITY);
  }

  /** Deletes a pending sign-in; true when this call deleted it (so only one request can complete it). */
  deletePendingSignIn(id: string, trx: Kysely<DB> = this.db) {
    return trx
      .deleteFrom("pending_sign_ins")
      .where("id", "=", id)
      .executeTakeFirst()
      .then((r) => Number(r.numDeletedRows) > 0);
  }

  deletePendingSignInsOfUser(userId: string, trx: Kysely<DB> = this.db) {
    return trx.deleteFrom("pending_sign_ins").where("user_id", "=", userId).execute();
  }

  /** Housekeeping: expired sessions and pending sign-ins of a user go when they next sign in. */
  deleteExpiredOfUser(userId: string, createdBefore: Date) {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom("sessions")
        .where("user_id", "=", userId)
        .where((eb) => eb.or([eb("expires_at", "<=", new Date()), eb("created_at", "<=", createdBefore)]))
        .execute();
      await trx
        .deleteFrom("pending_sign_ins")
        .where("user_id", "=", userId)
        .where("expires_at", "<=", new Date())
        .execute();
    });
  }

  deleteDemoUsers() {
    return this.db.deleteFrom("users").where("demo", "=", true).executeTakeFirst();
  }

  /** Ids of active users with one of the roles; with `partnerCode`, only that partner's (for notifications). */
  listActiveUserIds(filter: { roles: Role[]; partnerCode?: string }) {
    if (filter.roles.length === 0) return Promise.resolve([]);
    let q = this.db.selectFrom("users").select("id").where("status", "=", "active").where("role", "in", filter.roles);
    if (filter.partnerCode) q = q.where("partner_code", "=", filter.partnerCode);
    return q.execute().then((rows) => rows.map((r) => r.id));
  }

  /** Those of `userIds` who completed two-factor enrolment. */
  async twoFactorEnabledAmong(userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom("two_factor")
      .select("user_id")
      .where("user_id", "in", [...userIds])
      .where("enabled_at", "is not", null)
      .execute();
    return new Set(rows.map((r) => r.user_id));
  }
}
