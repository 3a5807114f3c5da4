import { useTranslation } from "react-i18next";
import type { Report } from "../../../common/trainings.js";
import type { ChartData } from "../../components/chart-panel.js";

/**
 * The training report as a chart, as its page and a saved analysis draw it: the title (what the rows are), the
 * source line with the disclosure threshold, bars of persons and participations per row (withheld rows left
 * out), and what to say when no row can be shown.
 */
export function useReportChart(report: Report | undefined, by: string) {
  const { t } = useTranslation();
  const rows = (report?.rows ?? []).filter((r) => r.persons !== null);
  const data: ChartData = {
    kind: "horizontal-bar",
    categories: rows.map((r) => r.key),
    series: [
      { name: t("trainings.reports.persons"), values: rows.map((r) => r.persons) },
      { name: t("trainings.reports.participations"), values: rows.map((r) => r.participations) },
    ],
  };
  return {
    title: t("trainings.reports.chart", { by: t(`trainings.reports.dim.${by}`) }),
    source: t("trainings.reports.source", { n: report?.suppressedBelow ?? 3 }),
    data,
    // Rows there are, but every one is too small to show: say so, not "no figures yet".
    emptyText: t((report?.withheld ?? 0) > 0 ? "trainings.reports.allWithheld" : "trainings.reports.empty"),
  };
}
