import { LINK_FIELDS, type LinkageStatus, type ReviewPair } from "../../../common/trainings.js";
import type { Principal } from "../../http/access-policy.js";
import type { Actor } from "../../platform/audit.js";
import { LEVELS } from "./linkage-compare.js";
import type { TrainingsService } from "./trainings.service.js";
import { toParticipant } from "./trainings.service.js";

/**
 * The order in which a reviewer's decisions teach the model most: one pair of each kind of doubt (pairs
 * sharing a comparison vector) before a second of the same kind; within a round, the kinds the model is least
 * sure of (binary entropy of the probability) and that speak for the most pending pairs (log2(1 + n)) first.
 * Uncertainty sampling with a diversity constraint, a heuristic of active learning; ties keep the higher
 * probability first.
 */
export function informativeOrder<T extends { probability: number; levels: number[] }>(pairs: T[]): T[] {
  const entropy = (p: number) => (p <= 0 || p >= 1 ? 0 : -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p)));
  const byVector = new Map<string, T[]>();
  for (const pair of pairs) {
    const key = pair.levels.join(",");
    const list = byVector.get(key);
    if (list) list.push(pair);
    else byVector.set(key, [pair]);
  }
  const scored: { pair: T; rank: number; score: number }[] = [];
  for (const list of byVector.values()) {
    list.sort((x, y) => entropy(y.probability) - entropy(x.probability) || y.probability - x.probability);
    const spread = Math.log2(1 + list.length);
    list.forEach((pair, rank) => {
      scored.push({ pair, rank, score: entropy(pair.probability) * spread });
    });
  }
  return scored
    .sort((x, y) => x.rank - y.rank || y.score - x.score || y.pair.probability - x.pair.probability)
    .map((s) => s.pair);
}

/**
 * The review queue: pairs between the thresholds with the reason (each field's comparison level and
 * weight), and the thresholds and run behind it. A reviewer sees the pairs whose two trainings they organize;
 * the read is audited.
 */
export async function reviewQueue(
  service: TrainingsService,
  principal: Principal,
  actor: Actor,
  page: { limit: number; offset: number },
): Promise<{ items: ReviewPair[]; total: number; linkage: LinkageStatus }> {
  const reviews = informativeOrder(await service.repo.listReviews());
  const ids = [...new Set(reviews.flatMap((r) => [r.participant_a, r.participant_b]))];
  const rows = new Map((await service.repo.participantsByIds(ids)).map((r) => [r.id, r]));
  const trainings = new Map<string, boolean>();
  const allowed = async (trainingId: string) => {
    if (!trainings.has(trainingId)) {
      const t = await service.repo.findTraining(trainingId);
      trainings.set(trainingId, !!t && (await service.canManage(principal, t)));
    }
    return trainings.get(trainingId) as boolean;
  };
  const items: ReviewPair[] = [];
  for (const r of reviews) {
    const a = rows.get(r.participant_a);
    const b = rows.get(r.participant_b);
    if (!a || !b || !(await allowed(a.training_id)) || !(await allowed(b.training_id))) continue;
    items.push({
      a: { ...toParticipant(a), trainingTitle: a.training_title },
      b: { ...toParticipant(b), trainingTitle: b.training_title },
      probability: r.probability,
      fields: LINK_FIELDS.map((field, i) => ({
        field,
        level: LEVELS[field][r.levels[i] as number] ?? "missing",
        weight: Math.round(((r.weights[i] as number) ?? 0) * 100) / 100,
      })),
    });
  }
  const pageItems = items.slice(page.offset, page.offset + page.limit);
  await service.changes.event(actor, {
    action: "trainings.linkage.review.read",
    objectType: "training_linkage",
    details: { pairs: pageItems.length },
  });
  return { items: pageItems, total: items.length, linkage: await service.linkage.status(principal) };
}
