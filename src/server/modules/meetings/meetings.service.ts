import { isDeepStrictEqual } from "node:util";
import ical, { ICalCalendarMethod } from "ical-generator";
import type { Kysely } from "kysely";
import type { Language } from "../../../common/localized.js";
import type {
  MeetingDetail,
  MeetingInput,
  MeetingList,
  MeetingListQuery,
  MeetingRef,
  MeetingSummary,
  MeetingUpdate,
} from "../../../common/meetings.js";
import type { Revision } from "../../../common/partners.js";
import type { DB } from "../../db/schema.js";
import { canSee, type Principal } from "../../http/access-policy.js";
import { notFound, validationFailed } from "../../http/errors.js";
import { type Actor, type AuditService, SYSTEM_ACTOR } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { FileService } from "../../platform/files.js";
import type { RevisionService } from "../../platform/revisions.js";
import type { SearchDocument, SearchService } from "../../platform/search.js";
import { type MeetingRef as ReferenceMeeting, referenceMeetings } from "../../reference/data/meetings.js";
import type { PartnersService } from "../partners/partners.service.js";
import {
  enteredAttendance,
  meetingColumns,
  type RegistrationTotals,
  snapshotOf,
  toMeetingSummary,
} from "./meetings.present.js";
import { type MeetingRow, MeetingsRepository } from "./meetings.repository.js";

export interface MeetingsDeps {
  audit: AuditService;
  revisions: RevisionService;
  search: SearchService;
  partners: PartnersService;
  files: Pick<FileService, "getOwn">;
}

const KIND_LABEL: Record<string, { en: string; ru: string }> = {
  ministerial_conference: { en: "Ministerial conference", ru: "Конференция министров" },
  pcgm: { en: "Policy Consultative Group meeting", ru: "Совещание Группы по консультациям по вопросам политики" },
  ewg: { en: "Expert working group", ru: "Экспертная рабочая группа" },
  expert_round_table: { en: "Expert round table", ru: "Экспертный круглый стол" },
  informal_consultation: { en: "Informal consultation", ru: "Неофициальная консультация" },
  training: { en: "Training", ru: "Тренинг" },
  other: { en: "Event", ru: "Мероприятие" },
};

/** A meeting row as a write returns it (without the read's recommendation count). */
type MeetingWritten = Awaited<ReturnType<MeetingsRepository["insertMeeting"]>>;

const text = (t: { en?: string; ru?: string } | null | undefined, lang: Language) =>
  (lang === "ru" ? (t?.ru ?? t?.en) : (t?.en ?? t?.ru)) ?? "";

