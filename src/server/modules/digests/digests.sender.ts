import type { FastifyBaseLogger } from "fastify";
import { DIGEST_MODULES, type DigestModule, type SentFrequency } from "../../../common/digests.js";
import type { Language } from "../../../common/localized.js";
import type { Role } from "../../../common/platform.js";
import { principalFor } from "../../http/access-policy.js";
import type { JobProgress } from "../../platform/jobs.js";
import type { MailService } from "../../platform/mail.js";
import { type DigestSection, renderDigest } from "./digests.render.js";
import type { DigestsRepository } from "./digests.repository.js";
import type { DigestCandidate, DigestSource, DigestViewer } from "./digests.sources.js";
import type { UnsubscribeTokens } from "./digests.token.js";

/** Subscribers read, claimed and sent per batch: a few queries per batch, one per user. */
export const BATCH_SIZE = 200;
/** Messages handed to the mail transport at once. */
const MAIL_CONCURRENCY = 4;
/** A claim older than this belongs to a worker that stopped: a resumed run takes it over. */
export const STALE_CLAIM_MS = 10 * 60_000;

type Subscriber = Awaited<ReturnType<DigestsRepository["subscribersPage"]>>[number];
type Run = NonNullable<Awaited<ReturnType<DigestsRepository["findRun"]>>>;

export interface RunSummary {
  sent: number;
  empty: number;
  failed: number;
  skipped: number;
  /** Readers who may not reach protected data now (terms to accept, 2FA to enrol): no digest for them yet. */
  held: number;
}

const ISO3 = /^[A-Z]{3}$/;

/** Whether a record is on the reader's subjects: empty choices mean all; a record without pillars or countries is general. */
function onSubjects(c: DigestCandidate, s: Subscriber): boolean {
  if (!s.modules.includes(c.module)) return false;
  if (s.pillars.length && c.pillars.length && !c.pillars.some((p) => s.pillars.includes(p))) return false;
  if (s.countries.length && c.countries.length && !c.countries.some((x) => s.countries.includes(x))) return false;
  return true;
}

/**
 * Sends one run of digests. The records that changed are collected once per run (a few queries per module);
 * each reader then costs one claim (batched), one outcome write, and what a module's `prepare` reads, so the
 * work per user does not grow with the number of users.
 */
export class DigestSender {
  private readonly byModule = new Map<DigestModule, DigestSource>();

  constructor(
    private readonly repo: DigestsRepository,
    private readonly deps: {
      sources: readonly DigestSource[];
      mail: MailService;
      tokens: UnsubscribeTokens;
      scopesOfMany: (userIds: readonly string[]) => Promise<Map<string, string[]>>;
      /**
       * Those of the readers whose session would reach protected data now (current terms accepted, 2FA enrolled
       * where their role requires it); the others get no digest until they would.
       */
      eligible: (users: readonly { id: string; role: Role }[]) => Promise<Set<string>>;
      publicUrl: string;
      log: FastifyBaseLogger;
    },
  ) {
    for (const s of deps.sources) {
      if (this.byModule.has(s.module)) throw new Error(`Two digest sources for "${s.module}"`);
      this.byModule.set(s.module, s);
    }
  }

  async run(runId: string, workerId: string, progress?: Pick<JobProgress, "set" | "signal">): Promise<RunSummary> {
    const summary: RunSummary = { sent: 0, empty: 0, failed: 0, skipped: 0, held: 0 };
    const run = await this.repo.findRun(runId);
    if (!run || run.status === "done") return summary;
    await this.repo.setRunStatus(run.id, "sending");
    const window = { since: new Date(run.since), until: new Date(run.until) };
    const candidates = groupByModule((await Promise.all(this.deps.sources.map((s) => s.collect(window)))).flat());
    const total = Number((await this.repo.countSubscribers(run.frequency)).n);
    let after: string | null = null;
    let seen = 0;
    for (;;) {
      if (progress?.signal.aborted) throw new Error("The digest run was cancelled or taken over");
      const page: Subscriber[] = await this.repo.subscribersPage(run.frequency, after, BATCH_SIZE);
      if (page.length === 0) break;
      after = (page[page.length - 1] as Subscriber).id;
      const allowed = await this.deps.eligible(page.map((s) => ({ id: s.id, role: s.role as Role })));
      summary.held += page.length - allowed.size;
      const readers = page.filter((s) => allowed.has(s.id));
      if (readers.length) await this.sendBatch(run, readers, candidates, workerId, summary);
      seen += page.length;
      await progress?.set(seen, Math.max(total, seen));
    }
    if (Number((await this.repo.pendingCount(run.id)).n) === 0) await this.repo.setRunStatus(run.id, "done");
    return summary;
  }

