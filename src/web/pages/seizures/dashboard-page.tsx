import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useSearch } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { roundSignificant } from "../../../common/format.js";
import { DRUG_GROUPS } from "../../../common/seizures.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { dashboardQuery, filterQuery, publicStatsQuery, type SeizureFilters } from "../../api/seizures.js";
import { AtlasMap } from "../../components/atlas-map.js";
import { ChartPanel, DataTable } from "../../components/chart-panel.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { RecordTable } from "../../components/record-table.js";
import { SectionCard } from "../../components/section-card.js";
import { ListSkeleton } from "../../components/states.js";
import { SaveAnalysisButton } from "../analyses/save-analysis.js";
import { FiltersBar } from "./filters-bar.js";
import { monthlyByDrugGroup, useCountries, useDrugs, useNumber } from "./seizure-format.js";
import type { SeizuresSearch } from "./seizures.routes.js";
import { TermsGate } from "./terms-gate.js";

export function SeizuresDashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t("seizures.title"));
  const search = useSearch({ strict: false }) as SeizuresSearch;
  const member = hasPermission(me.data, "seizures:read-records");
  return (
    <Stack gap="md">
      <Title order={1}>{t("seizures.title")}</Title>
      <Text c="dimmed">{t("seizures.intro")}</Text>
      {me.isPending ? (
        <ListSkeleton rows={3} />
      ) : member ? (
        <TermsGate>
          <MemberDashboard filters={search} />
        </TermsGate>
      ) : (
        <PublicStats />
      )}
    </Stack>
  );
}

function PublicStats() {
  const { t } = useTranslation();
  const drugs = useDrugs();
  const countries = useCountries();
  const num = useNumber();
  const [view, setView] = useState<"year" | "country">("year");
  const byYear = useQuery(publicStatsQuery("year,drugGroup"));
  const byCountry = useQuery(publicStatsQuery("country"));
  const yearChart = useMemo(() => {
    const rows = byYear.data?.rows ?? [];
    const years = [...new Set(rows.map((r) => r.year ?? 0))].sort();
    const groups = DRUG_GROUPS.filter((g) => rows.some((r) => r.drugGroup === g));
    return {
      kind: "stacked-bar" as const,
      categories: years.map(String),
      categoryType: "year" as const,
      series: groups.map((g) => ({
        name: drugs.groupName(g),
        values: years.map((y) => rows.find((r) => r.year === y && r.drugGroup === g)?.cases ?? null),
      })),
    };
  }, [byYear.data, drugs]);
  const countryRows = byCountry.data?.rows ?? [];
  return (
    <Stack gap="md">
      <Alert variant="light" color="blue" title={t("seizures.public.title")}>
        {t("seizures.public.note", { n: byYear.data?.suppressionThreshold ?? 3 })}{" "}
        <Anchor renderRoot={(props) => <Link to="/sign-in" {...props} />}>{t("seizures.public.signIn")}</Anchor>
      </Alert>
      <SegmentedControl
        w="fit-content"
        value={view}
        onChange={(v) => setView(v as "year" | "country")}
        data={[
          { value: "year", label: t("seizures.public.byYear") },
          { value: "country", label: t("seizures.public.byCountry") },
        ]}
        aria-label={t("seizures.public.view")}
      />
      {view === "year" ? (
        <ChartPanel
          title={t("seizures.public.casesByYear")}
          subtitle={t("seizures.public.cases")}
          source={t("seizures.source")}
          data={yearChart}
          loading={byYear.isPending}
          error={byYear.error}
          onRetry={() => void byYear.refetch()}
          headingOrder={2}
        />
      ) : (
        <SectionCard titleId="public-country-title" title={t("seizures.public.casesByCountry")} padding="md">
          {byCountry.error && <ErrorAlert error={byCountry.error} onRetry={() => void byCountry.refetch()} />}
          <AtlasMap
            ariaLabel={t("seizures.public.casesByCountry")}
            choropleth={{
              values: Object.fromEntries(countryRows.map((r) => [r.country ?? "", r.cases])),
              title: t("seizures.public.cases"),
            }}
            table={
              <DataTable
                caption={t("seizures.public.casesByCountry")}
                format={num.int}
                data={{
                  columns: [t("seizures.fields.country"), t("seizures.public.cases")],
                  rows: countryRows.map((r) => [
                    countries.name(r.country ?? ""),
                    r.suppressed
                      ? t("seizures.public.suppressed")
                      : r.withheld
                        ? t("seizures.public.atLeast", { n: num.int(r.cases ?? 0) })
                        : (r.cases ?? 0),
                  ]),
                }}
              />
            }
          />
          <Text size="sm" c="dimmed" mt="xs">
            {t("seizures.public.suppressedNote", { count: countryRows.filter((r) => r.suppressed).length })}{" "}
            {t("seizures.public.partialNote", {
              count: countryRows.filter((r) => !r.suppressed && (r.withheld ?? 0) > 0).length,
            })}
          </Text>
        </SectionCard>
      )}
    </Stack>
  );
}

