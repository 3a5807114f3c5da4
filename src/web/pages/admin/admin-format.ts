import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useMemo } from "react";
import { countryName as isoCountryName } from "../../../common/countries.js";
import type { LocalizedText } from "../../../common/localized.js";
import type { Role } from "../../../common/platform.js";
import type { UserStatus } from "../../../common/users.js";
import { ApiError } from "../../api/client.js";
import { partnersQuery, routesQuery } from "../../api/queries.js";
import { useLocalizedText } from "../../components/localized.js";
import { useLanguage } from "../../i18n/index.js";

// Kept here rather than imported from the contracts, so the page chunk does not pull in zod.
export const ROLES: readonly Role[] = ["member", "focal_point", "liaison_officer", "coordinator", "administrator"];
export const STATUSES: readonly UserStatus[] = ["pending", "active", "suspended", "archived"];
export const STATUS_COLORS: Record<UserStatus, string> = {
  pending: "yellow.9",
  active: "teal.9",
  suspended: "red.9",
  archived: "gray.7",
};

export const roleLabel = (t: TFunction, role: string) => t(`admin.roles.${role}`, { defaultValue: role });
export const statusLabel = (t: TFunction, status: string) => t(`admin.statuses.${status}`, { defaultValue: status });

export function roleOptions(t: TFunction, roles: readonly Role[] = ROLES) {
  return roles.map((r) => ({ value: r, label: roleLabel(t, r) }));
}

export function useDateTime() {
  const lang = useLanguage();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
    return (iso: string | null | undefined) => (iso ? format.format(new Date(iso)) : "—");
  }, [lang]);
}

/** Partners as select options, sorted by name in the UI language. */
export function usePartnerOptions() {
  const { data, isPending } = useQuery(partnersQuery);
  const text = useLocalizedText();
  const lang = useLanguage();
  const options = useMemo(() => {
    const collator = new Intl.Collator(lang, { sensitivity: "base" });
    return (data?.items ?? [])
      .map((p) => ({ value: p.code, label: `${text(p.name)} (${p.code})` }))
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [data, text, lang]);
  return { options, isPending };
}

/**
 * Countries a liaison officer may be assigned to: partner countries and the countries on the routes,
 * plus any code already assigned, so that nothing silently disappears from a saved list.
 */
export function useCountryOptions(assigned: readonly string[] = []) {
  const partners = useQuery(partnersQuery).data;
  const routes = useQuery(routesQuery).data;
  const text = useLocalizedText();
  const lang = useLanguage();
  const names = useMemo(() => {
    const map = new Map<string, Partial<LocalizedText>>();
    for (const route of routes?.items ?? []) for (const c of route.countries) map.set(c.code, c.name);
    for (const p of partners?.items ?? []) if (p.kind === "country") map.set(p.code, p.name);
    return map;
  }, [partners, routes]);
  const options = useMemo(() => {
    const collator = new Intl.Collator(lang, { sensitivity: "base" });
    const codes = new Set([...names.keys(), ...assigned]);
    return [...codes]
      .map((code) => {
        const name = names.get(code);
        return { value: code, label: `${name ? text(name) : isoCountryName(code, lang)} (${code})` };
      })
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [names, assigned, text, lang]);
  const countryName = (code: string) => {
    const name = names.get(code);
    return name ? text(name) : isoCountryName(code, lang);
  };
  return { options, countryName };
}

/** Field errors keyed by the field (body.countryScopes.2 → countryScopes), our translation first. */
export function adminFieldErrors(t: TFunction, error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const e of error.problem?.errors ?? []) {
    const field = e.path.split(".")[1] ?? e.path;
    out[field] ??= t(`admin.fieldErrors.${e.code}`, {
      defaultValue: t(`fieldErrors.${e.code}`, { defaultValue: e.message }),
    });
  }
  return out;
}
