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

/**
 * A place a liaison post covers: a partner code (→ its name) or a region written out in English
 * ("Central Asia" → regions.central_asia), else the text as given.
 */
export function placeLabel(t: TFunction, partnerName: (code: string) => string, place: string): string {
  if (/^[A-Z0-9]{2,12}$/.test(place)) return partnerName(place);
  const key = place
    .trim()
    .toLowerCase()
    .replace(/[^a-z]+/g, "_");
  return t(`regions.${key}`, { defaultValue: place });
}
