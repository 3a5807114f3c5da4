import { MultiSelect, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { GROUP_BY, PLACE_TYPES, SEXES, SOURCE_TYPES, TRANSPORT_MODES } from "../../../common/seizures.js";
import { filterQuery, type SeizureFilters } from "../../api/seizures.js";
import { useCountries, useDrugs } from "../seizures/seizure-format.js";

/** The DMP pages' filters (dashboard, map) as a saved analysis's configuration: the route's query, lists joined. */
export function seizureFilterConfig(filters: SeizureFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filterQuery(filters)).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );
}

/** The breakdown's query parameters (comma-separated lists, as the dashboard route reads them). */
export type BreakdownConfig = Record<string, string>;

/**
 * The DMP breakdown of a saved analysis (issue 20, part 5): group by one or two dimensions, the fields outside the
 * monthly aggregate included, and filter on those fields. Labels come from the vocabularies (EN/RU).
 */
export function DmpBreakdownFields({
  value,
  onChange,
  grouping = true,
}: {
  value: BreakdownConfig;
  onChange: (next: BreakdownConfig) => void;
  /** False for the seizure map: its filters on these fields only (the map groups by country itself). */
  grouping?: boolean;
}) {
  const { t } = useTranslation();
  const countries = useCountries();
  const list = (key: string) => (value[key] ? value[key].split(",") : []);
  const set = (key: string, v: string[]) => {
    const next = { ...value };
    if (v.length) next[key] = v.join(",");
    else delete next[key];
    onChange(next);
  };
  const codes = (prefix: string, items: readonly string[], none = true) => [
    ...items.map((c) => ({ value: c, label: t(`${prefix}.${c}`) })),
    ...(none ? [{ value: "none", label: t("seizures.breakdown.none") }] : []),
  ];
  return (
    <>
      {grouping && (
        <MultiSelect
          label={t("seizures.breakdown.groupBy")}
          description={t("seizures.breakdown.groupByHint")}
          data={GROUP_BY.map((g) => ({ value: g, label: t(`seizures.breakdown.dim.${g}`) }))}
          value={list("groupBy")}
          onChange={(v) => set("groupBy", v.slice(0, 2))}
          maxValues={2}
          required
        />
      )}
      <MultiSelect
        label={t("seizures.breakdown.dim.transportMode")}
        data={codes("seizures.transport", TRANSPORT_MODES)}
        value={list("transportModes")}
        onChange={(v) => set("transportModes", v)}
        clearable
      />
      <MultiSelect
        label={t("seizures.breakdown.dim.placeType")}
        data={codes("seizures.placeTypes", PLACE_TYPES)}
        value={list("placeTypes")}
        onChange={(v) => set("placeTypes", v)}
        clearable
      />
      <MultiSelect
        label={t("seizures.breakdown.dim.source")}
        data={codes("seizures.sources", SOURCE_TYPES, false)}
        value={list("sources")}
        onChange={(v) => set("sources", v)}
        clearable
      />
      <MultiSelect
        label={t("seizures.breakdown.dim.nationality")}
        data={[...countries.options, { value: "none", label: t("seizures.breakdown.noArrest") }]}
        value={list("nationalities")}
        onChange={(v) => set("nationalities", v)}
        searchable
        clearable
      />
      <MultiSelect
        label={t("seizures.breakdown.dim.sex")}
        data={[
          ...SEXES.map((s) => ({ value: s, label: t(`seizures.sex.${s}`) })),
          { value: "none", label: t("seizures.breakdown.noArrest") },
        ]}
        value={list("sexes")}
        onChange={(v) => set("sexes", v)}
        clearable
      />
      <TextInput
        label={t("seizures.breakdown.dim.agency")}
        description={t("seizures.breakdown.textHint")}
        value={value.agencies ?? ""}
        onChange={(e) => set("agencies", e.currentTarget.value ? [e.currentTarget.value] : [])}
      />
      <TextInput
        label={t("seizures.breakdown.dim.concealment")}
        description={t("seizures.breakdown.textHint")}
        value={value.concealments ?? ""}
        onChange={(e) => set("concealments", e.currentTarget.value ? [e.currentTarget.value] : [])}
      />
    </>
  );
}

/** A breakdown value as the reader reads it: names of countries and drugs, vocabulary labels, text as written. */
export function useBreakdownLabel() {
  const { t } = useTranslation();
  const countries = useCountries();
  const drugs = useDrugs();
  return (dim: string, v: string | number | undefined): string => {
    const s = String(v ?? "");
    if (s === "none" || (dim === "route" && s === "")) return t("seizures.breakdown.none");
    switch (dim) {
      case "country":
      case "nationality":
        return countries.name(s);
      case "drug":
        return drugs.drugName(s);
      case "drugGroup":
        return drugs.groupName(s);
      case "route":
        return t(`seizures.routes.${s}`, { defaultValue: s });
      case "transportMode":
        return t(`seizures.transport.${s}`, { defaultValue: s });
      case "placeType":
        return t(`seizures.placeTypes.${s}`, { defaultValue: s });
      case "source":
        return t(`seizures.sources.${s}`, { defaultValue: s });
      case "sex":
        return t(`seizures.sex.${s}`, { defaultValue: s });
      case "unit":
        return t(`seizures.units.${s}`, { defaultValue: s });
      default:
        return s;
    }
  };
}
