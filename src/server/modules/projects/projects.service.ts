import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Revision } from "../../../common/partners.js";
import type {
  FlowSeries,
  Project,
  ProjectInputSchema,
  ProjectList,
  ProjectQuery,
  SavedSearch,
  Workflow,
} from "../../../common/projects.js";
import type { DB } from "../../db/schema.js";
import type { Principal } from "../../http/access-policy.js";
import { AppError, type FieldError, forbidden, notFound, validationFailed } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { RevisionService } from "../../platform/revisions.js";
import type { SearchDocument, SearchService } from "../../platform/search.js";
import type { PartnersService } from "../partners/partners.service.js";
import { addMoney, normaliseAmount } from "./projects.money.js";
import type { PartiesService } from "./projects.parties.js";
import {
  canEditProject,
  canReadProject,
  canTakeStep,
  canWriteForPartner,
  projectAbilities,
  seesAllProjects,
  viewerOf,
} from "./projects.policy.js";
import {
  type ChildRows,
  type Derived,
  type ProjectRow,
  ProjectsRepository,
  type ProjectValues,
} from "./projects.repository.js";
import { ProjectsSearchRepository } from "./projects.search-repository.js";
import { buildFeatures, fingerprintOf } from "./projects.similarity.js";
import { flowSeries, flowTotalsOf, presentTransaction, requestedTransactions } from "./projects.transactions.js";

export type ProjectInputParsed = z.output<typeof ProjectInputSchema>;

/** Allowed workflow steps: [from, to, who] — "editor" is anyone who may edit the project. */
const TRANSITIONS: [Workflow, Workflow, "editor" | "coordinator"][] = [
  ["draft", "submitted", "editor"],
  ["submitted", "draft", "editor"],
  ["submitted", "published", "coordinator"],
  ["published", "draft", "coordinator"],
  ["draft", "archived", "editor"],
  ["submitted", "archived", "coordinator"],
  ["published", "archived", "coordinator"],
  ["archived", "draft", "coordinator"],
];

/** A project as saved: its row (with the derived columns it was given) and its children, read once after the write. */
interface Saved {
  row: ProjectRow;
  children: ChildRows;
}

function emptyChildren(): ChildRows {
  return { transactions: [], locations: [], organizations: [], pillars: [], commitments: [], links: [] };
}

/** The project as its history keeps it: the row without bookkeeping and derived columns, with its children. */
function snapshotOf({ row, children }: Saved): Record<string, unknown> {
  const {
    features: _f,
    created_at: _c,
    updated_at: _u,
    version: _v,
    countries: _k,
    donors: _d,
    total_usd: _t,
    ...rest
  } = row;
  return { ...rest, ...children };
}

/** The derived columns of a project (duplicate features, facets, period, totals, full text). */
function derivedOf(row: ProjectRow, c: ChildRows): Derived {
  const start = row.actual_start ?? row.planned_start;
  const end = row.actual_end ?? row.planned_end;
  const commitments = c.transactions.filter((t) => t.transaction_type === "commitment");
  const totalUsd = addMoney(commitments.map((f) => (f.usd === null ? null : String(f.usd))));
  const features = buildFeatures({
    title: row.title,
    summary: row.summary,
    countries: c.locations.map((l) => l.code),
    start,
    end,
    themes: row.themes,
    dacCodes: row.dac_codes,
    organizations: c.organizations.map((o) => o.name),
    usd: totalUsd === null ? null : Number(totalUsd),
    ids: [row.iati_identifier, row.donor_ref],
  });
  const text = [
    row.title.en,
    row.title.ru,
    row.summary?.en,
    row.summary?.ru,
    row.code,
    ...c.organizations.map((o) => o.name),
  ]
    .filter(Boolean)
    .join(" ");
  return {
    countries: features.countries,
    // Donors by their entry in the controlled list (one facet value for "Japan" and "Япония"), else as written.
    donors: [...new Set(c.transactions.map((f) => f.donor_code ?? f.donor_name))],
    period: start || end ? `[${start ?? ""},${end ? nextDay(end) : ""})` : null,
    total_usd: totalUsd,
    fingerprint: fingerprintOf(features),
    features: features as unknown as Record<string, unknown>,
    text,
  };
}

