import { type Kysely, sql } from "kysely";
import { type AggregateRow, drugOf, type GroupBy, SUPPRESSION_THRESHOLD } from "../../../common/seizures.js";
import type { DB } from "../../db/schema.js";

/**
 * What other modules (fact sheets, national figures) and the dashboards ask of the seizure data:
 * published seizures summed by any of country, year, month, drug, drug group, route and unit.
 * It reads `seizure_monthly`, the aggregate kept in step with every publish, so it answers in milliseconds
 * whatever the number of individual records.
 */
export interface AggregateSpec {
  countries?: readonly string[];
  years?: readonly number[];
  drugs?: readonly string[];
  drugGroups?: readonly string[];
  routes?: readonly string[];
  /** Inclusive ISO dates; compared by month (records known only to the year count in their year). */
  from?: string;
  to?: string;
  groupBy: readonly GroupBy[];
  /** Public views: rows with fewer cases than the threshold come back with null figures and `suppressed`. */
  suppress?: boolean;
}

const COLUMN: Record<GroupBy, string> = {
  country: "country",
  year: "year",
  month: "month",
  drug: "drug",
  drugGroup: "drug_group",
  route: "route",
  unit: "unit",
};

function monthKey(iso: string): number {
  const [y, m] = iso.split("-").map(Number);
  return (y ?? 0) * 100 + (m ?? 0);
}

export async function aggregateSeizures(db: Kysely<DB>, spec: AggregateSpec): Promise<AggregateRow[]> {
  const groups = [...new Set(spec.groupBy)];
  let q = db.selectFrom("seizure_monthly");
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
  const cols = groups.map((g) => COLUMN[g]);
  const rows = await q
    .select([
      ...cols.map((c) => sql.ref(c).as(c)),
      sql<number>`sum(cases)::int`.as("cases"),
      sql<number>`sum(mass_kg)`.as("mass_kg"),
      sql<number>`sum(quantity)`.as("quantity"),
    ] as never)
    .$if(cols.length > 0, (qb) => cols.reduce((acc, c) => acc.orderBy(c as never), qb.groupBy(cols as never)))
    .execute();
  return (rows as unknown as Record<string, unknown>[]).map((r) => toRow(r, groups, spec.suppress ?? false));
}

function toRow(r: Record<string, unknown>, groups: readonly GroupBy[], suppress: boolean): AggregateRow {
  const out: AggregateRow = { cases: 0, massKg: 0, quantity: null, suppressed: false };
  for (const g of groups) {
    const v = r[COLUMN[g]];
    if (g === "year" || g === "month") out[g] = Number(v);
    else (out as Record<string, unknown>)[g] = String(v ?? "");
  }
  const cases = Number(r.cases ?? 0);
  const suppressed = suppress && cases < SUPPRESSION_THRESHOLD;
  out.cases = suppressed ? null : cases;
  out.massKg = suppressed ? null : round(Number(r.mass_kg ?? 0));
  out.quantity = suppressed || !groups.includes("unit") ? null : round(Number(r.quantity ?? 0));
  out.suppressed = suppressed;
  return out;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** The drug group of a drug code (for callers that hold only codes). */
export function groupOf(drug: string): string {
  return drugOf(drug)?.group ?? "other";
}
