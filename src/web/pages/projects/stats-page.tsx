import { Box, Card, Group, Select, SimpleGrid, Stack, Table, Title } from "@mantine/core";
import { useIntersection } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type PivotMeasure,
  PivotMeasureSchema,
  type Pivot as PivotTable,
  STAT_DIMENSIONS,
} from "../../../common/projects.js";
import { statsPivotQuery } from "../../api/project-stats.js";
import { pivotExportUrl } from "../../api/projects.js";
import { AtlasMap } from "../../components/atlas-map.js";
import { ChartPanel } from "../../components/chart-panel.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { ExportButtons } from "../../components/lists/export-buttons.js";
import { usePageTitle } from "../../components/page-title.js";
import { ListSkeleton } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";
import { SaveAnalysisButton } from "../analyses/save-analysis.js";
import { FigureNoteList, formatAmount } from "./figure-notes.js";
import { FiguresHead, useIncludeDrafts } from "./figures-head.js";
import { ScrollRegion } from "./projects-nav.js";
import { useValueLabel } from "./value-label.js";

type Dim = (typeof STAT_DIMENSIONS)[number];

type Scope = { includeDrafts: boolean };

/** What a figure leaves out or adds: drafts (marked *), duplicate-effort pairs counted once, amounts not in USD. */
function FigureNotes({ data }: { data: PivotTable }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const notes = [
    data.includesDrafts
      ? t("projects.stats.notes.drafts", { count: data.draftProjects })
      : t("projects.stats.notes.published"),
    ...(data.duplicatesLeftOut ? [t("projects.stats.notes.duplicates", { count: data.duplicatesLeftOut })] : []),
    ...data.unconverted.map((u) =>
      t("projects.stats.notes.unconverted", {
        amount: formatAmount(lang, u),
        count: u.projects,
      }),
    ),
  ];
  return <FigureNoteList notes={notes} testId="figure-notes" />;
}

function Chart({
  dim,
  title,
  kind,
  scope,
}: {
  dim: Dim;
  title: string;
  kind: "horizontal-bar" | "bar" | "pie";
  scope: Scope;
}) {
  const { t } = useTranslation();
  const label = useValueLabel();
  const { data, isPending, error, refetch } = useQuery(statsPivotQuery({ rows: dim, measure: "usd", ...scope }));
  const rows = (data?.rows ?? []).slice(0, 15);
  const mark = (i: number) => (data?.draftRows[i] ? " *" : "");
  return (
    <ChartPanel
      title={title}
      subtitle={t("projects.stats.usd")}
      source={t("projects.stats.source")}
      loading={isPending}
      error={error}
      onRetry={() => void refetch()}
      data={{
        kind,
        categories: rows.map((r, i) => `${label(dim, r, data?.labels)}${mark(i)}`),
        ...(dim === "year" ? { categoryType: "year" as const } : {}),
        series: [{ name: t("projects.stats.usd"), values: rows.map((_, i) => data?.rowTotals[i] ?? 0) }],
      }}
      valueFormat={{ style: "currency", currency: "USD", maximumFractionDigits: 0 }}
    />
  );
}

