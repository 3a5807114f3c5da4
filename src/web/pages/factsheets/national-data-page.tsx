import { Anchor, Group, Select, Stack, Tabs, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { partnersQuery } from "../../api/queries.js";
import { IconChevronLeft } from "../../components/icons.js";
import { useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty } from "../../components/states.js";
import { ArqTab, ReconciliationTab } from "./arq-tab.js";
import { yearOptions } from "./factsheet-format.js";
import { IndicatorsTab } from "./indicators-tab.js";
import { TotalsTab } from "./totals-tab.js";

/** The page's tabs, in order: the key of each (its URL value and text) and what it shows. */
const TABS = [
  ["indicators", IndicatorsTab],
  ["totals", TotalsTab],
  ["arq", ArqTab],
  ["reconciliation", ReconciliationTab],
] as const;

/** National figures of a country and year: indicators, reported totals, ARQ figures and their reconciliation. */
export function NationalDataPage() {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const search = useSearch({ from: "/factsheets/data" });
  const navigate = useNavigate({ from: "/factsheets/data" });
  const partners = useQuery(partnersQuery);
  usePageTitle(t("factsheets.data.title"));
  const year = search.year ?? new Date().getUTCFullYear() - 1;
  const country = search.country;
  const tab = search.tab ?? "indicators";
  const countries = (partners.data?.items ?? [])
    .filter((p) => p.kind === "country")
    .map((p) => ({ value: p.code, label: `${text(p.name)} (${p.code})` }));
  return (
    <Stack gap="md">
      <Anchor size="sm" renderRoot={(props) => <Link to="/factsheets" {...props} />}>
        <IconChevronLeft size={14} aria-hidden="true" /> {t("factsheets.title")}
      </Anchor>
      <Title order={1}>{t("factsheets.data.title")}</Title>
      <Text c="dimmed" maw={720}>
        {t("factsheets.data.intro")}
      </Text>
      <Group gap="sm" wrap="wrap">
        <Select
          label={t("factsheets.new.country")}
          data={countries}
          value={country ?? null}
          onChange={(v) => void navigate({ search: (s) => ({ ...s, country: v ?? undefined }) })}
          searchable
          w={{ base: "100%", xs: 280 }}
        />
        <Select
          label={t("factsheets.new.year")}
          data={yearOptions()}
          value={String(year)}
          onChange={(v) => void navigate({ search: (s) => ({ ...s, year: v ? Number(v) : undefined }) })}
          allowDeselect={false}
          w={120}
        />
      </Group>
      {!country ? (
        <Empty title={t("factsheets.data.chooseCountry")} />
      ) : (
        <Tabs
          value={tab}
          onChange={(v) => void navigate({ search: (s) => ({ ...s, tab: (v as typeof tab) ?? undefined }) })}
          keepMounted={false}
        >
          <Tabs.List>
            {TABS.map(([value]) => (
              <Tabs.Tab key={value} value={value}>
                {t(`factsheets.data.tabs.${value}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {TABS.map(([value, Tab]) => (
            <Tabs.Panel key={value} value={value} pt="md">
              <Tab country={country} year={year} />
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Stack>
  );
}
