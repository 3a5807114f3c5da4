import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { AnalysisKind } from "../../../common/analyses.js";
import type { Language, LocalizedText } from "../../../common/localized.js";
import type { Role } from "../../../common/platform.js";
import type { ReportSchedule, ReportTargetType } from "../../../common/reports.js";
import type { DB } from "../../db/schema.js";
import { type Principal, principalFor } from "../../http/access-policy.js";
import { AppError, type FieldError, forbidden, notFound, validationFailed } from "../../http/errors.js";
import { type Actor, type AuditService, SYSTEM_ACTOR } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { JobProgress, JobService } from "../../platform/jobs.js";
import type { MailService } from "../../platform/mail.js";
import type { RevisionService } from "../../platform/revisions.js";
import { periodOf } from "../digests/digests.periods.js";
import { canScheduleReports, rolesReadingAll } from "./analyses.policy.js";
import type { AnalysesService } from "./analyses.service.js";
import { type ReportSection, reportHtml, reportMail, reportXlsx, tablesOf } from "./reports.render.js";
import { ReportsRepository, type ScheduleValues } from "./reports.repository.js";

export const REPORT_JOB = "analyses.report";
/** A claim older than this belongs to a worker that stopped: the run's job, queued again, takes it over. */
export const STALE_REPORT_CLAIM_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

type ScheduleRow = NonNullable<Awaited<ReturnType<ReportsRepository["findSchedule"]>>>;
type UserRow = Awaited<ReturnType<ReportsRepository["users"]>>[number];

/** Runs a GET route of the API as `principal` (app.inject with an internal-call token), in `lang`. */
export type RouteRunner = (
  endpoint: string,
  query: Record<string, string>,
  principal: Principal,
  lang: Language,
) => Promise<{ status: number; body: unknown }>;

const iso = (v: Date | string) => new Date(v).toISOString();

/**
 * The period a schedule sends in at `now`, once its day has come: weekly on an ISO weekday of the ISO week, monthly
 * on a day of the calendar month (UTC). A schedule made after its day in a period starts with the next period; one
 * made on its day sends that day. Null when nothing is due yet.
 */
export function duePeriod(
  s: { frequency: "weekly" | "monthly"; day: number; created_at: Date | string },
  now: Date,
): string | null {
  const period = periodOf(s.frequency, now);
  const dueAt = period.start.getTime() + (s.day - 1) * DAY_MS;
  const created = new Date(s.created_at);
  const createdDay = Date.UTC(created.getUTCFullYear(), created.getUTCMonth(), created.getUTCDate());
  if (now.getTime() < dueAt || dueAt < createdDay) return null;
  return period.key;
}

export function scheduleSnapshot(
  r: ScheduleValues & { target_type: string; analysis_id: string | null; dashboard_id: string | null },
) {
  return {
    target: `${r.target_type}:${r.analysis_id ?? r.dashboard_id}`,
    format: r.format,
    frequency: r.frequency,
    day: r.day,
    recipients: [...r.recipient_ids],
  };
}

class LostRace extends Error {}

/**
 * Opens the run of each schedule whose period is due and queues its job. A run is a unique row per schedule and
 * period, so when several instances check at once only the first opens it and queues the job.
 */
