import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import { updateVersioned } from "../../db/versioned.js";

/** Who reads: the rows they may open are their own, those shared with all members, and their partner's. */
export interface Reader {
  userId: string;
  partnerCode: string | null;
  /** Coordinators and administrators see every analysis and dashboard. */
  all: boolean;
}

export type Scope = "mine" | "shared" | "all";

export interface AnalysisValues {
  name: string;
  kind: string;
  view: string;
  config: Record<string, string>;
  visibility: "private" | "partner" | "members";
  partner_code: string | null;
}

export interface DashboardValues {
  name: string;
  visibility: "private" | "partner" | "members";
  partner_code: string | null;
}

export interface TileValues {
  id?: string | undefined;
  analysis_id: string;
  width: number;
  height: number;
}

// biome-ignore lint/suspicious/noExplicitAny: shared visibility filter of two tables with the same columns
function visibleTo<Q extends SelectQueryBuilder<DB, any, any>>(q: Q, table: string, reader: Reader, scope: Scope): Q {
  const col = (c: string) => sql.ref(`${table}.${c}`);
  let out = q.where(sql<boolean>`${col("archived_at")} is null`) as Q;
  if (scope === "mine") return out.where(sql<boolean>`${col("owner_id")} = ${reader.userId}`) as Q;
  if (scope === "shared") out = out.where(sql<boolean>`${col("owner_id")} <> ${reader.userId}`) as Q;
  if (reader.all) return out;
  return out.where(
    sql<boolean>`(${col("owner_id")} = ${reader.userId} or ${col("visibility")} = 'members' or (${col("visibility")} = 'partner' and ${col("partner_code")} = ${reader.partnerCode}))`,
  ) as Q;
}

