import { queryOptions } from "@tanstack/react-query";
import type { Language } from "../../common/localized.js";
import type { TranslationFill, TranslationModule, TranslationQueue } from "../../common/translations.js";
import { api } from "./client.js";

export const TRANSLATIONS_PAGE_SIZE = 20;

export interface TranslationQueueFilter {
  module?: TranslationModule | undefined;
  missing?: Language | undefined;
  record?: string | undefined;
  page?: number | undefined;
}

export const translationQueueQuery = (filter: TranslationQueueFilter) =>
  queryOptions({
    queryKey: ["translations", filter],
    queryFn: ({ signal }) =>
      api.get<TranslationQueue>(
        "/translations",
        {
          module: filter.module,
          missing: filter.missing,
          record: filter.record,
          limit: TRANSLATIONS_PAGE_SIZE,
          offset: ((filter.page ?? 1) - 1) * TRANSLATIONS_PAGE_SIZE,
        },
        signal,
      ),
  });

export const fillTranslation = (module: TranslationModule, id: string, input: TranslationFill) =>
  api.put<{ version: number; stillMissing: boolean }>(`/translations/${module}/${id}`, input);
