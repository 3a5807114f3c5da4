import { Button, Group, Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type FlowFilters, type FlowStats, ThemeSchema } from "../../../common/projects.js";
import { useFormat } from "../../i18n/format.js";
import { themeLabel } from "./projects-nav.js";
import { useDonorNames } from "./use-donor-names.js";

const KEYS = ["from", "to", "country", "donor", "pillar", "theme"] as const;

/** Whether any filter is set. */
export const hasFilters = (f: FlowFilters) => KEYS.some((k) => f[k] !== undefined);

/**
 * The filters of "Funding over time" (issue 20), those of the statistics' pivot: a year range, a country, a donor,
 * a pillar and a theme, each a select of the values present among the projects counted (`choices`). Plain Mantine
 * selects: reachable with Tab, opened with the arrow keys or Enter, cleared with their clear button.
 */
export function FundingFilters({
  value,
  onChange,
  choices,
}: {
  value: FlowFilters;
  onChange: (next: FlowFilters) => void;
  choices: FlowStats["choices"] | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const donorName = useDonorNames();
  const years = (choices?.years ?? []).map(String);
  const set = <K extends keyof FlowFilters>(key: K, v: FlowFilters[K] | undefined) => {
    const next = { ...value, [key]: v };
    if (v === undefined) delete next[key];
    onChange(next);
  };
  const common = { clearable: true, w: 200, allowDeselect: true, comboboxProps: { withinPortal: true } } as const;
  return (
    <Group align="end" gap="sm" role="group" aria-label={t("funding.page.filters.label")}>
      <Select
        {...common}
        w={130}
        label={t("funding.page.filters.from")}
        placeholder={t("funding.page.filters.any")}
        data={years.filter((y) => value.to === undefined || Number(y) <= value.to)}
        value={value.from === undefined ? null : String(value.from)}
        onChange={(v) => set("from", v === null ? undefined : Number(v))}
      />
      <Select
        {...common}
        w={130}
        label={t("funding.page.filters.to")}
        placeholder={t("funding.page.filters.any")}
        data={years.filter((y) => value.from === undefined || Number(y) >= value.from)}
        value={value.to === undefined ? null : String(value.to)}
        onChange={(v) => set("to", v === null ? undefined : Number(v))}
      />
      <Select
        {...common}
        searchable
        label={t("funding.page.filters.country")}
        placeholder={t("funding.page.filters.all")}
        data={(choices?.countries ?? []).map((c) => ({ value: c, label: format.country(c) }))}
        value={value.country ?? null}
        onChange={(v) => set("country", v ?? undefined)}
      />
      <Select
        {...common}
        searchable
        label={t("funding.page.filters.donor")}
        placeholder={t("funding.page.filters.all")}
        data={(choices?.donors ?? []).map((d) => ({ value: d, label: donorName(d) }))}
        value={value.donor ?? null}
        onChange={(v) => set("donor", v ?? undefined)}
      />
      <Select
        {...common}
        w={150}
        label={t("funding.page.filters.pillar")}
        placeholder={t("funding.page.filters.all")}
        data={(choices?.pillars ?? []).map((p) => ({ value: String(p), label: t("projects.pillar", { number: p }) }))}
        value={value.pillar === undefined ? null : String(value.pillar)}
        onChange={(v) => set("pillar", v === null ? undefined : Number(v))}
      />
      <Select
        {...common}
        w={240}
        label={t("funding.page.filters.theme")}
        placeholder={t("funding.page.filters.all")}
        data={(choices?.themes ?? []).map((th) => ({ value: th, label: themeLabel(t, th) }))}
        value={value.theme ?? null}
        onChange={(v) => set("theme", v === null ? undefined : ThemeSchema.parse(v))}
      />
      <Button variant="subtle" disabled={!hasFilters(value)} onClick={() => onChange({})}>
        {t("funding.page.filters.clear")}
      </Button>
    </Group>
  );
}
