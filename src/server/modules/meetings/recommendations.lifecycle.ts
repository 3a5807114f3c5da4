import type { RecommendationStatus } from "../../../common/meetings.js";

/**
 * The life of a recommendation: draft → adopted (by its EWG) → endorsed (by a named PCGM) → implementation
 * under way → implemented; or superseded / merged (into a successor) or withdrawn. Terminal states stay.
 */
const NEXT: Record<RecommendationStatus, RecommendationStatus[]> = {
  draft: ["adopted", "withdrawn"],
  adopted: ["endorsed", "superseded", "merged", "withdrawn"],
  endorsed: ["in_progress", "implemented", "superseded", "merged", "withdrawn"],
  in_progress: ["implemented", "superseded", "merged", "withdrawn"],
  implemented: ["superseded", "merged"],
  superseded: [],
  merged: [],
  withdrawn: [],
};

export function allowedTransitions(from: RecommendationStatus): RecommendationStatus[] {
  return NEXT[from];
}

export function canTransition(from: RecommendationStatus, to: RecommendationStatus): boolean {
  return NEXT[from].includes(to);
}

/** Statuses in which partners report implementation. */
export const REPORTABLE: readonly RecommendationStatus[] = ["adopted", "endorsed", "in_progress", "implemented"];

/** Meeting kinds that may endorse a recommendation. */
export const ENDORSING_KINDS = ["pcgm", "ministerial_conference"];