  private async sendBatch(
    run: Run,
    page: Subscriber[],
    candidates: Grouped,
    workerId: string,
    summary: RunSummary,
  ): Promise<void> {
    const ids = page.map((s) => s.id);
    const [last, scopes] = await Promise.all([this.repo.lastUntil(ids), this.deps.scopesOfMany(ids)]);
    const until = new Date(run.until);
    const floor = new Date(run.since);
    const periodStart = periodStartOf(run);
    const claimRows = page.map((s) => {
      const previous = last.get(s.id);
      const since = previous ? new Date(Math.max(previous.getTime(), floor.getTime())) : periodStart;
      return { userId: s.id, since, until };
    });
    const claimed = await this.repo.claim(run.id, run.period, claimRows, workerId);
    const others = ids.filter((id) => !claimed.has(id));
    const reclaimed = await this.repo.reclaim(run.period, others, workerId, new Date(Date.now() - STALE_CLAIM_MS));
    const mine = page.filter((s) => claimed.has(s.id) || reclaimed.has(s.id));
    summary.skipped += page.length - mine.length;
    const sinceOf = new Map(claimRows.map((r) => [r.userId, r.since]));
    for (let i = 0; i < mine.length; i += MAIL_CONCURRENCY) {
      const chunk = mine.slice(i, i + MAIL_CONCURRENCY);
      const outcomes = await Promise.all(
        chunk.map((s) =>
          this.deliver(run, s, scopes.get(s.id) ?? [], sinceOf.get(s.id) as Date, until, candidates, workerId),
        ),
      );
      for (const o of outcomes) summary[o] += 1;
    }
  }

  private async deliver(
    run: Run,
    s: Subscriber,
    scopes: string[],
    since: Date,
    until: Date,
    candidates: Grouped,
    workerId: string,
  ): Promise<"sent" | "empty" | "failed"> {
    const counts: Record<string, number> = {};
    try {
      const sections = await this.sectionsFor(s, scopes, since, until, candidates);
      for (const section of sections) counts[section.module] = section.entries.length;
      if (sections.length === 0) {
        await this.repo.finish(run.period, s.id, workerId, { status: "empty", counts });
        return "empty";
      }
      const token = this.deps.tokens.issue(s.id, s.link_version);
      const unsubscribeUrl = `${this.deps.publicUrl.replace(/\/$/, "")}/digest/unsubscribe?token=${token}`;
      const mail = renderDigest({
        lang: s.language as Language,
        name: s.display_name,
        frequency: run.frequency as SentFrequency,
        since,
        until,
        sections,
        publicUrl: this.deps.publicUrl,
        unsubscribeUrl,
      });
      const { messageId } = await this.deps.mail.send({
        to: s.email,
        ...mail,
        headers: { "List-Unsubscribe": `<${unsubscribeUrl}>` },
      });
      await this.repo.finish(run.period, s.id, workerId, { status: "sent", counts, messageId });
      return "sent";
    } catch (error) {
      this.deps.log.error({ err: error, userId: s.id, runId: run.id }, "digest not sent");
      await this.repo
        .finish(run.period, s.id, workerId, {
          status: "failed",
          counts,
          error: String((error as Error).message ?? error),
        })
        .catch(() => {});
      return "failed";
    }
  }

  /** Each chosen module's records on the reader's subjects, kept only where the module's rule lets them see it. */
  private async sectionsFor(
    s: Subscriber,
    scopes: string[],
    since: Date,
    until: Date,
    candidates: Grouped,
  ): Promise<DigestSection[]> {
    const partnerCountry = s.partner_code && ISO3.test(s.partner_code) ? [s.partner_code] : [];
    const viewer: DigestViewer = {
      principal: principalFor(
        { id: s.id, email: s.email, displayName: s.display_name, role: s.role as Role, partnerCode: s.partner_code },
        null,
      ),
      scopes,
      homeCountries: [...new Set([...s.countries, ...partnerCountry, ...scopes])],
    };
    const sections: DigestSection[] = [];
    for (const module of DIGEST_MODULES) {
      if (!s.modules.includes(module)) continue;
      const inWindow = (candidates.get(module) ?? []).filter((c) => c.at > since && c.at <= until && onSubjects(c, s));
      if (inWindow.length === 0) continue;
      const source = this.byModule.get(module);
      const context = source?.prepare ? await source.prepare(viewer) : undefined;
      const entries = inWindow
        .map((c) => {
          const entry = c.presentTo(viewer, context);
          if (!entry || !c.createdAt) return entry;
          return { ...entry, change: c.createdAt > since ? ("new" as const) : ("updated" as const) };
        })
        .filter((e) => e !== null);
      if (entries.length) sections.push({ module, entries });
    }
    return sections;
  }
}

type Grouped = Map<DigestModule, DigestCandidate[]>;

/** The run's records per module, newest first: sorted once per run, not once per reader. */
function groupByModule(candidates: DigestCandidate[]): Grouped {
  const out: Grouped = new Map();
  for (const c of [...candidates].sort((a, b) => b.at.getTime() - a.at.getTime())) {
    const list = out.get(c.module);
    if (list) list.push(c);
    else out.set(c.module, [c]);
  }
  return out;
}

/** The start of the run's own period: a reader's first digest reports from there. */
function periodStartOf(run: Run): Date {
  // `since` is the start of the period before (the window a returning reader may reach back to).
  const since = new Date(run.since);
  if (run.frequency === "weekly") return new Date(since.getTime() + 7 * 86_400_000);
  return new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth() + 1, 1));
}
