import type { Language } from "../../common/localized.js";
import type { TranslationFill, TranslationModule, TranslationQueue } from "../../common/translations.js";
import { api } from "./client.js";
import { getQuery, pageOf } from "./get-query.js";

export const TRANSLATIONS_PAGE_SIZE = 20;

export interface TranslationQueueFilter {
  module?: TranslationModule | undefined;
  missing?: Language | undefined;
  record?: string | undefined;
  page?: number | undefined;
}

export const translationQueueQuery = (filter: TranslationQueueFilter) =>
  getQuery<TranslationQueue>(["translations", filter], "/translations", {
    module: filter.module,
    missing: filter.missing,
    record: filter.record,
    ...pageOf(filter.page ?? 1, TRANSLATIONS_PAGE_SIZE),
  });

export const fillTranslation = (module: TranslationModule, id: string, input: TranslationFill) =>
  api.put<{ version: number; stillMissing: boolean }>(`/translations/${module}/${id}`, input);
