import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { Alert, DuplicateLabel } from "../../../common/projects.js";
import type { DB } from "../../db/schema.js";
import { canActOnPartner, type Principal, rolePermissions } from "../../http/access-policy.js";
import { forbidden, notFound } from "../../http/errors.js";
import { type Actor, type AuditService, SYSTEM_ACTOR } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { JobProgress, JobService } from "../../platform/jobs.js";
import type { NotificationService } from "../../platform/notifications.js";
import type { AccountsService } from "../accounts/accounts.service.js";
import { canReadProject, canViewAlert, seesAllProjects } from "./projects.policy.js";
import type { ProjectsRepository } from "./projects.repository.js";
import type { ProjectsService } from "./projects.service.js";
import {
  type Component,
  DEFAULT_THRESHOLD,
  type DupFeatures,
  explain,
  fingerprintOf,
  idfFrom,
  scorePair,
  tuneThreshold,
} from "./projects.similarity.js";

export const NIGHTLY_JOB = "projects.duplicates";
export const NOTIFICATION_KIND = "project_duplicate";
/** Pairs scoring at least this are kept as candidates (so labels can tune the threshold both ways). */
export const CANDIDATE_FLOOR = 0.3;

/** An alert's title for one reader: the projects they may read by title, the others by their partner alone. */
export function alertTitle(
  projects: readonly { code: string; partner_code: string; title: { en?: string; ru?: string } }[],
  visible: readonly boolean[],
): { en: string; ru: string } {
  const name = (lang: "en" | "ru") =>
    projects.map((p, i) => {
      if (visible[i]) return `${(lang === "en" ? (p.title.en ?? p.title.ru) : (p.title.ru ?? p.title.en)) ?? p.code}`;
      return lang === "en"
        ? `a project of ${p.partner_code} (ask ${p.partner_code}'s focal point)`
        : `проект партнёра ${p.partner_code} (обратитесь к национальному координатору ${p.partner_code})`;
    });
  return {
    en: `Possible duplication: ${name("en").join(" / ")}`,
    ru: `Возможное дублирование: ${name("ru").join(" / ")}`,
  };
}

type AlertRow = Awaited<ReturnType<ProjectsRepository["findAlert"]>> & {};

/** The reasons, without a shared identifier's value when one of the projects may not be opened. */
function withheld(components: Component[], visible: boolean[]): Component[] {
  if (visible.every(Boolean)) return components;
  return components.map((c) =>
    c.key === "identifier" ? { ...c, reason: { en: "same identifier", ru: "одинаковый идентификатор" } } : c,
  );
}

