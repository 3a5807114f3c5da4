import type { Kysely } from "kysely";
import type { LinkageRun, LinkageStatus, LinkageThresholds, PersonSuggestion } from "../../../common/trainings.js";
import type { DB } from "../../db/schema.js";
import type { Principal } from "../../http/access-policy.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { JobProgress, JobService } from "../../platform/jobs.js";
import type { NotificationService } from "../../platform/notifications.js";
import type { JobDefinition } from "../manifest.js";
import {
  DEFAULT_THRESHOLDS,
  type LinkageResult,
  LinkageScorer,
  type LinkageTick,
  reviewPairs,
  runLinkage,
  runLinkageAsync,
} from "./linkage.js";
import { type LinkRecord, type PreparedRecord, prepareRecord } from "./linkage-compare.js";
import type { ModelParameters } from "./linkage-model.js";
import { type LearnedThresholds, THRESHOLD_SETTINGS } from "./linkage-thresholds.js";
import type { TrainingsRepository } from "./trainings.repository.js";

/** Months within which taking a course of the same topic and level again raises an alert. */
export const REPEAT_PERIOD_MONTHS = 24;

export const REPEAT_KIND = "trainings.repeat";

/** The job that links every participant again after a change (one queued at a time; see `enqueue`). */
export const LINKAGE_JOB = "trainings.linkage";

interface LinkageJobPayload {
  /** Participants registered since the last run, checked for repeat training. */
  fresh: string[];
  /** Who asked first (the run is audited in their name); later requests joined the queued job. */
  actor: Actor;
  requests: number;
}

/** The thresholds as the web shows them. */
export function presentThresholds(learned: LearnedThresholds): LinkageThresholds {
  return {
    source: learned.source,
    reason: learned.reason,
    upper: learned.upper,
    lower: learned.lower,
    decisions: learned.decisions,
    same: learned.same,
    different: learned.different,
    targets: { linkPrecision: THRESHOLD_SETTINGS.linkPrecision, missRate: THRESHOLD_SETTINGS.missRate },
  };
}

type InputRow = Awaited<ReturnType<TrainingsRepository["linkageInput"]>>[number];

const toLinkRecord = (r: InputRow): LinkRecord => ({
  id: r.id,
  fullName: r.full_name,
  fullNameNative: r.full_name_native,
  dateOfBirth: r.date_of_birth,
  sex: r.sex,
  country: r.country,
  agency: r.agency,
  position: r.position,
});

/**
 * Runs the person linkage over the database's participants and keeps its outcome: persons, the review
 * queue, reviewers' decisions (respected by every later run) and repeat-training alerts.
 */
