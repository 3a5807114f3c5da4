import type { RECOMMENDATION_ACTIONS, RecommendationStatus } from "../../../common/meetings.js";
import type { Abilities } from "../../../common/platform.js";
import { can, type Principal } from "../../http/access-policy.js";
import { allowedTransitions, REPORTABLE } from "./recommendations.lifecycle.js";

/**
 * The recommendation policy: who may read one, and what the reader may do with it. The routes require the
 * permission, the service asks this for the record (visibility, lifecycle, partner), and the same answers reach
 * the web as `can`, so a button is shown exactly when the server would accept its request.
 */
type Row = { visibility: string; status: string };

/**
 * Who may open a recommendation: members all; visitors only one that is public, of a public meeting, and past
 * the draft (`meetingVisibility` is needed for visitors alone). Also the rule of the digests.
 */
export function canReadRecommendation(principal: Principal, row: Row, meetingVisibility: string | undefined): boolean {
  if (principal.user) return true;
  return row.visibility === "public" && meetingVisibility === "public" && row.status !== "draft";
}

/** The lifecycle steps the reader may take from the recommendation's status (none without `meetings:manage`). */
export function transitionsFor(principal: Principal, row: Row): RecommendationStatus[] {
  return can(principal, "meetings:manage") ? allowedTransitions(row.status as RecommendationStatus) : [];
}

export function recommendationAbilities(
  principal: Principal,
  row: Row,
): Abilities<(typeof RECOMMENDATION_ACTIONS)[number]> {
  return {
    edit: can(principal, "meetings:manage"),
    transition: transitionsFor(principal, row).length > 0,
    // For their own partner, or for any partner when they act for every partner.
    report:
      can(principal, "recommendations:report") &&
      REPORTABLE.includes(row.status as RecommendationStatus) &&
      (can(principal, "partners:all") || !!principal.user?.partnerCode),
  };
}
