import type { FlowFilters, FlowStats } from "../../../common/projects.js";
import type { ProjectsSearchRepository } from "./projects.search-repository.js";
import { split } from "./projects.stats.js";
import type { Flow } from "./projects.transactions.js";

type Fact = Awaited<ReturnType<ProjectsSearchRepository["facts"]>>[number];

/**
 * The cross-project "funding over time" narrowed like the statistics' pivot (issue 20), so a filtered series and
 * the pivot's cell for the same values agree:
 *  - a country, pillar or theme keeps the projects that have it, each transaction weighted by the project's share
 *    of it as the pivot splits the project (the stated country shares, else equal; pillars and themes equally);
 *  - a donor keeps that donor's own transactions;
 *  - a year range keeps the transactions dated in those years (their own date, else the project's start).
 * A weighted amount is rounded to the cent once per transaction. The projects counted are those the filters keep
 * that have a transaction left (every kept project when only project-level filters are given).
 */
export function filterFlows(facts: Fact[], f: FlowFilters): { flows: Flow[]; projects: number } {
  const flows: Flow[] = [];
  const transactionLevel = f.donor !== undefined || f.from !== undefined || f.to !== undefined;
  let projects = 0;
  for (const p of facts) {
    const weight = shareOf(p, "country", f.country) * shareOf(p, "pillar", f.pillar) * shareOf(p, "theme", f.theme);
    if (weight === 0) continue;
    let kept = 0;
    for (const t of p.transactions) {
      if (f.donor !== undefined && t.donor !== f.donor) continue;
      const year = Number(t.date.slice(0, 4));
      if ((f.from !== undefined && year < f.from) || (f.to !== undefined && year > f.to)) continue;
      kept++;
      flows.push({
        projectId: p.id,
        type: t.type,
        date: t.date,
        currency: t.currency,
        amount: weighted(t.amount, weight),
        usd: t.usd === null ? null : weighted(t.usd, weight),
      });
    }
    if (kept > 0 || !transactionLevel) projects++;
  }
  return { flows, projects };
}

/** The values each filter may take among these projects (the unfiltered set the page narrows). */
export function flowChoices(facts: Fact[]): FlowStats["choices"] {
  const years = new Set<number>();
  const countries = new Set<string>();
  const donors = new Set<string>();
  const pillars = new Set<number>();
  const themes = new Set<string>();
  for (const p of facts) {
    for (const t of p.transactions) {
      years.add(Number(t.date.slice(0, 4)));
      donors.add(t.donor);
    }
    for (const l of p.locations) countries.add(l.code);
    for (const x of p.pillars) pillars.add(x);
    for (const x of p.themes) themes.add(x);
  }
  const text = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
  const num = (s: Set<number>) => [...s].sort((a, b) => a - b);
  return {
    years: num(years),
    countries: text(countries),
    donors: text(donors),
    pillars: num(pillars),
    themes: text(themes),
  };
}

/** The project's share of one value of a dimension, as the pivot splits it (1 when the filter is not given). */
function shareOf(p: Fact, dimension: "country" | "pillar" | "theme", value: string | number | undefined): number {
  if (value === undefined) return 1;
  return split(p, dimension).find(([v]) => v === String(value))?.[1] ?? 0;
}

function weighted(amount: string, weight: number): string {
  return weight === 1 ? amount : (Number(amount) * weight).toFixed(2);
}
