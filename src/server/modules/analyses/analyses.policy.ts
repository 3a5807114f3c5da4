import type { SAVED_ITEM_ACTIONS } from "../../../common/analyses.js";
import type { Abilities } from "../../../common/platform.js";
import { can, type Principal, rolesHolding } from "../../http/access-policy.js";
import { AppError } from "../../http/errors.js";
import type { Reader } from "./analyses.repository.js";

/**
 * The policy of saved analyses, dashboards and their scheduled reports. Who may open one: its owner, every member
 * when shared with members, the owner's partner when shared with the partner, and whoever holds `partners:all`.
 * Only the owner edits, shares or archives it; its reports are scheduled by the owner or by `partners:all`.
 * `savedItemAbilities` sends the answers to the web as `can`.
 */
type Item = { owner_id: string; visibility: string; partner_code: string | null };

/** The reader as the repositories' visibility filter takes it. */
export function readerOf(principal: Principal): Reader {
  const user = principal.user;
  if (!user) throw new AppError("unauthenticated", 401);
  return { userId: user.id, partnerCode: user.partnerCode, all: can(principal, "partners:all") };
}

export function canReadSaved(row: Item, reader: Reader): boolean {
  return (
    reader.all ||
    row.owner_id === reader.userId ||
    row.visibility === "members" ||
    (row.visibility === "partner" && row.partner_code !== null && row.partner_code === reader.partnerCode)
  );
}

/** Scheduling reports of an item (and picking their recipients): its owner, or `partners:all`. */
export function canScheduleReports(principal: Principal, ownerId: string): boolean {
  return ownerId === principal.user?.id || can(principal, "partners:all");
}

/** The roles that open every item, for the recipients picker's query (they hold `partners:all`). */
export const rolesReadingAll = () => rolesHolding("partners:all");

export function savedItemAbilities(
  principal: Principal,
  row: { owner_id: string },
): Abilities<(typeof SAVED_ITEM_ACTIONS)[number]> {
  return { edit: row.owner_id === principal.user?.id, schedule: canScheduleReports(principal, row.owner_id) };
}
