import type { TFunction } from "i18next";

export const STATUS_COLORS: Record<string, string> = { draft: "gray", in_review: "orange", published: "green" };

export function formatNumber(lang: string, value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(lang === "ru" ? "ru-RU" : "en-GB", { maximumFractionDigits: digits }).format(value);
}

export function formatChange(lang: string, change: number | null | undefined): string {
  if (change === null || change === undefined) return "";
  const pct = formatNumber(lang, Math.round(change * 1000) / 10, 1);
  return `${change > 0 ? "+" : ""}${pct} %`;
}

export function formatDate(lang: string, iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat(lang === "ru" ? "ru-RU" : "en-GB", { dateStyle: "medium" }).format(new Date(iso));
}

export function statusLabel(t: TFunction, status: string): string {
  return t(`factsheets.status.${status}`);
}

/** The years offered in forms: this year back to 2010. */
export function yearOptions(): string[] {
  const now = new Date().getUTCFullYear();
  return Array.from({ length: now - 2009 }, (_, i) => String(now - i));
}