function Pivot({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const label = useValueLabel();
  const [rows, setRows] = useState<Dim>("donor");
  const [columns, setColumns] = useState<Dim | "">("year");
  const [measure, setMeasure] = useState<PivotMeasure>("usd");
  const params = { rows, columns: columns || undefined, measure, ...scope };
  const { data, isPending, error, refetch } = useQuery(statsPivotQuery(params));
  const fmt = new Intl.NumberFormat(lang, { maximumFractionDigits: measure === "usd" ? 0 : 0 });
  const dims = STAT_DIMENSIONS.map((d) => ({ value: d, label: t(`projects.stats.dimension.${d}`) }));
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t("projects.stats.pivot")}
        </Title>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t("projects.stats.rows")}
            data={dims}
            value={rows}
            allowDeselect={false}
            onChange={(v) => setRows((v ?? "donor") as Dim)}
            w={180}
          />
          <Select
            label={t("projects.stats.columns")}
            data={[{ value: "", label: t("projects.stats.none") }, ...dims]}
            value={columns}
            allowDeselect={false}
            onChange={(v) => setColumns((v ?? "") as Dim | "")}
            w={180}
          />
          <Select
            label={t("projects.stats.measure")}
            data={[
              { value: "usd", label: t("projects.stats.measureUsd") },
              { value: "disbursed_usd", label: t("projects.stats.measureDisbursed") },
              { value: "spent_usd", label: t("projects.stats.measureSpent") },
              { value: "count", label: t("projects.stats.measureCount") },
            ]}
            value={measure}
            allowDeselect={false}
            onChange={(v) => setMeasure(PivotMeasureSchema.catch("usd").parse(v))}
            w={200}
          />
          <ExportButtons
            url={(format) => pivotExportUrl(params, format)}
            label={(format) => format.toUpperCase()}
            variant="default"
          />
          <SaveAnalysisButton
            kind="adam.pivot"
            defaultName={t("projects.stats.pivot")}
            config={{
              rows,
              ...(columns ? { columns } : {}),
              measure,
              ...(scope.includeDrafts ? { includeDrafts: "true" } : {}),
            }}
          />
        </Group>
        {error ? (
          <ErrorAlert error={error} onRetry={() => void refetch()} />
        ) : isPending || !data ? (
          <ListSkeleton rows={3} />
        ) : (
          <ScrollRegion label={t("projects.stats.table")}>
            <Table striped withTableBorder aria-label={t("projects.stats.pivot")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t(`projects.stats.dimension.${rows}`)}</Table.Th>
                  {data.columns.map((c, j) => (
                    <Table.Th key={c} scope="col" style={{ textAlign: "right" }}>
                      {c === "total" ? t("projects.stats.total") : label(columns || undefined, c, data.labels)}
                      {data.draftColumns[j] ? " *" : ""}
                    </Table.Th>
                  ))}
                  {columns && <Table.Th style={{ textAlign: "right" }}>{t("projects.stats.total")}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.rows.map((r, i) => (
                  <Table.Tr key={r}>
                    <Table.Th scope="row">
                      {label(rows, r, data.labels)}
                      {data.draftRows[i] ? " *" : ""}
                    </Table.Th>
                    {(data.cells[i] ?? []).map((v, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                      <Table.Td key={j} style={{ textAlign: "right" }}>
                        {v ? fmt.format(v) : ""}
                        {v && data.draftCells[i]?.[j] ? " *" : ""}
                      </Table.Td>
                    ))}
                    {columns && (
                      <Table.Td style={{ textAlign: "right", fontWeight: 700 }}>
                        {fmt.format(data.rowTotals[i] ?? 0)}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        )}
        {data && <FigureNotes data={data} />}
      </Stack>
    </Card>
  );
}

/**
 * The map is below the first screen: it is mounted when it comes near the view, so that MapLibre (its code and its
 * stylesheet) and the country shapes, three round trips at 400 ms (issue 18), are fetched only by readers who get to
 * it. Until then its place is kept (no jump when it arrives); the same figures are in the chart by country above.
 */
function CountryMap({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  const { data } = useQuery(statsPivotQuery({ rows: "country", measure: "usd", ...scope }));
  const { ref, entry } = useIntersection<HTMLDivElement>({ rootMargin: "100px 0px" });
  const [near, setNear] = useState(false);
  useEffect(() => {
    if (entry?.isIntersecting) setNear(true);
  }, [entry?.isIntersecting]);
  if (!data) return null;
  const values = Object.fromEntries(
    data.rows.filter((r) => /^[A-Z]{3}$/.test(r)).map((r, i) => [r, data.rowTotals[data.rows.indexOf(r)] ?? i]),
  );
  return (
    <Card withBorder ref={ref}>
      <Title order={2} size="h3" mb="sm">
        {t("projects.stats.map")}
      </Title>
      {near ? (
        <AtlasMap
          ariaLabel={t("projects.stats.mapLabel")}
          choropleth={{ values, title: t("projects.stats.usd") }}
          valueFormat={{ style: "currency", currency: "USD", maximumFractionDigits: 0 }}
          height={380}
        />
      ) : (
        <Box h={460} data-testid="map-deferred" />
      )}
    </Card>
  );
}

export function ProjectStatsPage() {
  const { t } = useTranslation();
  usePageTitle(t("projects.stats.title"));
  const drafts = useIncludeDrafts();
  const scope = { includeDrafts: drafts.includeDrafts };
  return (
    <Stack gap="md">
      <FiguresHead title={t("projects.stats.title")} intro={t("projects.stats.source")} drafts={drafts} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Chart dim="donor" kind="horizontal-bar" title={t("projects.stats.byDonor")} scope={scope} />
        <Chart dim="country" kind="horizontal-bar" title={t("projects.stats.byCountry")} scope={scope} />
        <Chart dim="pillar" kind="pie" title={t("projects.stats.byPillar")} scope={scope} />
        <Chart dim="theme" kind="horizontal-bar" title={t("projects.stats.byTheme")} scope={scope} />
      </SimpleGrid>
      <Chart dim="year" kind="bar" title={t("projects.stats.overTime")} scope={scope} />
      <CountryMap scope={scope} />
      <Pivot scope={scope} />
    </Stack>
  );
}
