import { can, canActOnCountry, countryScopesOf, type Principal } from "../../http/access-policy.js";

/**
 * The facility policy: who may enter and edit treatment facilities of a country. Reading follows the record's
 * sharing (`visibilityOf` in the service); editing needs `facilities:write` on the facility's country (every
 * country with `countries:all`, a liaison officer's scopes, a focal point's own country) or being its creator.
 * The answer reaches the web as the facility's `can.edit`.
 */
type Lookup = (userId: string) => Promise<string[]>;

export async function canEditFacility(
  principal: Principal,
  facility: { country: string; createdBy?: string | null },
  scopesOfUser: Lookup,
): Promise<boolean> {
  if (!principal.user || !can(principal, "facilities:write")) return false;
  if (facility.createdBy && facility.createdBy === principal.user.id) return true;
  return canActOnCountry(principal, facility.country, await countryScopesOf(principal, scopesOfUser));
}

/** The countries a principal may enter facilities for; null means every country. */
export async function facilityCountries(principal: Principal, scopesOfUser: Lookup): Promise<string[] | null> {
  if (!principal.user || !can(principal, "facilities:write")) return [];
  if (can(principal, "countries:all")) return null;
  return countryScopesOf(principal, scopesOfUser);
}
