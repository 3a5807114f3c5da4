import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import { updateVersioned } from "../../db/versioned.js";

/** SQL of the partnership domain: partners, pillars, commitments, routes, donors, liaison posts. */
export class PartnersRepository {
  constructor(private readonly db: Kysely<DB>) {}

  listPartners(filter: { kind?: "country" | "organization"; q?: string }) {
    let q = this.db.selectFrom("partners").selectAll().where("archived_at", "is", null);
    if (filter.kind) q = q.where("kind", "=", filter.kind);
    if (filter.q) {
      const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) =>
        eb.or([
          eb(sql`lower(code)`, "like", like),
          eb(sql`lower(listed_as)`, "like", like),
          eb(sql`lower(name->>'en')`, "like", like),
          eb(sql`lower(name->>'ru')`, "like", like),
        ]),
      );
    }
    return q.orderBy(sql`name->>'en'`).execute();
  }

  countPartnersByKind() {
    return this.db
      .selectFrom("partners")
      .select(["kind", (eb) => eb.fn.countAll<number>().as("n")])
      .where("archived_at", "is", null)
      .groupBy("kind")
      .execute();
  }

  findPartner(code: string, trx: Kysely<DB> = this.db) {
    return trx
      .selectFrom("partners")
      .selectAll()
      .where((eb) => eb(eb.fn("upper", ["code"]), "=", code.toUpperCase()))
      .executeTakeFirst();
  }

  /** Optimistic update: only when the stored version is the one the editor read. */
  updatePartner(
    trx: Kysely<DB>,
    code: string,
    expectedVersion: number,
    values: { name?: { en: string; ru: string }; region?: string | null },
  ) {
    return updateVersioned(
      trx,
      "partners",
      { code, expectedVersion, live: true },
      {
        ...(values.name ? { name: JSON.stringify(values.name) } : {}),
        ...(values.region !== undefined ? { region: values.region } : {}),
      },
    );
  }

  listPillars() {
    return this.db
      .selectFrom("pillars")
      .selectAll("pillars")
      .select((eb) =>
        eb
          .selectFrom("commitments")
          .whereRef("commitments.pillar", "=", "pillars.number")
          .select((e) => e.fn.countAll<number>().as("n"))
          .as("commitment_count"),
      )
      .orderBy("number")
      .execute();
  }

  findPillar(number: number) {
    return this.db.selectFrom("pillars").selectAll().where("number", "=", number).executeTakeFirst();
  }

  listCommitments(pillar?: number) {
    let q = this.db.selectFrom("commitments").selectAll();
    if (pillar !== undefined) q = q.where("pillar", "=", pillar);
    return q.orderBy("pillar").orderBy("number").execute();
  }

  listRoutes() {
    return this.db.selectFrom("routes").selectAll().orderBy("code").execute();
  }

  listRouteCountries() {
    return this.db.selectFrom("route_countries").selectAll().orderBy("route_code").orderBy("position").execute();
  }

  listDonors() {
    return this.db.selectFrom("donors").selectAll().orderBy("year", "desc").orderBy(sql`name->>'en'`).execute();
  }

  listLiaisonPosts() {
    return this.db.selectFrom("liaison_posts").selectAll().orderBy("code").execute();
  }

  listProgrammeComponents() {
    return this.db.selectFrom("programme_components").selectAll().execute();
  }
}

type Tables = keyof DB;

/** Writes of reference data: insert or update one row by its key column. */
export class ReferenceRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async existing<T extends Tables>(table: T, trx: Kysely<DB> = this.db): Promise<Record<string, unknown>[]> {
    return (await trx.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
  }

  async insert(table: Tables, values: Record<string, unknown>, trx: Kysely<DB> = this.db) {
    await trx
      .insertInto(table)
      .values(values as never)
      .execute();
  }

  async update(
    table: Tables,
    keys: Record<string, unknown>,
    values: Record<string, unknown>,
    trx: Kysely<DB> = this.db,
  ) {
    let q = trx.updateTable(table).set(values as never);
    for (const [k, v] of Object.entries(keys)) q = q.where(k as never, "=", v as never);
    await q.execute();
  }

  async deleteWhere(table: Tables, keys: Record<string, unknown>, trx: Kysely<DB> = this.db) {
    let q = trx.deleteFrom(table);
    for (const [k, v] of Object.entries(keys)) q = q.where(k as never, "=", v as never);
    await q.execute();
  }
}
