import { Anchor, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/auth.js";
import { facilityStatsQuery } from "../../api/facilities.js";
import { AtlasMap } from "../../components/atlas-map.js";
import { ChartPanel } from "../../components/chart-panel.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";
import { SaveAnalysisButton } from "../analyses/save-analysis.js";
import { formatScore, useCountries, useFacilityLabels } from "./facility-format.js";

/** Facilities, capacity and modality coverage by country: what the country fact sheets show. */
export function FacilityStatsPage() {
  const { t } = useTranslation();
  usePageTitle(t("facilities.stats.title"));
  const lang = useLanguage();
  const navigate = useNavigate();
  const countries = useCountries();
  const { reference, label } = useFacilityLabels();
  const { data, error, isPending, refetch } = useQuery(facilityStatsQuery);
  const signedIn = hasPermission(useMe().data, "account:write");
  const nf = new Intl.NumberFormat(lang);
  const rows = data?.countries ?? [];
  const names = rows.map((c) => countries.name(c.country));
  return (
    <Stack gap="md">
      <Anchor renderRoot={(props) => <Link to="/facilities" {...props} />} size="sm">
        {t("facilities.back")}
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t("facilities.stats.title")}</Title>
        {signedIn && (
          <SaveAnalysisButton kind="facilities.stats" config={{}} defaultName={t("facilities.stats.title")} />
        )}
      </Group>
      <Text maw={820}>{t("facilities.stats.intro")}</Text>
      {isPending ? (
        <ListSkeleton rows={4} height={120} />
      ) : error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : rows.length === 0 ? (
        <Empty title={t("facilities.empty")} />
      ) : (
        <>
          <Group gap="xl">
            <Text>
              <Text span fw={700} fz="xl">
                {nf.format(data.totals.facilities)}
              </Text>{" "}
              {t("facilities.stats.facilitiesTotal", { count: data.totals.facilities })}
            </Text>
            <Text>
              <Text span fw={700} fz="xl">
                {nf.format(data.totals.countries)}
              </Text>{" "}
              {t("facilities.stats.countriesTotal", { count: data.totals.countries })}
            </Text>
            <Text>
              <Text span fw={700} fz="xl">
                {nf.format(data.totals.capacity)}
              </Text>{" "}
              {t("facilities.stats.capacityTotal", { count: data.totals.capacity })}
            </Text>
          </Group>
          <AtlasMap
            ariaLabel={t("facilities.stats.mapLabel")}
            choropleth={{
              values: Object.fromEntries(rows.map((c) => [c.country, c.facilities])),
              title: t("facilities.stats.facilities"),
            }}
            fitTo={rows.map((c) => c.country)}
            valueFormat={{ maximumFractionDigits: 0 }}
            onCountryClick={(iso3) => void navigate({ to: "/facilities", search: { country: iso3 } })}
            tableCaption={t("facilities.stats.mapLabel")}
          />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <ChartPanel
              title={t("facilities.stats.capacityChart")}
              subtitle={t("facilities.stats.capacitySubtitle")}
              data={{
                kind: "horizontal-bar",
                categories: names,
                series: [{ name: t("facilities.stats.capacity"), values: rows.map((c) => c.capacity) }],
              }}
              headingOrder={2}
            />
            <ChartPanel
              title={t("facilities.stats.modalityChart")}
              subtitle={t("facilities.stats.modalitySubtitle")}
              data={{
                kind: "stacked-bar",
                categories: names,
                series: (reference?.modalities ?? []).map((m) => ({
                  name: label("modalities", m.code),
                  values: rows.map((c) => c.modalities[m.code] ?? 0),
                })),
              }}
              headingOrder={2}
            />
          </SimpleGrid>
          <Table striped withTableBorder>
            <Table.Caption>{t("facilities.stats.tableCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("facilities.fields.country")}</Table.Th>
                <Table.Th ta="right">{t("facilities.stats.facilities")}</Table.Th>
                <Table.Th ta="right">{t("facilities.stats.capacity")}</Table.Th>
                <Table.Th ta="right" visibleFrom="sm">
                  {t("facilities.stats.patients")}
                </Table.Th>
                <Table.Th ta="right">{t("facilities.stats.coverage")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={c.country}>
                  <Table.Td>
                    <Anchor
                      renderRoot={(props) => <Link to="/facilities" search={{ country: c.country }} {...props} />}
                    >
                      {countries.name(c.country)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">{nf.format(c.facilities)}</Table.Td>
                  <Table.Td ta="right">{nf.format(c.capacity)}</Table.Td>
                  <Table.Td ta="right" visibleFrom="sm">
                    {nf.format(c.patientsPerYear)}
                  </Table.Td>
                  <Table.Td ta="right">{formatScore(c.modalityCoverage, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" c="dimmed">
            {t("facilities.stats.note")}
          </Text>
        </>
      )}
    </Stack>
  );
}
