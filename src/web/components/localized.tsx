import { Badge } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { Language, LocalizedText } from "../../common/localized.js";
import type { TranslationModule } from "../../common/translations.js";
import { hasPermission, useMe } from "../api/auth.js";
import { useLanguage } from "../i18n/index.js";

export interface Picked {
  text: string;
  /** Language of `text`. */
  lang: Language;
  /** True when the UI language was missing and the other language is shown instead. */
  fallback: boolean;
}

export function pickLocalized(value: Partial<LocalizedText> | null | undefined, ui: Language): Picked {
  const other: Language = ui === "en" ? "ru" : "en";
  const own = value?.[ui];
  if (own) return { text: own, lang: ui, fallback: false };
  const alt = value?.[other];
  if (alt) return { text: alt, lang: other, fallback: true };
  return { text: "", lang: ui, fallback: false };
}

/** Returns a picker bound to the UI language (for attributes, sorting, document titles). */
export function useLocalized(): (value: Partial<LocalizedText> | null | undefined) => Picked {
  const lang = useLanguage();
  return useCallback((value) => pickLocalized(value, lang), [lang]);
}

/** Plain string in the UI language, falling back to the other one. */
export function useLocalizedText(): (value: Partial<LocalizedText> | null | undefined) => string {
  const pick = useLocalized();
  return useCallback((value) => pick(value).text, [pick]);
}

/** A record in the translation queue: the badge of a list links to its entry for coordinators. */
export interface TranslationQueueRef {
  module: TranslationModule;
  id: string;
}

export function MissingTranslationBadge({ lang, queue }: { lang: Language; queue?: TranslationQueueRef | undefined }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const badge = (
    <Badge
      component="span"
      size="xs"
      variant="outline"
      color="#a13b00"
      ml={6}
      style={{ verticalAlign: "middle", textTransform: "none" }}
      data-missing-translation={lang}
    >
      {t(lang === "ru" ? "common.missingRu" : "common.missingEn")}
    </Badge>
  );
  if (!queue || !hasPermission(me, "translations:manage")) return badge;
  return (
    <Link
      to="/admin/translations"
      search={{ module: queue.module, missing: lang, record: queue.id }}
      title={t("translations.openQueue")}
      aria-label={`${t(lang === "ru" ? "common.missingRu" : "common.missingEn")}. ${t("translations.openQueue")}`}
      style={{ textDecoration: "none" }}
    >
      {badge}
    </Link>
  );
}

/**
 * The "translation missing" badge of a list row, put beside the row's link (never inside it: a link cannot hold
 * another). Nothing when the UI language is there; for coordinators it opens the record's entry in the queue.
 */
export function TranslationBadge({
  value,
  queue,
}: {
  value: Partial<LocalizedText> | null | undefined;
  queue: TranslationQueueRef;
}) {
  const ui = useLanguage();
  if (!pickLocalized(value, ui).fallback) return null;
  return <MissingTranslationBadge lang={ui} queue={queue} />;
}

/**
 * Renders localized content in the UI language. When only the other language exists it shows that
 * text with the right `lang` attribute (so screen readers switch voice) and a "translation missing" badge.
 */
export function Localized({
  value,
  badge = true,
  queue,
}: {
  value: Partial<LocalizedText> | null | undefined;
  badge?: boolean;
  /** The record in the translation queue: for coordinators the badge opens its entry (never inside a link). */
  queue?: TranslationQueueRef;
}) {
  const ui = useLanguage();
  const picked = pickLocalized(value, ui);
  if (!picked.fallback) return <>{picked.text}</>;
  return (
    <>
      <span lang={picked.lang}>{picked.text}</span>
      {badge && <MissingTranslationBadge lang={ui} queue={queue} />}
    </>
  );
}