export class TrainingsLinkageService {
  private lastModel: { parameters: ModelParameters; scorer: LinkageScorer; records: PreparedRecord[] } | null = null;
  /** A run and a reviewer's decision keep no revision: their audit entries are their record. */
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: TrainingsRepository,
    audit: AuditService,
    private readonly notifications: NotificationService,
    readonly options = { ...DEFAULT_THRESHOLDS, repeatMonths: REPEAT_PERIOD_MONTHS },
  ) {
    this.changes = new ChangeRecorder({ audit });
    notifications.registerKind({
      kind: REPEAT_KIND,
      label: { en: "Repeat training of the same course", ru: "Повторное обучение по тому же курсу" },
      defaultInApp: true,
      defaultEmail: true,
    });
  }

  private jobService: JobService | null = null;
  /** How often a linkage job waiting for an earlier one looks again. */
  waitPollMs = 1000;

  /** The linkage job, which the module's manifest registers with the platform's job system. */
  linkageJob(jobs: JobService): JobDefinition {
    this.jobService = jobs;
    return {
      kind: LINKAGE_JOB,
      run: async (job, progress) => {
        const p = job.payload as unknown as LinkageJobPayload;
        // Two workers may each hold a linkage job (one running, the next claimed): the later one waits, so that
        // it reads the participants after the earlier one has written, and never overwrites a newer outcome.
        let waited = false;
        while (await this.jobs.runningBefore(LINKAGE_JOB, job.id)) {
          waited = true;
          await progress.set(0, null, "waiting");
          await new Promise((resolve) => setTimeout(resolve, this.waitPollMs));
          progress.signal.throwIfAborted();
        }
        return { ...(await this.run(p.actor, p.fresh, progress)), waited };
      },
      // Everyone who changes participants or reviews pairs follows the one shared run (its result is counts).
      readableBy: (principal) =>
        principal.permissions.has("trainings:write") || principal.permissions.has("linkage:review"),
    };
  }

  private get jobs(): JobService {
    if (!this.jobService) throw new Error("The linkage job is not registered: build the context from the manifests");
    return this.jobService;
  }

  /**
   * Asks for a run after a change: one linkage job, shared. While one is queued and not yet started, a new
   * change joins it (its fresh participants are added) instead of queueing a second run of the same work.
   * Given `trx`, the job is queued with the change and only if the change commits.
   */
  async enqueue(actor: Actor, fresh: string[] = [], trx?: Kysely<DB>): Promise<string> {
    const payload: LinkageJobPayload = { fresh, actor, requests: 1 };
    const { id } = await this.jobs.enqueueCoalesced(
      LINKAGE_JOB,
      payload as unknown as Record<string, unknown>,
      actor,
      (queued, added) => {
        const q = queued as unknown as LinkageJobPayload;
        const a = added as unknown as LinkageJobPayload;
        const merged: LinkageJobPayload = {
          fresh: [...new Set([...(q.fresh ?? []), ...a.fresh])],
          actor: q.actor ?? a.actor,
          requests: (q.requests ?? 1) + 1,
        };
        return merged as unknown as Record<string, unknown>;
      },
      trx,
    );
    return id;
  }

  /**
   * What the review page shows: the thresholds of the last completed run (learned or default, with their
   * intervals) and the run under way, if any.
   */
  async status(principal: Principal): Promise<LinkageStatus> {
    const [last, current] = await Promise.all([
      this.jobs.latest(LINKAGE_JOB, ["succeeded"]),
      this.jobs.latest(LINKAGE_JOB, ["queued", "running"]),
    ]);
    const result = last?.result as LinkageRun | null | undefined;
    const thresholds: LinkageThresholds = result?.thresholds ?? {
      source: "default",
      reason: "not_run_yet",
      upper: { value: this.options.upper, low: null, high: null },
      lower: { value: this.options.lower, low: null, high: null },
      decisions: (await this.repo.listDecisions()).length,
      same: null,
      different: null,
      targets: { linkPrecision: THRESHOLD_SETTINGS.linkPrecision, missRate: THRESHOLD_SETTINGS.missRate },
    };
    const canRun = principal.permissions.has("reference:manage");
    return {
      thresholds,
      lastRunAt: last?.finishedAt ?? null,
      job: current ? { id: current.id, status: current.status } : null,
      canRun,
    };
  }

  /**
   * Links every participant; `fresh` are the newly registered ones to check for repeat training. Inside a job,
   * `progress` hears where the linkage is (pairs compared and scored of all candidate pairs) and its signal
   * stops it.
   */
  async run(actor: Actor, fresh: string[] = [], progress?: JobProgress): Promise<LinkageRun> {
    const rows = await this.repo.linkageInput();
    const decisions = (await this.repo.listDecisions()).map((d) => ({
      a: d.participant_a,
      b: d.participant_b,
      same: d.same,
    }));
    const options = { upper: this.options.upper, lower: this.options.lower, decisions, learnThresholds: true };
    const result = await runLinkageAsync(
      rows.map(toLinkRecord),
      options,
      (tick) => {
        if (progress) void progress.set(...progressOf(tick));
      },
      progress?.signal,
    );
    this.remember(result);
    const reviews = reviewPairs(result, options);
    if (progress) await progress.set(0, null, "saving");
    const linked = await this.db.transaction().execute(async (trx) => {
      const assignments = await this.assignPersons(rows, result, trx);
      await this.repo.replaceReviews(
        reviews.map((p) => {
          const [a, b] = [rows[p.a]?.id as string, rows[p.b]?.id as string];
          return { ...p, a: a < b ? a : b, b: a < b ? b : a };
        }),
        trx,
      );
      await this.changes.event(
        actor,
        {
          action: "trainings.linkage.run",
          objectType: "training_linkage",
          details: {
            records: rows.length,
            reviews: reviews.length,
            changed: assignments,
            thresholds: result.thresholds,
            thresholdSource: result.learned?.source ?? "default",
            decisions: result.learned?.decisions ?? decisions.length,
          },
        },
        trx,
      );
      return new Set(result.clusterOf).size;
    });
    const alerts = await this.raiseRepeatAlerts(fresh);
    const freshRows = fresh.length ? await this.repo.participantsByIds(fresh) : [];
    return {
      records: rows.length,
      persons: linked,
      linked: rows.length - linked,
      reviews: reviews.length,
      alerts,
      fresh: freshRows.length,
      freshLinked: freshRows.filter((p) => Number(p.other_trainings ?? 0) > 0).length,
      thresholds: presentThresholds(
        result.learned ?? {
          source: "default",
          reason: "too_few_decisions",
          upper: { value: result.thresholds.upper, low: null, high: null },
          lower: { value: result.thresholds.lower, low: null, high: null },
          decisions: decisions.length,
          same: decisions.filter((d) => d.same).length,
          different: decisions.filter((d) => !d.same).length,
          resamples: 0,
        },
      ),
    };
  }

  private remember(result: LinkageResult) {
    if (result.records.length < 2) {
      this.lastModel = null;
      return;
    }
    this.lastModel = {
      parameters: result.parameters,
      scorer: new LinkageScorer(result.parameters, new Map()),
      records: result.records,
    };
  }

  /** Gives each cluster a person id, keeping the id most of its records already had. */
  private async assignPersons(rows: InputRow[], result: LinkageResult, trx: Kysely<DB>): Promise<number> {
    const clusters = new Map<number, number[]>();
    result.clusterOf.forEach((c, i) => {
      const list = clusters.get(c);
      if (list) list.push(i);
      else clusters.set(c, [i]);
    });
    const best = new Map<number, number>();
    for (const p of result.pairs) {
      if (p.probability < result.thresholds.upper) continue;
      best.set(p.a, Math.max(best.get(p.a) ?? 0, p.probability));
      best.set(p.b, Math.max(best.get(p.b) ?? 0, p.probability));
    }
    const claimed = new Set<string>();
    const needNew: number[][] = [];
    const chosen = new Map<number[], string>();
    const sorted = [...clusters.values()].sort((x, y) => y.length - x.length);
    for (const members of sorted) {
      const votes = new Map<string, number>();
      for (const i of members) {
        const id = rows[i]?.person_id;
        if (id && !claimed.has(id)) votes.set(id, (votes.get(id) ?? 0) + 1);
      }
      const top = [...votes].sort((x, y) => y[1] - x[1])[0]?.[0];
      if (top) {
        claimed.add(top);
        chosen.set(members, top);
      } else needNew.push(members);
    }
    const created = await this.repo.createPersons(needNew.length, trx);
    needNew.forEach((members, k) => {
      chosen.set(members, created[k] as string);
    });
    const changes: { id: string; personId: string; probability: number | null }[] = [];
    for (const [members, personId] of chosen) {
      for (const i of members) {
        const row = rows[i] as InputRow;
        if (row.person_id !== personId || members.length > 1) {
          changes.push({ id: row.id, personId, probability: best.get(i) ?? null });
        }
      }
    }
    await this.repo.assignPersons(changes, trx);
    return changes.length;
  }

  /** Alerts the organizers of both trainings when a person takes the same topic and level again. */
  private async raiseRepeatAlerts(participantIds: string[]): Promise<number> {
    const candidates = await this.repo.repeatCandidates(participantIds, this.options.repeatMonths);
    let raised = 0;
    for (const c of candidates) {
      const inserted = await this.repo.insertAlert(c.participant_id, c.previous_id);
      if (!inserted) continue;
      raised++;
      const name = c.full_name ?? c.full_name_native ?? "";
      const recipients = [c.created_by, c.previous_created_by].filter((x): x is string => !!x);
      await this.notifications.notify(recipients, {
        kind: REPEAT_KIND,
        title: {
          en: `${name} already completed “${c.previous_title}” (${c.topic}, ${c.level})`,
          ru: `${name} уже прошёл(а) «${c.previous_title}» (${c.topic}, ${c.level})`,
        },
        body: {
          en: `Registered for “${c.title}”, a course of the same topic and level.`,
          ru: `Зарегистрирован(а) на «${c.title}» — курс той же темы и уровня.`,
        },
        link: `/trainings/${c.training_id}`,
      });
    }
    return raised;
  }

  /** Likely existing persons for a name being typed (with date of birth and country when known). */
  async suggest(query: { name: string; dateOfBirth?: string; country?: string }): Promise<PersonSuggestion[]> {
    if (!this.lastModel) await this.warmUp();
    const model = this.lastModel;
    if (!model) return [];
    const probe = prepareRecord(
      {
        id: "probe",
        fullName: query.name,
        fullNameNative: null,
        dateOfBirth: query.dateOfBirth ?? null,
        sex: null,
        country: query.country ?? null,
        agency: null,
        position: null,
      },
      -1,
    );
    if (probe.names.length === 0) return [];
    const scored = model.records
      .map((r) => ({ r, pair: model.scorer.score(probe, r) }))
      .filter((s) => (s.pair.levels[0] as number) >= 2)
      .sort((x, y) => y.pair.weight - x.pair.weight)
      .slice(0, 40);
    const rows = await this.repo.participantsByIds(scored.map((s) => s.r.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const seen = new Set<string>();
    const out: PersonSuggestion[] = [];
    for (const s of scored) {
      const row = byId.get(s.r.id);
      if (!row?.person_id || seen.has(row.person_id)) continue;
      seen.add(row.person_id);
      out.push({
        personId: row.person_id,
        participantId: row.id,
        fullName: row.full_name,
        fullNameNative: row.full_name_native,
        dateOfBirth: row.date_of_birth,
        country: row.country,
        agency: row.agency,
        trainings: Number(row.other_trainings ?? 0) + 1,
        probability: s.pair.probability,
      });
      if (out.length >= 8) break;
    }
    return out;
  }

  /**
   * Records a reviewer's decision (kept and respected by later runs; the pair leaves the queue at once) and
   * queues a run that links again with it and learns the thresholds from it.
   */
  async decide(a: string, b: string, same: boolean, actor: Actor): Promise<string> {
    const [x, y] = a < b ? [a, b] : [b, a];
    return this.db.transaction().execute(async (trx) => {
      await this.repo.saveDecision(x, y, same, actor.userId, trx);
      await this.changes.event(
        actor,
        {
          action: "trainings.linkage.decide",
          objectType: "training_participant",
          objectId: x,
          details: { other: y, same },
        },
        trx,
      );
      return this.enqueue(actor, [], trx);
    });
  }

  private async warmUp() {
    const rows = await this.repo.linkageInput();
    if (rows.length < 2) return;
    this.remember(runLinkage(rows.map(toLinkRecord), { upper: this.options.upper, lower: 1 }));
  }
}

/**
 * A linkage tick as job progress: records put into blocks of all records; then pairs compared and scored of
 * twice the candidate pairs (one bar for both passes); joining into persons has no useful total.
 */
function progressOf(tick: LinkageTick): [number, number | null, string] {
  switch (tick.phase) {
    case "blocking":
      return [tick.done, Math.max(1, tick.total), "blocking"];
    case "comparing":
      return [tick.done, 2 * Math.max(1, tick.total), "comparing"];
    case "scoring":
      return [tick.total + tick.done, 2 * Math.max(1, tick.total), "scoring"];
    case "clustering":
      return [0, null, "clustering"];
  }
}