export class ReportRuns {
  private readonly repo: ReportsRepository;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly jobs: Pick<JobService, "enqueue">,
  ) {
    this.repo = new ReportsRepository(db);
  }

  async openDue(now = new Date()): Promise<number> {
    let opened = 0;
    for (const s of await this.repo.activeSchedules()) if (await this.openDueOne(s, now)) opened += 1;
    return opened;
  }

  /**
   * Queues again each run whose job ended (crash, stop) while a recipient's send was claimed and never finished;
   * the new job takes over those claims once they are stale and sends to whoever is left. Returns how many.
   */
  async resumeStalled(staleBefore = new Date(Date.now() - STALE_REPORT_CLAIM_MS)): Promise<number> {
    let resumed = 0;
    for (const run of await this.repo.stalledRuns(staleBefore)) {
      const swapped = await this.db
        .transaction()
        .execute(async (trx) => {
          const jobId = await this.jobs.enqueue(REPORT_JOB, { runId: run.id }, SYSTEM_ACTOR, trx);
          if (!(await this.repo.swapRunJob(run.id, run.job_id, jobId, trx))) throw new LostRace();
          return true;
        })
        .catch((error: unknown) => {
          if (error instanceof LostRace) return false;
          throw error;
        });
      if (swapped) resumed += 1;
    }
    return resumed;
  }

  async openDueOne(s: ScheduleRow, now: Date): Promise<boolean> {
    if (s.paused_at) return false;
    const period = duePeriod(s, now);
    if (!period) return false;
    const run = await this.repo.openRun(s.id, period, false);
    if (!run) return false;
    const jobId = await this.jobs.enqueue(REPORT_JOB, { runId: run.id }, SYSTEM_ACTOR);
    await this.repo.setRunJob(run.id, jobId);
    return true;
  }
}

/**
 * Scheduled reports (docs/analyses.md): a saved analysis or dashboard mailed as PDF or XLSX on a schedule. Only
 * the item's owner or a coordinator manages its schedules; every recipient must be able to open it. Each
 * recipient's report is the analysis's route run as that recipient (their access, narrowing and disclosure
 * control), never the owner's figures; a recipient who can no longer open it is dropped at send time, recorded.
 */
