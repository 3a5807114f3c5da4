import { MEASURE_TYPE, type Pivot, type PivotMeasure, type TransactionType } from "../../../common/projects.js";
import type { ProjectsSearchRepository } from "./projects.search-repository.js";

type Fact = Awaited<ReturnType<ProjectsSearchRepository["facts"]>>[number];
export type Dimension = "donor" | "country" | "pillar" | "theme" | "year" | "stage" | "partner";

const NONE = "—";

const flowsOf = (p: Fact, type: TransactionType) => p.transactions.filter((t) => t.type === type);

/** Shares of the USD of these transactions by a key (equal shares when none has a USD value). */
function sharesBy(flows: Fact["transactions"], key: (t: Fact["transactions"][number]) => string): [string, number][] {
  const total = flows.reduce((s, f) => s + Number(f.usd ?? 0), 0);
  if (!total) {
    const keys = [...new Set(flows.map(key))];
    return keys.length ? keys.map((k) => [k, 1 / keys.length]) : [[NONE, 1]];
  }
  const by = new Map<string, number>();
  for (const f of flows) by.set(key(f), (by.get(key(f)) ?? 0) + Number(f.usd ?? 0) / total);
  return [...by];
}

/**
 * How a project's committed money divides over the values of a dimension (fractions summing to 1): by the donors'
 * USD commitments, by the stated country shares (equal when not stated), equally over pillars, themes and the
 * years of its period. Sums therefore add up to the total without counting a dollar twice.
 */
export function split(p: Fact, dimension: Dimension): [string, number][] {
  const equal = (values: string[]): [string, number][] =>
    values.length ? values.map((v) => [v, 1 / values.length]) : [[NONE, 1]];
  switch (dimension) {
    case "donor":
      return sharesBy(flowsOf(p, "commitment"), (t) => t.donor);
    case "country": {
      const stated = p.locations.filter((l) => l.share !== null);
      const sum = stated.reduce((s, l) => s + Number(l.share), 0);
      if (stated.length === p.locations.length && sum > 0)
        return p.locations.map((l) => [l.code, Number(l.share) / sum]);
      return equal(p.locations.map((l) => l.code));
    }
    case "pillar":
      return equal(p.pillars.map(String));
    case "theme":
      return equal(p.themes);
    case "year": {
      if (p.start_year === null) return [[NONE, 1]];
      const end = p.end_year ?? p.start_year;
      const years: string[] = [];
      for (let y = p.start_year; y <= Math.max(p.start_year, end) && years.length < 50; y++) years.push(String(y));
      return equal(years);
    }
    case "stage":
      return [[p.stage, 1]];
    case "partner":
      return [[p.partner_code, 1]];
  }
}

/** A disbursement or an expenditure is its donor's, in the year of its own date; the project's other splits apply. */
function splitFlow(p: Fact, dimension: Dimension, flow: Fact["transactions"][number]): [string, number][] {
  if (dimension === "donor") return [[flow.donor, 1]];
  if (dimension === "year") return [[flow.date.slice(0, 4), 1]];
  return split(p, dimension);
}

const round = (v: number) => Math.round(v * 100) / 100;

type Cell = { usd: number; projects: Set<string>; drafts: number };

export interface PivotContext {
  includesDrafts: boolean;
  duplicatesLeftOut: number;
  /** Names of the controlled list by code (donor labels). */
  names: Map<string, { en: string; ru: string }>;
}

/** The project's USD of one type of transaction (commitments: its stored total). */
export function usdOf(p: Fact, type: TransactionType): number {
  if (type === "commitment") return Number(p.total_usd ?? 0);
  return flowsOf(p, type).reduce((s, f) => s + Number(f.usd ?? 0), 0);
}

/** Amounts no stored rate converts, summed by currency in cents (never silently left out of a total). */
export function unconvertedOf(facts: Fact[], type: TransactionType = "commitment") {
  const by = new Map<string, { cents: bigint; projects: Set<string> }>();
  for (const p of facts)
    for (const f of flowsOf(p, type)) {
      if (f.usd !== null) continue;
      const entry = by.get(f.currency) ?? { cents: 0n, projects: new Set<string>() };
      const [whole = "0", fraction = ""] = f.amount.split(".");
      entry.cents += BigInt(whole + fraction.padEnd(2, "0").slice(0, 2));
      entry.projects.add(p.id);
      by.set(f.currency, entry);
    }
  return [...by]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, e]) => {
      const text = e.cents.toString().padStart(3, "0");
      return { currency, amount: `${text.slice(0, -2)}.${text.slice(-2)}`, projects: e.projects.size };
    });
}