/** The project's entry in the global search; an archived project leaves it. */
function searchOf({ row }: Saved): ((saved: Saved) => SearchDocument) | "remove" {
  if (row.workflow === "archived") return "remove";
  return ({ row, children }) => ({
    entityType: "project",
    entityId: row.id,
    title: row.title,
    body: [row.code, row.summary?.en, row.summary?.ru, ...new Set(children.transactions.map((f) => f.donor_name))]
      .filter(Boolean)
      .join(" "),
    url: `/projects/${row.id}`,
    access: row.workflow === "published" ? "members" : "partner",
    partnerCode: row.partner_code,
  });
}

export interface Prepared {
  values: ProjectValues;
  children: ChildRows;
  /** An update that sent only `fundings` (commitments): the stored disbursements and expenditures stay. */
  keepFlows?: boolean;
}

/** ADAM projects: records, workflow, history, search and exchange rates. Duplicates live in their own service. */
export class ProjectsService {
  readonly repo: ProjectsRepository;
  readonly searchRepo: ProjectsSearchRepository;
  private readonly changes: ChangeRecorder;
  /** Called after every save with the project id (the duplicate check). */
  private readonly afterSave: ((id: string, actor: Actor) => Promise<void>)[] = [];

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: {
      audit: AuditService;
      revisions: RevisionService;
      search: SearchService;
      partners: PartnersService;
      parties: PartiesService;
      /** The read replica for the charts, pivot and gap view (DATABASE_READ_URL); the primary when absent. */
      readDb?: Kysely<DB>;
    },
  ) {
    this.repo = new ProjectsRepository(db);
    this.searchRepo = new ProjectsSearchRepository(db, deps.readDb);
    this.changes = new ChangeRecorder(deps);
    deps.search.registerType("project", { en: "Assistance projects", ru: "Проекты помощи" });
  }

  onSaved(hook: (id: string, actor: Actor) => Promise<void>) {
    this.afterSave.push(hook);
  }

  /**
   * The donor filter as a code of the controlled list. Donors are stored by code since the list (migration 0017);
   * a search saved or linked before it names the donor as typed ("Japan", "Япония"), so a name the list knows is
   * read as its code. A name it does not know stays as it is (an unmapped donor is stored as typed).
   */
  async donorCode(donor: string): Promise<string> {
    const upper = donor.trim().toUpperCase();
    if ((await this.deps.parties.known([upper])).size) return upper;
    return (await this.deps.parties.codesFor([donor])).get(donor) ?? donor;
  }

  async list(query: ProjectQuery, principal: Principal): Promise<ProjectList> {
    if (query.donor) query = { ...query, donor: await this.donorCode(query.donor) };
    const viewer = viewerOf(principal);
    const [rows, facets] = await Promise.all([
      this.searchRepo.list(query, viewer),
      this.searchRepo.facets(query, viewer),
    ]);
    const total = rows.length
      ? Number((rows[0] as { total: string | number }).total)
      : await this.searchRepo.count(query, viewer);
    return {
      items: rows.map((r) => ({
        id: r.id,
        code: r.code,
        partnerCode: r.partner_code,
        title: r.title,
        workflow: r.workflow,
        stage: r.stage as Project["stage"],
        plannedStart: r.planned_start,
        plannedEnd: r.planned_end,
        themes: r.themes,
        pillars: r.pillars,
        totalUsd: r.total_usd,
        countries: r.countries,
        donors: r.donors,
        unconvertedCurrencies: r.unconverted_currencies,
        snippet: r.snippet?.includes("«") ? r.snippet : null,
      })),
      total,
      limit: query.limit,
      offset: query.offset,
      facets,
    };
  }

  async get(id: string, principal: Principal): Promise<Project> {
    const row = await this.repo.findProject(id);
    if (!row || !canReadProject(principal, row)) throw notFound("project");
    return this.present(row, principal);
  }

  /**
   * Planned against actual for one project the principal may read: USD committed, disbursed and spent by year or
   * quarter. A commitment without a date (migrated from a funding without one) counts at the project's start.
   */
  async flows(id: string, principal: Principal, interval: "year" | "quarter"): Promise<FlowSeries> {
    const p = await this.get(id, principal);
    const fallback = p.actualStart ?? p.plannedStart ?? p.createdAt.slice(0, 10);
    const flows = p.transactions.map((t) => ({ ...t, projectId: p.id, date: t.date ?? fallback }));
    return { ...flowSeries(flows, interval), projects: 1, includesDrafts: false };
  }

  /** Loads projects the principal may read (for alerts and gaps). */
  async readable(ids: string[], principal: Principal) {
    return (await this.repo.findMany(ids)).filter((r) => canReadProject(principal, r));
  }

  /** The project as it stands in `trx` (what a save that lost the race answers with), or nothing when it is gone. */
  private async presentCurrent(id: string, principal: Principal, trx: Kysely<DB>): Promise<Project | undefined> {
    const current = await this.repo.findProject(id, trx);
    return current ? this.present(current, principal, trx) : undefined;
  }

  /** The project as the API shows it; `children` when the caller holds them already (a save just read them). */
  async present(
    row: ProjectRow,
    principal: Principal,
    trx: Kysely<DB> = this.db,
    children?: ChildRows,
  ): Promise<Project> {
    const c = children ?? ((await this.repo.children([row.id], trx)).get(row.id) as ChildRows);
    const commitments = c.transactions.filter((t) => t.transaction_type === "commitment").map(presentTransaction);
    return {
      id: row.id,
      code: row.code,
      partnerCode: row.partner_code,
      title: row.title,
      summary: row.summary ?? {},
      donorRef: row.donor_ref,
      iatiIdentifier: row.iati_identifier,
      workflow: row.workflow,
      stage: row.stage as Project["stage"],
      plannedStart: row.planned_start,
      plannedEnd: row.planned_end,
      actualStart: row.actual_start,
      actualEnd: row.actual_end,
      dacCodes: row.dac_codes,
      themes: row.themes,
      pillars: c.pillars,
      commitments: c.commitments,
      fundings: commitments.map(({ type: _t, ...f }) => f),
      transactions: c.transactions.map(presentTransaction),
      totalUsd: row.total_usd === null ? null : normaliseAmount(String(row.total_usd)),
      unconverted: commitments.filter((f) => f.usd === null).map((f) => ({ currency: f.currency, amount: f.amount })),
      flowTotals: flowTotalsOf(c.transactions),
      locations: c.locations,
      organizations: c.organizations.map((o) => ({ role: o.role, name: o.name, code: o.party_code })),
      contacts: row.contacts,
      externalDocuments: row.external_documents,
      links: c.links.map((l) => ({ entityType: l.entity_type, entityId: l.entity_id, title: l.title })),
      demo: row.demo,
      version: row.version,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      can: projectAbilities(principal, row),
    };
  }

  async create(
    input: ProjectInputParsed,
    principal: Principal,
    actor: Actor,
    options: { demo?: boolean; workflow?: Workflow; skipHooks?: boolean } = {},
  ): Promise<Project> {
    const partnerCode = this.checkCreate(input, principal);
    const prepared = await this.prepare(input, partnerCode);
    const saved = await this.db.transaction().execute((trx) => this.saveNew(trx, prepared, actor, options));
    await this.saved(saved.row.id, actor, options.skipHooks);
    return this.presentSaved(saved, principal);
  }

  /** The partner a new project belongs to, after checking the principal may create it. */
  checkCreate(input: ProjectInputParsed, principal: Principal): string {
    const partnerCode = (input.partnerCode ?? principal.user?.partnerCode ?? "").toUpperCase();
    if (!partnerCode) throw validationFailed([{ path: "body.partnerCode", code: "required" }]);
    if (!canWriteForPartner(principal, partnerCode)) throw forbidden();
    return partnerCode;
  }

  /** Inserts a prepared project in the caller's transaction (every read inside it, so it sees its own writes). */
  async writeNew(
    trx: Kysely<DB>,
    prepared: Prepared,
    actor: Actor,
    options: { demo?: boolean; workflow?: Workflow } = {},
  ): Promise<string> {
    return (await this.saveNew(trx, prepared, actor, options)).row.id;
  }

  private async saveNew(
    trx: Kysely<DB>,
    prepared: Prepared,
    actor: Actor,
    options: { demo?: boolean; workflow?: Workflow },
  ): Promise<Saved> {
    const code = await this.repo.nextCode(trx);
    const { id } = await this.repo.insertProject(trx, {
      ...prepared.values,
      code,
      created_by: actor.userId,
      ...(options.demo ? { demo: true } : {}),
    });
    if (options.workflow && options.workflow !== "draft")
      await trx.updateTable("projects").set({ workflow: options.workflow }).where("id", "=", id).execute();
    const after = await this.writeChildren(trx, id, prepared.children);
    const { row } = await this.changes.record(trx, actor, {
      type: "project",
      action: "create",
      before: null,
      after,
      id,
      version: 1,
      snapshot: snapshotOf,
      audit: { action: "project.create", details: { code } },
      search: searchOf(after),
    });
    return row;
  }

  async update(
    id: string,
    input: ProjectInputParsed & { version: number },
    principal: Principal,
    actor: Actor,
  ): Promise<Project> {
    const before = await this.repo.findProject(id);
    if (!before || !canReadProject(principal, before)) throw notFound("project");
    if (!canEditProject(principal, before)) throw forbidden();
    const partnerCode = (input.partnerCode ?? before.partner_code).toUpperCase();
    if (partnerCode !== before.partner_code && !seesAllProjects(principal)) throw forbidden();
    const prepared = await this.prepare(input, partnerCode);
    const saved = await this.db
      .transaction()
      .execute((trx) => this.saveUpdate(trx, id, input.version, prepared, principal, actor, before));
    await this.saved(id, actor);
    return this.presentSaved(saved, principal);
  }

  /** Updates a project in the caller's transaction with optimistic locking, history and audit. */
  async writeUpdate(
    trx: Kysely<DB>,
    id: string,
    version: number,
    prepared: Prepared,
    principal: Principal,
    actor: Actor,
  ): Promise<void> {
    await this.saveUpdate(trx, id, version, prepared, principal, actor);
  }

  /**
   * `read` is the row the caller read before its transaction: it stands for the row before the change when it
   * has the version written against (a write that succeeds against that version found the row as it was read);
   * otherwise the row is read in the transaction. The children are read in it either way: a new exchange rate or
   * a mapped donor changes them without a new version of the project.
   */
  private async saveUpdate(
    trx: Kysely<DB>,
    id: string,
    version: number,
    prepared: Prepared,
    principal: Principal,
    actor: Actor,
    read?: ProjectRow,
  ): Promise<Saved> {
    const beforeRow = read && read.version === version ? read : await this.repo.findProject(id, trx);
    const before: Saved | null = beforeRow
      ? { row: beforeRow, children: (await this.repo.children([id], trx)).get(id) as ChildRows }
      : null;
    const updated = await this.repo.updateProject(trx, id, version, prepared.values);
    const flows = prepared.keepFlows
      ? (before?.children.transactions ?? []).filter((t) => t.transaction_type !== "commitment")
      : [];
    const after = updated
      ? await this.writeChildren(trx, id, {
          ...prepared.children,
          transactions: [...prepared.children.transactions, ...flows],
        })
      : undefined;
    const { row } = await this.changes.record(trx, actor, {
      type: "project",
      action: "update",
      before,
      after,
      current: () => this.presentCurrent(id, principal, trx),
      id,
      version: version + 1,
      snapshot: snapshotOf,
      audit: { action: "project.update", details: (changes) => ({ fields: Object.keys(changes) }) },
      search: after && searchOf(after),
    });
    return row;
  }

  /**
   * Writes a saved project's children, converts its transactions to USD, reads the project back once (the row and
   * its children as stored, with the rates applied) and sets its derived columns from it.
   */
  private async writeChildren(trx: Kysely<DB>, id: string, children: ChildRows): Promise<Saved> {
    await this.repo.replaceChildren(trx, id, children);
    await this.repo.convertTransactions(trx, { projectId: id });
    const row = (await this.repo.findProject(id, trx)) as ProjectRow;
    const stored = (await this.repo.children([id], trx)).get(id) as ChildRows;
    return { row: await this.setDerived(trx, row, stored), children: stored };
  }

  async transition(id: string, to: Workflow, version: number, principal: Principal, actor: Actor): Promise<Project> {
    const saved = await this.db.transaction().execute(async (trx) => {
      const before = await this.repo.findProject(id, trx);
      if (!before || !canReadProject(principal, before)) throw notFound("project");
      const step = TRANSITIONS.find(([from, target]) => from === before.workflow && target === to);
      if (!step) throw new AppError("conflict", 409, { reason: "invalid_transition", from: before.workflow, to });
      if (!canTakeStep(principal, before, step[2])) throw forbidden();
      const updated = await this.repo.setWorkflow(trx, id, version, to);
      const children = updated ? ((await this.repo.children([id], trx)).get(id) as ChildRows) : undefined;
      // The row read is the row changed unless another write came between (then its version is not the one before).
      const changed =
        updated && updated.version === before.version + 1
          ? { ...before, workflow: to, ...updated }
          : updated && (await this.repo.findProject(id, trx));
      const after: Saved | undefined =
        changed && children ? { row: await this.setDerived(trx, changed, children), children } : undefined;
      const { row } = await this.changes.record(trx, actor, {
        type: "project",
        action: "transition",
        before: { row: before, children: children ?? emptyChildren() },
        after,
        current: () => this.presentCurrent(id, principal, trx),
        id,
        version: version + 1,
        // The history of a step keeps the workflow alone.
        snapshot: (s) => ({ workflow: s.row.workflow }),
        audit: { action: `project.${to}`, details: { from: before.workflow, to } },
        search: after && searchOf(after),
      });
      return row;
    });
    return this.presentSaved(saved, principal);
  }

  async history(id: string, principal: Principal): Promise<Revision[]> {
    const row = await this.repo.findProject(id);
    if (!row || !canReadProject(principal, row)) throw notFound("project");
    return this.deps.revisions.presented("project", id);
  }

  /** After a save: derived columns, search index, then the hooks (duplicate check). */
  async saved(id: string, actor: Actor, skipHooks = false) {
    if (skipHooks) return;
    for (const hook of this.afterSave) await hook(id, actor);
  }

  /** Validates references and converts money; throws one validation error listing every bad field. */
  async prepare(input: ProjectInputParsed, partnerCode: string): Promise<Prepared> {
    const errors: FieldError[] = [];
    if (!(await this.deps.partners.exists(partnerCode)))
      errors.push({ path: "body.partnerCode", code: "unknown_partner" });
    const known = new Set((await this.repo.existingCommitments(input.commitments)).map((c) => c.code));
    input.commitments.forEach((c, i) => {
      if (!known.has(c)) errors.push({ path: `body.commitments.${i}`, code: "unknown_commitment" });
    });
    const targets = await this.repo.linkTargets(input.links);
    const titles = new Map(targets.map((t) => [`${t.entity_type}/${t.entity_id}`, t.title]));
    input.links.forEach((l, i) => {
      if (!titles.has(`${l.entityType}/${l.entityId}`)) errors.push({ path: `body.links.${i}`, code: "unknown_link" });
    });
    for (const [start, end, path] of [
      [input.plannedStart, input.plannedEnd, "plannedEnd"],
      [input.actualStart, input.actualEnd, "actualEnd"],
    ] as const) {
      if (start && end && end < start) errors.push({ path: `body.${path}`, code: "end_before_start" });
    }
    const shares = input.locations.reduce((s, l) => s + (l.share ?? 0), 0);
    if (shares > 100.0001) errors.push({ path: "body.locations", code: "shares_over_100" });
    const codes = input.locations.map((l) => l.code.toUpperCase());
    if (new Set(codes).size !== codes.length) errors.push({ path: "body.locations", code: "duplicate_location" });

    // Donors and organizations from the controlled list: a code must be in it; a name alone is matched to it, and
    // one that matches nothing is kept as written and waits in the review list (imports bring names from elsewhere).
    const requested = requestedTransactions(input);
    if (input.transactions !== undefined && input.fundings.length)
      errors.push({
        path: "body.fundings",
        code: "fundings_with_transactions",
        messages: {
          en: "Send the commitments among the transactions, not also as fundings",
          ru: "Передайте обязательства в списке операций, а не еще и как финансирование",
        },
      });
    requested.items.forEach((t, i) => {
      if (t.type !== "commitment" && !t.date)
        errors.push({
          path: `body.${requested.field}.${i}.date`,
          code: "transaction_date_required",
          messages: {
            en: "A disbursement or an expenditure needs its date",
            ru: "Для выплаты или расхода нужна дата",
          },
        });
    });
    const named = await this.deps.parties.codesFor([
      ...requested.items.map((f) => f.donorName),
      ...input.organizations.map((o) => o.name),
    ]);
    const given = [...requested.items.map((f) => f.donorCode), ...input.organizations.map((o) => o.code)].filter(
      (c): c is string => !!c,
    );
    const listed = await this.deps.parties.known(given);
    requested.items.forEach((f, i) => {
      if (f.donorCode && !listed.has(f.donorCode))
        errors.push({ path: `body.${requested.field}.${i}.donorCode`, code: "unknown_donor" });
    });
    input.organizations.forEach((o, i) => {
      if (o.code && !listed.has(o.code))
        errors.push({ path: `body.organizations.${i}.code`, code: "unknown_organization" });
    });
    if (errors.length) throw validationFailed(errors);
    // USD values are set in the transaction from the rate table (ProjectsRepository.convertTransactions).
    const transactions: ChildRows["transactions"] = requested.items.map((f) => ({
      transaction_type: f.type,
      donor_code: f.donorCode ?? named.get(f.donorName) ?? null,
      donor_name: f.donorName,
      amount: f.amount,
      currency: f.currency,
      transaction_date: f.date ?? null,
      usd: null,
      rate: null,
      rate_date: null,
    }));
    const values: ProjectValues = {
      partner_code: partnerCode,
      title: input.title,
      summary: input.summary ?? {},
      donor_ref: input.donorRef ?? null,
      iati_identifier: input.iatiIdentifier?.trim() || null,
      stage: input.stage,
      planned_start: input.plannedStart ?? null,
      planned_end: input.plannedEnd ?? null,
      actual_start: input.actualStart ?? null,
      actual_end: input.actualEnd ?? null,
      dac_codes: [...new Set(input.dacCodes)],
      themes: [...new Set(input.themes)],
      contacts: input.contacts,
      external_documents: input.externalDocuments,
    };
    const children: ChildRows = {
      transactions,
      locations: input.locations.map((l) => ({ code: l.code.toUpperCase(), kind: l.kind, share: l.share ?? null })),
      organizations: input.organizations.map((o) => ({
        role: o.role,
        name: o.name,
        party_code: o.code ?? named.get(o.name) ?? null,
      })),
      pillars: [...new Set(input.pillars)],
      commitments: [...new Set(input.commitments)],
      links: input.links.map((l) => ({
        entity_type: l.entityType,
        entity_id: l.entityId,
        title: titles.get(`${l.entityType}/${l.entityId}`) ?? {},
      })),
    };
    return { values, children, keepFlows: requested.keepFlows };
  }

  /** Recomputes the derived columns (duplicate features, tsv) and the global search entry. */
  async index(id: string, trx: Kysely<DB> = this.db) {
    const row = await this.repo.findProject(id, trx);
    if (!row) return;
    const children = (await this.repo.children([id], trx)).get(id) as ChildRows;
    const saved = { row: await this.setDerived(trx, row, children), children };
    const search = searchOf(saved);
    if (search === "remove") await this.deps.search.remove("project", id, trx);
    else await this.deps.search.upsert(search(saved), trx);
  }

  /** Sets the derived columns (duplicate features, tsv) computed from the row and children; returns the row with them. */
  private async setDerived(trx: Kysely<DB>, row: ProjectRow, c: ChildRows): Promise<ProjectRow> {
    const derived = derivedOf(row, c);
    await this.repo.setDerived(trx, row.id, derived);
    return {
      ...row,
      countries: derived.countries,
      donors: derived.donors,
      total_usd: derived.total_usd,
      features: derived.features as ProjectRow["features"],
    };
  }

  /** A project just saved, as its author reads it (404 when the save left it out of their reach). */
  private presentSaved({ row, children }: Saved, principal: Principal): Promise<Project> {
    if (!canReadProject(principal, row)) throw notFound("project");
    return this.present(row, principal, this.db, children);
  }

  // --- saved searches ---

  async savedSearches(principal: Principal): Promise<SavedSearch[]> {
    if (!principal.user) return [];
    const saved = await this.repo.listSavedSearches(principal.user.id);
    // A search saved with a donor's name shows (and runs) with the donor's code in the list.
    return Promise.all(
      saved.map(async (s) => ({
        id: s.id,
        name: s.name,
        query: typeof s.query.donor === "string" ? { ...s.query, donor: await this.donorCode(s.query.donor) } : s.query,
        createdAt: new Date(s.created_at).toISOString(),
      })),
    );
  }

  async saveSearch(principal: Principal, name: string, query: Record<string, unknown>): Promise<SavedSearch> {
    if (!principal.user) throw forbidden();
    const s = await this.repo.insertSavedSearch(principal.user.id, name, query);
    return { id: s.id, name: s.name, query: s.query, createdAt: new Date(s.created_at).toISOString() };
  }

  async deleteSearch(principal: Principal, id: string) {
    if (!principal.user) throw forbidden();
    const r = await this.repo.deleteSavedSearch(principal.user.id, id);
    if (!Number(r.numDeletedRows)) throw notFound("saved_search");
  }
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
