import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { partiesQuery } from "../../api/projects.js";
import { useLanguage } from "../../i18n/index.js";

/**
 * Names a donor or organization of the controlled list in the reader's language (`/projects/parties`); a name
 * that is not a code of the list (one still waiting for review) is shown as it was written.
 */
export function useDonorNames(): (codeOrName: string) => string {
  const lang = useLanguage();
  const { data } = useQuery(partiesQuery());
  return useCallback(
    (codeOrName: string) => data?.items.find((p) => p.code === codeOrName)?.name[lang] ?? codeOrName,
    [data, lang],
  );
}
