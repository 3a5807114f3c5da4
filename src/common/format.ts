/**
 * The one formatting module: numbers, masses, units, prices and dates per language, built on `Intl`, shared by
 * the web (through `useFormat` in `web/i18n/format.ts`) and the server (PDFs, spreadsheets, explanations).
 *
 * - Masses keep three significant digits and switch to grams below one kilogram, so 250 g is "250 г", never
 *   "0,3 кг" (a 20% error).
 * - Unit symbols are the language's own: кг, г, л, USD/г in Russian.
 * - One decimal separator per language (Russian "0,84"), one date style (CLDR "medium", UTC).
 */
import type { Language } from "./localized.js";

const LOCALE: Record<Language, string> = { en: "en-GB", ru: "ru-RU" };

const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], options);
    cache.set(key, f);
  }
  return f;
}

const blank = (n: number | null | undefined): n is null | undefined =>
  n === null || n === undefined || !Number.isFinite(n);
export const NONE = "—";

/** A plain number; `digits` is the most fraction digits shown (2 unless told). */
export function formatNumber(n: number | null | undefined, lang: Language, digits = 2): string {
  return blank(n) ? NONE : nf(lang, { maximumFractionDigits: digits }).format(n);
}

/** A measured value: three significant digits, but never fewer digits than its whole part (12 345, not 12 300). */
export function formatSignificant(n: number | null | undefined, lang: Language, significant = 3): string {
  if (blank(n)) return NONE;
  if (Math.abs(n) >= 10 ** significant) return nf(lang, { maximumFractionDigits: 0 }).format(n);
  return nf(lang, { maximumSignificantDigits: significant }).format(n);
}

/** A value rounded to significant digits for a chart (0.25 stays 0.25; 12 345.6 becomes 12 346). */
export function roundSignificant(n: number, significant = 3): number {
  if (!Number.isFinite(n) || n === 0) return n;
  if (Math.abs(n) >= 10 ** significant) return Math.round(n);
  return Number(n.toPrecision(significant));
}

/** A share 0…1 as a percentage ("84 %" / "84%"). */
export function formatPercent(share: number | null | undefined, lang: Language, digits = 0): string {
  return blank(share) ? NONE : nf(lang, { style: "percent", maximumFractionDigits: digits }).format(share);
}

const UNIT_SYMBOLS: Record<Language, Record<string, string>> = {
  en: {
    g: "g",
    kg: "kg",
    l: "l",
    t: "t",
    tablet: "tablets",
    unit: "units",
    plant: "plants",
    dose: "doses",
    persons: "persons",
  },
  ru: { g: "г", kg: "кг", l: "л", t: "т", tablet: "таб.", unit: "ед.", plant: "раст.", dose: "доз", persons: "чел." },
};

/** The unit's symbol in the language (kg → кг); an unknown unit as given. */
export function unitSymbol(unit: string, lang: Language): string {
  return UNIT_SYMBOLS[lang][unit] ?? unit;
}

/** A compound unit in the language's symbols: "USD/g" → "USD/г", "kg" → "кг". */
export function formatUnit(unit: string, lang: Language): string {
  return unit
    .split("/")
    .map((u) => unitSymbol(u, lang))
    .join("/");
}

const NBSP = "\u00a0";

/** A quantity in its own unit ("250 г", "12 таб."). Masses in g or kg go through `formatMass`. */
export function formatQuantity(quantity: number | null | undefined, unit: string, lang: Language): string {
  if (blank(quantity)) return NONE;
  if (unit === "kg") return formatMass(quantity, lang);
  if (unit === "g") return formatMass(quantity / 1000, lang);
  return `${formatSignificant(quantity, lang, 4)}${NBSP}${unitSymbol(unit, lang)}`;
}

/** A mass given in kilograms, in grams below 1 kg and in tonnes from 100 000 kg; three significant digits. */
export function formatMass(kg: number | null | undefined, lang: Language): string {
  if (blank(kg)) return NONE;
  const abs = Math.abs(kg);
  if (abs > 0 && abs < 1) return `${formatSignificant(kg * 1000, lang)}${NBSP}${unitSymbol("g", lang)}`;
  if (abs >= 100_000) return `${formatSignificant(kg / 1000, lang)}${NBSP}${unitSymbol("t", lang)}`;
  return `${formatSignificant(kg, lang)}${NBSP}${unitSymbol("kg", lang)}`;
}

/** A price per unit of mass: "12,5 USD/г". */
export function formatPrice(amount: number | null | undefined, currency: string, perUnit: string, lang: Language) {
  if (blank(amount)) return NONE;
  return `${formatSignificant(amount, lang)}${NBSP}${currency}/${unitSymbol(perUnit, lang)}`;
}

/** Money with its ISO 4217 code after the amount, whole units ("1 500 000 USD"). */
export function formatMoney(amount: number | null | undefined, currency: string, lang: Language, digits = 0) {
  if (blank(amount)) return NONE;
  return `${nf(lang, { maximumFractionDigits: digits }).format(amount)}${NBSP}${currency}`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function df(lang: Language, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}${withTime}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[lang], {
      dateStyle: "medium",
      ...(withTime ? { timeStyle: "short" } : { timeZone: "UTC" }),
    });
    dateFormats.set(key, f);
  }
  return f;
}

function toDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A calendar date ("12 мар. 2024 г." / "12 Mar 2024"); ISO dates are days, so read in UTC. */
export function formatDate(value: string | Date | null | undefined, lang: Language): string {
  const d = toDate(value);
  return d ? df(lang, false).format(d) : NONE;
}

/** A month of a year ("дек. 2026 г." / "Dec 2026"). */
export function formatMonth(year: number, month: number, lang: Language): string {
  const key = `${lang}month`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[lang], { month: "short", year: "numeric", timeZone: "UTC" });
    dateFormats.set(key, f);
  }
  return f.format(new Date(Date.UTC(year, month - 1, 1)));
}

/** A moment, in the reader's time zone ("12 мар. 2024 г., 14:05"). */
export function formatDateTime(value: string | Date | null | undefined, lang: Language): string {
  const d = toDate(value);
  return d ? df(lang, true).format(d) : NONE;
}

/** A list joined the language's way ("en, ru" → "английский и русский" is the caller's labels joined). */
export function formatList(items: readonly string[], lang: Language): string {
  return new Intl.ListFormat(LOCALE[lang], { style: "long", type: "conjunction" }).format(items);
}

/** A language's name in the reader's language ("ru" → "русский"). */
export function languageName(code: string, lang: Language): string {
  try {
    return new Intl.DisplayNames([LOCALE[lang]], { type: "language", fallback: "none" }).of(code) ?? code;
  } catch {
    return code;
  }
}
