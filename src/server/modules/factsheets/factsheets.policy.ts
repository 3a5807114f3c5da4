import type { FACTSHEET_ACTIONS } from "../../../common/factsheets.js";
import type { Abilities } from "../../../common/platform.js";
import { can, canActOnCountry, type Principal } from "../../http/access-policy.js";

/**
 * The policy of national data and fact sheets. A reader with `countries:all` acts on every country; others on the
 * countries `canActOnCountry` gives them (a liaison officer's scopes, a focal point's own country). A fact sheet
 * is edited (or published) with the permission and every one of its countries; its drafts are listed to those who
 * may edit them. `factsheetAbilities` sends the answers to the web as `can`.
 */
type Lookup = (userId: string) => Promise<string[]>;

export const seesAllCountries = (principal: Principal): boolean => can(principal, "countries:all");

/** Whether the principal acts on one country's national data. */
export async function countryFilterOf(principal: Principal, scopesOfUser: Lookup): Promise<(iso3: string) => boolean> {
  const scopes = principal.user ? await scopesOfUser(principal.user.id) : [];
  return (iso3) => canActOnCountry(principal, iso3, scopes);
}

/** The countries an import of national data may write (null: every country), carried by the import's job. */
export async function nationalImportCountries(principal: Principal, scopesOfUser: Lookup): Promise<string[] | null> {
  const user = principal.user;
  if (seesAllCountries(principal)) return null;
  if (user?.role === "focal_point") return user.partnerCode ? [user.partnerCode.toUpperCase()] : [];
  if (user?.role === "liaison_officer") return (await scopesOfUser(user.id)).map((c) => c.toUpperCase());
  return [];
}

/** May the principal edit (or publish) a fact sheet covering `countries`: the permission and every country. */
export function canEditFactsheet(
  principal: Principal,
  countries: readonly string[],
  allowed: (iso3: string) => boolean,
  permission: "factsheets:write" | "factsheets:publish" = "factsheets:write",
): boolean {
  return can(principal, permission) && countries.every(allowed);
}

export function factsheetAbilities(
  principal: Principal,
  countries: readonly string[],
  allowed: (iso3: string) => boolean,
): Abilities<(typeof FACTSHEET_ACTIONS)[number]> {
  return {
    edit: canEditFactsheet(principal, countries, allowed),
    publish: canEditFactsheet(principal, countries, allowed, "factsheets:publish"),
  };
}
