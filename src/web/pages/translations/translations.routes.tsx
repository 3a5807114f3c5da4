import type { Language } from "../../../common/localized.js";
import { TRANSLATION_MODULES, type TranslationModule } from "../../../common/translations.js";
import { translationQueueQuery } from "../../api/translations.js";
import { memberPage, searchParam } from "../../root-route.js";

export type TranslationsSearch = {
  module?: TranslationModule | undefined;
  missing?: Language | undefined;
  record?: string | undefined;
  page?: number | undefined;
};

const translationsRoute = memberPage(
  "/admin/translations",
  () => import("./translations-page.js"),
  "TranslationsPage",
  {
    validateSearch: (s: Record<string, unknown>): TranslationsSearch => ({
      module: (TRANSLATION_MODULES as readonly unknown[]).includes(s.module)
        ? (s.module as TranslationModule)
        : undefined,
      missing: s.missing === "en" || s.missing === "ru" ? s.missing : undefined,
      record: typeof s.record === "string" && /^[0-9a-f-]{36}$/i.test(s.record) ? s.record : undefined,
      page: searchParam.page(s.page),
    }),
    loaderDeps: ({ search }) => search,
    loader: ({ context, deps }) => void context.queryClient.prefetchQuery(translationQueueQuery(deps)),
  },
);

export const translationsRoutes = [translationsRoute];
