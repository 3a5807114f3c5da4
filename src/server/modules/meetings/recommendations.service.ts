import type { Kysely } from "kysely";
import type { Language } from "../../../common/localized.js";
import type {
  Heatmap,
  Progress,
  RecommendationDetail,
  RecommendationInput,
  RecommendationList,
  RecommendationListQuery,
  RecommendationRef,
  RecommendationStatus,
  RecommendationSummary,
  RecommendationUpdate,
  Report,
  ReportInput,
  SnapshotDetail,
  TransitionInput,
} from "../../../common/meetings.js";
import meetingsEn from "../../../web/i18n/modules/meetings.en.json" with { type: "json" };
import meetingsRu from "../../../web/i18n/modules/meetings.ru.json" with { type: "json" };
import projectsEn from "../../../web/i18n/modules/projects.en.json" with { type: "json" };
import projectsRu from "../../../web/i18n/modules/projects.ru.json" with { type: "json" };
import type { DB } from "../../db/schema.js";
import { can, canActOnPartner, type Principal } from "../../http/access-policy.js";
import { AppError, type FieldError, forbidden, notFound, validationFailed } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { type ChangeAudit, ChangeRecorder } from "../../platform/changes.js";
import { dateCell, type ExportColumn, labelsFrom, localizeColumns } from "../../platform/export-labels.js";
import type { RevisionService } from "../../platform/revisions.js";
import type { SearchDocument, SearchService } from "../../platform/search.js";
import { writeCsv, writeXlsx } from "../../platform/tabular.js";
import type { PartnersService } from "../partners/partners.service.js";
import { snapshotOf } from "./meetings.present.js";
import type { MeetingsService } from "./meetings.service.js";
import { allowedTransitions, canTransition, ENDORSING_KINDS, REPORTABLE } from "./recommendations.lifecycle.js";
import { canReadRecommendation, recommendationAbilities, transitionsFor } from "./recommendations.policy.js";
import { RecommendationsRepository } from "./recommendations.repository.js";

type Row = NonNullable<Awaited<ReturnType<RecommendationsRepository["find"]>>>;
/** A recommendation as stored (what a write returns), without what the reads join in. */
type Stored = Awaited<ReturnType<RecommendationsRepository["insert"]>>;
type ReportRow = Awaited<ReturnType<RecommendationsRepository["reports"]>>[number];

const STATUS_VALUE = { not_started: 0, partial: 1, done: 2 } as const;

/** Field errors of the lifecycle, with their message in both languages. */
const TRANSITION_MESSAGES: Record<string, (p: Record<string, string>) => Record<Language, string>> = {
  endorsing_meeting_required: () => ({
    en: "Choose the meeting that endorsed it: a Policy Consultative Group meeting or a ministerial conference.",
    ru: "Выберите одобрившее совещание: совещание Группы по консультациям по вопросам политики или конференцию министров.",
  }),
  endorsement_before_adoption: () => ({
    en: "The endorsing meeting took place before the recommendation was adopted.",
    ru: "Одобрившее совещание состоялось раньше, чем рекомендация была принята.",
  }),
  successor_required: () => ({
    en: "Choose the recommendation that replaces this one.",
    ru: "Выберите рекомендацию, которая заменяет эту.",
  }),
  transition_before_previous: (p) => ({
    en: `The date cannot be before the previous step of the lifecycle (${p.previous}).`,
    ru: `Дата не может быть раньше предыдущего этапа жизненного цикла (${p.previous}).`,
  }),
};

function transitionField(path: string, code: string, params: Record<string, string> = {}): FieldError {
  const messages = TRANSITION_MESSAGES[code]?.(params);
  return { path, code, ...(Object.keys(params).length ? { params } : {}), ...(messages ? { messages } : {}) };
}

/**
 * The stored row of a recommendation, for its history: without the meeting title, date and report count the
 * reads join in, which an update's returned row does not have (they read as changed to null on every step).
 */
function storedOf(row: Row): Record<string, unknown> {
  const { meeting_title, meeting_date, meeting_visibility, endorsed_title, report_count, ...stored } = row;
  return snapshotOf(stored);
}

function toSummary(r: Row): RecommendationSummary {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    meetingTitle: r.meeting_title,
    meetingDate: r.meeting_date,
    number: r.number,
    text: r.text,
    pillar: r.pillar,
    themes: r.themes,
    commitments: r.commitments,
    priority: r.priority,
    status: r.status as RecommendationStatus,
    visibility: r.visibility as "public",
    endorsedBy:
      r.endorsed_by_meeting_id && r.endorsed_title ? { id: r.endorsed_by_meeting_id, title: r.endorsed_title } : null,
    reportCount: Number(r.report_count ?? 0),
  };
}

