import { type Kysely, sql } from "kysely";
import type { DirectoryQuery } from "../../../common/users.js";
import type { DB } from "../../db/schema.js";

const DIRECTORY_ROLES = ["focal_point", "liaison_officer"] as const;

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * SQL of the members' directory: active focal points and liaison officers with their partner's name.
 * A partner filter matches the person's own partner, or a liaison officer's country scope.
 */
export class DirectoryRepository {
  constructor(private readonly db: Kysely<DB>) {}

  listPeople(filter: DirectoryQuery, limit?: number) {
    let q = this.db
      .selectFrom("users")
      .leftJoin("partners", "partners.code", "users.partner_code")
      .where("users.status", "=", "active")
      .where("users.role", "in", filter.role ? [filter.role] : [...DIRECTORY_ROLES]);
    if (filter.partner) {
      const code = filter.partner.toUpperCase();
      q = q.where((eb) =>
        eb.or([
          eb(eb.fn("upper", ["users.partner_code"]), "=", code),
          eb.and([
            eb("users.role", "=", "liaison_officer"),
            eb.exists(
              eb
                .selectFrom("user_country_scopes")
                .select(sql`1`.as("one"))
                .whereRef("user_country_scopes.user_id", "=", "users.id")
                .where("user_country_scopes.country_code", "=", code),
            ),
          ]),
        ]),
      );
    }
    if (filter.q) {
      const like = likePattern(filter.q);
      q = q.where((eb) =>
        eb.or([eb(sql`lower(users.display_name)`, "like", like), eb(sql`lower(users.email)`, "like", like)]),
      );
    }
    const rows = q
      .select([
        "users.id",
        "users.display_name",
        "users.role",
        "users.partner_code",
        "users.email",
        "users.language",
        "partners.name as partner_name",
      ])
      .orderBy(sql`coalesce(partners.name->>'en', users.partner_code, '')`)
      .orderBy("users.role")
      .orderBy(sql`lower(users.display_name)`)
      .orderBy("users.id");
    const count = q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return Promise.all([(limit ? rows.limit(limit) : rows).execute(), count]).then(([items, n]) => ({
      items,
      total: Number(n.n),
    }));
  }
}