/** A pivot table: rows × optional columns, USD committed, disbursed or spent (allocated), or projects (distinct). */
export function pivot(
  facts: Fact[],
  rows: Dimension,
  columns: Dimension | undefined,
  measure: PivotMeasure,
  context: PivotContext = { includesDrafts: false, duplicatesLeftOut: 0, names: new Map() },
): Pivot {
  const cells = new Map<string, Cell>();
  const rowKeys = new Set<string>();
  const colKeys = new Set<string>();
  const rowTotals = new Map<string, Cell>();
  const colTotals = new Map<string, Cell>();
  const all = { usd: 0, projects: new Set<string>() };
  const bump = (map: Map<string, Cell>, key: string, usd: number, id: string, draft: boolean) => {
    const cell = map.get(key) ?? { usd: 0, projects: new Set<string>(), drafts: 0 };
    cell.usd += usd;
    cell.projects.add(id);
    if (draft) cell.drafts += 1;
    map.set(key, cell);
  };
  const labels: Pivot["labels"] = {};
  const type = measure === "count" ? "commitment" : MEASURE_TYPE[measure];
  for (const p of facts) {
    const draft = p.workflow !== "published";
    // Commitments: the project's total over its splits. Disbursements and expenditures: each one where it fell.
    const parts =
      type === "commitment"
        ? [{ usd: usdOf(p, type), rs: split(p, rows), cs: columns ? split(p, columns) : undefined }]
        : flowsOf(p, type)
            .filter((f) => f.usd !== null)
            .map((f) => ({
              usd: Number(f.usd),
              rs: splitFlow(p, rows, f),
              cs: columns ? splitFlow(p, columns, f) : undefined,
            }));
    for (const { usd, rs, cs = [["total", 1]] as [string, number][] } of parts)
      for (const [r, wr] of rs)
        for (const [c, wc] of cs) {
          rowKeys.add(r);
          colKeys.add(c);
          bump(cells, `${r}\u0000${c}`, usd * wr * wc, p.id, draft);
          bump(rowTotals, r, usd * wr * wc, p.id, draft);
          bump(colTotals, c, usd * wr * wc, p.id, draft);
        }
    if (rows === "donor" || columns === "donor")
      for (const f of flowsOf(p, type)) labels[f.donor] ??= context.names.get(f.donor) ?? { en: f.name, ru: f.name };
    all.usd += parts.reduce((sum, part) => sum + part.usd, 0);
    all.projects.add(p.id);
  }
  const money = measure !== "count";
  const value = (c: Cell | undefined) => (c ? (money ? round(c.usd) : c.projects.size) : 0);
  const order = (keys: Set<string>, totals: Map<string, Cell>, natural: boolean) =>
    [...keys].sort((a, b) =>
      natural ? a.localeCompare(b) : value(totals.get(b)) - value(totals.get(a)) || a.localeCompare(b),
    );
  const naturalRows = rows === "year" || rows === "pillar";
  const naturalCols = columns === "year" || columns === "pillar";
  const rowList = order(rowKeys, rowTotals, naturalRows);
  const colList = order(colKeys, colTotals, naturalCols);
  const hasDraft = (c: Cell | undefined) => (c?.drafts ?? 0) > 0;
  return {
    rows: rowList,
    columns: colList,
    cells: rowList.map((r) => colList.map((c) => value(cells.get(`${r}\u0000${c}`)))),
    rowTotals: rowList.map((r) => value(rowTotals.get(r))),
    columnTotals: colList.map((c) => value(colTotals.get(c))),
    total: money ? round(all.usd) : all.projects.size,
    measure,
    labels,
    includesDrafts: context.includesDrafts,
    draftProjects: facts.filter((p) => p.workflow !== "published").length,
    draftCells: rowList.map((r) => colList.map((c) => hasDraft(cells.get(`${r}\u0000${c}`)))),
    draftRows: rowList.map((r) => hasDraft(rowTotals.get(r))),
    draftColumns: colList.map((c) => hasDraft(colTotals.get(c))),
    duplicatesLeftOut: context.duplicatesLeftOut,
    unconverted: unconvertedOf(facts, type),
  };
}
