import { Button, Group, MultiSelect, Paper, SimpleGrid, TextInput } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { SEIZURE_ROUTES } from "../../../common/seizures.js";
import type { SeizureFilters } from "../../api/seizures.js";
import { useCountries, useDrugs } from "./seizure-format.js";

/** The DMP's filters, kept in the URL and shared by the dashboard, the map and the record list. */
export function FiltersBar({
  filters,
  to,
}: {
  filters: SeizureFilters;
  to: "/seizures" | "/seizures/map" | "/seizures/records";
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const countries = useCountries();
  const drugs = useDrugs();
  const set = (patch: Partial<SeizureFilters>) =>
    void navigate({
      to,
      search: (prev: Record<string, unknown>) => ({ ...prev, ...patch, page: undefined }),
      replace: true,
    });
  const clean = (v: string[]) => (v.length ? v : undefined);
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={t("seizures.filters.label")}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        <MultiSelect
          label={t("seizures.filters.countries")}
          data={countries.options}
          value={filters.countries ?? []}
          onChange={(v) => set({ countries: clean(v) })}
          searchable
          clearable
        />
        <MultiSelect
          label={t("seizures.filters.drugGroups")}
          data={drugs.groupOptions}
          value={filters.drugGroups ?? []}
          onChange={(v) => set({ drugGroups: clean(v) })}
          clearable
        />
        <MultiSelect
          label={t("seizures.filters.drugs")}
          data={drugs.drugOptions}
          value={filters.drugs ?? []}
          onChange={(v) => set({ drugs: clean(v) })}
          searchable
          clearable
        />
        <MultiSelect
          label={t("seizures.filters.routes")}
          data={[...SEIZURE_ROUTES, "none"].map((r) => ({ value: r, label: t(`seizures.routes.${r}`) }))}
          value={filters.routes ?? []}
          onChange={(v) => set({ routes: clean(v) })}
          clearable
        />
        <TextInput
          type="date"
          label={t("seizures.filters.from")}
          value={filters.from ?? ""}
          onChange={(e) => set({ from: e.currentTarget.value || undefined })}
        />
        <TextInput
          type="date"
          label={t("seizures.filters.to")}
          value={filters.to ?? ""}
          onChange={(e) => set({ to: e.currentTarget.value || undefined })}
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="xs">
        <Button
          variant="subtle"
          size="xs"
          onClick={() =>
            set({
              countries: undefined,
              drugGroups: undefined,
              drugs: undefined,
              routes: undefined,
              from: undefined,
              to: undefined,
            })
          }
        >
          {t("seizures.filters.clear")}
        </Button>
      </Group>
    </Paper>
  );
}
