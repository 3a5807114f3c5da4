import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";

/** One aggregate row of seizure records: a country's year of one drug in one unit as recorded. */
export interface SeizureAggregateRow {
  country: string;
  year: number;
  drug: string;
  unit: string;
  quantity: number;
  /** Normalised mass in kg by the seizure module's documented conversion; null when the unit has none. */
  kg: number | null;
  cases: number;
}

export interface SeizureRecordLine {
  id: string;
  date: string;
  drug: string;
  quantity: number;
  unit: string;
  /** Original drug name as written in the source (before mapping), when the seizure module keeps it. */
  originalDrug: string | null;
}

export type RankDimension = "origin" | "transit" | "destination" | "transport";

/**
 * One cell of the fact sheets' publication grid (country × year × drug × unit) over the records the public
 * statistics count: published and shared `public`. Carries what the disclosure control weighs.
 */
export interface PublicSeizureCell extends SeizureAggregateRow {
  /** The drug group of the records (the public statistics' grid splits by it). */
  group: string;
  persons: number;
  /** The largest single seizure of the cell, in kg and in the unit as recorded. */
  largestKg: number;
  largestQuantity: number;
}

/** The records of one grid cell counted by a code: a country of origin, a mode of transport (null: none), a month. */
export interface PublicBreakdownRow {
  country: string;
  drug: string;
  unit: string;
  code: string | null;
  cases: number;
}

/**
 * The seizure module's read API for the figures other modules publish from its records (the fact sheets and the
 * ARQ pages read them only through this, never the tables). National figures (the ARQ pages, for coordinators and liaison officers) count
 * validated and published records, never merged duplicates or records still waiting for validation. Fact sheets,
 * which anyone may read, count only what the public statistics count: published records shared `public`
 * (`public*` below), and only through the disclosure control (factsheets.disclosure.ts).
 */
const COUNTED = ["validated", "published"] as const;

function yearRange(years: number[]) {
  const from = Math.min(...years);
  const to = Math.max(...years);
  return { from: `${from}-01-01`, to: `${to + 1}-01-01` };
}

/** The totals of a group of records: summed quantity and kg, the records, and how many of them convert to kg. */
function cellTotals() {
  return [
    sql<string>`sum(quantity)`.as("quantity"),
    sql<string | null>`sum(mass_kg)`.as("kg"),
    sql<string>`count(*)`.as("cases"),
    sql<string>`count(mass_kg)`.as("converted"),
  ] as const;
}

/** A group's totals as numbers (see `cellTotals`). */
function totalsOf(r: { quantity: string; kg: string | null; cases: string; converted: string }) {
  return {
    quantity: Number(r.quantity),
    // A unit converts for all of its records or none (the rule depends on drug and unit only).
    kg: Number(r.converted) > 0 && r.kg !== null ? Number(r.kg) : null,
    cases: Number(r.cases),
  };
}

export class SeizureFigures {
  constructor(private readonly db: Kysely<DB>) {}

  private base(countries: string[], years: number[]) {
    const { from, to } = yearRange(years);
    return this.db
      .selectFrom("seizures")
      .where("country", "in", countries)
      .where("seizure_date", ">=", from)
      .where("seizure_date", "<", to)
      .where("year", "in", years)
      .where("status", "in", [...COUNTED]);
  }

  async aggregate(countries: string[], years: number[]): Promise<SeizureAggregateRow[]> {
    if (!countries.length || !years.length) return [];
    const rows = await this.base(countries, years)
      .select(["country", "year", "drug", "unit", ...cellTotals()])
      .groupBy(["country", "year", "drug", "unit"])
      .orderBy("country")
      .orderBy("year")
      .orderBy("drug")
      .execute();
    return rows.map((r) => ({
      country: r.country,
      year: Number(r.year),
      drug: r.drug,
      unit: r.unit,
      ...totalsOf(r),
    }));
  }

  async ranked(countries: string[], year: number, dimension: RankDimension, limit: number) {
    if (!countries.length) return [];
    const { from, to } = yearRange([year]);
    const filter = sql`s.country in (${sql.join(countries)}) and s.seizure_date >= ${from} and s.seizure_date < ${to}
      and s.year = ${year} and s.status in ('validated','published')`;
    const query =
      dimension === "transport"
        ? sql<{ code: string; cases: string }>`select s.transport_mode as code, count(*) as cases from seizures s
            where ${filter} and s.transport_mode is not null group by s.transport_mode order by cases desc, code limit ${limit}`
        : sql<{ code: string; cases: string }>`select c.code, count(*) as cases from seizures s
            cross join lateral jsonb_array_elements_text(${sql.ref(
              dimension === "origin"
                ? "s.origin_countries"
                : dimension === "transit"
                  ? "s.transit_countries"
                  : "s.destination_countries",
            )}) as c(code)
            where ${filter} group by c.code order by cases desc, c.code limit ${limit}`;
    const { rows } = await query.execute(this.db);
    return rows.map((r) => ({ code: r.code, cases: Number(r.cases) }));
  }

