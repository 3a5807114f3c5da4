import i18next from "i18next";
import ICU from "i18next-icu";
import { initReactI18next, useTranslation } from "react-i18next";
import type { Language } from "../../common/localized.js";
import { retryImport } from "../retry-import.js";

export const STORAGE_KEY = "pact.lang";
export const COOKIE_NAME = "pact_lang";
const SUPPORTED: readonly Language[] = ["en", "ru"];

type Messages = Record<string, unknown>;

// Each language is its own chunk: a Russian-speaking user never downloads the English strings. Domain modules keep
// their strings in `modules/<module>.<lang>.json` under one top-level key of their own, so each module's messages
// live beside no one else's; `bundle.<lang>.ts` merges them with the base file, so that one language arrives in one
// request (a dynamic import per file cost a round trip each on slow links, issue 18).
const loaders: Record<Language, () => Promise<{ default: Messages }>> = {
  en: () => retryImport(() => import("./bundle.en.js")),
  ru: () => retryImport(() => import("./bundle.ru.js")),
};

function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (SUPPORTED as readonly string[]).includes(value);
}

/** Stored choice first, then the browser's language (Russian if it starts with "ru"), else English. */
export function detectLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be disabled; fall through to the browser language.
  }
  const browser = typeof navigator === "undefined" ? "" : (navigator.languages?.[0] ?? navigator.language ?? "");
  return /^ru\b/i.test(browser) ? "ru" : "en";
}

function persistLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not fatal: the cookie still carries the choice to the server.
  }
  // biome-ignore lint/suspicious/noDocumentCookie: a plain cookie is what the server reads for the language.
  document.cookie = `${COOKIE_NAME}=${lang}; path=/; max-age=31536000; SameSite=Lax`;
  document.documentElement.lang = lang;
}

async function ensureLoaded(lang: Language): Promise<void> {
  if (i18next.hasResourceBundle(lang, "translation")) return;
  const messages = await loaders[lang]();
  i18next.addResourceBundle(lang, "translation", messages.default, true, true);
}

export async function initI18n(): Promise<typeof i18next> {
  const lang = detectLanguage();
  document.documentElement.lang = lang;
  const messages = await loaders[lang]();
  await i18next
    .use(new ICU())
    .use(initReactI18next)
    .init({
      lng: lang,
      fallbackLng: false,
      supportedLngs: [...SUPPORTED],
      resources: { [lang]: { translation: messages.default } },
      interpolation: { escapeValue: false },
      returnNull: false,
      react: { useSuspense: false },
    });
  return i18next;
}

/** Switches the UI language: loads its strings, persists the choice, updates <html lang>. */
export async function setLanguage(lang: Language): Promise<void> {
  await ensureLoaded(lang);
  persistLanguage(lang);
  await i18next.changeLanguage(lang);
}

/** The current UI language, for request headers (outside React). */
export function currentLanguage(): Language {
  const lang = i18next.resolvedLanguage ?? i18next.language;
  return isLanguage(lang) ? lang : "en";
}

/** The current UI language inside React; re-renders on change. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(lang) ? lang : "en";
}
