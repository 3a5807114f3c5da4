import type { Pivot } from "../../../common/projects.js";
import type { ProjectsSearchRepository } from "./projects.search-repository.js";

type Fact = Awaited<ReturnType<ProjectsSearchRepository["facts"]>>[number];
export type Dimension = "donor" | "country" | "pillar" | "theme" | "year" | "stage" | "partner";

const NONE = "—";

/**
 * How a project's money divides over the values of a dimension (fractions summing to 1): by the donors'
 * USD commitments, by the stated country shares (equal when not stated), equally over pillars, themes and
 * the years of its period. Sums therefore add up to the total without counting a dollar twice.
 */
export function split(p: Fact, dimension: Dimension): [string, number][] {
  const equal = (values: string[]): [string, number][] =>
    values.length ? values.map((v) => [v, 1 / values.length]) : [[NONE, 1]];
  switch (dimension) {
    case "donor": {
      const total = p.fundings.reduce((s, f) => s + Number(f.usd ?? 0), 0);
      if (!total) return equal([...new Set(p.fundings.map((f) => f.donor))]);
      const by = new Map<string, number>();
      for (const f of p.fundings) by.set(f.donor, (by.get(f.donor) ?? 0) + Number(f.usd ?? 0) / total);
      return [...by];
    }
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

const round = (v: number) => Math.round(v * 100) / 100;

type Cell = { usd: number; projects: Set<string>; drafts: number };

export interface PivotContext {
  includesDrafts: boolean;
  duplicatesLeftOut: number;
  /** Names of the controlled list by code (donor labels). */
  names: Map<string, { en: string; ru: string }>;
}

/** Amounts no stored rate converts, summed by currency in cents (never silently left out of a total). */
export function unconvertedOf(facts: Fact[]) {
  const by = new Map<string, { cents: bigint; projects: Set<string> }>();
  for (const p of facts)
    for (const f of p.fundings) {
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

/** A pivot table: rows × optional columns, USD (allocated) or number of projects (distinct). */
export function pivot(
  facts: Fact[],
  rows: Dimension,
  columns: Dimension | undefined,
  measure: "usd" | "count",
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
  for (const p of facts) {
    const total = Number(p.total_usd ?? 0);
    const draft = p.workflow !== "published";
    const rs = split(p, rows);
    const cs = columns ? split(p, columns) : ([["total", 1]] as [string, number][]);
    for (const [r, wr] of rs)
      for (const [c, wc] of cs) {
        rowKeys.add(r);
        colKeys.add(c);
        bump(cells, `${r}\u0000${c}`, total * wr * wc, p.id, draft);
        bump(rowTotals, r, total * wr * wc, p.id, draft);
        bump(colTotals, c, total * wr * wc, p.id, draft);
      }
    if (rows === "donor" || columns === "donor")
      for (const f of p.fundings) labels[f.donor] ??= context.names.get(f.donor) ?? { en: f.name, ru: f.name };
    all.usd += total;
    all.projects.add(p.id);
  }
  const value = (c: Cell | undefined) => (c ? (measure === "usd" ? round(c.usd) : c.projects.size) : 0);
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
    total: measure === "usd" ? round(all.usd) : all.projects.size,
    measure,
    labels,
    includesDrafts: context.includesDrafts,
    draftProjects: facts.filter((p) => p.workflow !== "published").length,
    draftCells: rowList.map((r) => colList.map((c) => hasDraft(cells.get(`${r}\u0000${c}`)))),
    draftRows: rowList.map((r) => hasDraft(rowTotals.get(r))),
    draftColumns: colList.map((c) => hasDraft(colTotals.get(c))),
    duplicatesLeftOut: context.duplicatesLeftOut,
    unconverted: unconvertedOf(facts),
  };
}
