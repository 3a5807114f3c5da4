import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { countryName } from "../../../common/countries.js";
import { partnersQuery } from "../../api/queries.js";
import { useLocalizedText } from "../../components/localized.js";
import { useLanguage } from "../../i18n/index.js";

/**
 * Resolves partner codes (ISO3 or acronym) to names in the UI language, from the cached partner list.
 * Countries that are not partners get their ISO name; other unknown codes (regions) come back unchanged.
 */
export function usePartnerNames(): { name: (code: string) => string; isPartner: (code: string) => boolean } {
  const { data } = useQuery(partnersQuery);
  const text = useLocalizedText();
  const lang = useLanguage();
  const byCode = useMemo(() => new Map((data?.items ?? []).map((p) => [p.code, p])), [data]);
  const name = useCallback(
    (code: string) => {
      const p = byCode.get(code);
      return p ? text(p.name) : countryName(code, lang);
    },
    [byCode, text, lang],
  );
  const isPartner = useCallback((code: string) => byCode.has(code), [byCode]);
  return { name, isPartner };
}

/**
 * Partner countries as select options, sorted in the UI language, and a name for any ISO3: from the partners list,
 * else from the ISO list (countries that are not partners, e.g. KEN, TZA).
 */
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
