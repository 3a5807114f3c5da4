import { Anchor, Group, SegmentedControl, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { REPORT_DIMENSIONS, type Report } from "../../../common/trainings.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { reportExportUrl, reportQuery } from "../../api/trainings.js";
import { ChartPanel } from "../../components/chart-panel.js";
import { ExportButtons } from "../../components/lists/export-buttons.js";
import { usePageTitle } from "../../components/page-title.js";
import { useLanguage } from "../../i18n/index.js";
import { SaveAnalysisButton } from "../analyses/save-analysis.js";
import { useReportChart } from "./report-chart.js";

/** People trained by country, agency, sex, topic or year, and the repeat-training rate (aggregated only). */
export function TrainingReportsPage() {
  const { t } = useTranslation();
  usePageTitle(t("trainings.reports.title"));
  // The report is public; saving it is for signed-in members.
  const signedIn = hasPermission(useMe().data, "account:write");
  const lang = useLanguage();
  const [by, setBy] = useState<Report["by"]>("country");
  // Five choices do not fit a phone's width side by side.
  const narrow = useMediaQuery("(max-width: 36em)");
  const { data, error, isPending, refetch } = useQuery(reportQuery(by));
  const pct = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 });
  const chart = useReportChart(data, by);
  return (
    <Stack gap="md">
      <Anchor size="sm" renderRoot={(p) => <Link to="/trainings" {...p} />}>
        {t("trainings.back")}
      </Anchor>
      <Title order={1}>{t("trainings.reports.title")}</Title>
      {data && (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Text>
            {t("trainings.reports.persons")}: <b>{data.totals.persons}</b>
          </Text>
          <Text>
            {t("trainings.reports.repeatRate")}: <b>{pct.format(data.totals.repeatRate)}</b>
          </Text>
          <Text>
            {t("trainings.reports.sameCourseRate")}: <b>{pct.format(data.totals.sameCourseRepeatRate)}</b>
          </Text>
        </SimpleGrid>
      )}
      <Group justify="space-between">
        <SegmentedControl
          aria-label={t("trainings.reports.by")}
          orientation={narrow ? "vertical" : "horizontal"}
          fullWidth={narrow}
          value={by}
          onChange={(v) => setBy(v as Report["by"])}
          data={REPORT_DIMENSIONS.map((d) => ({ value: d, label: t(`trainings.reports.dim.${d}`) }))}
        />
        <Group gap="xs">
          <ExportButtons
            url={(format) => reportExportUrl(by, format)}
            label={(format) => format.toUpperCase()}
            variant="default"
          />
          {signedIn && (
            <SaveAnalysisButton
              kind="trainings.report"
              config={{ by }}
              defaultName={t("trainings.reports.chart", { by: t(`trainings.reports.dim.${by}`) })}
            />
          )}
        </Group>
      </Group>
      <ChartPanel
        title={chart.title}
        source={chart.source}
        data={chart.data}
        loading={isPending}
        error={error}
        onRetry={() => void refetch()}
        emptyText={chart.emptyText}
        fileName={`trainings-by-${by}`}
      />
    </Stack>
  );
}