function toReport(r: ReportRow): Report {
  return {
    id: r.id,
    partnerCode: r.partner_code,
    status: r.status as Report["status"],
    narrative: r.narrative,
    evidence: r.evidence,
    byCoordinator: r.by_coordinator,
    reporterName: r.reporter_name,
    reportedAt: new Date(r.reported_at).toISOString(),
  };
}

const searchText = (r: { number: string; text: { en?: string; ru?: string }; themes: string[] }) =>
  [r.number, r.text.en, r.text.ru, ...r.themes].filter(Boolean).join(" ");

/** Recommendations with their lifecycle, partners' implementation reports and stock-taking snapshots. */
const label = labelsFrom(meetingsEn, meetingsRu);
const themeLabel = labelsFrom(projectsEn, projectsRu);

/** The recommendations export, in the reader's language (the number and the commitments are references). */
const RECOMMENDATION_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { key: "meeting", header: { en: "Meeting", ru: "Совещание" }, width: 50 },
  { key: "meetingDate", header: { en: "Date", ru: "Дата" }, width: 12, kind: "date" },
  { key: "number", header: { en: "No.", ru: "№" }, width: 8, kind: "code" },
  { key: "pillar", header: { en: "Pillar", ru: "Направление" }, width: 12, kind: "integer" },
  { key: "status", header: { en: "Status", ru: "Статус" }, width: 16 },
  { key: "priority", header: { en: "Priority", ru: "Приоритет" }, width: 10 },
  { key: "textEn", header: { en: "Text (English)", ru: "Текст (англ.)" }, width: 80 },
  { key: "textRu", header: { en: "Text (Russian)", ru: "Текст (рус.)" }, width: 80 },
  { key: "themes", header: { en: "Themes", ru: "Темы" }, width: 30 },
  { key: "commitments", header: { en: "Commitments", ru: "Обязательства" }, width: 20, kind: "code" },
  { key: "endorsedBy", header: { en: "Endorsed by", ru: "Одобрена" }, width: 40 },
  { key: "done", header: { en: "Done", ru: "Выполнено" }, width: 10, kind: "integer" },
  { key: "partial", header: { en: "Partial", ru: "Частично" }, width: 10, kind: "integer" },
  { key: "notStarted", header: { en: "Not started", ru: "Не начато" }, width: 10, kind: "integer" },
];

