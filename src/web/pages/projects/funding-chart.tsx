import { Card, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FlowSeries, Project, TransactionType } from "../../../common/projects.js";
import { projectFlowsQuery } from "../../api/projects.js";
import { ChartPanel } from "../../components/chart-panel.js";
import { TableHead } from "../../components/record-table.js";
import { useFormat } from "../../i18n/format.js";
import { useLanguage } from "../../i18n/index.js";
import { FigureNoteList, formatAmount } from "./figure-notes.js";
import { formatUsd, ScrollRegion } from "./projects-nav.js";
import { cumulativeFlows } from "./transactions-model.js";

export type FlowInterval = "year" | "quarter";

const SERIES: [TransactionType, string][] = [
  ["commitment", "funding.chart.committed"],
  ["disbursement", "funding.chart.disbursed"],
  ["expenditure", "funding.chart.spent"],
];

/** Totals, shares of the committed, and what no rate converts: the notes under the chart. */
function FlowNotes({ series }: { series: FlowSeries }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const usd = (v: string) =>
    new Intl.NumberFormat(lang, { style: "currency", currency: "USD", maximumFractionDigits: 0 }).format(Number(v));
  const committed = Number(series.totals.commitment);
  const share = (v: string) =>
    committed > 0 ? new Intl.NumberFormat(lang, { style: "percent" }).format(Number(v) / committed) : "—";
  const notes = [
    t("funding.chart.totals", {
      committed: usd(series.totals.commitment),
      disbursed: usd(series.totals.disbursement),
      disbursedShare: share(series.totals.disbursement),
      spent: usd(series.totals.expenditure),
      spentShare: share(series.totals.expenditure),
    }),
    ...SERIES.flatMap(([type, label]) =>
      series.unconverted[type].map((u) =>
        t("funding.chart.unconverted", {
          type: t(label),
          amount: formatAmount(lang, u),
          count: u.projects,
        }),
      ),
    ),
  ];
  return <FigureNoteList notes={notes} testId="flow-notes" />;
}

/**
 * Planned against actual over time: cumulative USD committed, disbursed and spent per year or quarter. It opens on
 * its table (the same figures as the chart, readable by a screen reader and on a slow link); the chart is a switch
 * away.
 */
export function FlowChart({
  series,
  loading,
  error,
  onRetry,
  interval,
  onInterval,
  fileName,
  headingOrder = 2,
}: {
  series: FlowSeries | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  interval: FlowInterval;
  onInterval: (v: FlowInterval) => void;
  fileName: string;
  headingOrder?: 2 | 3;
}) {
  const { t } = useTranslation();
  const cumulative = series ? cumulativeFlows(series) : undefined;
  const title = t("funding.chart.title");
  return (
    <Stack gap="xs" data-testid="flow-chart">
      <ChartPanel
        title={title}
        subtitle={t("funding.chart.subtitle", { interval })}
        source={t("funding.chart.source")}
        headingOrder={headingOrder}
        fileName={fileName}
        defaultView="table"
        loading={loading && !series}
        error={error}
        onRetry={onRetry}
        emptyText={t("funding.chart.empty")}
        actions={
          <SegmentedControl
            size="xs"
            value={interval}
            onChange={(v) => onInterval(v === "quarter" ? "quarter" : "year")}
            aria-label={t("funding.chart.interval")}
            data={[
              { value: "year", label: t("funding.chart.year") },
              { value: "quarter", label: t("funding.chart.quarter") },
            ]}
          />
        }
        data={{
          kind: "line",
          categories: cumulative?.periods ?? [],
          categoryLabel: t("funding.chart.period"),
          series: cumulative
            ? SERIES.map(([type, label]) => ({ name: t(label), values: cumulative.values[type] }))
            : [],
        }}
        valueFormat={{ style: "currency", currency: "USD", maximumFractionDigits: 0 }}
      />
      {series && <FlowNotes series={series} />}
    </Stack>
  );
}

/**
 * A project's money on its page: every commitment, disbursement and expenditure with its USD value at the rate of
 * its date, the committed total, and planned against actual over time.
 */
export function ProjectFunding({ project: p }: { project: Project }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const format = useFormat();
  const [interval, setInterval] = useState<FlowInterval>("year");
  const flows = useQuery(projectFlowsQuery(p.id, interval));
  const order = (type: TransactionType) => SERIES.findIndex(([s]) => s === type);
  const rows = [...p.transactions].sort(
    (a, b) => order(a.type) - order(b.type) || (a.date ?? "").localeCompare(b.date ?? ""),
  );
  return (
    <>
      <Card withBorder>
        <Title order={2} size="h3" mb="sm">
          {t("funding.legend")}
        </Title>
        {rows.length === 0 ? (
          <Text size="sm">{t("funding.noDonors")}</Text>
        ) : (
          <ScrollRegion label={t("funding.legend")}>
            <Table data-testid="transactions">
              <TableHead
                th={{ scope: "col" }}
                columns={[
                  t("funding.type"),
                  t("funding.date"),
                  t("funding.donor"),
                  t("funding.amount"),
                  t("funding.usd"),
                ]}
              />
              <Table.Tbody>
                {rows.map((f, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: transactions are positional
                  <Table.Tr key={i}>
                    <Table.Td>{t(`funding.typeValue.${f.type}`)}</Table.Td>
                    <Table.Td>{f.date ? format.date(f.date) : "—"}</Table.Td>
                    <Table.Td>{f.donorName}</Table.Td>
                    <Table.Td>
                      {format.number(Number(f.amount))} {f.currency}
                    </Table.Td>
                    <Table.Td>{f.usd === null ? t("projects.detail.noRate") : formatUsd(lang, f.usd)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Th scope="row" colSpan={4}>
                    {t("projects.field.total")}
                  </Table.Th>
                  <Table.Td fw={700}>{formatUsd(lang, p.totalUsd)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        )}
        {p.unconverted.length > 0 && (
          <Text size="sm" mt="xs" data-testid="unconverted">
            {t("projects.detail.unconverted", {
              amounts: p.unconverted.map((u) => `${format.number(Number(u.amount))} ${u.currency}`).join(", "),
            })}
          </Text>
        )}
      </Card>
      <FlowChart
        series={flows.data}
        loading={flows.isPending}
        error={flows.error}
        onRetry={() => void flows.refetch()}
        interval={interval}
        onInterval={setInterval}
        fileName={`${p.code} ${t("funding.chart.title")}`}
      />
    </>
  );
}
