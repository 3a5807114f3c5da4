import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import type { FacilityReference } from "../../../common/facilities.js";
import { facilityReferenceQuery } from "../../api/facilities.js";
import { useLocalizedText } from "../../components/localized.js";

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

/** Partner countries as select options and names (shared with the seizures pages). */
export { useCountries } from "../partners/use-partner-names.js";

export function formatScore(score: number | null | undefined, lang: string): string {
  if (score === null || score === undefined) return "—";
  return new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(score);
}
