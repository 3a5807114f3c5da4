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
            <Tabs.Tab value="indicators">{t("factsheets.data.tabs.indicators")}</Tabs.Tab>
            <Tabs.Tab value="totals">{t("factsheets.data.tabs.totals")}</Tabs.Tab>
            <Tabs.Tab value="arq">{t("factsheets.data.tabs.arq")}</Tabs.Tab>
            <Tabs.Tab value="reconciliation">{t("factsheets.data.tabs.reconciliation")}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="indicators" pt="md">
            <IndicatorsTab country={country} year={year} />
          </Tabs.Panel>
          <Tabs.Panel value="totals" pt="md">
            <TotalsTab country={country} year={year} />
          </Tabs.Panel>
          <Tabs.Panel value="arq" pt="md">
            <ArqTab country={country} year={year} />
          </Tabs.Panel>
          <Tabs.Panel value="reconciliation" pt="md">
            <ReconciliationTab country={country} year={year} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
