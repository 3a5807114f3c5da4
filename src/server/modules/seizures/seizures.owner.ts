import type { Role } from "../../../common/platform.js";
import { recordsBelongToCountry } from "./seizures.policy.js";

/**
 * The partner a seizure record belongs to: partner-level sharing opens the published record to that partner's
 * users. A liaison officer enters data for the countries they serve, so their record belongs to the partner of
 * its country (a country partner's code is its ISO3 code), never to the officer's own organization: bound to
 * UNODC, every UNODC user read Tajikistan's partner-level records and Tajikistan's own did not. Anyone else's
 * record belongs to their own partner (a focal point enters only for their own country).
 */
type Enterer = { role: Role; partnerCode: string | null } | null;

/** Whether the user's records belong to the partner of each record's country (a liaison officer's do). */
export const ownedByCountry = (user: Enterer) => recordsBelongToCountry(user);

export function ownerPartnerOf(user: Enterer, country: string) {
  return ownedByCountry(user) ? country : (user?.partnerCode ?? null);
}

/** After an edit or correction: a record bound to its country follows the country; any other keeps its owner. */
export function ownerPartnerAfterEdit(before: { owner_partner: string | null; country: string }, country: string) {
  return before.owner_partner === before.country ? country : before.owner_partner;
}
