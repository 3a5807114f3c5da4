import countries from "i18n-iso-countries";
import type { Kysely } from "kysely";
import type { z } from "zod";
import {
  type Gaps,
  MEASURE_TYPE,
  type MoneyMeasure,
  type Need,
  type NeedInputSchema,
} from "../../../common/projects.js";
import type { DB } from "../../db/schema.js";
import { canActOnPartner, type Principal } from "../../http/access-policy.js";
import { forbidden, notFound, validationFailed } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { RevisionService } from "../../platform/revisions.js";
import type { ProjectFigures } from "./projects.figures.js";
import { addMoney } from "./projects.money.js";
import { needAbilities } from "./projects.policy.js";
import type { NeedValues, ProjectsRepository } from "./projects.repository.js";
import type { ProjectsSearchRepository } from "./projects.search-repository.js";
import { unconvertedOf } from "./projects.stats.js";

type NeedInput = z.output<typeof NeedInputSchema>;
type NeedRow = Awaited<ReturnType<ProjectsRepository["findNeed"]>> & {};
type Fact = Awaited<ReturnType<ProjectsSearchRepository["facts"]>>[number];

const DAY = 86_400_000;

/** Share of the need's period that the project's period covers (0 … 1); unknown project dates count as 1. */
function coverage(need: { period_start: string; period_end: string }, p: Fact): number {
  if (!p.period_start || !p.period_end) return 1;
  const start = Math.max(Date.parse(need.period_start), Date.parse(p.period_start));
  const end = Math.min(Date.parse(need.period_end), Date.parse(p.period_end));
  if (end < start) return 0;
  const length = (Date.parse(need.period_end) - Date.parse(need.period_start)) / DAY + 1;
  return Math.min(1, ((end - start) / DAY + 1) / length);
}

