import { type Kysely, sql } from "kysely";
import { type AggregateRow, type GroupBy, SUPPRESSION_THRESHOLD } from "../../../common/seizures.js";
import type { DB } from "../../db/schema.js";
import { type DisclosureRule, type GridCell, protectedTotals } from "../../platform/disclosure.js";
import { COLUMN, needsRecords, type RecordFilters } from "./seizures.analytics.js";

/**
 * What the dashboards and statistics ask of the seizure data: published seizures summed by any of country, year,
 * month, drug, drug group, route and unit, for one audience.
 * It reads `seizure_monthly`, the aggregate kept in step with every publish, so it answers in milliseconds
 * whatever the number of individual records.
 *
 * Who reads decides what is summed (issue 17):
 *  - `all` (coordinators, administrators, the platform's own jobs): every published record;
 *  - `member`: only the records the member may open (`public` and `members`, `partner` of their own partner,
 *    `restricted` of the countries in their scope), so a total never holds a record the member cannot list, and
 *    subtracting what they can list from it leaves nothing;
 *  - `public` (visitors): only `public` records, through the disclosure control's publication grid
 *    (country × year × drug group, primary suppression, totals of published cells only; see
 *    platform/disclosure.ts).
 */
export type Audience =
  | { kind: "all" }
  | { kind: "member"; partnerCode: string | null; countries: readonly string[] }
  | { kind: "public" };

/** Visitors' figures: fewer than 3 seizures, or one seizure over 85% of the cell's mass, is not published. */
export const PUBLIC_RULE: DisclosureRule = { minCases: SUPPRESSION_THRESHOLD, dominance: 0.85 };

/** The dimensions of the public publication grid: any public grouping is a roll-up of these. */
const PUBLIC_GRID = ["country", "year", "drugGroup"] as const satisfies readonly GroupBy[];
/** Fields outside the monthly aggregate (RecordFilters) are answered from the records: seizures.analytics.ts. */
export interface AggregateSpec extends RecordFilters {
  countries?: readonly string[];
  years?: readonly number[];
  drugs?: readonly string[];
  drugGroups?: readonly string[];
  routes?: readonly string[];
  /** Inclusive ISO dates; compared by month (records known only to the year count in their year). */
  from?: string;
  to?: string;
  groupBy: readonly GroupBy[];
  audience: Audience;
}

function monthKey(iso: string): number {
  const [y, m] = iso.split("-").map(Number);
  return (y ?? 0) * 100 + (m ?? 0);
}

function audienceWhere(audience: Audience) {
  if (audience.kind === "all") return sql<boolean>`true`;
  if (audience.kind === "public") return sql<boolean>`sharing = 'public'`;
  const countries = audience.countries.length ? [...audience.countries] : ["---"];
  return sql<boolean>`(sharing in ('public', 'members')
    or (sharing = 'partner' and owner_partner = ${audience.partnerCode ?? "---"})
    or (sharing = 'restricted' and country in (${sql.join(countries)})))`;
}

function filtered(db: Kysely<DB>, spec: AggregateSpec) {
  let q = db.selectFrom("seizure_monthly").where(audienceWhere(spec.audience));
  if (spec.countries?.length) q = q.where("country", "in", [...spec.countries]);
  if (spec.years?.length) q = q.where("year", "in", [...spec.years]);
  if (spec.drugs?.length) q = q.where("drug", "in", [...spec.drugs]);
  if (spec.drugGroups?.length) q = q.where("drug_group", "in", [...spec.drugGroups]);
  if (spec.routes?.length)
    q = q.where(
      "route",
      "in",
      spec.routes.map((r) => (r === "none" ? "" : r)),
    );
  if (spec.from) {
    const from = monthKey(spec.from);
    q = q.where((eb) =>
      eb.or([
        eb(sql`year * 100 + month`, ">=", from),
        eb.and([eb("month", "=", 0), eb("year", ">=", Math.floor(from / 100))]),
      ]),
    );
  }
  if (spec.to) q = q.where(sql`year * 100 + month`, "<=", monthKey(spec.to));
  return q;
}

