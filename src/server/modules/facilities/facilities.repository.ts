import { type ExpressionBuilder, type Kysely, type Selectable, sql } from "kysely";
import type { FacilityFilter } from "../../../common/facilities.js";
import type { DB } from "../../db/schema.js";
import { escapeLike } from "../../platform/search.js";
import type { FacilitiesTable } from "./facilities.tables.js";

/** A facility row with its `date` column as `YYYY-MM-DD` text (drivers disagree on time zones for `date`). */
export type FacilityRow = Omit<Selectable<FacilitiesTable>, "last_verified"> & { last_verified: string | null };

export type FacilityValues = Omit<FacilityRow, "id" | "demo" | "archived_at" | "version" | "created_at" | "updated_at">;

type Eb = ExpressionBuilder<DB, "facilities">;

/** Who sees what: visitors public facilities only; signed-in users also restricted ones. */
export interface Visibility {
  includeRestricted: boolean;
}

function columns(eb: Eb) {
  return [
    "facilities.id",
    "facilities.name",
    "facilities.name_original",
    "facilities.org_type",
    "facilities.country",
    "facilities.region",
    "facilities.city",
    "facilities.address",
    "facilities.postcode",
    "facilities.latitude",
    "facilities.longitude",
    "facilities.phone",
    "facilities.email",
    "facilities.website",
    "facilities.contact_person",
    "facilities.modalities",
    "facilities.services",
    "facilities.populations",
    "facilities.languages",
    "facilities.capacity",
    "facilities.patients_per_year",
    "facilities.accreditation",
    sql<string | null>`${eb.ref("facilities.last_verified")}::text`.as("last_verified"),
    "facilities.sharing",
    "facilities.source",
    "facilities.demo",
    "facilities.created_by",
    "facilities.archived_at",
    "facilities.version",
    "facilities.created_at",
    "facilities.updated_at",
  ] as const;
}

function jsonArray(values: string[]): string {
  return JSON.stringify(values);
}

