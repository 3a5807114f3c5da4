import { CompiledQuery, type Kysely } from "kysely";
import {
  type AggregateRow,
  type GroupBy,
  RECORD_FILTERS,
  RECORD_GROUP_BY,
  type SeizureFilter,
} from "../../../common/seizures.js";
import type { DB } from "../../db/schema.js";

/**
 * Ad-hoc analysis over the published records themselves (issue 20, part 5): any filter and grouping, including
 * the fields the monthly aggregate does not hold (transport mode, place type, concealment, seizing agency, source,
 * and the nationality and sex of arrested persons). One query text for both engines that answer it:
 *  - PostgreSQL, over `seizures` (always available; the reference for correctness);
 *  - DuckDB, over the columnar copy of the published records (seizures.columnar.ts), where it is loaded and current.
 * Both read the same normalized columns (a subquery per engine), so the grouping, the access rule and the filters
 * are written once. Who reads decides what is summed exactly as for the monthly aggregate (`Audience`): a member's
 * figures hold only records they may open, so no figure rests on a record they could not list; visitors never
 * reach this path (their statistics are the public grid's, seizures.aggregates.ts).
 */

export type Dialect = "postgres" | "duckdb";

/** Who reads (the member audience of seizures.aggregates.ts; `all` for coordinators). */
export type RecordAudience =
  | { kind: "all" }
  | { kind: "member"; partnerCode: string | null; countries: readonly string[] };

export type RecordFilters = Partial<Pick<SeizureFilter, (typeof RECORD_FILTERS)[number]>>;

export interface RecordSpec extends RecordFilters {
  countries?: readonly string[] | undefined;
  years?: readonly number[] | undefined;
  drugs?: readonly string[] | undefined;
  drugGroups?: readonly string[] | undefined;
  routes?: readonly string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  groupBy: readonly GroupBy[];
  audience: RecordAudience;
}

/** Whether a spec needs the records (a filter or grouping outside the monthly aggregate). */
export function needsRecords(spec: RecordFilters & { groupBy: readonly GroupBy[] }): boolean {
  return (
    spec.groupBy.some((g) => (RECORD_GROUP_BY as readonly string[]).includes(g)) ||
    RECORD_FILTERS.some((f) => (spec[f]?.length ?? 0) > 0)
  );
}

/** The normalized column of each dimension in the engines' subquery (and the monthly aggregate's, `seizures.aggregates.ts`). */
export const COLUMN: Record<GroupBy, string> = {
  country: "country",
  year: "year",
  month: "month",
  drug: "drug",
  drugGroup: "drug_group",
  route: "route",
  unit: "unit",
  transportMode: "transport_mode",
  placeType: "place_type",
  concealment: "concealment",
  agency: "agency",
  source: "source_type",
  nationality: "nationality",
  sex: "sex",
};

/** White space as both the SQL and the JavaScript side read it (one explicit class: engines' `\s` differ). */
export const WHITE_SPACE = "[ \\t\\n\\r\\f\\v]";

/**
 * A free-text field (concealment, agency) as the analyses group and filter it: every run of white space one space,
 * none at the ends, 'none' when nothing is left. PostgreSQL writes the columnar copy with this same expression, so
 * both engines hold identical values; filters compare them lower-cased with `normalizeText` of the asked values.
 */
export const normalTextSql = (col: string) =>
  `coalesce(nullif(btrim(regexp_replace(${col}, '${WHITE_SPACE}+', ' ', 'g')), ''), 'none')`;

/** An asked value as `normalTextSql` holds it, lower-cased for the case-insensitive match. */
export const normalizeText = (v: string) =>
  v
    .replace(/[ \t\n\r\f\v]+/g, " ")
    .trim()
    .toLowerCase();

/** Columns of the records, normalized ('' for no route as in the monthly aggregate; 'none' for other absent values). */
const PG_RECORDS = `
  select s.country, s.year, s.month, s.drug, s.drug_group, coalesce(s.route, '') as route, s.unit,
         s.sharing, coalesce(s.owner_partner, '') as owner_partner,
         coalesce(s.transport_mode, 'none') as transport_mode, coalesce(s.place_type, 'none') as place_type,
         ${normalTextSql("s.concealment")} as concealment, ${normalTextSql("s.agency")} as agency, s.source_type,
         s.mass_kg, s.quantity, s.persons_arrested as persons, s.id as rid, s.arrests
  from seizures s where s.status = 'published'`;

/** The same with one row per arrest (persons of that group); a record without arrests once, as 'none'. */
const PG_ARRESTS = `
  select r.*, coalesce(a.nationality, 'none') as nationality, coalesce(a.sex, 'none') as sex,
         coalesce(a.count, 0) as arrested
  from (${PG_RECORDS}) r
  left join lateral jsonb_to_recordset(r.arrests) as a(nationality text, sex text, count int) on true`;

/** The columnar copy holds the normalized columns already, and each record's arrests as a list ('none' when empty). */
const DUCK_RECORDS = "select *, rowid as rid from seizure_records";
const DUCK_ARRESTS = `
  select * exclude (arrests, a), a.nationality as nationality, a.sex as sex, a.count as arrested
  from (select *, rowid as rid, unnest(arrests) as a from seizure_records)`;

const monthKey = (iso: string) => {
  const [y, m] = iso.split("-").map(Number);
  return (y ?? 0) * 100 + (m ?? 0);
};

