import type { Kysely } from "kysely";
import type { Duplicate, DuplicateDecision } from "../../../common/seizures.js";
import type { DB } from "../../db/schema.js";
import { canActOnCountry, type Principal } from "../../http/access-policy.js";
import { AppError, forbidden, notFound } from "../../http/errors.js";
import type { Actor, AuditService } from "../../platform/audit.js";
import { ChangeRecorder } from "../../platform/changes.js";
import type { RevisionService } from "../../platform/revisions.js";
import { snapshotOf } from "./seizures.present.js";
import type { SeizuresService } from "./seizures.service.js";

/**
 * The review queue of possible duplicates across sources. A validator merges a pair (one record stays, the other
 * is marked merged into it and leaves the aggregates) or keeps them apart; the decision, who and when are kept.
 */
export class SeizureDuplicates {
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly seizures: SeizuresService,
    audit: AuditService,
    revisions: RevisionService,
  ) {
    this.changes = new ChangeRecorder({ audit, revisions });
  }

  async list(status: "open" | "merged" | "kept_apart", principal: Principal, page: { limit: number; offset: number }) {
    await this.seizures.requireTerms(principal);
    const v = await this.seizures.visibility(principal);
    const { items, total } = await this.seizures.repo.listDuplicates(status, v, page);
    const ids = items.flatMap((d) => [d.seizure_a, d.seizure_b]);
    const rows = await this.seizures.repo.findMany(ids);
    const presented = new Map((await this.seizures.present(rows, principal)).map((s) => [s.id, s]));
    const out: Duplicate[] = [];
    for (const d of items) {
      const a = presented.get(d.seizure_a);
      const b = presented.get(d.seizure_b);
      if (!a || !b) continue;
      out.push({
        id: d.id,
        status: d.status,
        score: Math.round(d.score * 100) / 100,
        a,
        b,
        decidedAt: d.decided_at ? new Date(d.decided_at).toISOString() : null,
        note: d.note,
      });
    }
    return { items: out, total };
  }

  async decide(id: string, input: DuplicateDecision, principal: Principal, actor: Actor) {
    const pair = await this.seizures.repo.findDuplicate(id);
    if (!pair) throw notFound("duplicate");
    const [a, b] = await Promise.all([
      this.seizures.repo.find(pair.seizure_a),
      this.seizures.repo.find(pair.seizure_b),
    ]);
    if (!a || !b) throw notFound("seizure");
    const scopes = await this.seizures.scopesOf(principal);
    if (!canActOnCountry(principal, a.country, scopes) || !canActOnCountry(principal, b.country, scopes))
      throw forbidden();
    if (pair.status !== "open") throw new AppError("conflict", 409, { status: pair.status });
    if (input.decision === "merge" && input.keep !== a.id && input.keep !== b.id) {
      throw new AppError("validation_failed", 400, undefined, [{ path: "body.keep", code: "required" }]);
    }
    await this.db.transaction().execute(async (trx) => {
      const done = await this.seizures.repo.decideDuplicate(
        trx,
        id,
        input.decision === "merge" ? "merged" : "kept_apart",
        principal.user?.id ?? null,
        input.note ?? null,
      );
      if (!done) throw new AppError("conflict", 409);
      if (input.decision === "merge") {
        const gone = input.keep === a.id ? b : a;
        if (gone.status === "published") await this.seizures.repo.adjustMonthly(trx, { id: gone.id }, -1);
        // The merged record's history gains the step; the decision's audit entry below names the pair.
        await this.changes.record(trx, actor, {
          type: "seizure",
          action: "transition",
          before: gone,
          after: await this.seizures.repo.markMerged(trx, gone.id, input.keep ?? null),
          snapshot: snapshotOf,
          audit: null,
        });
      }
      await this.changes.event(
        actor,
        {
          action: `seizure.duplicate.${input.decision}`,
          objectType: "seizure_duplicate",
          objectId: id,
          details: { a: a.id, b: b.id, keep: input.keep ?? null, note: input.note ?? null },
        },
        trx,
      );
    });
    return { id, status: input.decision === "merge" ? ("merged" as const) : ("kept_apart" as const) };
  }
}
