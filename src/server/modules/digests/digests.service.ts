import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import { isIso3 } from "../../../common/countries.js";
import {
  DIGEST_MODULES,
  type DigestDelivery,
  type DigestModule,
  type DigestRun,
  type DigestSettings,
  type DigestSettingsInput,
  type SentFrequency,
} from "../../../common/digests.js";
import type { Language } from "../../../common/localized.js";
import type { Role } from "../../../common/platform.js";
import type { DB } from "../../db/schema.js";
import { AppError, conflict, notFound, validationFailed } from "../../http/errors.js";
import { type Actor, type AuditService, SYSTEM_ACTOR } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import { isTerminal, type JobService } from "../../platform/jobs.js";
import type { MailService } from "../../platform/mail.js";
import { lastCompleted, type Period, periodOf } from "./digests.periods.js";
import { DigestsRepository } from "./digests.repository.js";
import { DigestSender, type RunSummary, STALE_CLAIM_MS } from "./digests.sender.js";
import type { DigestSource } from "./digests.sources.js";
import type { UnsubscribeTokens } from "./digests.token.js";

export const DIGEST_JOB = "digests.send";

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
/** `a…@example.org`: enough for the recipient to know which address left, nothing for anyone else. */
const maskEmail = (email: string) => email.replace(/^(.).*(@.*)$/, "$1…$2");

type RunRow = Awaited<ReturnType<DigestsRepository["listRuns"]>>["items"][number];

function presentRun(r: RunRow): DigestRun {
  return {
    id: r.id,
    frequency: r.frequency,
    period: r.period,
    since: iso(r.since) as string,
    until: iso(r.until) as string,
    status: r.status,
    manual: r.manual,
    createdAt: iso(r.created_at) as string,
    finishedAt: iso(r.finished_at),
    jobId: r.job_id,
    sent: Number(r.sent),
    empty: Number(r.empty),
    failed: Number(r.failed),
    pending: Number(r.pending),
  };
}

/**
 * Digests: one e-mail per user and period (weekly or monthly) with what changed on their subjects, written in
 * their language, holding only what the modules' own read rules let them see, with a signed unsubscribe link.
 * Sending is a job (`digests.send`) per run; the schedule opens a run per period once, whichever instance is
 * first (the schedule in `digests.manifest.ts`).
 */
export class DigestsService {
  readonly repo: DigestsRepository;
  readonly sender: DigestSender;
  /** Subscriptions and runs keep no revision history: their changes and the reads of deliveries are audited. */
  private readonly changes: ChangeRecorder;

  constructor(
    db: Kysely<DB>,
    private readonly deps: {
      sources: readonly DigestSource[];
      mail: MailService;
      jobs: JobService;
      audit: AuditService;
      tokens: UnsubscribeTokens;
      scopesOfMany: (userIds: readonly string[]) => Promise<Map<string, string[]>>;
      eligible: (users: readonly { id: string; role: Role }[]) => Promise<Set<string>>;
      publicUrl: string;
      log: FastifyBaseLogger;
    },
  ) {
    this.repo = new DigestsRepository(db);
    this.changes = new ChangeRecorder(deps);
    this.sender = new DigestSender(this.repo, deps);
  }

  async settings(userId: string): Promise<DigestSettings> {
    const [row, last, user] = await Promise.all([
      this.repo.subscription(userId),
      this.repo.lastSentAt(userId),
      this.repo.user(userId),
    ]);
    return {
      frequency: row?.frequency ?? "never",
      pillars: row?.pillars ?? [],
      countries: row?.countries ?? [],
      modules: (row?.modules as DigestModule[] | undefined) ?? [...DIGEST_MODULES],
      language: (user?.language ?? "en") as Language,
      lastSentAt: iso((last?.at as Date | null | undefined) ?? null),
    };
  }

  async saveSettings(userId: string, input: DigestSettingsInput, actor: Actor): Promise<DigestSettings> {
    const unknown = input.countries
      .map((c, i) => (isIso3(c) ? null : { path: `body.countries.${i}`, code: "unknown_country" }))
      .filter((e) => e !== null);
    if (unknown.length) throw validationFailed(unknown);
    if (input.frequency !== "never" && input.modules.length === 0) {
      throw validationFailed([{ path: "body.modules", code: "required" }]);
    }
    const values = {
      frequency: input.frequency,
      pillars: [...new Set(input.pillars)].sort(),
      countries: [...new Set(input.countries)].sort(),
      modules: DIGEST_MODULES.filter((m) => input.modules.includes(m)),
    };
    await this.repo.saveSubscription(userId, values);
    await this.changes.event(actor, {
      action: "digest.settings",
      objectType: "user",
      objectId: userId,
      details: values,
    });
    return this.settings(userId);
  }

  /**
   * The unsubscribe link: sets the token's user to `never` and revokes every link issued before. A tampered,
   * expired, already used or otherwise foreign token changes nothing and gets `unsubscribe_link_invalid`.
   */
  async unsubscribe(token: string, actor: Actor): Promise<{ unsubscribed: true; email: string }> {
    const claims = this.deps.tokens.verify(token);
    const done = claims ? await this.repo.unsubscribe(claims.userId, claims.version) : undefined;
    if (!claims || !done) throw new AppError("unsubscribe_link_invalid", 400);
    const email = await this.deps.audit
      .record(
        { ...actor, userId: claims.userId, label: "unsubscribe link" },
        { action: "digest.unsubscribe", objectType: "user", objectId: claims.userId },
      )
      .then(() => this.emailOf(claims.userId));
    return { unsubscribed: true, email: maskEmail(email) };
  }