/** SQL of the facilities domain. */
export class FacilitiesRepository {
  /** `readDb`: the read replica when DATABASE_READ_URL is set, else the primary (statistics pages only). */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly readDb: Kysely<DB> = db,
  ) {}

  private filtered(filter: FacilityFilter, visibility: Visibility, trx: Kysely<DB> = this.db) {
    let q = trx.selectFrom("facilities").where("facilities.archived_at", "is", null);
    if (!visibility.includeRestricted) q = q.where("facilities.sharing", "=", "public");
    if (filter.country) q = q.where("facilities.country", "=", filter.country);
    if (filter.orgType) q = q.where("facilities.org_type", "=", filter.orgType);
    if (filter.modality) q = q.where(sql<boolean>`facilities.modalities @> ${jsonArray([filter.modality])}::jsonb`);
    if (filter.service) q = q.where(sql<boolean>`facilities.services @> ${jsonArray([filter.service])}::jsonb`);
    if (filter.population)
      q = q.where(sql<boolean>`facilities.populations @> ${jsonArray([filter.population])}::jsonb`);
    if (filter.q) {
      const like = `%${escapeLike(filter.q.toLowerCase())}%`;
      q = q.where((eb) =>
        eb.or([
          eb(sql`lower(facilities.name->>'en')`, "like", like),
          eb(sql`lower(facilities.name->>'ru')`, "like", like),
          eb(sql`lower(coalesce(facilities.name_original, ''))`, "like", like),
          eb(sql`lower(coalesce(facilities.city, ''))`, "like", like),
          eb(sql`lower(coalesce(facilities.region, ''))`, "like", like),
        ]),
      );
    }
    return q;
  }

  async list(filter: FacilityFilter, visibility: Visibility, page: { limit: number; offset: number }) {
    const base = this.filtered(filter, visibility);
    const [items, count] = await Promise.all([
      base
        .select((eb) => columns(eb))
        .orderBy("facilities.country")
        .orderBy(sql`coalesce(facilities.name->>'en', facilities.name->>'ru')`)
        .orderBy("facilities.id")
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items: items as FacilityRow[], total: Number(count.n) };
  }

  async exportRows(filter: FacilityFilter, visibility: Visibility): Promise<FacilityRow[]> {
    return (await this.filtered(filter, visibility)
      .select((eb) => columns(eb))
      .orderBy("facilities.country")
      .orderBy(sql`coalesce(facilities.name->>'en', facilities.name->>'ru')`)
      .execute()) as FacilityRow[];
  }

  async points(filter: FacilityFilter, visibility: Visibility) {
    const rows = await this.filtered(filter, visibility)
      .select(["id", "name", "country", "latitude", "longitude", "modalities"])
      .orderBy("id")
      .execute();
    return rows;
  }

  async find(id: string, trx: Kysely<DB> = this.db): Promise<FacilityRow | undefined> {
    return (await trx
      .selectFrom("facilities")
      .select((eb) => columns(eb))
      .where("id", "=", id)
      .executeTakeFirst()) as FacilityRow | undefined;
  }

  async findMany(ids: string[]): Promise<FacilityRow[]> {
    if (ids.length === 0) return [];
    return (await this.db
      .selectFrom("facilities")
      .select((eb) => columns(eb))
      .where("id", "in", ids)
      .execute()) as FacilityRow[];
  }

  /** Existing facilities of the given countries, for matching an import's rows to records. */
  async listForMatching(countries: string[], trx: Kysely<DB> = this.db): Promise<FacilityRow[]> {
    if (countries.length === 0) return [];
    return (await trx
      .selectFrom("facilities")
      .select((eb) => columns(eb))
      .where("country", "in", countries)
      .where("archived_at", "is", null)
      .execute()) as FacilityRow[];
  }

  async insert(trx: Kysely<DB>, values: FacilityValues & { demo?: boolean }): Promise<FacilityRow> {
    return (await trx
      .insertInto("facilities")
      .values(serialise(values))
      .returning((eb) => columns(eb as never))
      .executeTakeFirstOrThrow()) as FacilityRow;
  }

  /** Inserts many records in a few statements (an import); returns them in the order given. */
  async insertMany(trx: Kysely<DB>, values: FacilityValues[], chunk = 250): Promise<FacilityRow[]> {
    const out: FacilityRow[] = [];
    for (let i = 0; i < values.length; i += chunk) {
      const rows = await trx
        .insertInto("facilities")
        .values(values.slice(i, i + chunk).map((v) => serialise(v)))
        .returning((eb) => columns(eb as never))
        .execute();
      out.push(...(rows as FacilityRow[]));
    }
    return out;
  }

  /** Optimistic update: only when the stored version is the one the editor read. */
  async update(
    trx: Kysely<DB>,
    id: string,
    expectedVersion: number,
    values: Partial<FacilityValues>,
  ): Promise<FacilityRow | undefined> {
    const set = serialise(values) as Record<string, unknown>;
    return (await trx
      .updateTable("facilities")
      .set((eb) => ({ ...set, version: eb("version", "+", 1), updated_at: new Date() }))
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .where("archived_at", "is", null)
      .returning((eb) => columns(eb as never))
      .executeTakeFirst()) as FacilityRow | undefined;
  }

  async archive(trx: Kysely<DB>, id: string, expectedVersion: number): Promise<FacilityRow | undefined> {
    return (await trx
      .updateTable("facilities")
      .set((eb) => ({ archived_at: new Date(), version: eb("version", "+", 1), updated_at: new Date() }))
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .where("archived_at", "is", null)
      .returning((eb) => columns(eb as never))
      .executeTakeFirst()) as FacilityRow | undefined;
  }

  /** Per-country aggregates; the modality and service counts come from the jsonb arrays. */
  async statsRows(visibility: Visibility, country?: string, source: "primary" | "replica" = "primary") {
    const db = source === "replica" ? this.readDb : this.db;
    const visible = visibility.includeRestricted ? sql`true` : sql`f.sharing = 'public'`;
    const only = country ? sql`and f.country = ${country}` : sql``;
    const totals = await sql<{
      country: string;
      facilities: number | string;
      capacity: number | string | null;
      patients: number | string | null;
      last_verified: string | null;
    }>`
      select f.country, count(*) as facilities, sum(f.capacity) as capacity, sum(f.patients_per_year) as patients,
             max(f.last_verified)::text as last_verified
      from facilities f
      where f.archived_at is null and ${visible} ${only}
      group by f.country order by f.country`.execute(db);
    const codes = await sql<{ country: string; kind: string; code: string; n: number | string }>`
      select f.country, 'modality' as kind, m.code, count(*) as n
      from facilities f, jsonb_array_elements_text(f.modalities) as m(code)
      where f.archived_at is null and ${visible} ${only}
      group by f.country, m.code
      union all
      select f.country, 'service' as kind, s.code, count(*) as n
      from facilities f, jsonb_array_elements_text(f.services) as s(code)
      where f.archived_at is null and ${visible} ${only}
      group by f.country, s.code`.execute(db);
    return { totals: totals.rows, codes: codes.rows };
  }

  insertAssessment(
    trx: Kysely<DB>,
    values: {
      facility_id: string;
      modality: string;
      assessed_on: string;
      answers: Record<string, "met" | "not_met" | "not_applicable">;
      met: number;
      applicable: number;
      score: number | null;
      notes: string | null;
      created_by: string | null;
    },
  ) {
    return trx
      .insertInto("facility_assessments")
      .values({ ...values, answers: JSON.stringify(values.answers) })
      .returning("id")
      .executeTakeFirstOrThrow();
  }

  listAssessments(facilityId: string) {
    return this.db
      .selectFrom("facility_assessments as a")
      .leftJoin("users", "users.id", "a.created_by")
      .select([
        "a.id",
        "a.facility_id",
        "a.modality",
        sql<string>`a.assessed_on::text`.as("assessed_on"),
        "a.answers",
        "a.met",
        "a.applicable",
        "a.score",
        "a.notes",
        "users.display_name as assessed_by",
        "a.created_at",
      ])
      .where("a.facility_id", "=", facilityId)
      .orderBy("a.assessed_on", "desc")
      .orderBy("a.created_at", "desc")
      .execute();
  }

  /** The latest score per modality of each facility. */
  async latestScores(facilityIds: string[]): Promise<Map<string, Record<string, number>>> {
    const out = new Map<string, Record<string, number>>();
    if (facilityIds.length === 0) return out;
    const rows = await this.db
      .selectFrom("facility_assessments")
      .select(["facility_id", "modality", "score"])
      .distinctOn(["facility_id", "modality"])
      .where("facility_id", "in", facilityIds)
      .orderBy("facility_id")
      .orderBy("modality")
      .orderBy("assessed_on", "desc")
      .orderBy("created_at", "desc")
      .execute();
    for (const r of rows) {
      if (r.score === null) continue;
      const scores = out.get(r.facility_id) ?? {};
      scores[r.modality] = Number(r.score);
      out.set(r.facility_id, scores);
    }
    return out;
  }

  async removeDemo(): Promise<number> {
    const ids = await this.demoIds();
    if (ids.length) {
      await this.db
        .deleteFrom("revisions")
        .where("entity_type", "=", "facility")
        .where("entity_id", "in", ids)
        .execute();
    }
    const result = await this.db.deleteFrom("facilities").where("demo", "=", true).executeTakeFirst();
    return Number(result.numDeletedRows ?? 0);
  }

  async countDemo(): Promise<number> {
    const row = await this.db
      .selectFrom("facilities")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("demo", "=", true)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async demoIds(): Promise<string[]> {
    return (await this.db.selectFrom("facilities").select("id").where("demo", "=", true).execute()).map((r) => r.id);
  }
}

function serialise<T extends Partial<FacilityValues> & { demo?: boolean }>(values: T) {
  const out: Record<string, unknown> = { ...values };
  for (const key of ["name", "modalities", "services", "populations", "languages"] as const) {
    if (values[key] !== undefined) out[key] = JSON.stringify(values[key]);
  }
  return out as never;
}
