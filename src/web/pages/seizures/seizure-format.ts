import type { TFunction } from "i18next";
import { useMemo } from "react";
import { roundSignificant } from "../../../common/format.js";
import {
  type Dashboard,
  DRUG_GROUP_NAMES,
  DRUG_GROUPS,
  DRUGS,
  drugOf,
  IMPORT_FIELDS,
} from "../../../common/seizures.js";
import type { ChartData } from "../../components/chart-panel.js";
import { useFormat } from "../../i18n/format.js";
import { useLanguage } from "../../i18n/index.js";

/** Country names and options (shared with the facilities pages). */
export { useCountries } from "../partners/use-partner-names.js";

/** Drug names and group labels in the UI language. */
export function useDrugs() {
  const lang = useLanguage();
  return useMemo(() => {
    const drugName = (code: string) => drugOf(code)?.name[lang] ?? code;
    const groupName = (code: string) => DRUG_GROUP_NAMES[code as keyof typeof DRUG_GROUP_NAMES]?.[lang] ?? code;
    return {
      drugName,
      groupName,
      drugOptions: DRUG_GROUPS.map((g) => ({
        group: groupName(g),
        items: DRUGS.filter((d) => d.group === g).map((d) => ({ value: d.code, label: d.name[lang] })),
      })),
      groupOptions: DRUG_GROUPS.map((g) => ({ value: g, label: groupName(g) })),
    };
  }, [lang]);
}

/**
 * The seizure pages' numbers, from the one formatting module: `kg` keeps three significant digits (0.25 kg is
 * "0,25", never "0,3"), `mass` writes the unit too and switches to grams below 1 kg ("250 г").
 */
export function useNumber() {
  const format = useFormat();
  return useMemo(
    () => ({
      ...format,
      kg: (n: number | null | undefined) => format.significant(n),
      int: (n: number) => format.int(n),
      /** A seizure's date as precise as it was reported: "7 мар. 2023 г.", "март 2023 г." or "2023". */
      seizureDate: (s: { seizureDate: string; datePrecision?: "day" | "month" | "year" }) => {
        const [y, m] = s.seizureDate.split("-").map(Number);
        if (s.datePrecision === "year" && y) return String(y);
        if (s.datePrecision === "month" && y && m) return format.month(y, m);
        return format.date(s.seizureDate);
      },
    }),
    [format],
  );
}

export const STATUS_COLORS: Record<string, string> = {
  entered: "gray.9",
  validated: "blue.9",
  published: "teal.9",
  merged: "orange.9",
};

// Columns of a seizure's snapshot that are bookkeeping, not data a person changed.
const HIDDEN_CHANGES = new Set(["id", "batch_id", "owner_partner", "created_by", "entered_by", "validated_by", "tsv"]);
// The fields a seizure's history can name: the importable ones and those the platform derives or sets.
const FIELD_KEYS = new Set<string>([...IMPORT_FIELDS, "drugGroup", "massKg", "status"]);
const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The fields a revision changed, as the form's labels ("Дата изъятия и количество"), never as columns. */
export function describeSeizureChanges(t: TFunction, changes: Record<string, unknown>, list: (l: string[]) => string) {
  const keys = Object.keys(changes).filter((k) => !HIDDEN_CHANGES.has(k));
  if (!keys.length) return t("seizures.record.noChange");
  const labels = keys.map((k) =>
    FIELD_KEYS.has(camel(k)) ? t(`seizures.fields.${camel(k)}`) : t("seizures.record.otherFields"),
  );
  return list([...new Set(labels)]);
}

/**
 * Seized kilograms by month and drug group, as a stacked area: a month with no seizure of a group is a gap in
 * that group's band, not a zero.
 */
export function monthlyByDrugGroup(byMonth: Dashboard["byMonth"], groupName: (group: string) => string): ChartData {
  const monthOf = (r: Dashboard["byMonth"][number]) => `${r.year}-${String(r.month).padStart(2, "0")}`;
  const months = [...new Set(byMonth.map(monthOf))].sort();
  const groups = DRUG_GROUPS.filter((g) => byMonth.some((r) => r.drugGroup === g));
  return {
    kind: "stacked-area",
    categories: months.map((m) => `${m}-01`),
    categoryType: "month",
    series: groups.map((g) => ({
      name: groupName(g),
      values: months.map((m) => {
        const hit = byMonth.filter((r) => r.drugGroup === g && monthOf(r) === m);
        return hit.length ? roundSignificant(hit.reduce((sum, r) => sum + r.massKg, 0)) : null;
      }),
    })),
  };
}