export class RecommendationsService {
  readonly repo: RecommendationsRepository;
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly meetings: MeetingsService,
    private readonly deps: {
      audit: AuditService;
      revisions: RevisionService;
      search: SearchService;
      partners: PartnersService;
      /** The read replica for the heatmap and progress charts (DATABASE_READ_URL); the primary when absent. */
      readDb?: Kysely<DB>;
    },
  ) {
    this.repo = new RecommendationsRepository(db, deps.readDb);
    this.changes = new ChangeRecorder(deps);
    deps.search.registerType("recommendation", { en: "Recommendations", ru: "Рекомендации" });
  }

  async list(query: RecommendationListQuery, principal: Principal): Promise<RecommendationList> {
    const { items, total } = await this.repo.list(query, !!principal.user);
    return { items: items.map(toSummary), total, limit: query.limit, offset: query.offset };
  }

  private async visible(id: string, principal: Principal): Promise<Row> {
    const row = await this.repo.find(id);
    if (!row) throw notFound("recommendation");
    const meeting = principal.user ? undefined : await this.meetings.repo.findMeeting(row.meeting_id);
    if (!canReadRecommendation(principal, row, meeting?.visibility)) throw notFound("recommendation");
    return row;
  }

  async get(id: string, principal: Principal): Promise<RecommendationDetail> {
    const row = await this.visible(id, principal);
    const [transitions, reports] = await Promise.all([
      this.repo.transitions(id),
      principal.user ? this.repo.reports(id) : Promise.resolve([]),
    ]);
    const latest = new Map<string, ReportRow>();
    for (const r of reports) if (!latest.has(r.partner_code)) latest.set(r.partner_code, r);
    return {
      ...toSummary(row),
      successorId: row.successor_id,
      transitions: transitions.map((t) => ({
        id: t.id,
        from: t.from_status as RecommendationStatus | null,
        to: t.to_status as RecommendationStatus,
        on: t.effective_on,
        recordedAt: new Date(t.recorded_at).toISOString(),
        actorName: t.actor_name,
        meeting: t.meeting_id && t.meeting_title ? { id: t.meeting_id, title: t.meeting_title } : null,
        successorId: t.successor_id,
        note: t.note,
      })),
      reports: reports.map(toReport),
      latestByPartner: [...latest.values()].sort((a, b) => a.partner_code.localeCompare(b.partner_code)).map(toReport),
      allowedTransitions: transitionsFor(principal, row),
      can: recommendationAbilities(principal, row),
      version: row.version,
    };
  }

  async create(input: RecommendationInput, actor: Actor, principal: Principal): Promise<RecommendationDetail> {
    const meeting = await this.meetings.repo.findMeeting(input.meetingId);
    if (!meeting) throw validationFailed([{ path: "body.meetingId", code: "unknown_meeting" }]);
    if (await this.repo.numberTaken(input.meetingId, input.number)) {
      throw validationFailed([{ path: "body.number", code: "number_taken" }]);
    }
    const id = await this.db.transaction().execute(async (trx) => {
      const created = await this.repo.insert(trx, {
        meeting_id: input.meetingId,
        number: input.number,
        text: JSON.stringify(input.text),
        pillar: input.pillar,
        themes: JSON.stringify(input.themes),
        commitments: JSON.stringify(input.commitments),
        priority: input.priority,
        visibility: input.visibility,
        search_text: searchText(input),
        created_by: actor.userId,
      });
      await this.repo.insertTransition(trx, {
        recommendation_id: created.id,
        from_status: null,
        to_status: "draft",
        effective_on: meeting.start_date,
        actor_id: actor.userId,
        actor_name: principal.user?.displayName ?? actor.label,
        meeting_id: meeting.id,
      });
      const { row } = await this.changes.record(trx, actor, {
        type: "recommendation",
        action: "create",
        before: null,
        after: created,
        snapshot: snapshotOf,
        audit: { action: "recommendation.create" },
        search: (r) => searchDocument(r, meeting),
      });
      return row.id;
    });
    return this.get(id, principal);
  }

  async update(id: string, input: RecommendationUpdate, actor: Actor, principal: Principal) {
    const { version, ...changes } = input;
    if (Object.keys(changes).length === 0) throw validationFailed([{ path: "body", code: "nothing_to_change" }]);
    const before = await this.repo.find(id);
    if (!before) throw notFound("recommendation");
    if (changes.number && (await this.repo.numberTaken(before.meeting_id, changes.number, id))) {
      throw validationFailed([{ path: "body.number", code: "number_taken" }]);
    }
    const merged = {
      number: changes.number ?? before.number,
      text: changes.text ?? before.text,
      themes: changes.themes ?? before.themes,
    };
    await this.db.transaction().execute(async (trx) => {
      const values: Record<string, unknown> = { search_text: searchText(merged) };
      if (changes.number !== undefined) values.number = changes.number;
      if (changes.text !== undefined) values.text = JSON.stringify(changes.text);
      if (changes.pillar !== undefined) values.pillar = changes.pillar;
      if (changes.themes !== undefined) values.themes = JSON.stringify(changes.themes);
      if (changes.commitments !== undefined) values.commitments = JSON.stringify(changes.commitments);
      if (changes.priority !== undefined) values.priority = changes.priority;
      if (changes.visibility !== undefined) values.visibility = changes.visibility;
      const after = await this.repo.update(trx, id, version, values);
      await this.recordChange(trx, actor, "update", before, after, { action: "recommendation.update" });
    });
    return this.get(id, principal);
  }

  /** Moves a recommendation along its lifecycle; the transition is dated, attributed and kept. */
  async transition(id: string, input: TransitionInput, actor: Actor, principal: Principal) {
    const current = await this.repo.find(id);
    if (!current) throw notFound("recommendation");
    const from = current.status as RecommendationStatus;
    if (!canTransition(from, input.to)) {
      throw new AppError("invalid_transition", 409, { from, to: input.to, allowed: allowedTransitions(from) });
    }
    let on = input.on;
    let endorsedBy: string | null | undefined;
    if (input.to === "endorsed") {
      const pcgm = input.meetingId ? await this.meetings.repo.findMeeting(input.meetingId) : undefined;
      if (!pcgm || !ENDORSING_KINDS.includes(pcgm.kind)) {
        throw validationFailed([transitionField("body.meetingId", "endorsing_meeting_required")]);
      }
      if (pcgm.start_date < current.meeting_date) {
        throw validationFailed([transitionField("body.meetingId", "endorsement_before_adoption")]);
      }
      endorsedBy = pcgm.id;
      on = on ?? pcgm.start_date;
    }
    if (input.to === "superseded" || input.to === "merged") {
      const successor = input.successorId ? await this.repo.find(input.successorId) : undefined;
      if (!successor || successor.id === id) {
        throw validationFailed([transitionField("body.successorId", "successor_required")]);
      }
    }
    const effective = on ?? new Date().toISOString().slice(0, 10);
    await this.db.transaction().execute(async (trx) => {
      // A lifecycle reads forward: no step dated before the one it follows (the adoption included).
      const previous = await this.repo.lastTransitionOn(trx, id);
      if (previous && effective < previous) {
        throw validationFailed([transitionField("body.on", "transition_before_previous", { previous })]);
      }
      const after = await this.recordChange(
        trx,
        actor,
        "transition",
        current,
        await this.repo.update(trx, id, input.version, {
          status: input.to,
          ...(endorsedBy ? { endorsed_by_meeting_id: endorsedBy } : {}),
          ...(input.successorId && (input.to === "superseded" || input.to === "merged")
            ? { successor_id: input.successorId }
            : {}),
        }),
        { action: "recommendation.transition", details: { from, to: input.to, on: effective } },
      );
      await this.repo.insertTransition(trx, {
        recommendation_id: id,
        from_status: from,
        to_status: input.to,
        effective_on: effective,
        actor_id: actor.userId,
        actor_name: principal.user?.displayName ?? actor.label,
        meeting_id: endorsedBy ?? input.meetingId ?? null,
        successor_id: input.successorId ?? null,
        note: input.note ?? null,
      });
      return after;
    });
    return this.get(id, principal);
  }

  /** A partner's implementation report: its focal point, or a coordinator (marked as such). */
  async report(id: string, input: ReportInput, actor: Actor, principal: Principal): Promise<Report> {
    const rec = await this.repo.find(id);
    if (!rec) throw notFound("recommendation");
    const partnerCode = input.partnerCode.toUpperCase();
    if (!(await this.deps.partners.exists(partnerCode))) {
      throw validationFailed([{ path: "body.partnerCode", code: "unknown_partner" }]);
    }
    if (!canActOnPartner(principal, partnerCode)) throw forbidden();
    await this.meetings.requireOwnFiles(input.evidence, principal);
    if (!REPORTABLE.includes(rec.status as RecommendationStatus)) {
      throw new AppError("invalid_transition", 409, { reason: "not_reportable", status: rec.status });
    }
    const row = await this.db.transaction().execute(async (trx) => {
      const saved = await this.repo.insertReport(trx, {
        recommendation_id: id,
        partner_code: partnerCode,
        status: input.status,
        narrative: input.narrative ? JSON.stringify(input.narrative) : null,
        evidence: JSON.stringify(input.evidence),
        // Reported for a partner by someone who acts for every partner (the Coordination Unit), not its own focal point.
        by_coordinator: can(principal, "partners:all"),
        reporter_id: actor.userId,
        reporter_name: principal.user?.displayName ?? actor.label,
        reported_at: new Date(),
      });
      // Reports are kept as rows of their own (never edited): the recommendation's audit trail names each one.
      await this.changes.event(
        actor,
        {
          action: "recommendation.report",
          objectType: "recommendation",
          objectId: id,
          details: { partnerCode, status: input.status, reportId: saved.id },
        },
        trx,
      );
      return saved;
    });
    return toReport(row);
  }

  /** Latest status of every partner that reported, per recommendation (drafts left out). */
  async heatmap(
    filter: { pillar?: number | undefined; meetingId?: string | undefined },
    principal: Principal,
  ): Promise<Heatmap> {
    const analysis = await this.repo.forAnalysis({ ...filter }, !!principal.user, 2000);
    const recs = analysis.recs.filter((r) => r.status !== "draft");
    const shown = new Set(recs.map((r) => r.id));
    const reports = analysis.reports.filter((r) => shown.has(r.recommendation_id));
    const latest = new Map<string, string>();
    for (const r of reports) latest.set(`${r.recommendation_id}|${r.partner_code}`, r.status);
    const partners = [...new Set(reports.map((r) => r.partner_code))].sort();
    const recIndex = new Map(recs.map((r, i) => [r.id, i]));
    const partnerIndex = new Map(partners.map((p, i) => [p, i]));
    const cells: [number, number, number][] = [];
    for (const [key, status] of latest) {
      const [recId = "", partner = ""] = key.split("|");
      cells.push([
        recIndex.get(recId) ?? 0,
        partnerIndex.get(partner) ?? 0,
        STATUS_VALUE[status as keyof typeof STATUS_VALUE],
      ]);
    }
    return {
      recommendations: recs.map((r) => ({ id: r.id, number: r.number, text: r.text })),
      partners,
      cells,
    };
  }

  /** For each month since the first report: how many recommendation × partner pairs stood at each status. */
  async progress(
    filter: { pillar?: number | undefined; meetingId?: string | undefined },
    principal: Principal,
  ): Promise<Progress> {
    const { reports } = await this.repo.forAnalysis({ ...filter }, !!principal.user, 2000);
    if (reports.length === 0) return { points: [] };
    const monthOf = (d: Date | string) => new Date(d).toISOString().slice(0, 7);
    const first = monthOf(reports[0]?.reported_at ?? new Date());
    const last = monthOf(new Date());
    const points: Progress["points"] = [];
    const state = new Map<string, string>();
    let i = 0;
    for (let month = first; month <= last; month = nextMonth(month)) {
      while (i < reports.length && monthOf((reports[i] as (typeof reports)[number]).reported_at) <= month) {
        const r = reports[i] as (typeof reports)[number];
        state.set(`${r.recommendation_id}|${r.partner_code}`, r.status);
        i += 1;
      }
      const values = [...state.values()];
      points.push({
        month,
        notStarted: values.filter((v) => v === "not_started").length,
        partial: values.filter((v) => v === "partial").length,
        done: values.filter((v) => v === "done").length,
      });
    }
    return { points };
  }

  async export(
    filter: Omit<RecommendationListQuery, "limit" | "offset">,
    format: "xlsx" | "csv",
    lang: Language,
    principal: Principal,
  ): Promise<Buffer> {
    const rows = await this.repo.listAll(filter, !!principal.user);
    const reports = principal.user ? await this.repo.reportsOf(rows.map((r) => r.id)) : [];
    const latest = new Map<string, Map<string, string>>();
    for (const r of reports) {
      const m = latest.get(r.recommendation_id) ?? new Map<string, string>();
      m.set(r.partner_code, r.status);
      latest.set(r.recommendation_id, m);
    }
    const ru = lang === "ru";
    const columns = localizeColumns(RECOMMENDATION_EXPORT_COLUMNS, lang);
    const pick = (t: { en?: string; ru?: string } | null) => (ru ? (t?.ru ?? t?.en) : (t?.en ?? t?.ru)) ?? "";
    const data = rows.map((r) => {
      const statuses = [...(latest.get(r.id)?.values() ?? [])];
      return {
        meeting: pick(r.meeting_title),
        meetingDate: dateCell(r.meeting_date),
        number: r.number,
        pillar: r.pillar,
        status: label("meetings.status", r.status, lang),
        priority: r.priority ? (ru ? "да" : "yes") : "",
        textEn: r.text.en ?? "",
        textRu: r.text.ru ?? "",
        // Themes share the projects' list of codes; one outside it is the coordinator's own word, kept as written.
        themes: r.themes.map((t) => themeLabel("projects.theme", t, lang)).join("; "),
        commitments: r.commitments.join("; "),
        endorsedBy: pick(r.endorsed_title),
        done: statuses.filter((s) => s === "done").length,
        partial: statuses.filter((s) => s === "partial").length,
        notStarted: statuses.filter((s) => s === "not_started").length,
      };
    });
    if (format === "csv") return writeCsv(columns, data);
    return writeXlsx([{ name: ru ? "Рекомендации" : "Recommendations", columns, rows: data }], {
      title: ru ? "Рекомендации Парижского пакта" : "Paris Pact recommendations",
    });
  }

  /** Freezes the statuses of every recommendation of a pillar at a stock-taking meeting. */
  async takeSnapshot(meetingId: string, pillar: number, actor: Actor, principal: Principal) {
    const meeting = await this.meetings.repo.findMeeting(meetingId);
    if (!meeting) throw notFound("meeting");
    const id = await this.db.transaction().execute(async (trx) => {
      const recs = await this.repo.ofPillar(trx, pillar);
      const reports = await this.repo.reportsOf(
        recs.map((r) => r.id),
        trx,
      );
      const latest = new Map<string, { partnerCode: string; status: string; reportedAt: string }>();
      for (const r of reports) {
        latest.set(`${r.recommendation_id}|${r.partner_code}`, {
          partnerCode: r.partner_code,
          status: r.status,
          reportedAt: new Date(r.reported_at).toISOString(),
        });
      }
      const items = recs.map((r) => ({
        recommendationId: r.id,
        number: r.number,
        text: r.text,
        status: r.status,
        reports: [...latest.entries()].filter(([k]) => k.startsWith(`${r.id}|`)).map(([, v]) => v),
      }));
      const saved = await this.meetings.repo.insertSnapshot(trx, {
        meeting_id: meetingId,
        pillar,
        taken_by: actor.userId,
        taken_by_name: principal.user?.displayName ?? actor.label,
        items: JSON.stringify(items),
      });
      if (!saved) throw new AppError("conflict", 409, { reason: "snapshot_exists" });
      // A stock-taking snapshot is immutable once taken: its creation is the one event to account for.
      await this.changes.event(
        actor,
        {
          action: "meeting.snapshot",
          objectType: "meeting",
          objectId: meetingId,
          details: { pillar, items: items.length },
        },
        trx,
      );
      return saved.id;
    });
    return this.snapshot(id, principal);
  }

  async snapshot(id: string, principal: Principal): Promise<SnapshotDetail> {
    const row = await this.meetings.repo.findSnapshot(id);
    if (!row) throw notFound("snapshot");
    const meeting = await this.meetings.visible(row.meeting_id, principal);
    const items = row.items as SnapshotDetail["items"];
    return {
      id: row.id,
      meetingId: row.meeting_id,
      meetingTitle: meeting.title,
      pillar: row.pillar,
      takenAt: new Date(row.taken_at).toISOString(),
      takenByName: row.taken_by_name,
      recommendationCount: items.length,
      items,
    };
  }

  /** Read API for other modules (ADAM links recommendations by id). */
  async getRecommendationSummary(id: string): Promise<RecommendationRef | null> {
    const row = await this.repo.find(id).catch(() => undefined);
    if (!row) return null;
    return {
      id: row.id,
      number: row.number,
      meetingId: row.meeting_id,
      pillar: row.pillar,
      status: row.status as RecommendationStatus,
      text: row.text,
      visibility: row.visibility as "public",
    };
  }

  /** Re-indexes every recommendation (after bulk writes such as the demo data). */
  async indexAll() {
    for (const r of await this.repo.listAll({}, true)) await this.index(r.id);
  }

  private async index(id: string) {
    const row = await this.repo.find(id);
    if (row)
      await this.deps.search.upsert(
        searchDocument(row, { title: row.meeting_title, visibility: row.meeting_visibility }),
      );
  }

  /**
   * Records an update or a transition from the row read before it (its meeting's title and visibility come with
   * it, so the search document needs no further read); a stale version reads the recommendation again for the 409.
   */
  private async recordChange(
    trx: Kysely<DB>,
    actor: Actor,
    action: "update" | "transition",
    before: Row,
    after: Stored | undefined,
    audit: ChangeAudit,
  ): Promise<Stored> {
    const meeting = { title: before.meeting_title, visibility: before.meeting_visibility };
    const { row } = await this.changes.record<Stored>(trx, actor, {
      type: "recommendation",
      action,
      before: storedOf(before) as Stored,
      after,
      current: () => this.repo.find(before.id, trx),
      snapshot: snapshotOf,
      audit,
      search: (r) => searchDocument(r, meeting),
    });
    return row;
  }
}

/** A recommendation in the global search: public only when it, its meeting and its step are public. */
function searchDocument(
  row: Stored,
  meeting: { title: { en?: string; ru?: string }; visibility: string },
): SearchDocument {
  const isPublic = row.visibility === "public" && meeting.visibility === "public" && row.status !== "draft";
  return {
    entityType: "recommendation",
    entityId: row.id,
    title: {
      en: `Recommendation ${row.number} — ${meeting.title.en ?? meeting.title.ru}`,
      ru: `Рекомендация ${row.number} — ${meeting.title.ru ?? meeting.title.en}`,
    },
    body: searchText(row),
    url: `/recommendations/${row.id}`,
    access: isPublic ? "public" : "members",
  };
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}
