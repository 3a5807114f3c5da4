import { NativeSelect, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { registrationStatsQuery } from "../../api/registrations.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { TableHead } from "../../components/record-table.js";
import { StatTile } from "../../components/stat-tile.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";
import { ApprovalChart } from "./approval-chart.js";

/** The table's figure columns (right-aligned), between the month and the share within the target. */
const NUMBER_COLUMNS = ["submitted", "approved", "rejected", "pending", "median", "p95"] as const;
const END = { ta: "end" } as const;

/** Approval times by month of submission: are accounts usable within the promised 48 hours? */
export function RegistrationStatsPage() {
  const { t } = useTranslation();
  usePageTitle(t("registration.stats.title"));
  const lang = useLanguage();
  const [months, setMonths] = useState(12);
  const { data, error, isPending, refetch } = useQuery(registrationStatsQuery(months));
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const hours = (v: number | null) => (v === null ? "—" : t("registration.stats.hours", { value: number.format(v) }));
  const share = (v: number | null) =>
    v === null ? "—" : new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(v);
  const monthName = (m: string, style: "short" | "long") =>
    new Intl.DateTimeFormat(lang, {
      month: style,
      year: style === "long" ? "numeric" : undefined,
      timeZone: "UTC",
    }).format(new Date(`${m}-01T00:00:00Z`));
  const hasData = (data?.overall.submitted ?? 0) > 0;

  return (
    <Stack gap="md">
      <Title order={1}>{t("registration.stats.title")}</Title>
      <Text maw={820}>{t("registration.stats.intro", { target: data?.targetHours ?? 48 })}</Text>
      <NativeSelect
        label={t("registration.stats.period")}
        value={String(months)}
        onChange={(e) => setMonths(Number(e.currentTarget.value))}
        data={[6, 12, 24, 36].map((m) => ({
          value: String(m),
          label: t("registration.stats.lastMonths", { count: m }),
        }))}
        maw={260}
      />
      {isPending ? (
        <ListSkeleton rows={4} height={80} />
      ) : error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : !hasData ? (
        <Empty title={t("registration.stats.empty")} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            <StatTile fz={28} value={hours(data.overall.medianHours)} label={t("registration.stats.overallMedian")} />
            <StatTile fz={28} value={hours(data.overall.p95Hours)} label={t("registration.stats.overallP95")} />
            <StatTile
              fz={28}
              value={share(data.overall.withinTargetShare)}
              label={t("registration.stats.overallWithin", { target: data.targetHours })}
            />
            <StatTile fz={28} value={String(data.overall.overdue)} label={t("registration.stats.overdueNow")} />
          </SimpleGrid>
          <section aria-labelledby="stats-chart">
            <Title order={2} fz="h3" id="stats-chart" mb="sm">
              {t("registration.stats.chartTitle")}
            </Title>
            <ApprovalChart stats={data} monthLabel={(m) => monthName(m, "short")} />
          </section>
          <div>
            <Title order={2} fz="h3" id="stats-table" mb="sm">
              {t("registration.stats.tableTitle")}
            </Title>
            {/* Focusable so that keyboard users can scroll the table on a narrow screen. */}
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
            <section style={{ overflowX: "auto" }} tabIndex={0} aria-labelledby="stats-table">
              <Table striped verticalSpacing="xs" miw={640}>
                <TableHead
                  th={{ scope: "col" }}
                  columns={[
                    t("registration.stats.month"),
                    ...NUMBER_COLUMNS.map((key) => ({ label: t(`registration.stats.${key}`), th: END })),
                    { label: t("registration.stats.withinTarget", { target: data.targetHours }), th: END },
                  ]}
                />
                <Table.Tbody>
                  {[...data.months].reverse().map((m) => (
                    <Table.Tr key={m.month}>
                      <Table.Th scope="row" fw={500}>
                        {monthName(m.month, "long")}
                      </Table.Th>
                      <Table.Td ta="end">{m.submitted}</Table.Td>
                      <Table.Td ta="end">{m.approved}</Table.Td>
                      <Table.Td ta="end">{m.rejected}</Table.Td>
                      <Table.Td ta="end">{m.pending}</Table.Td>
                      <Table.Td ta="end">{hours(m.medianHours)}</Table.Td>
                      <Table.Td ta="end">{hours(m.p95Hours)}</Table.Td>
                      <Table.Td ta="end">{share(m.withinTargetShare)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </section>
          </div>
        </>
      )}
    </Stack>
  );
}