/** All SQL of saved analyses and dashboards. */
export class AnalysesRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private analyses(db: Kysely<DB> = this.db) {
    return db
      .selectFrom("saved_analyses as a")
      .innerJoin("users as u", "u.id", "a.owner_id")
      .selectAll("a")
      .select("u.display_name as owner_name");
  }

  findAnalysis(id: string, db: Kysely<DB> = this.db) {
    return this.analyses(db).where("a.id", "=", id).where("a.archived_at", "is", null).executeTakeFirst();
  }

  /** The analyses among `ids` that the reader may open (dashboard tiles). */
  visibleAnalyses(ids: readonly string[], reader: Reader) {
    if (!ids.length) return Promise.resolve([]);
    return visibleTo(this.analyses().where("a.id", "in", ids), "a", reader, "all").execute();
  }

  async listAnalyses(reader: Reader, q: { scope: Scope; kind?: string | undefined; limit: number; offset: number }) {
    let base = visibleTo(this.analyses(), "a", reader, q.scope);
    if (q.kind) base = base.where("a.kind", "=", q.kind);
    const [items, total] = await Promise.all([
      base.orderBy("a.updated_at", "desc").orderBy("a.id").limit(q.limit).offset(q.offset).execute(),
      base
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.n) };
  }

  insertAnalysis(trx: Kysely<DB>, v: AnalysisValues, ownerId: string) {
    return trx
      .insertInto("saved_analyses")
      .values({ ...v, config: JSON.stringify(v.config), owner_id: ownerId })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  updateAnalysis(trx: Kysely<DB>, id: string, version: number, v: Partial<AnalysisValues>) {
    const { config, ...rest } = v;
    return updateVersioned(
      trx,
      "saved_analyses",
      { id, expectedVersion: version, live: true },
      { ...rest, ...(config ? { config: JSON.stringify(config) } : {}) },
    );
  }

  archiveAnalysis(trx: Kysely<DB>, id: string, version: number) {
    return updateVersioned(
      trx,
      "saved_analyses",
      { id, expectedVersion: version, live: true },
      { archived_at: new Date() },
    );
  }

  private dashboards(db: Kysely<DB> = this.db) {
    return db
      .selectFrom("dashboards as d")
      .innerJoin("users as u", "u.id", "d.owner_id")
      .selectAll("d")
      .select([
        "u.display_name as owner_name",
        sql<number>`(select count(*) from dashboard_tiles t where t.dashboard_id = d.id)::int`.as("tile_count"),
        sql<
          string[]
        >`coalesce((select array_agg(r.role order by r.role) from dashboard_role_defaults r where r.dashboard_id = d.id), '{}')`.as(
          "default_for",
        ),
      ]);
  }

  findDashboard(id: string, db: Kysely<DB> = this.db) {
    return this.dashboards(db).where("d.id", "=", id).where("d.archived_at", "is", null).executeTakeFirst();
  }

  async listDashboards(reader: Reader, q: { scope: Scope; limit: number; offset: number }) {
    const base = visibleTo(this.dashboards(), "d", reader, q.scope);
    const [items, total] = await Promise.all([
      base.orderBy("d.updated_at", "desc").orderBy("d.id").limit(q.limit).offset(q.offset).execute(),
      base
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.n) };
  }

  tiles(dashboardId: string, db: Kysely<DB> = this.db) {
    return db
      .selectFrom("dashboard_tiles")
      .selectAll()
      .where("dashboard_id", "=", dashboardId)
      .orderBy("position")
      .execute();
  }

  insertDashboard(trx: Kysely<DB>, v: DashboardValues, ownerId: string) {
    return trx
      .insertInto("dashboards")
      .values({ ...v, owner_id: ownerId })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  updateDashboard(trx: Kysely<DB>, id: string, version: number, v: Partial<DashboardValues>) {
    return updateVersioned(trx, "dashboards", { id, expectedVersion: version, live: true }, v);
  }

  archiveDashboard(trx: Kysely<DB>, id: string, version: number) {
    return updateVersioned(
      trx,
      "dashboards",
      { id, expectedVersion: version, live: true },
      { archived_at: new Date() },
    );
  }

  /** Replaces a dashboard's tiles by `tiles`, in that order (existing tiles keep their ids). */
  async replaceTiles(trx: Kysely<DB>, dashboardId: string, tiles: readonly TileValues[]) {
    await trx.deleteFrom("dashboard_tiles").where("dashboard_id", "=", dashboardId).execute();
    if (!tiles.length) return;
    await trx
      .insertInto("dashboard_tiles")
      .values(
        tiles.map((t, position) => ({
          ...(t.id ? { id: t.id } : {}),
          dashboard_id: dashboardId,
          analysis_id: t.analysis_id,
          position,
          width: t.width,
          height: t.height,
        })),
      )
      .execute();
  }

  roleDefaults() {
    return this.db
      .selectFrom("dashboard_role_defaults as r")
      .innerJoin("dashboards as d", "d.id", "r.dashboard_id")
      .select(["r.role", "r.dashboard_id", "d.name"])
      .where("d.archived_at", "is", null)
      .orderBy("r.role")
      .execute();
  }

  setRoleDefault(trx: Kysely<DB>, role: string, dashboardId: string | null, setBy: string | null) {
    if (!dashboardId) return trx.deleteFrom("dashboard_role_defaults").where("role", "=", role).execute();
    return trx
      .insertInto("dashboard_role_defaults")
      .values({ role, dashboard_id: dashboardId, set_by: setBy })
      .onConflict((oc) =>
        oc.column("role").doUpdateSet({ dashboard_id: dashboardId, set_by: setBy, set_at: sql`now()` }),
      )
      .execute();
  }

  /** A dashboard no longer shared with every member (or archived) stops being any role's default. */
  dropRoleDefaults(trx: Kysely<DB>, dashboardId: string) {
    return trx
      .deleteFrom("dashboard_role_defaults")
      .where("dashboard_id", "=", dashboardId)
      .returning("role")
      .execute();
  }
}