/** Finds potential duplicates on save and nightly; alerts explain themselves; labels tune the threshold. */
export class DuplicatesService {
  private readonly repo: ProjectsRepository;
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly deps: {
      projects: ProjectsService;
      audit: AuditService;
      jobs: JobService;
      notifications: NotificationService;
      accounts: AccountsService;
      log: FastifyBaseLogger;
    },
  ) {
    this.repo = deps.projects.repo;
    this.changes = new ChangeRecorder({ audit: deps.audit });
    deps.notifications.registerKind({
      kind: NOTIFICATION_KIND,
      label: { en: "Possible duplication of projects", ru: "Возможное дублирование проектов" },
      defaultInApp: true,
      defaultEmail: true,
    });
    deps.projects.onSaved((id) => this.checkProject(id).then(() => undefined));
  }

  async threshold(trx: Kysely<DB> = this.db): Promise<number> {
    const model = await this.repo.getModel(trx);
    return model ? Number(model.threshold) : DEFAULT_THRESHOLD;
  }

  /** Scores one project against its candidates; stores pairs over the floor; notifies about new alerts. */
  async checkProject(id: string, notify = true): Promise<{ alerts: number; created: number }> {
    const row = await this.db
      .selectFrom("projects")
      .select(["id", "features", "workflow"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row || row.workflow === "archived") return { alerts: 0, created: 0 };
    const features = row.features as unknown as DupFeatures;
    const scored = await this.score(id, features);
    const threshold = await this.threshold();
    const fresh: { alertId: string; other: string; score: number }[] = [];
    const keep: string[] = [];
    await this.db.transaction().execute(async (trx) => {
      for (const s of scored) {
        const r = (await this.repo.upsertAlert(trx, id, s.id, s.score, s.components)).rows[0];
        if (!r) continue;
        keep.push(r.id);
        if (r.inserted && s.score >= threshold) fresh.push({ alertId: r.id, other: s.id, score: s.score });
      }
      await this.repo.removeStaleAlerts(trx, id, keep);
    });
    if (notify) for (const f of fresh) await this.notify(f.alertId);
    return { alerts: scored.filter((s) => s.score >= threshold).length, created: fresh.length };
  }

  /** Candidates through the indexes, then the full score in memory (IDF over the candidate set). */
  async score(id: string | null, features: DupFeatures) {
    const fingerprint = fingerprintOf(features);
    if (!features.countries.length || !fingerprint.length) return [];
    const period = features.start || features.end ? `[${features.start ?? ""},${features.end ?? ""}]` : null;
    const candidates = (await this.repo.candidates(id, features.countries, period, fingerprint)).rows;
    const docs = candidates.map((c) => ({ id: c.id, f: c.features as unknown as DupFeatures }));
    const idf = idfFrom([features, ...docs.map((d) => d.f)]);
    const out: { id: string; score: number; components: Component[] }[] = [];
    for (const d of docs) {
      const s = scorePair(features, d.f, idf);
      if (s.gated && s.score >= CANDIDATE_FLOOR) out.push({ id: d.id, score: s.score, components: s.components });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /** The nightly run over every project. */
  async checkAll(progress?: JobProgress): Promise<{ projects: number; created: number }> {
    const total = Number(
      (
        await this.db
          .selectFrom("projects")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    let after: string | null = null;
    let done = 0;
    let created = 0;
    for (;;) {
      const batch = await this.repo.allFeatures(after, 200);
      if (!batch.length) break;
      for (const p of batch) {
        if (progress?.signal.aborted) return { projects: done, created };
        created += (await this.checkProject(p.id)).created;
        done += 1;
      }
      after = batch[batch.length - 1]?.id ?? null;
      await progress?.set(done, total, `${done}/${total}`);
    }
    return { projects: done, created };
  }

  /**
   * Tells the focal points of both partners and both creators. Each is told only about what they may open: a
   * project they may not open is named by its partner alone, with no title, code or identifier.
   */
  private async notify(alertId: string) {
    try {
      const alert = await this.repo.findAlert(alertId);
      if (!alert) return;
      const projects = await this.repo.findMany([alert.project_a, alert.project_b]);
      const partners = [...new Set(projects.map((p) => p.partner_code))];
      const ids = (
        await Promise.all(
          partners.map((partnerCode) => this.deps.accounts.activeUserIds({ roles: ["focal_point"], partnerCode })),
        )
      ).flat();
      const creators = projects.map((p) => p.created_by).filter((x): x is string => !!x);
      const recipients = [...new Set([...ids, ...creators])];
      if (!recipients.length) return;
      const viewers = await this.db
        .selectFrom("users")
        .select(["id", "role", "partner_code"])
        .where("id", "in", recipients)
        .execute();
      // One message per distinct view: who sees both, who sees only one of the two.
      const groups = new Map<string, string[]>();
      for (const v of viewers) {
        const viewer = { user: { partnerCode: v.partner_code }, permissions: new Set(rolePermissions(v.role)) };
        const key = projects.map((p) => (canReadProject(viewer, p) ? "1" : "0")).join("");
        groups.set(key, [...(groups.get(key) ?? []), v.id]);
      }
      for (const [key, userIds] of groups) {
        const visible = projects.map((_, i) => key[i] === "1");
        if (!visible.some(Boolean)) continue; // told of nothing they may open: no message at all
        await this.deps.notifications.notify(userIds, this.message(alert, projects, visible));
      }
    } catch (error) {
      this.deps.log.error({ err: error, alertId }, "duplicate notification failed");
    }
  }

  private message(
    alert: AlertRow,
    projects: { code: string; partner_code: string; title: { en?: string; ru?: string } }[],
    visible: boolean[],
  ) {
    const why = explain(withheld(alert.components as Component[], visible));
    const score = Number(alert.score).toFixed(2);
    return {
      kind: NOTIFICATION_KIND,
      title: alertTitle(projects, visible),
      body: { en: `Score ${score}: ${why.en}`, ru: `Оценка ${score}: ${why.ru}` },
      link: `/projects/duplicates?alert=${alert.id}`,
    };
  }

  private async mayView(principal: Principal, projects: { partner_code: string }[]) {
    return canViewAlert(principal, projects);
  }

  async list(
    query: { project?: string | undefined; status: "open" | "labelled" | "all"; limit: number; offset: number },
    principal: Principal,
  ): Promise<{ items: Alert[]; total: number; limit: number; offset: number; threshold: number }> {
    const threshold = await this.threshold();
    // Non-coordinators see the alerts that touch their partner's projects; filter after the fetch.
    const wide = seesAllProjects(principal) ? query : { ...query, limit: 5000, offset: 0 };
    const [rows, count] = await this.repo.listAlerts({ ...wide, minScore: threshold });
    const presented: Alert[] = [];
    for (const row of rows) {
      const a = await this.present(row, principal);
      if (a) presented.push(a);
    }
    if (seesAllProjects(principal))
      return { items: presented, total: Number(count.n), limit: query.limit, offset: query.offset, threshold };
    return {
      items: presented.slice(query.offset, query.offset + query.limit),
      total: presented.length,
      limit: query.limit,
      offset: query.offset,
      threshold,
    };
  }

  private async present(row: AlertRow, principal: Principal): Promise<Alert | null> {
    const projects = await this.repo.findMany([row.project_a, row.project_b]);
    if (!(await this.mayView(principal, projects))) return null;
    const visible = projects.map((p) => canReadProject(principal, p));
    const components = withheld(row.components as Component[], visible);
    const children = await this.repo.children(projects.filter((_, i) => visible[i]).map((p) => p.id));
    return {
      id: row.id,
      score: Number(row.score),
      components,
      explanation: explain(components),
      label: row.label,
      labelledBy: row.labelled_by,
      labelledAt: row.labelled_at ? new Date(row.labelled_at).toISOString() : null,
      detectedAt: new Date(row.detected_at).toISOString(),
      version: row.version,
      projects: projects.map((p, i) =>
        visible[i]
          ? {
              id: p.id,
              code: p.code,
              partnerCode: p.partner_code,
              title: p.title,
              // Codes of the controlled list (named by the reader's client in their language), as typed when unmapped.
              donors: [...new Set(children.get(p.id)?.transactions.map((f) => f.donor_code ?? f.donor_name) ?? [])],
              restricted: false,
            }
          : { id: null, code: null, partnerCode: p.partner_code, title: {}, donors: [], restricted: true },
      ),
    };
  }

  async label(id: string, label: DuplicateLabel, version: number, principal: Principal, actor: Actor): Promise<Alert> {
    const before = await this.repo.findAlert(id);
    if (!before) throw notFound("alert");
    const projects = await this.repo.findMany([before.project_a, before.project_b]);
    const allowed =
      principal.permissions.has("projects:write") && projects.some((p) => canActOnPartner(principal, p.partner_code));
    if (!allowed) throw (await this.mayView(principal, projects)) ? forbidden() : notFound("alert");
    await this.db.transaction().execute(async (trx) => {
      // An alert keeps no revision history: the label's audit entry says what it was.
      await this.changes.record(trx, actor, {
        type: "duplicate_alert",
        action: "update",
        before,
        after: await this.repo.labelAlert(trx, id, version, label, actor.userId),
        current: () => this.repo.findAlert(id, trx),
        what: "alert",
        id,
        revision: false,
        audit: { action: "project_duplicate.label", details: { label, from: before.label } },
      });
      const labelled = await this.repo.labelledScores(trx);
      const tuned = tuneThreshold(
        labelled.map((l) => ({ score: Number(l.score), positive: l.label !== "unrelated" })),
        DEFAULT_THRESHOLD,
      );
      await this.repo.saveModel(trx, { ...tuned, labelled: labelled.length });
    });
    const row = await this.repo.findAlert(id);
    return (await this.present(row as AlertRow, principal)) as Alert;
  }

  async model() {
    const m = await this.repo.getModel();
    return {
      threshold: m ? Number(m.threshold) : DEFAULT_THRESHOLD,
      labelled: m?.labelled ?? 0,
      precision: m?.precision ? Number(m.precision) : null,
      recall: m?.recall ? Number(m.recall) : null,
    };
  }

  /** Current candidate pairs over the threshold, for `pact projects duplicates`. */
  async candidatePairs() {
    const threshold = await this.threshold();
    const rows = await this.repo.allAlerts(threshold);
    const projects = new Map(
      (await this.repo.findMany([...new Set(rows.flatMap((r) => [r.project_a, r.project_b]))])).map((p) => [p.id, p]),
    );
    return rows.map((r) => ({
      alert: r.id,
      project_a: projects.get(r.project_a)?.code ?? r.project_a,
      project_b: projects.get(r.project_b)?.code ?? r.project_b,
      score: Number(r.score).toFixed(4),
      label: r.label ?? "",
      reasons: explain(r.components as Component[]).en,
    }));
  }

  enqueueNightly() {
    return this.deps.jobs.enqueue(NIGHTLY_JOB, {}, SYSTEM_ACTOR);
  }
}
