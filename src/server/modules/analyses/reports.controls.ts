import type { Kysely } from "kysely";
import { type ReportScheduleAdminItem, SEND_NOW_LIMIT } from "../../../common/reports.js";
import type { DB } from "../../db/schema.js";
import type { Principal } from "../../http/access-policy.js";
import { AppError } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { JobService } from "../../platform/jobs.js";
import type { RevisionService } from "../../platform/revisions.js";
import { ReportControlsRepository } from "./reports.controls-repository.js";
import { REPORT_JOB, type ReportsService, scheduleSnapshot } from "./reports.service.js";

const HOUR_MS = 3_600_000;
const iso = (v: Date | string) => new Date(v).toISOString();

/**
 * Managing schedules from the web (docs/analyses.md, "Managing schedules"): pause and resume, "send now" to the owner
 * or to the list (at most SEND_NOW_LIMIT an hour per schedule, recorded as a manual run with who asked), and the
 * coordinators' list of every schedule with its last run and failures. Who may: as for editing (owner of the item
 * or a coordinator), through ReportsService.ownSchedule.
 */
export class ReportControls {
  private readonly repo: ReportControlsRepository;
  /** Revisions and audit entries of the schedules' controls, in the change's transaction. */
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly reports: ReportsService,
    private readonly deps: { audit: AuditService; revisions: RevisionService; jobs: JobService },
  ) {
    this.repo = new ReportControlsRepository(db);
    this.changes = new ChangeRecorder({ audit: deps.audit, revisions: deps.revisions });
  }

  async setPaused(scheduleId: string, paused: boolean, version: number, principal: Principal, actor: Actor) {
    const before = await this.reports.ownSchedule(scheduleId, principal);
    const after = await this.db.transaction().execute(async (trx) => {
      const { row } = await this.changes.record(trx, actor, {
        type: "report_schedule",
        action: "update",
        id: scheduleId,
        before,
        after: await this.repo.setPaused(scheduleId, version, paused, trx),
        current: async () => (await this.reports.present([before]))[0],
        // The write sets paused_at exactly when pausing, so the row says what was asked.
        snapshot: (r) => ({ ...scheduleSnapshot(r), paused: r.paused_at !== null }),
        audit: { action: paused ? "report_schedule.pause" : "report_schedule.resume" },
      });
      return row;
    });
    // Resumed on its day: this period's report goes now rather than at the next check.
    if (!paused) await this.reports.runs.openDueOne(after, new Date());
    return (await this.reports.present([after]))[0];
  }

  /**
   * Sends the report now, as a run of its own (period `now:<minute>`, so a double click is one run and the period's
   * scheduled report still goes): to the item's owner, or to the schedule's list. 429 past the hourly limit.
   */
  async sendNow(scheduleId: string, to: "owner" | "recipients", principal: Principal, actor: Actor) {
    const schedule = await this.reports.ownSchedule(scheduleId, principal);
    const targetId = (schedule.analysis_id ?? schedule.dashboard_id) as string;
    const target = await this.reports.target(schedule.target_type, targetId, principal);
    const now = new Date();
    const recent = await this.repo.manualRunsSince(scheduleId, new Date(now.getTime() - HOUR_MS));
    if (recent.count >= SEND_NOW_LIMIT) {
      const retryAt = (recent.oldest ?? now).getTime() + HOUR_MS;
      throw new AppError("rate_limited", 429, {
        retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)),
        limit: SEND_NOW_LIMIT,
      });
    }
    const period = `now:${now.toISOString().slice(0, 16)}`;
    const recipientIds = to === "owner" ? [target.ownerId] : schedule.recipient_ids;
    const jobId = await this.db.transaction().execute(async (trx) => {
      const run = await this.repo.openManualRun(
        { scheduleId, period, recipientIds, requestedBy: principal.user?.id as string },
        trx,
      );
      if (!run) return null;
      const jobId = await this.deps.jobs.enqueue(REPORT_JOB, { runId: run.id }, actor, trx);
      await this.repo.setRunJob(run.id, jobId, trx);
      await this.changes.event(
        actor,
        {
          action: "report_schedule.send_now",
          objectType: "report_schedule",
          objectId: scheduleId,
          details: { to, recipients: recipientIds, period },
        },
        trx,
      );
      return jobId;
    });
    return { jobId, period };
  }

  /** Every schedule (coordinators), newest first, with its item, its last run and its last failure. */
  async list(query: {
    status: "all" | "failing" | "paused";
    limit: number;
    offset: number;
  }): Promise<{ items: ReportScheduleAdminItem[]; total: number; limit: number; offset: number }> {
    const { rows, total } = await this.repo.page(query.status, query.limit, query.offset);
    const ids = rows.map((r) => r.id);
    const [presented, runs, failures] = await Promise.all([
      this.reports.present(rows),
      this.repo.lastRuns(ids),
      this.repo.lastFailures(ids),
    ]);
    const items = rows.map((r, i) => {
      const run = runs.find((x) => x.schedule_id === r.id);
      const failure = failures.find((x) => x.schedule_id === r.id);
      return {
        ...(presented[i] as (typeof presented)[number]),
        target: { name: r.target_name, owner: { id: r.owner_id, displayName: r.owner_name } },
        lastRun: run
          ? {
              period: run.period,
              at: iso(run.created_at),
              manual: run.manual,
              sent: Number(run.sent),
              failed: Number(run.failed),
              dropped: Number(run.dropped),
              pending: Number(run.pending),
            }
          : null,
        lastFailure: failure
          ? { at: iso(failure.claimed_at), displayName: failure.display_name, reason: failure.reason }
          : null,
      };
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