/** A query text with positional parameters ($1, $2 …: both engines accept them). */
export interface RecordQuery {
  text: string;
  values: (string | number)[];
}

/**
 * The query of a spec in one dialect. Arrest dimensions (grouping or filter) read one row per arrest: a record
 * counts once in each group of its arrests (grouped first by record), with the persons of that group.
 */
export function recordQuery(spec: RecordSpec, dialect: Dialect): RecordQuery {
  const values: (string | number)[] = [];
  const p = (v: string | number) => {
    values.push(v);
    return `$${values.length}`;
  };
  const inList = (col: string, list: readonly (string | number)[]) => `${col} in (${list.map(p).join(", ")})`;
  const lowerIn = (col: string, list: readonly string[]) =>
    `lower(${col}) in (${list.map((v) => p(normalizeText(v))).join(", ")})`;
  const where: string[] = ["true"];
  const a = spec.audience;
  if (a.kind === "member") {
    const countries = a.countries.length ? a.countries : ["---"];
    where.push(`(sharing in ('public', 'members')
      or (sharing = 'partner' and owner_partner = ${p(a.partnerCode ?? "---")})
      or (sharing = 'restricted' and ${inList("country", countries)}))`);
  }
  if (spec.countries?.length) where.push(inList("country", spec.countries));
  if (spec.years?.length) where.push(inList("year", spec.years));
  if (spec.drugs?.length) where.push(inList("drug", spec.drugs));
  if (spec.drugGroups?.length) where.push(inList("drug_group", spec.drugGroups));
  if (spec.routes?.length)
    where.push(
      inList(
        "route",
        spec.routes.map((r) => (r === "none" ? "" : r)),
      ),
    );
  if (spec.from) {
    const from = monthKey(spec.from);
    where.push(`(year * 100 + month >= ${p(from)} or (month = 0 and year >= ${p(Math.floor(from / 100))}))`);
  }
  if (spec.to) where.push(`year * 100 + month <= ${p(monthKey(spec.to))}`);
  if (spec.transportModes?.length) where.push(inList("transport_mode", spec.transportModes));
  if (spec.placeTypes?.length) where.push(inList("place_type", spec.placeTypes));
  if (spec.concealments?.length) where.push(lowerIn("concealment", spec.concealments));
  if (spec.agencies?.length) where.push(lowerIn("agency", spec.agencies));
  if (spec.sources?.length) where.push(inList("source_type", spec.sources));
  const groups = [...new Set(spec.groupBy)];
  const cols = groups.map((g) => COLUMN[g]);
  const arrests =
    groups.includes("nationality") || groups.includes("sex") || !!spec.nationalities?.length || !!spec.sexes?.length;
  if (spec.nationalities?.length) where.push(inList("nationality", spec.nationalities));
  if (spec.sexes?.length) where.push(inList("sex", spec.sexes));
  const source = arrests
    ? dialect === "postgres"
      ? PG_ARRESTS
      : DUCK_ARRESTS
    : dialect === "postgres"
      ? PG_RECORDS
      : DUCK_RECORDS;
  const select = cols.map((c) => `${c}, `).join("");
  const groupBy = cols.length ? `group by ${cols.join(", ")}` : "";
  const measures = `count(*) as cases, coalesce(sum(mass_kg), 0) as mass_kg, coalesce(sum(quantity), 0) as quantity,
    coalesce(sum(persons), 0) as persons`;
  const text = arrests
    ? `select ${select}${measures} from (
         select rid, ${select}max(mass_kg) as mass_kg, max(quantity) as quantity, sum(arrested) as persons
         from (${source}) x where ${where.join(" and ")}
         group by rid${cols.map((c) => `, ${c}`).join("")}) y ${groupBy}`
    : `select ${select}${measures} from (${source}) x where ${where.join(" and ")} ${groupBy}`;
  return { text, values };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Rows of either engine as the API's rows, in one order (the engines' text orders differ). */
export function toRecordRows(rows: Record<string, unknown>[], groupBy: readonly GroupBy[]): AggregateRow[] {
  const groups = [...new Set(groupBy)];
  const out = rows.map((r) => {
    const row: AggregateRow = {
      cases: Number(r.cases ?? 0),
      massKg: round(Number(r.mass_kg ?? 0)),
      quantity: groups.includes("unit") ? round(Number(r.quantity ?? 0)) : null,
      persons: Number(r.persons ?? 0),
      suppressed: false,
    };
    for (const g of groups) {
      const v = r[COLUMN[g]];
      if (g === "year" || g === "month") row[g] = Number(v);
      else (row as Record<string, unknown>)[g] = String(v ?? "");
    }
    return row;
  });
  const key = (r: AggregateRow) => groups.map((g) => (r as Record<string, unknown>)[g] as string | number);
  return out.sort((x, y) => {
    const [a, b] = [key(x), key(y)];
    for (let i = 0; i < a.length; i++) {
      const [u, v] = [a[i] ?? "", b[i] ?? ""];
      if (u === v) continue;
      if (typeof u === "number" && typeof v === "number") return u - v;
      return String(u) < String(v) ? -1 : 1;
    }
    return 0;
  });
}

/** The PostgreSQL engine: the same query over `seizures`. */
export async function aggregateRecordsPg(db: Kysely<DB>, spec: RecordSpec): Promise<AggregateRow[]> {
  const q = recordQuery(spec, "postgres");
  const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(q.text, q.values));
  return toRecordRows(result.rows, spec.groupBy);
}
