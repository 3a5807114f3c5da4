import { useMemo } from "react";
import { countryName, countryOptions } from "../../common/countries.js";
import {
  formatDate,
  formatDateTime,
  formatList,
  formatMass,
  formatMoney,
  formatMonth,
  formatNumber,
  formatPercent,
  formatPrice,
  formatQuantity,
  formatSignificant,
  languageName,
  unitSymbol,
} from "../../common/format.js";
import { useLanguage } from "./index.js";

export type Format = ReturnType<typeof bindFormat>;

function bindFormat(lang: ReturnType<typeof useLanguage>) {
  return {
    lang,
    number: (n: number | null | undefined, digits?: number) => formatNumber(n, lang, digits),
    int: (n: number | null | undefined) => formatNumber(n, lang, 0),
    significant: (n: number | null | undefined, digits?: number) => formatSignificant(n, lang, digits),
    percent: (share: number | null | undefined, digits?: number) => formatPercent(share, lang, digits),
    mass: (kg: number | null | undefined) => formatMass(kg, lang),
    quantity: (q: number | null | undefined, unit: string) => formatQuantity(q, unit, lang),
    unit: (unit: string) => unitSymbol(unit, lang),
    price: (amount: number | null | undefined, currency: string, perUnit: string) =>
      formatPrice(amount, currency, perUnit, lang),
    money: (amount: number | null | undefined, currency: string) => formatMoney(amount, currency, lang),
    date: (value: string | Date | null | undefined) => formatDate(value, lang),
    month: (year: number, month: number) => formatMonth(year, month, lang),
    dateTime: (value: string | Date | null | undefined) => formatDateTime(value, lang),
    list: (items: readonly string[]) => formatList(items, lang),
    country: (iso3: string | null | undefined) => (iso3 ? countryName(iso3, lang) : "—"),
    /** Every country as a select option, named and sorted in the UI language. */
    get countryOptions() {
      return countryOptions(lang);
    },
    language: (code: string) => languageName(code, lang),
  };
}

/** The one formatter of the web app (numbers, masses, units, dates, countries), bound to the UI language. */
export function useFormat(): Format {
  const lang = useLanguage();
  return useMemo(() => bindFormat(lang), [lang]);
}