export async function aggregateSeizures(
  db: Kysely<DB>,
  spec: AggregateSpec,
  grid: PublicGrid = new PublicGrid(),
): Promise<AggregateRow[]> {
  const groups = [...new Set(spec.groupBy)];
  if (spec.audience.kind === "public") return publicAggregate(await grid.cells(db), spec, groups);
  if (needsRecords(spec)) throw new Error("the monthly aggregate holds no fields outside its dimensions");
  const cols = groups.map((g) => COLUMN[g]);
  const rows = await filtered(db, spec)
    .select([
      ...cols.map((c) => sql.ref(c).as(c)),
      sql<number>`sum(cases)::int`.as("cases"),
      sql<number>`sum(mass_kg)`.as("mass_kg"),
      sql<number>`sum(quantity)`.as("quantity"),
    ] as never)
    .$if(cols.length > 0, (qb) => cols.reduce((acc, c) => acc.orderBy(c as never), qb.groupBy(cols as never)))
    .execute();
  return (rows as unknown as Record<string, unknown>[]).map((r) => toRow(r, groups));
}

type PublicDim = (typeof PUBLIC_GRID)[number];

/**
 * The public publication grid (`public` records by country × year × drug group, with each cell's largest seizure),
 * computed once per change of the monthly aggregate: a visitor's request reads one version number and cuts its
 * figures from memory, so the public route costs the database nothing however often it is asked.
 */
export class PublicGrid {
  private cached: { version: string; cells: GridCell<PublicDim>[] } | null = null;

  async cells(db: Kysely<DB>): Promise<GridCell<PublicDim>[]> {
    const state = await db.selectFrom("seizure_aggregate_state").select("version").executeTakeFirst();
    const version = String(state?.version ?? "");
    if (this.cached && this.cached.version === version) return this.cached.cells;
    const rows = await db
      .selectFrom("seizure_monthly")
      .where(audienceWhere({ kind: "public" }))
      .select([
        "country",
        "year",
        "drug_group",
        sql<number>`sum(cases)::int`.as("cases"),
        sql<number>`sum(mass_kg)`.as("mass_kg"),
        sql<number>`max(max_mass_kg)`.as("max_mass_kg"),
      ])
      .groupBy(["country", "year", "drug_group"])
      .execute();
    const cells = rows.map((r) => ({
      key: { country: r.country, year: Number(r.year), drugGroup: r.drug_group },
      cases: Number(r.cases),
      magnitude: Number(r.mass_kg),
      largest: Number(r.max_mass_kg),
    }));
    this.cached = { version, cells };
    return cells;
  }
}

/** Visitors: the grid's cells in the filter, then the disclosure control's totals of published cells. */
function publicAggregate(cells: GridCell<PublicDim>[], spec: AggregateSpec, groups: GroupBy[]): AggregateRow[] {
  const outside = groups.filter((g) => !(PUBLIC_GRID as readonly GroupBy[]).includes(g));
  if (outside.length || spec.drugs?.length || spec.routes?.length || spec.from || spec.to || needsRecords(spec))
    throw new Error("public statistics are published by country, year and drug group only");
  const inFilter = cells.filter(
    (c) =>
      (!spec.countries?.length || spec.countries.includes(String(c.key.country))) &&
      (!spec.years?.length || spec.years.includes(Number(c.key.year))) &&
      (!spec.drugGroups?.length || spec.drugGroups.includes(String(c.key.drugGroup))),
  );
  const totals = protectedTotals(inFilter, groups as PublicDim[], PUBLIC_RULE);
  const out = totals.map((t): AggregateRow => {
    const row: AggregateRow = {
      cases: t.cases,
      massKg: t.magnitude === null ? null : round(t.magnitude),
      quantity: null,
      suppressed: t.suppressed,
      withheld: t.withheld,
    };
    for (const g of groups) (row as Record<string, unknown>)[g] = t.key[g as PublicDim];
    return row;
  });
  const order = (r: AggregateRow) => groups.map((g) => r[g as "country"] ?? "");
  return out.sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    for (let i = 0; i < x.length; i++) {
      const [u, v] = [x[i] ?? "", y[i] ?? ""];
      if (u !== v) return typeof u === "number" && typeof v === "number" ? u - v : String(u).localeCompare(String(v));
    }
    return 0;
  });
}

function toRow(r: Record<string, unknown>, groups: readonly GroupBy[]): AggregateRow {
  const out: AggregateRow = { cases: 0, massKg: 0, quantity: null, suppressed: false };
  for (const g of groups) {
    const v = r[COLUMN[g]];
    if (g === "year" || g === "month") out[g] = Number(v);
    else (out as Record<string, unknown>)[g] = String(v ?? "");
  }
  out.cases = Number(r.cases ?? 0);
  out.massKg = round(Number(r.mass_kg ?? 0));
  out.quantity = groups.includes("unit") ? round(Number(r.quantity ?? 0)) : null;
  return out;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
