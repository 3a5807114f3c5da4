import type { Kysely } from "kysely";
import type {
  Factsheet,
  FactsheetContent,
  FactsheetListQuery,
  FactsheetSummary,
  FactsheetTransition,
} from "../../../common/factsheets.js";
import type { LocalizedText } from "../../../common/localized.js";
import type { DB } from "../../db/schema.js";
import { can, type Principal } from "../../http/access-policy.js";
import { AppError, conflict, forbidden, notFound } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { RevisionService } from "../../platform/revisions.js";
import type { SearchDocument, SearchService } from "../../platform/search.js";
import { countryName } from "../partners/partners.service.js";
import type { ArqService } from "./arq.service.js";
import { buildContent, type FacilitiesStats } from "./factsheets.content.js";
import { withoutUnprotectedFigures } from "./factsheets.disclosure.js";
import { canEditFactsheet, seesAllCountries } from "./factsheets.policy.js";
import { snapshotOf } from "./factsheets.present.js";
import type { FactsheetPdfService } from "./factsheets.publication.js";
import { type FactsheetRow, FactsheetsRepository } from "./factsheets.repository.js";
import type { NationalDataService } from "./national-data.service.js";
import type { RegionsService } from "./regions.service.js";
import type { SeizureReader } from "./seizure-reader.js";

export interface FactsheetsDeps {
  audit: AuditService;
  revisions: RevisionService;
  search: SearchService;
  national: NationalDataService;
  regions: RegionsService;
  arq: ArqService;
  seizures: () => SeizureReader;
  pdfs: FactsheetPdfService;
}

/** The transitions of the workflow: who may take them and between which states. */
const TRANSITIONS = {
  submit: { from: "draft", to: "in_review", permission: "factsheets:write" },
  return: { from: "in_review", to: "draft", permission: "factsheets:publish" },
  publish: { from: "in_review", to: "published", permission: "factsheets:publish" },
  reopen: { from: "published", to: "draft", permission: "factsheets:write" },
} as const;

/**
 * Who may open a fact sheet: not archived, and published at least once (edition 1 and later are public) unless the
 * reader may edit it. Also the rule of the digests.
 */
export function canReadFactsheet(
  row: { archived_at: Date | string | null; edition: number },
  editor: boolean,
): boolean {
  return !row.archived_at && (editor || row.edition > 0);
}

/**
 * Country and regional fact sheets: drafted, reviewed and published by liaison officers and coordinators.
 * Publishing freezes the generated content as a numbered edition that is never changed afterwards; reopening
 * starts the next edition while the published one stays visible.
 */