  private async emailOf(userId: string): Promise<string> {
    return (await this.repo.user(userId))?.email ?? "";
  }

  /** Opens the run of `period` and queues its job, unless a run of that period exists already. */
  private async open(
    frequency: SentFrequency,
    period: Period,
    until: Date,
    actor: Actor,
    manual: boolean,
  ): Promise<DigestRun | null> {
    // A reader's first digest reports from the period's start; a returning one from their last digest, reaching
    // back at most to the start of the period before (a coordinator may have closed the last one early).
    const since = lastCompleted(frequency, period.start).start;
    const run = await this.repo.openRun({
      frequency,
      period: period.key,
      since,
      until,
      manual,
      createdBy: actor.userId,
    });
    if (!run) return null;
    const jobId = await this.deps.jobs.enqueue(DIGEST_JOB, { runId: run.id }, actor);
    await this.repo.setRunJob(run.id, jobId);
    await this.changes.event(actor, {
      action: "digest.run",
      objectType: "digest_run",
      objectId: run.id,
      details: { frequency, period: period.key, manual },
    });
    return this.getRun(run.id);
  }

  /** The schedule's step: the last ended week and month get their run, once across every instance. */
  async openDue(now = new Date()): Promise<string[]> {
    const opened: string[] = [];
    for (const frequency of ["weekly", "monthly"] as const) {
      const period = lastCompleted(frequency, now);
      const run = await this.open(frequency, period, period.end, SYSTEM_ACTOR, false);
      if (run) opened.push(run.period);
    }
    return opened;
  }

  /**
   * The schedule's other step: a run left unfinished by its job (its worker died with readers claimed; the job was
   * retried before those claims went stale, or gave up) is queued again once its claims are stale. Several
   * instances may find it at once: only the one that swaps the run's job id keeps its new job.
   */
  async resumeStalled(now = new Date()): Promise<string[]> {
    const resumed: string[] = [];
    for (const run of await this.repo.unfinishedRuns(new Date(now.getTime() - STALE_CLAIM_MS))) {
      const job = run.job_id ? await this.deps.jobs.get(run.job_id).catch(() => null) : null;
      if (job && !isTerminal(job.status)) continue;
      const jobId = await this.deps.jobs.enqueue(DIGEST_JOB, { runId: run.id }, SYSTEM_ACTOR);
      if (await this.repo.swapRunJob(run.id, run.job_id, jobId)) resumed.push(run.period);
      else await this.deps.jobs.cancel(jobId);
    }
    return resumed;
  }

  /** A coordinator closes the current period now: its digest goes out at once, and not again when it ends. */
  async sendNow(frequency: SentFrequency, actor: Actor, now = new Date()): Promise<DigestRun> {
    const period = periodOf(frequency, now);
    const run = await this.open(frequency, period, now, actor, true);
    if (!run) throw conflict({ reason: "digest_period_sent", period: period.key });
    return run;
  }

  /** Queues a run again: it sends what is left (claims of a stopped worker, failed messages). */
  async resume(runId: string, actor: Actor): Promise<DigestRun> {
    const run = await this.repo.findRun(runId);
    if (!run) throw notFound("digest_run");
    const jobId = await this.deps.jobs.enqueue(DIGEST_JOB, { runId }, actor);
    await this.repo.reopenRun(runId, jobId);
    await this.changes.event(actor, { action: "digest.resume", objectType: "digest_run", objectId: runId });
    return this.getRun(runId);
  }

  /** Sends a run in this process (tests, the benchmark); the job does the same. */
  sendRun(runId: string, workerId: string): Promise<RunSummary> {
    return this.sender.run(runId, workerId);
  }

  async getRun(id: string): Promise<DigestRun> {
    const row = await this.repo.runWithCounts(id);
    if (!row) throw notFound("digest_run");
    return presentRun(row);
  }

  async listRuns(page: { limit: number; offset: number }) {
    const { items, total } = await this.repo.listRuns(page);
    return { items: items.map(presentRun), total, limit: page.limit, offset: page.offset };
  }

  /** Who received what of a run: addresses are personal data, so the read is audited. */
  async listDeliveries(
    runId: string,
    query: { status?: "claimed" | "sent" | "empty" | "failed" | undefined; limit: number; offset: number },
    actor: Actor,
  ) {
    if (!(await this.repo.findRun(runId))) throw notFound("digest_run");
    const { items, total } = await this.repo.listDeliveries(runId, query);
    await this.changes.event(actor, {
      action: "digest.deliveries.read",
      objectType: "digest_run",
      objectId: runId,
      details: { shown: items.length },
    });
    const out: DigestDelivery[] = items.map((d) => ({
      id: d.id,
      userId: d.user_id,
      email: d.email,
      displayName: d.display_name,
      language: d.language,
      status: d.status,
      counts: d.counts,
      since: iso(d.since) as string,
      until: iso(d.until) as string,
      sentAt: iso(d.sent_at),
      error: d.error,
    }));
    return { items: out, total, limit: query.limit, offset: query.offset };
  }
}