/** Needs for technical assistance, and the gap view that matches them against projects. */
export class NeedsService {
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: {
      repo: ProjectsRepository;
      figures: ProjectFigures;
      audit: AuditService;
      revisions: RevisionService;
      partnerExists: (code: string) => Promise<boolean>;
    },
  ) {
    this.changes = new ChangeRecorder(deps);
  }

  private present(row: NeedRow, principal: Principal): Need {
    return {
      id: row.id,
      partnerCode: row.partner_code,
      country: row.country,
      pillar: row.pillar,
      theme: row.theme,
      description: row.description,
      priority: row.priority,
      periodStart: row.period_start as string,
      periodEnd: row.period_end as string,
      version: row.version,
      can: needAbilities(principal, row),
    };
  }

  /** One need (every member may read needs; archived ones are not found: the query leaves them out). */
  async get(id: string, principal: Principal): Promise<Need> {
    const row = await this.deps.repo.findNeed(id);
    if (!row) throw notFound("need");
    return this.present(row, principal);
  }

  async list(filter: { country?: string | undefined; pillar?: number | undefined }, principal: Principal) {
    const rows = await this.deps.repo.listNeeds(filter);
    return { items: rows.map((r) => this.present(r, principal)) };
  }

  private async values(input: NeedInput, principal: Principal, partnerCode: string): Promise<NeedValues> {
    if (!principal.permissions.has("projects:write") || !canActOnPartner(principal, partnerCode)) throw forbidden();
    const errors: { path: string; code: string }[] = [];
    if (!countries.alpha3ToAlpha2(input.country)) errors.push({ path: "body.country", code: "unknown_country" });
    if (input.periodEnd < input.periodStart) errors.push({ path: "body.periodEnd", code: "end_before_start" });
    if (!(await this.deps.partnerExists(partnerCode)))
      errors.push({ path: "body.partnerCode", code: "unknown_partner" });
    if (errors.length) throw validationFailed(errors);
    return {
      partner_code: partnerCode,
      country: input.country,
      pillar: input.pillar,
      theme: input.theme,
      description: input.description,
      priority: input.priority,
      period_start: input.periodStart,
      period_end: input.periodEnd,
    };
  }

  async create(input: NeedInput, principal: Principal, actor: Actor, demo = false): Promise<Need> {
    const partnerCode = (input.partnerCode ?? principal.user?.partnerCode ?? input.country).toUpperCase();
    const values = await this.values(input, principal, partnerCode);
    const id = await this.db.transaction().execute(async (trx) => {
      const { id } = await this.deps.repo.insertNeed(trx, {
        ...values,
        created_by: actor.userId,
        ...(demo ? { demo } : {}),
      });
      // The first revision keeps the values entered.
      await this.changes.record(trx, actor, {
        type: "project_need",
        action: "create",
        before: null,
        after: { ...values },
        id,
        version: 1,
        audit: { action: "project_need.create" },
      });
      return id;
    });
    return this.present((await this.deps.repo.findNeed(id)) as NeedRow, principal);
  }

  async update(id: string, input: NeedInput & { version: number }, principal: Principal, actor: Actor): Promise<Need> {
    const before = await this.deps.repo.findNeed(id);
    if (!before) throw notFound("need");
    const values = await this.values(input, principal, (input.partnerCode ?? before.partner_code).toUpperCase());
    if (!canActOnPartner(principal, before.partner_code)) throw forbidden();
    await this.db.transaction().execute(async (trx) => {
      // The history compares the row read with the values written over it.
      const updated = await this.deps.repo.updateNeed(trx, id, input.version, values);
      await this.changes.record<Record<string, unknown>>(trx, actor, {
        type: "project_need",
        action: "update",
        before: { ...before },
        after: updated && { ...before, ...values },
        current: () => this.deps.repo.findNeed(id, trx).then((r) => (r ? this.present(r, principal) : undefined)),
        what: "need",
        id,
        version: input.version + 1,
        audit: { action: "project_need.update", details: (changes) => ({ fields: Object.keys(changes) }) },
      });
    });
    return this.present((await this.deps.repo.findNeed(id)) as NeedRow, principal);
  }

  async archive(id: string, version: number, principal: Principal, actor: Actor) {
    const before = await this.deps.repo.findNeed(id);
    if (!before) throw notFound("need");
    if (!principal.permissions.has("projects:write") || !canActOnPartner(principal, before.partner_code))
      throw forbidden();
    await this.db.transaction().execute(async (trx) => {
      const archived = await this.deps.repo.archiveNeed(trx, id, version);
      await this.changes.record<Record<string, unknown>>(trx, actor, {
        type: "project_need",
        action: "archive",
        before: { ...before },
        after: archived && { archived: true },
        current: () => this.deps.repo.findNeed(id, trx),
        what: "need",
        id,
        version: version + 1,
        audit: { action: "project_need.archive" },
      });
    });
  }

  /**
   * The gap view. A need is covered when projects in its country with its pillar and theme cover at least
   * 80% of its period; partly covered when some project shares the country, the period and the pillar or the
   * theme; open otherwise. Countries and pillars that receive projects without any recorded need are listed.
   * Projects are those ADAM's figures count: published ones, each "duplicate effort" group once. `usd` sums what
   * the measure asks for: committed (the default), disbursed or spent, each transaction at the rate of its date.
   */
  async gaps(principal: Principal, measure: MoneyMeasure = "usd"): Promise<Gaps> {
    const type = MEASURE_TYPE[measure];
    const usdOf = (p: Fact): string | null => {
      if (type === "commitment") return p.total_usd;
      return addMoney(p.transactions.filter((t) => t.type === type).map((t) => t.usd));
    };
    const [needs, facts] = await Promise.all([
      this.deps.repo.listNeeds({}),
      this.deps.figures.facts(principal).then((f) => f.facts),
    ]);
    const byCountry = new Map<string, Fact[]>();
    for (const f of facts) for (const l of f.locations) byCountry.set(l.code, [...(byCountry.get(l.code) ?? []), f]);
    const out: Gaps["needs"] = needs.map((n) => {
      const inCountry = (byCountry.get(n.country) ?? []).filter(
        (p) => coverage(n as { period_start: string; period_end: string }, p) > 0,
      );
      const exact = inCountry.filter((p) => p.pillars.includes(n.pillar) && p.themes.includes(n.theme));
      const near = inCountry.filter((p) => p.pillars.includes(n.pillar) || p.themes.includes(n.theme));
      const covered = Math.max(0, ...exact.map((p) => coverage(n as { period_start: string; period_end: string }, p)));
      const state = covered >= 0.8 ? "covered" : exact.length || near.length ? "partly_covered" : "open";
      const matching = (exact.length ? exact : near).slice(0, 10);
      return {
        ...this.present(n, principal),
        coverage: state,
        matchingProjects: matching.map((p) => ({ id: p.id, code: p.code, title: p.title as Record<string, string> })),
      };
    });
    const needKeys = new Set(needs.map((n) => `${n.country}|${n.pillar}`));
    const unrequested = new Map<string, number>();
    for (const f of facts)
      for (const l of f.locations)
        for (const pillar of f.pillars) {
          const key = `${l.code}|${pillar}`;
          if (!needKeys.has(key)) unrequested.set(key, (unrequested.get(key) ?? 0) + 1);
        }
    const tally = <K extends string | number>(
      key: (n: (typeof out)[number]) => K,
      projectsOf: (k: K) => Fact[],
      all: K[],
    ) =>
      all.map((k) => {
        const ns = out.filter((n) => key(n) === k);
        const ps = projectsOf(k);
        return {
          needs: ns.length,
          covered: ns.filter((n) => n.coverage === "covered").length,
          partly: ns.filter((n) => n.coverage === "partly_covered").length,
          open: ns.filter((n) => n.coverage === "open").length,
          projects: ps.length,
          usd: addMoney(ps.map(usdOf)) ?? "0.00",
          unconverted: unconvertedOf(ps, type),
        };
      });
    const countryKeys = [...new Set([...needs.map((n) => n.country), ...byCountry.keys()])].sort();
    const pillarKeys = [1, 2, 3, 4];
    return {
      measure,
      needs: out,
      unrequested: [...unrequested].map(([key, projects]) => {
        const [country, pillar] = key.split("|") as [string, string];
        return { country, pillar: Number(pillar), projects };
      }),
      byCountry: tally(
        (n) => n.country,
        (c) => byCountry.get(c) ?? [],
        countryKeys,
      ).map((t, i) => ({
        country: countryKeys[i] as string,
        ...t,
      })),
      byPillar: tally(
        (n) => n.pillar,
        (p) => facts.filter((f) => f.pillars.includes(p)),
        pillarKeys,
      ).map((t, i) => ({
        pillar: pillarKeys[i] as number,
        ...t,
      })),
    };
  }
}