/** Meetings of the consultative mechanism: the chronological record, the calendar, and the historic reference. */
export class MeetingsService {
  readonly repo: MeetingsRepository;
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: MeetingsDeps,
  ) {
    this.repo = new MeetingsRepository(db);
    this.changes = new ChangeRecorder(deps);
    deps.search.registerType("meeting", { en: "Meetings", ru: "Совещания" });
  }

  /** Attendance computed from approved registrations (attended ones once attendance is marked), per meeting. */
  async totalsFor(meetingIds: string[]): Promise<Map<string, RegistrationTotals>> {
    const rows = await this.repo.registrationStats(meetingIds);
    const result = new Map<string, RegistrationTotals>();
    if (rows.length === 0) return result;
    const kinds = new Map((await this.deps.partners.list({})).items.map((p) => [p.code, p.kind]));
    for (const id of new Set(rows.map((r) => r.meeting_id))) {
      const mine = rows.filter((r) => r.meeting_id === id);
      const marked = mine.some((r) => r.attended !== null);
      const counted = marked ? mine.filter((r) => r.attended === true) : mine;
      const codes = new Set(counted.map((r) => r.partner_code).filter((c): c is string => !!c));
      result.set(id, {
        participants: counted.reduce((n, r) => n + Number(r.n), 0),
        inPerson: counted.filter((r) => r.attendance_mode === "in_person").reduce((n, r) => n + Number(r.n), 0),
        countries: [...codes].filter((c) => kinds.get(c) === "country").length,
        organizations: [...codes].filter((c) => kinds.get(c) === "organization").length,
      });
    }
    return result;
  }

  async list(query: MeetingListQuery, principal: Principal): Promise<MeetingList> {
    const { items, total } = await this.repo.listMeetings(query, !!principal.user);
    const totals = await this.totalsFor(items.map((m) => m.id));
    return {
      items: items.map((m) => toMeetingSummary(m as MeetingRow, totals.get(m.id))),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** The meeting if the principal may see it; members-only meetings are "not found" to visitors. */
  async visible(id: string, principal: Principal): Promise<MeetingRow> {
    const row = await this.repo.findMeeting(id);
    if (!row || !canSee(principal, row.visibility as "public" | "members")) throw notFound("meeting");
    return row;
  }

  async get(id: string, principal: Principal): Promise<MeetingDetail> {
    const row = await this.visible(id, principal);
    const [totals, snapshots, mine] = await Promise.all([
      this.totalsFor([id]),
      this.repo.listSnapshots(id),
      principal.user ? this.repo.findRegistrationOf(id, principal.user.id) : undefined,
    ]);
    return {
      ...toMeetingSummary(row, totals.get(id)),
      theme: row.theme,
      agenda: row.agenda,
      outcome: row.outcome,
      documents: row.documents,
      enteredAttendance: enteredAttendance(row),
      stocktaking: row.stocktaking,
      provenance: row.provenance,
      snapshots: snapshots.map((s) => ({
        id: s.id,
        meetingId: s.meeting_id,
        pillar: s.pillar,
        takenAt: new Date(s.taken_at).toISOString(),
        takenByName: s.taken_by_name,
        recommendationCount: Number(s.n),
      })),
      myRegistration: mine
        ? {
            id: mine.id,
            status: mine.status as "requested",
            invited: mine.invited,
            attendanceMode: mine.attendance_mode as "in_person",
            listConsent: mine.list_consent,
            declineReason: mine.decline_reason,
            version: mine.version,
          }
        : null,
      version: row.version,
    };
  }

  private checkDates(input: Partial<MeetingInput>, current?: MeetingRow) {
    const start = input.startDate ?? current?.start_date;
    const end = input.endDate !== undefined ? input.endDate : current?.end_date;
    if (start && end && end < start) throw validationFailed([{ path: "body.endDate", code: "end_before_start" }]);
  }

  /**
   * A file newly attached (a meeting's documents, a report's evidence) must be the attacher's own upload (404
   * otherwise, as for a file that does not exist); those already attached stay whoever edits the list.
   */
  async requireOwnFiles(
    items: { fileId?: string | undefined }[] | undefined,
    principal: Principal,
    kept: unknown = [],
  ) {
    const known = new Set((Array.isArray(kept) ? kept : []).map((d: { fileId?: string }) => d?.fileId));
    for (const item of items ?? []) {
      if (item.fileId && !known.has(item.fileId)) await this.deps.files.getOwn(item.fileId, principal);
    }
  }

  async create(input: MeetingInput, actor: Actor, principal: Principal): Promise<MeetingDetail> {
    this.checkDates(input);
    await this.requireOwnFiles(input.documents, principal);
    const row = await this.db.transaction().execute(async (trx) => {
      const created = await this.repo.insertMeeting(trx, { ...meetingColumns(input), created_by: actor.userId });
      return this.recordChange(trx, actor, "create", null, created);
    });
    return this.get(row.id, principal);
  }

  async update(id: string, input: MeetingUpdate, actor: Actor, principal: Principal): Promise<MeetingDetail> {
    const { version, ...changes } = input;
    if (Object.keys(changes).length === 0) throw validationFailed([{ path: "body", code: "nothing_to_change" }]);
    if (changes.documents)
      await this.requireOwnFiles(changes.documents, principal, (await this.repo.findMeeting(id))?.documents);
    const row = await this.db.transaction().execute(async (trx) => {
      const before = await this.repo.findMeeting(id, trx);
      if (!before) throw notFound("meeting");
      this.checkDates(changes, before);
      const after = await this.repo.updateMeeting(trx, id, version, meetingColumns(changes));
      return this.recordChange(trx, actor, "update", before, after);
    });
    return this.get(row.id, principal);
  }

  /**
   * Records a meeting's change (revision, audit unless the platform made it, search document) in its transaction;
   * a versioned write that matched nothing is read again, since under concurrency `before` may predate the change
   * that won (the 409 must show it). The reference load is the platform's own and has no audit entry.
   */
  private async recordChange(
    trx: Kysely<DB>,
    actor: Actor,
    action: "create" | "update",
    before: MeetingWritten | null,
    after: MeetingWritten | undefined,
  ): Promise<MeetingWritten> {
    const { row } = await this.changes.record(trx, actor, {
      type: "meeting",
      action,
      before,
      after,
      current: () => this.repo.findMeeting(before?.id ?? "", trx),
      snapshot: snapshotOf,
      audit:
        actor === SYSTEM_ACTOR // only the reference load writes as the platform
          ? null
          : {
              action: `meeting.${action}`,
              ...(action === "update" ? { details: (diff) => ({ fields: Object.keys(diff) }) } : {}),
            },
      search: (r) => this.searchDocument(r),
    });
    return row;
  }

  async history(id: string): Promise<Revision[]> {
    const revisions = await this.deps.revisions.presented("meeting", id);
    if (revisions.length === 0) throw notFound("meeting");
    return revisions;
  }

  /** Read API for other modules (ADAM links meetings by id). */
  async getMeetingSummary(id: string): Promise<MeetingRef | null> {
    const row = await this.repo.findMeeting(id).catch(() => undefined);
    if (!row) return null;
    return {
      id: row.id,
      kind: row.kind as MeetingRef["kind"],
      title: row.title,
      startDate: row.start_date,
      visibility: row.visibility as MeetingRef["visibility"],
    };
  }

  async summaries(ids: string[]): Promise<Map<string, MeetingSummary>> {
    const out = new Map<string, MeetingSummary>();
    for (const id of ids) {
      const row = await this.repo.findMeeting(id);
      if (row) out.set(id, toMeetingSummary(row, undefined));
    }
    return out;
  }

  /** Upcoming meetings the principal may see, as an iCalendar feed. */
  async calendar(principal: Principal, lang: Language, publicUrl: string): Promise<string> {
    const today = new Date().toISOString().slice(0, 10);
    const rows = await this.repo.upcoming(today, !!principal.user);
    const cal = ical({
      name: lang === "ru" ? "Совещания Парижского пакта" : "Paris Pact meetings",
      prodId: { company: "UNODC", product: "Paris Pact Platform", language: lang.toUpperCase() },
      method: ICalCalendarMethod.PUBLISH,
    });
    for (const m of rows) {
      const start = new Date(`${m.start_date}T00:00:00Z`);
      const endDay = new Date(`${m.end_date ?? m.start_date}T00:00:00Z`);
      endDay.setUTCDate(endDay.getUTCDate() + 1);
      cal.createEvent({
        id: `${m.id}@paris-pact`,
        start,
        end: endDay,
        allDay: true,
        summary: text(m.title, lang),
        description: [text(KIND_LABEL[m.kind], lang), text(m.theme, lang)].filter(Boolean).join(" — "),
        location: [text(m.city, lang), m.country].filter(Boolean).join(", ") || null,
        url: `${publicUrl}/meetings/${m.id}`,
      });
    }
    return cal.toString();
  }

  private searchDocument(row: MeetingWritten): SearchDocument {
    return {
      entityType: "meeting",
      entityId: row.id,
      title: row.title,
      body: [
        KIND_LABEL[row.kind]?.en,
        KIND_LABEL[row.kind]?.ru,
        row.theme?.en,
        row.theme?.ru,
        row.host?.en,
        row.host?.ru,
        row.city?.en,
        row.city?.ru,
        row.start_date,
        row.outcome?.en,
        row.outcome?.ru,
      ]
        .filter(Boolean)
        .join(" "),
      url: `/meetings/${row.id}`,
      access: row.visibility === "public" ? "public" : "members",
    };
  }

  async indexForSearch() {
    for (const row of await this.repo.allForIndex()) await this.deps.search.upsert(this.searchDocument(row));
  }

  /**
   * Loads the meetings the source documents name (idempotent: unchanged rows are left alone). The fields the
   * documents give are theirs: a correction goes into the reference data, and enters the meeting's history.
   */
  async loadReference(trx: Kysely<DB>) {
    const counts = { inserted: 0, updated: 0, unchanged: 0 };
    const stored = new Map((await this.repo.referenceMeetings(trx)).map((m) => [m.ref_key, m]));
    for (const ref of referenceMeetings) {
      const wanted = referenceColumns(ref);
      const before = stored.get(ref.key);
      if (!before) {
        await this.recordChange(
          trx,
          SYSTEM_ACTOR,
          "create",
          null,
          await this.repo.insertMeeting(trx, serialise(wanted)),
        );
        counts.inserted += 1;
        continue;
      }
      const current = snapshotOf(before) as Record<string, unknown>;
      const same = Object.entries(wanted).every(([k, v]) => isDeepStrictEqual(normalise(current[k]), normalise(v)));
      if (same) {
        counts.unchanged += 1;
        continue;
      }
      const after = await this.repo.updateMeeting(trx, before.id, before.version, serialise(wanted));
      if (after) await this.recordChange(trx, SYSTEM_ACTOR, "update", before, after);
      counts.updated += 1;
    }
    return counts;
  }
}

function referenceColumns(ref: ReferenceMeeting): Record<string, unknown> {
  return {
    ref_key: ref.key,
    kind: ref.kind,
    number: ref.number,
    title: ref.title,
    theme: ref.theme ?? null,
    pillars: ref.pillars,
    host: ref.host ?? null,
    host_partner_code: ref.hostPartnerCode ?? null,
    city: ref.city ?? null,
    country: ref.country ?? null,
    lat: ref.lat ?? null,
    lon: ref.lon ?? null,
    start_date: ref.startDate,
    end_date: ref.endDate ?? null,
    date_precision: ref.datePrecision,
    format: ref.format ?? null,
    participants: ref.participants ?? null,
    participants_qualifier: ref.participantsQualifier ?? "exact",
    in_person_participants: ref.inPersonParticipants ?? null,
    in_person_qualifier: ref.inPersonQualifier ?? "exact",
    countries_count: ref.countries ?? null,
    organizations_count: ref.organizations ?? null,
    outcome: ref.outcome ?? null,
    priority_recommendation_count: ref.priorityRecommendationCount ?? null,
    stocktaking: ref.stocktaking ?? false,
    visibility: "public",
    provenance: ref.provenance,
  };
}

const serialise = (row: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, typeof v === "object" && v !== null ? JSON.stringify(v) : v]),
  );
/** jsonb reorders keys and drops undefined: compare values as JSON would hold them. */
const normalise = (v: unknown) => JSON.parse(JSON.stringify(v ?? null));
