import type { Abilities, Role } from "../../../common/platform.js";
import type { SEIZURE_ACTIONS } from "../../../common/seizures.js";
import { can, canActOnCountry, canSee, type Principal } from "../../http/access-policy.js";
import type { Audience } from "./seizures.aggregates.js";
import type { SeizureRow } from "./seizures.repository.js";

/**
 * The seizure policy: whose countries a reader acts on, who may open a record, what they may do with it (the
 * lifecycle with four-eyes), and whose figures an aggregate sums for them. The routes require the permission, the
 * services ask this for the record, and `seizureAbilities` sends the same answers to the web as `can`.
 */

/** Every country's records and figures (`countries:all`); others their scopes, their own records, what is shared. */
export const seesAllSeizures = (principal: Principal): boolean => can(principal, "countries:all");

/**
 * Whether the user's records belong to the partner of each record's country (a liaison officer enters data for
 * the countries they serve; see seizures.owner.ts) rather than to their own partner.
 */
export const recordsBelongToCountry = (user: { role: Role } | null): boolean => user?.role === "liaison_officer";

/** Whose figures an aggregate sums for this reader: see `Audience` in seizures.aggregates.ts. */
export function audienceFor(principal: Principal, scopes: string[]): Audience {
  const user = principal.user;
  if (!user) return { kind: "public" };
  if (seesAllSeizures(principal)) return { kind: "all" };
  return { kind: "member", partnerCode: user.partnerCode, countries: scopes };
}

/** Who may open a record: unpublished and restricted ones their enterer and its countries; others by sharing. */
export function canViewSeizure(row: SeizureRow, principal: Principal, scopes: string[]): boolean {
  const user = principal.user;
  if (!user) return false;
  if (seesAllSeizures(principal)) return true;
  const mine = row.created_by === user.id;
  const onCountry = scopes.includes(row.country);
  if (row.status !== "published") return mine || onCountry;
  if (row.sharing === "restricted") return mine || onCountry;
  return canSee(principal, row.sharing, { partnerCode: row.owner_partner, ownerId: row.created_by });
}

/** Whether `userId` entered, edited or imported the record: four-eyes keeps them from validating it. */
export const enteredBy = (row: Pick<SeizureRow, "created_by" | "edited_by">, userId: string | undefined): boolean =>
  !!userId && (row.created_by === userId || row.edited_by === userId);

/** `fourEyesOff`: countries where whoever entered a record may validate it too (see SeizureSettingsService). */
export function seizureAbilities(
  row: SeizureRow,
  principal: Principal,
  scopes: string[],
  fourEyesOff: ReadonlySet<string> = new Set(),
): Abilities<(typeof SEIZURE_ACTIONS)[number]> {
  const onCountry = canActOnCountry(principal, row.country, scopes);
  const validator = can(principal, "seizures:validate") && onCountry;
  const open = row.status === "entered" || row.status === "validated";
  const secondEyes = fourEyesOff.has(row.country) || !enteredBy(row, principal.user?.id);
  return {
    edit: open && can(principal, "seizures:write") && (onCountry || row.created_by === principal.user?.id),
    validate: validator && row.status === "entered" && secondEyes,
    publish: validator && row.status === "validated",
    correct: validator && row.status === "published",
  };
}