  async personsArrested(countries: string[], year: number): Promise<number | null> {
    if (!countries.length) return null;
    const row = await this.base(countries, [year])
      .select([sql<string | null>`sum(persons_arrested)`.as("n"), sql<string>`count(*)`.as("cases")])
      .executeTakeFirst();
    return row && Number(row.cases) > 0 ? Number(row.n ?? 0) : null;
  }

  async monthsWithRecords(countries: string[], year: number): Promise<number[]> {
    if (!countries.length) return [];
    const rows = await this.base(countries, [year])
      .select("month")
      .distinct()
      .where("month", ">", 0)
      .orderBy("month")
      .execute();
    return rows.map((r) => Number(r.month));
  }

  async records(country: string, year: number, drugs: string[], limit: number): Promise<SeizureRecordLine[]> {
    if (!drugs.length) return [];
    const rows = await this.base([country], [year])
      .where("drug", "in", drugs)
      .select(["id", "seizure_date", "drug", "quantity", "unit", "source_reference"])
      .orderBy(sql`coalesce(mass_kg, 0)`, "desc")
      .orderBy("seizure_date")
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      date:
        typeof r.seizure_date === "string"
          ? r.seizure_date.slice(0, 10)
          : new Date(r.seizure_date).toISOString().slice(0, 10),
      drug: r.drug,
      quantity: Number(r.quantity),
      unit: r.unit,
      originalDrug: null,
    }));
  }

  private publicBase(countries: string[], years: number[]) {
    return this.db
      .selectFrom("seizures")
      .where("country", "in", countries)
      .where("year", "in", years)
      .where("status", "=", "published")
      .where("sharing", "=", "public");
  }

  async publicCells(countries: string[], years: number[]): Promise<PublicSeizureCell[]> {
    if (!countries.length || !years.length) return [];
    const rows = await this.publicBase(countries, years)
      .select([
        "country",
        "year",
        "drug_group",
        "drug",
        "unit",
        ...cellTotals(),
        sql<string>`coalesce(sum(persons_arrested), 0)`.as("persons"),
        sql<string>`coalesce(max(mass_kg), 0)`.as("largest_kg"),
        sql<string>`coalesce(max(quantity), 0)`.as("largest_quantity"),
      ])
      .groupBy(["country", "year", "drug_group", "drug", "unit"])
      .orderBy("country")
      .orderBy("year")
      .orderBy("drug")
      .orderBy("unit")
      .execute();
    return rows.map((r) => ({
      country: r.country,
      year: Number(r.year),
      group: r.drug_group,
      drug: r.drug,
      unit: r.unit,
      ...totalsOf(r),
      persons: Number(r.persons),
      largestKg: Number(r.largest_kg),
      largestQuantity: Number(r.largest_quantity),
    }));
  }

  /** The public records of a year by grid cell and code (origin country, mode of transport or month). */
  async publicBreakdown(
    countries: string[],
    year: number,
    dimension: "origin" | "transport" | "month",
  ): Promise<PublicBreakdownRow[]> {
    if (!countries.length) return [];
    const filter = sql`s.country in (${sql.join(countries)}) and s.year = ${year} and s.status = 'published'
      and s.sharing = 'public'`;
    const query =
      dimension === "origin"
        ? sql<{ country: string; drug: string; unit: string; code: string | null; cases: string }>`
            select s.country, s.drug, s.unit, c.code, count(distinct s.id) as cases from seizures s
            cross join lateral jsonb_array_elements_text(s.origin_countries) as c(code)
            where ${filter} group by 1, 2, 3, 4`
        : sql<{ country: string; drug: string; unit: string; code: string | null; cases: string }>`
            select s.country, s.drug, s.unit,
              ${dimension === "transport" ? sql`s.transport_mode` : sql`nullif(s.month, 0)::text`} as code,
              count(*) as cases
            from seizures s where ${filter} group by 1, 2, 3, 4`;
    const { rows } = await query.execute(this.db);
    return rows.map((r) => ({ country: r.country, drug: r.drug, unit: r.unit, code: r.code, cases: Number(r.cases) }));
  }
}
