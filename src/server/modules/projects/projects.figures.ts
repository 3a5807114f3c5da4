import {
  type FlowStats,
  type FlowStatsQuery,
  type Pivot,
  type PivotMeasure,
  STATS_OVERVIEW_CHARTS,
  STATS_OVERVIEW_TABLE,
  type StatsOverview,
} from "../../../common/projects.js";
import type { Principal } from "../../http/access-policy.js";
import { AppError } from "../../http/errors.js";
import { filterFlows, flowChoices } from "./projects.flow-filters.js";
import type { PartiesService } from "./projects.parties.js";
import { seesAllProjects } from "./projects.policy.js";
import type { ProjectsSearchRepository } from "./projects.search-repository.js";
import { type Dimension, pivot } from "./projects.stats.js";
import { flowSeries } from "./projects.transactions.js";

type Fact = Awaited<ReturnType<ProjectsSearchRepository["facts"]>>[number];

/**
 * Keeps one project of every group joined by "duplicate effort" labels: a published one before a draft, then the
 * oldest. Facts arrive published first, oldest first, so the first of a group is the one kept.
 */
export function countDuplicatesOnce(facts: Fact[], pairs: { a: string; b: string }[]): Fact[] {
  if (!pairs.length) return facts;
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const root = find(p);
    parent.set(x, root);
    return root;
  };
  const rank = new Map(facts.map((f, i) => [f.id, i]));
  for (const { a, b } of pairs) {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) continue;
    // The root of a group is its first project in the facts' order.
    if ((rank.get(ra) ?? 0) <= (rank.get(rb) ?? 0)) parent.set(rb, ra);
    else parent.set(ra, rb);
  }
  return facts.filter((f) => find(f.id) === f.id);
}

/**
 * ADAM's figures (charts, pivot, gaps): which projects they count, and the pivot with what it leaves out.
 *  - Published projects only, by default and for everyone. Coordinators may include draft and submitted projects
 *    explicitly; the figures then say so and mark what drafts contribute to. No one else may: a draft's money in a
 *    figure would reveal it to a reader who may not open it, and would count assistance nobody has confirmed.
 *  - Each group of projects labelled "duplicate effort" counts once.
 *  - The set counted is the same for every reader of a scope (never the reader's own partner's drafts), so no
 *    difference between two readers' answers reveals a record either may not see. Every published project may be
 *    opened by every member, so the figures of published projects need no further disclosure control.
 */
export class ProjectFigures {
  constructor(
    private readonly searchRepo: ProjectsSearchRepository,
    private readonly parties: PartiesService,
  ) {}

  async facts(principal: Principal, includeDrafts = false): Promise<{ facts: Fact[]; duplicatesLeftOut: number }> {
    if (includeDrafts && !seesAllProjects(principal))
      throw new AppError("forbidden", 403, { reason: "drafts_coordinators" });
    const all = await this.searchRepo.facts({ includeDrafts });
    const kept = countDuplicatesOnce(all, await this.searchRepo.duplicateEffortPairs(all.map((f) => f.id)));
    return { facts: kept, duplicatesLeftOut: all.length - kept.length };
  }

  async pivot(
    principal: Principal,
    q: { rows: Dimension; columns?: Dimension | undefined; measure: PivotMeasure; includeDrafts: boolean },
  ): Promise<Pivot> {
    const [{ facts, duplicatesLeftOut }, names] = await Promise.all([
      this.facts(principal, q.includeDrafts),
      this.parties.names(),
    ]);
    return pivot(facts, q.rows, q.columns, q.measure, {
      includesDrafts: q.includeDrafts,
      duplicatesLeftOut,
      names,
    });
  }

  /**
   * The statistics page's first screen (its charts and the pivot table's first view) from one read of the facts:
   * the same projects, the same rule on drafts and the same pivots as `pivot` with those parameters.
   */
  async overview(principal: Principal, q: { includeDrafts: boolean }): Promise<StatsOverview> {
    const [{ facts, duplicatesLeftOut }, names] = await Promise.all([
      this.facts(principal, q.includeDrafts),
      this.parties.names(),
    ]);
    const context = { includesDrafts: q.includeDrafts, duplicatesLeftOut, names };
    const chart = (rows: Dimension) => pivot(facts, rows, undefined, "usd", context);
    const [donor, country, pillar, theme, year] = STATS_OVERVIEW_CHARTS.map(chart) as [
      Pivot,
      Pivot,
      Pivot,
      Pivot,
      Pivot,
    ];
    const { rows, columns, measure } = STATS_OVERVIEW_TABLE;
    return { charts: { donor, country, pillar, theme, year }, table: pivot(facts, rows, columns, measure, context) };
  }

  /**
   * Planned against actual over time for the projects the figures count: committed, disbursed, spent by period,
   * narrowed by the filters as the pivot splits projects (projects.flow-filters.ts), with the filters' choices.
   */
  async flows(principal: Principal, q: FlowStatsQuery): Promise<FlowStats> {
    const { facts } = await this.facts(principal, q.includeDrafts);
    const { flows, projects } = filterFlows(facts, q);
    return { ...flowSeries(flows, q.interval), projects, includesDrafts: q.includeDrafts, choices: flowChoices(facts) };
  }
}
