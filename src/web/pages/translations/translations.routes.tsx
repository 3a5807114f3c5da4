import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import type { Language } from "../../../common/localized.js";
import { TRANSLATION_MODULES, type TranslationModule } from "../../../common/translations.js";
import { translationQueueQuery } from "../../api/translations.js";
import { requireUser, rootRoute, searchParam } from "../../root-route.js";

export type TranslationsSearch = {
  module?: TranslationModule | undefined;
  missing?: Language | undefined;
  record?: string | undefined;
  page?: number | undefined;
};

const translationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/admin/translations",
  validateSearch: (s: Record<string, unknown>): TranslationsSearch => ({
    module: (TRANSLATION_MODULES as readonly unknown[]).includes(s.module)
      ? (s.module as TranslationModule)
      : undefined,
    missing: s.missing === "en" || s.missing === "ru" ? s.missing : undefined,
    record: typeof s.record === "string" && /^[0-9a-f-]{36}$/i.test(s.record) ? s.record : undefined,
    page: searchParam.page(s.page),
  }),
  beforeLoad: requireUser,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => void context.queryClient.prefetchQuery(translationQueueQuery(deps)),
  component: lazyRouteComponent(() => import("./translations-page.js"), "TranslationsPage"),
});

export const translationsRoutes = [translationsRoute];
