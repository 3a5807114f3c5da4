import type { TFunction } from "i18next";

/** "before 2012" or "since the 3rd Ministerial Conference (2012)", as the brochure's asterisk means. */
export function partnerSince(t: TFunction, sinceThirdMinisterialConference: boolean): string {
  return t(sinceThirdMinisterialConference ? "partners.sinceThird" : "partners.before2012");
}

export function regionLabel(t: TFunction, region: string | null): string {
  if (!region) return "—";
  return t(`regions.${region}`, { defaultValue: region.replaceAll("_", " ") });
}

/** Lower-cased, accent-free text for a forgiving filter ("Türkiye" matches "turkiye"). */
export function normalizeForFilter(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase().replaceAll("ё", "е");
}