export class ReportsService {
  readonly repo: ReportsRepository;
  readonly runs: ReportRuns;
  /** Revisions and audit entries of schedules, in the change's transaction. */
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: {
      analyses: AnalysesService;
      audit: AuditService;
      revisions: RevisionService;
      jobs: JobService;
      mail: MailService;
      runRoute: RouteRunner;
      /** Partners' names by code, for the tables that carry partners as codes (the recommendation heatmap). */
      partnerNames: () => Promise<ReadonlyMap<string, LocalizedText>>;
      renderPdf: (html: string, footer: string) => Promise<Buffer>;
      /** The users among these whose session would reach protected data now (terms accepted, 2FA where required). */
      eligible: (users: readonly { id: string; role: Role }[]) => Promise<Set<string>>;
      publicUrl: string;
      log: FastifyBaseLogger;
    },
  ) {
    this.repo = new ReportsRepository(db);
    this.runs = new ReportRuns(db, deps.jobs);
    this.changes = new ChangeRecorder({ audit: deps.audit, revisions: deps.revisions });
  }

  /** The item as `principal` may open it (404 otherwise), with its owner and name. */
  async target(type: ReportTargetType, id: string, principal: Principal) {
    const item =
      type === "analysis"
        ? await this.deps.analyses.getAnalysis(id, principal)
        : await this.deps.analyses.getDashboard(id, principal);
    return { name: item.name, ownerId: item.owner.id, visibility: item.visibility, partnerCode: item.partnerCode };
  }

  /** The recipients picker: members who may open the item, by name (owner or coordinator only). */
  async candidates(type: ReportTargetType, id: string, q: string, principal: Principal) {
    const target = await this.managed(type, id, principal);
    const rows = await this.repo.candidates(q, target, rolesReadingAll(), 20);
    return { items: rows.map((r) => ({ id: r.id, displayName: r.display_name })) };
  }

  private async canOpen(type: ReportTargetType, id: string, principal: Principal): Promise<boolean> {
    try {
      await this.target(type, id, principal);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return false;
      throw error;
    }
  }

  /** Owner of the item, or a coordinator (or administrator); the item must be open to them. */
  async managed(type: ReportTargetType, id: string, principal: Principal) {
    const target = await this.target(type, id, principal);
    if (!canScheduleReports(principal, target.ownerId)) throw forbidden();
    return target;
  }

  private principalOf(u: UserRow): Principal {
    return principalFor(
      { id: u.id, email: u.email, displayName: u.display_name, role: u.role as Role, partnerCode: u.partner_code },
      null,
    );
  }

  /** The recipients as stored: the listed members, or the owner alone; each active and able to open the item. */
  private async recipients(
    type: ReportTargetType,
    id: string,
    ownerId: string,
    requested: readonly string[],
  ): Promise<string[]> {
    const ids = requested.length ? [...new Set(requested)] : [ownerId];
    const users = new Map((await this.repo.users(ids)).map((u) => [u.id, u]));
    const errors: FieldError[] = [];
    for (const [i, userId] of ids.entries()) {
      const path = requested.length ? `body.recipientIds.${requested.indexOf(userId)}` : "body.recipientIds";
      const u = users.get(userId);
      if (u?.status !== "active") {
        errors.push({ path, code: "invalid_reference" });
        continue;
      }
      if (!(await this.canOpen(type, id, this.principalOf(u)))) {
        const what =
          type === "analysis" ? { en: "analysis", ru: "этот анализ" } : { en: "dashboard", ru: "эту панель" };
        errors.push({
          path,
          code: "recipient_cannot_open",
          params: { name: u.display_name, index: i },
          messages: {
            en: `${u.display_name} may not open this ${what.en}: share it with them first or choose another member`,
            ru: `${u.display_name} не может открыть ${what.ru}: сначала откройте доступ или выберите другого участника`,
          },
        });
      }
    }
    if (errors.length) throw validationFailed(errors);
    return ids;
  }

  async present(rows: ScheduleRow[]): Promise<ReportSchedule[]> {
    const userIds = [...new Set(rows.flatMap((r) => [...r.recipient_ids, r.created_by]))];
    const names = new Map((await this.repo.users(userIds)).map((u) => [u.id, u.display_name]));
    const sends = await this.repo.sendsOf(rows.map((r) => r.id));
    const person = (id: string) => ({ id, displayName: names.get(id) ?? "—" });
    return rows.map((r) => ({
      id: r.id,
      targetType: r.target_type,
      targetId: (r.analysis_id ?? r.dashboard_id) as string,
      format: r.format,
      frequency: r.frequency,
      day: r.day,
      recipients: r.recipient_ids.map(person),
      createdBy: person(r.created_by),
      version: r.version,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      pausedAt: r.paused_at ? iso(r.paused_at) : null,
      sends: sends
        .filter((s) => s.schedule_id === r.id)
        .slice(0, 50)
        .map((s) => ({
          userId: s.user_id,
          displayName: s.display_name,
          period: s.period,
          status: s.status,
          reason: s.reason,
          at: iso(s.sent_at ?? s.claimed_at),
        })),
    }));
  }

  async list(type: ReportTargetType, id: string, principal: Principal) {
    await this.managed(type, id, principal);
    return { items: await this.present(await this.repo.schedulesOf(type, id)) };
  }

  async create(
    type: ReportTargetType,
    id: string,
    input: { format: "pdf" | "xlsx"; frequency: "weekly" | "monthly"; day: number; recipientIds: string[] },
    principal: Principal,
    actor: Actor,
  ): Promise<ReportSchedule> {
    const target = await this.managed(type, id, principal);
    const recipient_ids = await this.recipients(type, id, target.ownerId, input.recipientIds);
    const row = await this.db.transaction().execute(async (trx) => {
      const row = await this.repo.insertSchedule(
        {
          target_type: type,
          target_id: id,
          format: input.format,
          frequency: input.frequency,
          day: input.day,
          recipient_ids,
          created_by: principal.user?.id as string,
        },
        trx,
      );
      await this.changes.record(trx, actor, {
        type: "report_schedule",
        action: "create",
        before: null,
        after: row,
        snapshot: scheduleSnapshot,
        audit: { action: "report_schedule.create", details: scheduleSnapshot(row) },
      });
      return row;
    });
    // A schedule whose day is today sends today's report now rather than at the next check.
    await this.runs.openDueOne(row, new Date());
    return (await this.present([row]))[0] as ReportSchedule;
  }

  async ownSchedule(scheduleId: string, principal: Principal) {
    const row = await this.repo.findSchedule(scheduleId);
    if (!row) throw notFound("report_schedule");
    const type = row.target_type;
    await this.managed(type, (row.analysis_id ?? row.dashboard_id) as string, principal);
    return row;
  }

  async update(
    scheduleId: string,
    input: {
      format: "pdf" | "xlsx";
      frequency: "weekly" | "monthly";
      day: number;
      recipientIds: string[];
      version: number;
    },
    principal: Principal,
    actor: Actor,
  ): Promise<ReportSchedule> {
    const before = await this.ownSchedule(scheduleId, principal);
    const targetId = (before.analysis_id ?? before.dashboard_id) as string;
    const target = await this.target(before.target_type, targetId, principal);
    const recipient_ids = await this.recipients(before.target_type, targetId, target.ownerId, input.recipientIds);
    const values = { format: input.format, frequency: input.frequency, day: input.day, recipient_ids };
    const after = await this.db.transaction().execute(async (trx) => {
      const { row } = await this.changes.record(trx, actor, {
        type: "report_schedule",
        action: "update",
        id: scheduleId,
        before,
        after: await this.repo.updateSchedule(scheduleId, input.version, values, trx),
        current: () => this.currentSchedule(scheduleId),
        snapshot: scheduleSnapshot,
        audit: { action: "report_schedule.update", details: (changes) => ({ changes: Object.keys(changes) }) },
      });
      return row;
    });
    await this.runs.openDueOne(after, new Date());
    return (await this.present([after]))[0] as ReportSchedule;
  }

  async remove(scheduleId: string, version: number, principal: Principal, actor: Actor): Promise<void> {
    const before = await this.ownSchedule(scheduleId, principal);
    await this.db.transaction().execute(async (trx) => {
      await this.changes.record(trx, actor, {
        type: "report_schedule",
        action: "archive",
        id: scheduleId,
        before,
        after: await this.repo.archiveSchedule(scheduleId, version, trx),
        current: () => this.currentSchedule(scheduleId),
        // The row read before is never archived (findSchedule); the one the archive returned always is.
        snapshot: (r) => (r.archived_at ? { ...scheduleSnapshot(r), archived: true } : scheduleSnapshot(r)),
        audit: { action: "report_schedule.delete" },
      });
    });
  }

  /** The schedule as it is now, for the 409 of a write at a stale version (none: 404). */
  private async currentSchedule(scheduleId: string) {
    const current = await this.repo.findSchedule(scheduleId);
    return current ? (await this.present([current]))[0] : undefined;
  }

  // --- sending ---

  /** Sends a run: each recipient claimed once per period, their report computed under their own access. */
  async sendRun(
    runId: string,
    workerId: string,
    progress?: Pick<JobProgress, "set">,
  ): Promise<{ sent: number; dropped: number; failed: number; skipped: number }> {
    const summary = { sent: 0, dropped: 0, failed: 0, skipped: 0 };
    const run = await this.repo.findRun(runId);
    if (!run) return summary;
    const schedule = await this.repo.findSchedule(run.schedule_id);
    if (!schedule) return summary;
    // A "send now" run goes to the recipients it was asked for; a scheduled one to the schedule's list.
    const recipientIds = run.recipient_ids ?? schedule.recipient_ids;
    const users = new Map((await this.repo.users(recipientIds)).map((u) => [u.id, u]));
    const eligible = await this.deps.eligible([...users.values()].map((u) => ({ id: u.id, role: u.role as Role })));
    let done = 0;
    for (const userId of recipientIds) {
      const claimed = await this.repo.claim(run, userId, workerId, new Date(Date.now() - STALE_REPORT_CLAIM_MS));
      if (!claimed) summary.skipped += 1;
      else {
        const outcome = await this.deliver(run, schedule, userId, users.get(userId), eligible, workerId);
        summary[outcome] += 1;
      }
      done += 1;
      await progress?.set(done, recipientIds.length);
    }
    return summary;
  }

  private async deliver(
    run: { schedule_id: string; period: string },
    schedule: ScheduleRow,
    userId: string,
    user: UserRow | undefined,
    eligible: Set<string>,
    workerId: string,
  ): Promise<"sent" | "dropped" | "failed"> {
    const drop = async (reason: string) => {
      await this.repo.finish(run, userId, workerId, { status: "dropped", reason });
      return "dropped" as const;
    };
    if (user?.status !== "active") return drop("inactive");
    if (!eligible.has(user.id)) return drop("not_eligible");
    const principal = this.principalOf(user);
    const type = schedule.target_type;
    const targetId = (schedule.analysis_id ?? schedule.dashboard_id) as string;
    try {
      const lang = (user.language === "ru" ? "ru" : "en") as Language;
      const report = await this.compute(type, targetId, principal, lang);
      if (!report) return drop("no_access");
      const title = report.name;
      const when = new Date();
      const file =
        schedule.format === "xlsx"
          ? await reportXlsx(title, report.sections, lang)
          : await this.deps.renderPdf(
              reportHtml(
                title,
                new Intl.DateTimeFormat(lang === "ru" ? "ru-RU" : "en-GB", {
                  dateStyle: "long",
                  timeZone: "UTC",
                }).format(when),
                report.sections,
                lang,
              ),
              title.replace(/[<>&"']/g, ""),
            );
      const link = `${this.deps.publicUrl.replace(/\/$/, "")}/${type === "analysis" ? "analyses" : "dashboards"}/${targetId}`;
      const mail = reportMail({ lang, name: title, recipient: user.display_name, format: schedule.format, when, link });
      const safeName =
        title
          .replace(/[^\p{L}\p{N} _-]+/gu, "")
          .trim()
          .slice(0, 60) || "report";
      const { messageId } = await this.deps.mail.send({
        to: user.email,
        ...mail,
        attachments: [
          {
            filename: `${safeName}.${schedule.format}`,
            content: file,
            contentType:
              schedule.format === "pdf"
                ? "application/pdf"
                : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          },
        ],
      });
      await this.repo.finish(run, user.id, workerId, { status: "sent", messageId });
      return "sent";
    } catch (error) {
      this.deps.log.error({ err: error, userId, scheduleId: schedule.id }, "scheduled report not sent");
      await this.repo
        .finish(run, userId, workerId, {
          status: "failed",
          reason: String((error as Error).message ?? error).slice(0, 500),
        })
        .catch(() => {});
      return "failed";
    }
  }

  /**
   * The report as `principal` would see it by opening the item: null when they may not open it; for a dashboard a
   * section per tile, the tiles they may not open (or whose route refuses them) marked unavailable with nothing.
   */
  async compute(
    type: ReportTargetType,
    id: string,
    principal: Principal,
    lang: Language,
  ): Promise<{ name: string; sections: ReportSection[] } | null> {
    if (!(await this.canOpen(type, id, principal))) return null;
    if (type === "analysis") {
      const a = await this.deps.analyses.getAnalysis(id, principal);
      return { name: a.name, sections: [await this.section(a.name, a.kind, a.view, a.run, principal, lang)] };
    }
    const d = await this.deps.analyses.getDashboard(id, principal);
    const sections: ReportSection[] = [];
    for (const tile of d.tiles) {
      if (!tile.analysis) sections.push({ name: "—", tables: [], unavailable: true });
      else
        sections.push(
          await this.section(
            tile.analysis.name,
            tile.analysis.kind,
            tile.analysis.view,
            tile.analysis.run,
            principal,
            lang,
          ),
        );
    }
    return { name: d.name, sections };
  }

  private async section(
    name: string,
    kind: AnalysisKind,
    view: string,
    run: { endpoint: string; query: Record<string, string>; available: boolean },
    principal: Principal,
    lang: Language,
  ): Promise<ReportSection> {
    if (!run.available) return { name, tables: [], unavailable: true };
    const res = await this.deps.runRoute(run.endpoint, run.query, principal, lang);
    if (res.status === 401 || res.status === 403 || res.status === 404) return { name, tables: [], unavailable: true };
    if (res.status !== 200) throw new Error(`${run.endpoint} answered ${res.status}`);
    const partners = kind === "recommendations.heatmap" ? await this.deps.partnerNames() : undefined;
    return { name, tables: tablesOf(kind, run.query, res.body, lang, { view, ...(partners ? { partners } : {}) }) };
  }
}
