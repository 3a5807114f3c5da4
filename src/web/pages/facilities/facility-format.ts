import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { countryName } from "../../../common/countries.js";
import type { FacilityReference } from "../../../common/facilities.js";
import { facilityReferenceQuery } from "../../api/facilities.js";
import { partnersQuery } from "../../api/queries.js";
import { useLocalizedText } from "../../components/localized.js";
import { useLanguage } from "../../i18n/index.js";

export type RefKind = "modalities" | "services" | "populations" | "orgTypes";

/** Labels of the standards' codes in the UI language, from the cached reference list. */
export function useFacilityLabels() {
  const { data } = useQuery(facilityReferenceQuery);
  const text = useLocalizedText();
  const maps = useMemo(() => {
    const build = (items: { code: string; label: { en?: string; ru?: string } }[] | undefined) =>
      new Map((items ?? []).map((i) => [i.code, i.label]));
    return {
      modalities: build(data?.modalities),
      services: build(data?.services),
      populations: build(data?.populations),
      orgTypes: build(data?.orgTypes),
    };
  }, [data]);
  const label = useCallback(
    (kind: RefKind, code: string) => {
      const l = maps[kind].get(code);
      return l ? text(l) : code;
    },
    [maps, text],
  );
  const options = useCallback(
    (kind: RefKind) =>
      ((data?.[kind] ?? []) as FacilityReference["modalities"]).map((i) => ({ value: i.code, label: text(i.label) })),
    [data, text],
  );
  return { reference: data, label, options };
}

/** Partner countries as select options, sorted in the UI language, and a name lookup for any ISO3. */
export function useCountries() {
  const { data } = useQuery(partnersQuery);
  const text = useLocalizedText();
  const lang = useLanguage();
  return useMemo(() => {
    const countries = (data?.items ?? []).filter((p) => p.kind === "country");
    const names = new Map(countries.map((p) => [p.code, text(p.name)]));
    const collator = new Intl.Collator(lang, { sensitivity: "base" });
    const options = countries
      .map((p) => ({ value: p.code, label: text(p.name) }))
      .sort((a, b) => collator.compare(a.label, b.label));
    return { options, name: (code: string) => names.get(code) ?? countryName(code, lang) };
  }, [data, text, lang]);
}

export function formatScore(score: number | null | undefined, lang: string): string {
  if (score === null || score === undefined) return "—";
  return new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(score);
}
