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
