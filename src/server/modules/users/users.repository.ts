import { type Kysely, type Selectable, sql } from "kysely";
import type { Role } from "../../../common/platform.js";
import type { UserListQuery, UserStatus } from "../../../common/users.js";
import type { DB } from "../../db/schema.js";
import type { UsersTable } from "../accounts/accounts.tables.js";

export type ManagedUserRow = Omit<Selectable<UsersTable>, "password_hash">;

/** Everything but the password hash: this module never needs it. */
const USER_COLUMNS = [
  "id",
  "email",
  "display_name",
  "role",
  "partner_code",
  "language",
  "status",
  "must_change_password",
  "failed_sign_ins",
  "locked_until",
  "last_sign_in_at",
  "demo",
  "version",
  "created_at",
  "updated_at",
] as const;

/** `%text%` for LIKE, with the pattern characters of the text escaped. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  partnerCode?: string | null;
  status?: UserStatus;
}

/** SQL of user administration: listing users, optimistic updates, country scopes, ending sessions. */
export class UsersRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async listUsers(filter: UserListQuery) {
    let q = this.db.selectFrom("users");
    if (filter.role) q = q.where("role", "=", filter.role);
    if (filter.status) q = q.where("status", "=", filter.status);
    if (filter.partner) q = q.where((eb) => eb(eb.fn("upper", ["partner_code"]), "=", filter.partner?.toUpperCase()));
    if (filter.q) {
      const like = likePattern(filter.q);
      q = q.where((eb) => eb.or([eb(sql`lower(email)`, "like", like), eb(sql`lower(display_name)`, "like", like)]));
    }
    const direction = filter.order === "desc" ? sql`desc` : sql`asc`;
    const sortColumn =
      filter.sort === "created"
        ? sql`created_at ${direction}`
        : filter.sort === "lastSignIn"
          ? sql`last_sign_in_at ${direction} nulls last`
          : sql`lower(display_name) ${direction}`;
    const [items, count] = await Promise.all([
      q.select(USER_COLUMNS).orderBy(sortColumn).orderBy("id").limit(filter.limit).offset(filter.offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  }

  findUser(id: string, trx: Kysely<DB> = this.db): Promise<ManagedUserRow | undefined> {
    return trx.selectFrom("users").select(USER_COLUMNS).where("id", "=", id).executeTakeFirst();
  }

  /** Optimistic update: only when the stored version is the one the editor read. */
  updateUser(trx: Kysely<DB>, id: string, expectedVersion: number, changes: UserChanges) {
    return trx
      .updateTable("users")
      .set((eb) => ({
        ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
        ...(changes.role !== undefined ? { role: changes.role } : {}),
        ...(changes.partnerCode !== undefined ? { partner_code: changes.partnerCode } : {}),
        ...(changes.status !== undefined ? { status: changes.status } : {}),
        version: eb("version", "+", 1),
        updated_at: new Date(),
      }))
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .returning(USER_COLUMNS)
      .executeTakeFirst();
  }

  async scopesOf(userId: string, trx: Kysely<DB> = this.db): Promise<string[]> {
    const rows = await trx
      .selectFrom("user_country_scopes")
      .select("country_code")
      .where("user_id", "=", userId)
      .orderBy("country_code")
      .execute();
    return rows.map((r) => r.country_code);
  }

  async scopesOfMany(userIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (userIds.length === 0) return out;
    const rows = await this.db
      .selectFrom("user_country_scopes")
      .select(["user_id", "country_code"])
      .where("user_id", "in", [...userIds])
      .orderBy("country_code")
      .execute();
    for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.country_code]);
    return out;
  }

  async replaceScopes(trx: Kysely<DB>, userId: string, codes: readonly string[]) {
    await trx.deleteFrom("user_country_scopes").where("user_id", "=", userId).execute();
    if (codes.length === 0) return;
    await trx
      .insertInto("user_country_scopes")
      .values(codes.map((country_code) => ({ user_id: userId, country_code })))
      .execute();
  }

  /** Ends every session of a user (suspension, archiving): the next request of theirs is a visitor's. */
  async deleteSessionsOfUser(trx: Kysely<DB>, userId: string): Promise<number> {
    const result = await trx.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Audit entries about one user (object of the action), newest first. */
  recentAuditAbout(userId: string, limit: number) {
    // Views of the user page itself would soon crowd out the changes; the audit log keeps them.
    return this.db
      .selectFrom("audit_log")
      .leftJoin("users", "users.id", "audit_log.actor_id")
      .selectAll("audit_log")
      .select(["users.display_name as actor_name", "users.email as actor_email"])
      .where("audit_log.object_type", "=", "user")
      .where("audit_log.object_id", "=", userId)
      .where("audit_log.action", "<>", "user.read")
      .orderBy("audit_log.at", "desc")
      .orderBy("audit_log.id", "desc")
      .limit(limit)
      .execute();
  }
}