function MemberDashboard({ filters }: { filters: SeizureFilters }) {
  const { t } = useTranslation();
  const me = useMe();
  const drugs = useDrugs();
  const countries = useCountries();
  const num = useNumber();
  const q = useQuery(dashboardQuery(filters));
  const d = q.data;
  const charts = useMemo(() => {
    if (!d) return null;
    const country = [...d.byCountry].sort((a, b) => b.massKg - a.massKg).slice(0, 15);
    const drug = [...d.byDrug].sort((a, b) => b.massKg - a.massKg);
    return {
      monthly: monthlyByDrugGroup(d.byMonth, drugs.groupName),
      country: {
        kind: "horizontal-bar" as const,
        categories: country.map((c) => countries.name(c.country)),
        series: [{ name: t("seizures.kg"), values: country.map((c) => roundSignificant(c.massKg)) }],
      },
      drug: {
        kind: "bar" as const,
        categories: drug.map((r) => drugs.drugName(r.drug)),
        series: [
          { name: t("seizures.kg"), values: drug.map((r) => roundSignificant(r.massKg)) },
          { name: t("seizures.cases"), values: drug.map((r) => r.cases) },
        ],
      },
      route: {
        kind: "pie" as const,
        categories: d.byRoute.map((r) => t(`seizures.routes.${r.route}`, { defaultValue: r.route })),
        series: [{ name: t("seizures.cases"), values: d.byRoute.map((r) => r.cases) }],
      },
    };
  }, [d, drugs, countries, t]);
  const latestYears = useMemo(() => {
    if (!d) return [];
    const last = Math.max(0, ...d.yearOnYear.map((r) => r.year));
    return d.yearOnYear.filter((r) => r.year === last).sort((a, b) => b.massKg - a.massKg);
  }, [d]);
  const canWrite = hasPermission(me.data, "seizures:write");
  const canValidate = hasPermission(me.data, "seizures:validate");
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Button renderRoot={(props) => <Link to="/seizures/map" search={filters} {...props} />} variant="light">
          {t("seizures.nav.map")}
        </Button>
        <Button renderRoot={(props) => <Link to="/seizures/records" search={filters} {...props} />} variant="light">
          {t("seizures.nav.records")}
        </Button>
        {canWrite && (
          <>
            <Button renderRoot={(props) => <Link to="/seizures/records/new" {...props} />} variant="light">
              {t("seizures.nav.new")}
            </Button>
            <Button renderRoot={(props) => <Link to="/seizures/import" {...props} />} variant="light">
              {t("seizures.nav.import")}
            </Button>
          </>
        )}
        {canValidate && (
          <Button renderRoot={(props) => <Link to="/seizures/duplicates" {...props} />} variant="light">
            {t("seizures.nav.duplicates")}
          </Button>
        )}
        {hasPermission(me.data, "reference:manage") && (
          <Button renderRoot={(props) => <Link to="/seizures/settings" {...props} />} variant="light">
            {t("seizures.nav.settings")}
          </Button>
        )}
        <SaveAnalysisButton
          kind="dmp.dashboard"
          defaultName={t("seizures.title")}
          defaultView="monthly"
          config={Object.fromEntries(
            Object.entries(filterQuery(filters)).filter((e): e is [string, string] => typeof e[1] === "string"),
          )}
        />
      </Group>
      <FiltersBar filters={filters} to="/seizures" />
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.isPending && <ListSkeleton rows={4} height={80} />}
      {d && charts && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Card withBorder radius="md">
              <Text size="sm" c="dimmed">
                {t("seizures.totals.cases")}
              </Text>
              <Text fz="h2" fw={700} data-testid="total-cases">
                {num.int(d.totals.cases)}
              </Text>
            </Card>
            <Card withBorder radius="md">
              <Text size="sm" c="dimmed">
                {t("seizures.totals.kg")}
              </Text>
              <Text fz="h2" fw={700}>
                {num.mass(d.totals.massKg)}
              </Text>
            </Card>
          </SimpleGrid>
          {d.alerts.length > 0 && (
            <SectionCard titleId="alerts-title" title={t("seizures.alerts.title")}>
              <Stack gap={6}>
                {d.alerts.slice(0, 8).map((a) => (
                  <Group key={a.id} gap="xs" wrap="wrap">
                    <Badge color={a.direction === "up" ? "red.9" : "blue.9"} variant="filled">
                      {t(`seizures.alerts.${a.direction}`)}
                    </Badge>
                    <Text size="sm">
                      {t("seizures.alerts.line", {
                        country: countries.name(a.country),
                        drug: drugs.drugName(a.drug),
                        period: num.month(a.year, a.month),
                        kg: num.kg(a.massKg),
                        median: num.kg(a.median),
                      })}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </SectionCard>
          )}
          <ChartPanel
            title={t("seizures.charts.monthly")}
            subtitle={t("seizures.kg")}
            source={t("seizures.source")}
            data={charts.monthly}
            headingOrder={2}
          />
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <ChartPanel
              title={t("seizures.charts.byCountry")}
              subtitle={t("seizures.kg")}
              source={t("seizures.source")}
              data={charts.country}
              headingOrder={2}
            />
            <ChartPanel
              title={t("seizures.charts.byDrug")}
              subtitle={t("seizures.kgAndCases")}
              source={t("seizures.source")}
              data={charts.drug}
              headingOrder={2}
            />
            <ChartPanel
              title={t("seizures.charts.byRoute")}
              subtitle={t("seizures.cases")}
              source={t("seizures.source")}
              data={charts.route}
              headingOrder={2}
            />
            <SectionCard titleId="yoy-title" title={t("seizures.charts.yearOnYear")}>
              <RecordTable
                striped
                columns={[
                  t("seizures.fields.drugGroup"),
                  { label: t("seizures.kg"), th: { ta: "right" } },
                  { label: t("seizures.charts.change"), th: { ta: "right" } },
                ]}
                rows={latestYears}
              >
                {(r) => (
                  <Table.Tr key={r.drugGroup}>
                    <Table.Td>
                      {drugs.groupName(r.drugGroup)} ({r.year})
                    </Table.Td>
                    <Table.Td ta="right">{num.kg(r.massKg)}</Table.Td>
                    <Table.Td ta="right">
                      {r.changePct === null ? "—" : `${r.changePct > 0 ? "+" : ""}${num.percent(r.changePct / 100, 1)}`}
                    </Table.Td>
                  </Table.Tr>
                )}
              </RecordTable>
            </SectionCard>
          </SimpleGrid>
          <SectionCard titleId="top-title" title={t("seizures.charts.top")}>
            <RecordTable
              minWidth={420}
              striped
              columns={[
                t("seizures.fields.seizureDate"),
                t("seizures.fields.country"),
                t("seizures.fields.drug"),
                { label: t("seizures.kg"), th: { ta: "right" } },
              ]}
              rows={d.top}
            >
              {(s) => (
                <Table.Tr key={s.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Anchor
                      renderRoot={(props) => <Link to="/seizures/records/$id" params={{ id: s.id }} {...props} />}
                    >
                      {num.seizureDate(s)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{countries.name(s.country)}</Table.Td>
                  <Table.Td>{drugs.drugName(s.drug)}</Table.Td>
                  <Table.Td ta="right">{num.kg(s.massKg)}</Table.Td>
                </Table.Tr>
              )}
            </RecordTable>
          </SectionCard>
        </>
      )}
    </Stack>
  );
}
