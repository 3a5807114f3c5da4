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

/** SQL of the accounts domain: users and sessions. */
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

  recordFailedSignIn(id: string, lockedUntil: Date | null) {
    return this.db
      .updateTable("users")
      .set((eb) => ({ failed_sign_ins: eb("failed_sign_ins", "+", 1), locked_until: lockedUntil }))
      .where("id", "=", id)
      .returning(["failed_sign_ins"])
      .executeTakeFirstOrThrow();
  }

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

  findActiveSession(id: string) {
    return this.db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select([
        "sessions.id as session_id",
        "sessions.last_seen_at",
        "sessions.expires_at",
        "users.id",
        "users.email",
        "users.display_name",
        "users.role",
        "users.partner_code",
        "users.status",
      ])
      .where("sessions.id", "=", id)
      .where("sessions.expires_at", ">", new Date())
      .executeTakeFirst();
  }

  touchSession(id: string, expiresAt: Date) {
    return this.db
      .updateTable("sessions")
      .set({ last_seen_at: new Date(), expires_at: expiresAt })
      .where("id", "=", id)
      .execute();
  }

  deleteSession(id: string) {
    return this.db.deleteFrom("sessions").where("id", "=", id).execute();
  }

  deleteSessionsOfUser(userId: string, exceptId?: string, trx: Kysely<DB> = this.db) {
    let q = trx.deleteFrom("sessions").where("user_id", "=", userId);
    if (exceptId) q = q.where("id", "!=", exceptId);
    return q.execute();
  }

  deleteDemoUsers() {
    return this.db.deleteFrom("users").where("demo", "=", true).executeTakeFirst();
  }
}
