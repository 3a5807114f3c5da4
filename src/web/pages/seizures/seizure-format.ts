import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { DRUG_GROUPS, DRUGS, drugOf } from "../../../common/seizures.js";
import { partnersQuery } from "../../api/queries.js";
import { useLocalizedText } from "../../components/localized.js";
import { useLanguage } from "../../i18n/index.js";

/** Country names from the partners list (the DMP's countries are partners); other codes are shown as they are. */
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
    return { options, name: (code: string) => names.get(code) ?? code };
  }, [data, text, lang]);
}

/** Drug names and group labels in the UI language. */
export function useDrugs() {
  const lang = useLanguage();
  const { t } = useTranslation();
  return useMemo(() => {
    const drugName = (code: string) => drugOf(code)?.name[lang] ?? code;
    const groupName = (code: string) => t(`seizures.groups.${code}`, { defaultValue: code });
    return {
      drugName,
      groupName,
      drugOptions: DRUG_GROUPS.map((g) => ({
        group: groupName(g),
        items: DRUGS.filter((d) => d.group === g).map((d) => ({ value: d.code, label: d.name[lang] })),
      })),
      groupOptions: DRUG_GROUPS.map((g) => ({ value: g, label: groupName(g) })),
    };
  }, [lang, t]);
}

export function useNumber() {
  const lang = useLanguage();
  return useMemo(() => {
    const kg = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    const int = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
    return {
      kg: (n: number | null | undefined) => (n === null || n === undefined ? "—" : kg.format(n)),
      int: (n: number) => int.format(n),
    };
  }, [lang]);
}

export const STATUS_COLORS: Record<string, string> = {
  entered: "gray.9",
  validated: "blue.9",
  published: "teal.9",
  merged: "orange.9",
};