export class FactsheetsService {
  private readonly repo: FactsheetsRepository;
  private readonly changes: ChangeRecorder;
  private facilities: FacilitiesStats | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: FactsheetsDeps,
  ) {
    this.repo = new FactsheetsRepository(db);
    this.changes = new ChangeRecorder(deps);
  }

  /** Hook for the treatment-facilities module (issue 9): statistics by country shown on the fact sheets. */
  setFacilitiesStats(provider: FacilitiesStats) {
    this.facilities = provider;
  }

  private async countriesOf(scope: "country" | "region", subject: string): Promise<string[]> {
    return scope === "country" ? [subject] : (await this.deps.regions.get(subject)).countries;
  }

  private async subjectName(scope: "country" | "region", subject: string): Promise<LocalizedText> {
    if (scope === "country") return countryName(subject);
    return (await this.deps.regions.get(subject).catch(() => null))?.name ?? { en: subject };
  }

  /** May this principal edit (or publish) the fact sheet: factsheets.policy.ts. */
  private async canEdit(
    principal: Principal,
    scope: "country" | "region",
    subject: string,
    permission: "factsheets:write" | "factsheets:publish" = "factsheets:write",
  ) {
    if (!can(principal, permission)) return false;
    const allowed = await this.deps.national.countryFilter(principal);
    return canEditFactsheet(
      principal,
      await this.countriesOf(scope, subject).catch(() => [subject]),
      allowed,
      permission,
    );
  }

  async list(query: FactsheetListQuery, principal: Principal) {
    let draftSubjects: string[] | null = [];
    if (seesAllCountries(principal)) draftSubjects = null;
    else if (can(principal, "factsheets:write")) {
      const allowed = await this.deps.national.countryFilter(principal);
      const regions = await this.deps.regions.list();
      // Liaison officers see the drafts of their countries and of regions entirely within their scopes.
      const scopes = principal.user ? await this.scopes(principal) : [];
      draftSubjects = [...scopes, ...regions.filter((r) => r.countries.every(allowed)).map((r) => r.code)];
    }
    const [rows, count] = await this.repo.listFactsheets({ ...query, draftSubjects });
    const items: FactsheetSummary[] = [];
    for (const row of rows) items.push(await this.summary(row, principal));
    return { items, total: Number(count.n), limit: query.limit, offset: query.offset };
  }

  private scopes(principal: Principal): Promise<string[]> {
    return this.deps.national.scopesOf(principal);
  }

  private async summary(row: FactsheetRow, principal: Principal): Promise<FactsheetSummary> {
    const editor = await this.canEdit(principal, row.scope, row.subject);
    // Readers who cannot edit see the last published edition, even while the next one is drafted.
    const status = editor || row.edition === 0 ? row.status : "published";
    return {
      id: row.id,
      scope: row.scope,
      subject: row.subject,
      subjectName: await this.subjectName(row.scope, row.subject),
      year: row.year,
      status,
      edition: row.edition,
      publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
      updatedAt: new Date(row.updated_at).toISOString(),
      version: row.version,
    };
  }

  async create(
    input: { scope: "country" | "region"; subject: string; year: number },
    principal: Principal,
    actor: Actor,
    demo = false,
  ) {
    const subject = input.scope === "country" ? input.subject.toUpperCase() : input.subject.toLowerCase();
    if (input.scope === "country" && !/^[A-Z]{3}$/.test(subject))
      throw new AppError("validation_failed", 400, undefined, [{ path: "body.subject", code: "invalid_country" }]);
    await this.countriesOf(input.scope, subject);
    if (!(await this.canEdit(principal, input.scope, subject))) throw forbidden();
    const row = await this.db.transaction().execute(async (trx) => {
      const created = await this.repo.insertFactsheet(
        trx,
        { scope: input.scope, subject, year: input.year, demo },
        actor.userId,
      );
      if (!created) {
        const existing = await this.repo.findFactsheetBySubject(input.scope, subject, input.year, trx);
        throw conflict({ reason: "factsheet_exists", id: existing?.id });
      }
      await this.changes.record(trx, actor, {
        type: "factsheet",
        action: "create",
        before: null,
        after: created,
        snapshot: snapshotOf,
        audit: { action: "factsheet.create", details: { scope: input.scope, subject, year: input.year } },
      });
      return created;
    });
    return this.get(row.id, principal);
  }

  private async visibleRow(id: string, principal: Principal) {
    const row = await this.repo.findFactsheet(id);
    if (!row) throw notFound("factsheet");
    const editor = await this.canEdit(principal, row.scope, row.subject);
    if (!canReadFactsheet(row, editor)) throw notFound("factsheet");
    return { row, editor };
  }

  /** Live content for editors of an unpublished state; otherwise the frozen content of an edition. */
  async content(
    id: string,
    principal: Principal,
    edition?: number,
  ): Promise<{ row: FactsheetRow; content: FactsheetContent; editor: boolean; edition: number | null }> {
    const { row, editor } = await this.visibleRow(id, principal);
    const wanted = edition ?? (editor && row.status !== "published" ? undefined : row.edition);
    if (wanted !== undefined) {
      const stored = await this.repo.findEdition(row.id, wanted);
      if (!stored) throw notFound("edition");
      const content = withoutUnprotectedFigures(stored.content as FactsheetContent);
      return { row, content, editor, edition: wanted };
    }
    return { row, content: await this.liveContent(row), editor, edition: null };
  }

  private async liveContent(row: FactsheetRow): Promise<FactsheetContent> {
    return buildContent(
      {
        scope: row.scope,
        subject: row.subject,
        title: await this.subjectName(row.scope, row.subject),
        year: row.year,
        countries: await this.countriesOf(row.scope, row.subject),
        notes: row.notes,
        sources: row.sources,
      },
      { repo: this.repo, reader: this.deps.seizures(), facilities: this.facilities },
    );
  }

  async get(id: string, principal: Principal, edition?: number): Promise<Factsheet> {
    const { row, content, editor, edition: shownEdition } = await this.content(id, principal, edition);
    const editions = await this.repo.listEditions(row.id);
    const summary = await this.summary(row, principal);
    // The number and date are those of the edition shown, which is an older one when it was asked for.
    const shown = shownEdition === null ? undefined : editions.find((e) => e.edition === shownEdition);
    return {
      ...summary,
      ...(shown ? { edition: shown.edition, publishedAt: new Date(shown.published_at).toISOString() } : {}),
      notes: editor ? row.notes : content.notes,
      sources: editor ? row.sources : content.sources,
      reviewComment: editor ? row.review_comment : null,
      content,
      editions: editions.map((e) => ({
        edition: e.edition,
        publishedAt: new Date(e.published_at).toISOString(),
        publishedBy: e.published_by_name,
      })),
      can: { edit: editor, publish: await this.canEdit(principal, row.scope, row.subject, "factsheets:publish") },
    };
  }

  async update(
    id: string,
    input: { version: number; notes?: { en?: string; ru?: string }; sources?: string[] },
    principal: Principal,
    actor: Actor,
  ) {
    const before = await this.repo.findFactsheet(id);
    if (!before || before.archived_at) throw notFound("factsheet");
    if (!(await this.canEdit(principal, before.scope, before.subject))) throw forbidden();
    if (before.status !== "draft") throw conflict({ reason: "factsheet_not_draft", status: before.status });
    const notes = input.notes ? Object.fromEntries(Object.entries(input.notes).filter(([, v]) => v)) : undefined;
    await this.db.transaction().execute(async (trx) =>
      this.changes.record(trx, actor, {
        type: "factsheet",
        action: "update",
        before,
        after: await this.repo.updateFactsheet(trx, id, input.version, {
          ...(notes ? { notes } : {}),
          ...(input.sources ? { sources: input.sources } : {}),
        }),
        current: () => this.repo.findFactsheet(id, trx),
        snapshot: snapshotOf,
        audit: { action: "factsheet.update", details: (changes) => ({ changes }) },
      }),
    );
    return this.get(id, principal);
  }

  async transition(id: string, input: FactsheetTransition, principal: Principal, actor: Actor) {
    const before = await this.repo.findFactsheet(id);
    if (!before || before.archived_at) throw notFound("factsheet");
    const rule = TRANSITIONS[input.action];
    if (!(await this.canEdit(principal, before.scope, before.subject, rule.permission))) throw forbidden();
    if (before.status !== rule.from)
      throw conflict({ reason: "invalid_transition", status: before.status, action: input.action });
    const content = input.action === "publish" ? await this.liveContent(before) : null;
    const now = new Date();
    const after = await this.db.transaction().execute(async (trx) => {
      const edition = content ? before.edition + 1 : before.edition;
      // Recorded first: a stale version is refused (409) before an edition is written. Indexed in the same
      // transaction when published: a crash cannot leave a published sheet that search does not find.
      const { row: updated } = await this.changes.record(trx, actor, {
        type: "factsheet",
        action: "transition",
        before,
        after: await this.repo.updateFactsheet(trx, id, input.version, {
          status: rule.to,
          ...(input.action === "submit" ? { submitted_by: actor.userId, submitted_at: now, review_comment: null } : {}),
          ...(input.action === "return"
            ? { reviewed_by: actor.userId, reviewed_at: now, review_comment: input.comment ?? null }
            : {}),
          ...(input.action === "publish"
            ? {
                reviewed_by: actor.userId,
                reviewed_at: now,
                published_at: now,
                edition,
                review_comment: input.comment ?? null,
              }
            : {}),
        }),
        current: () => this.repo.findFactsheet(id, trx),
        snapshot: snapshotOf,
        audit: { action: `factsheet.${input.action}`, details: (changes) => ({ changes, edition }) },
        ...(content ? { search: (row: FactsheetRow) => this.searchDocument(row, content) } : {}),
      });
      if (content) {
        await this.repo.insertEdition(trx, {
          factsheetId: id,
          edition,
          content,
          userId: actor.userId,
          userName: principal.user?.displayName ?? null,
        });
        // Its PDFs are printed once, after the commit, by a job that exists if and only if the edition does.
        await this.deps.pdfs.enqueueEdition(trx, id, edition, actor);
      }
      return updated;
    });
    return this.get(after.id, principal);
  }

  async history(id: string, principal: Principal) {
    const { row, editor } = await this.visibleRow(id, principal);
    if (!editor) throw forbidden();
    return this.deps.revisions.presented("factsheet", row.id);
  }

  /** A published fact sheet's search document, from its row and the content of the edition just frozen. */
  private searchDocument(row: FactsheetRow, content: FactsheetContent): SearchDocument {
    const title = {
      en: `Fact sheet ${content.title.en ?? row.subject} ${row.year}`,
      ru: `Информационный бюллетень: ${content.title.ru ?? content.title.en ?? row.subject}, ${row.year}`,
    };
    return {
      entityType: "factsheet",
      entityId: row.id,
      title,
      body: [
        content.notes.en,
        content.notes.ru,
        ...content.countries.map((c) => `${c.code} ${c.name.en ?? ""} ${c.name.ru ?? ""}`),
      ]
        .filter(Boolean)
        .join(" "),
      url: `/factsheets/${row.id}`,
      access: "public",
    };
  }
}
