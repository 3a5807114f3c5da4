import { useTranslation } from "react-i18next";
import type { Heatmap } from "../../../common/meetings.js";
import type { ChartData } from "../../components/chart-panel.js";
import { useLocalizedText } from "../../components/localized.js";
import { usePartnerNames } from "../partners/use-partner-names.js";

/**
 * The implementation heatmap as chart data, as the recommendations page and a saved analysis draw it: a row per
 * recommendation, a column per partner, each cell coloured by the partner's report (not started, partial, done;
 * grey where there is none).
 */
export function useHeatmapChart(h: Heatmap | undefined): ChartData {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const { name: partnerName } = usePartnerNames();
  const pieces = [
    { value: 0, label: t("meetings.report.not_started"), color: "#d55e00" },
    { value: 1, label: t("meetings.report.partial"), color: "#e6c300" },
    { value: 2, label: t("meetings.report.done"), color: "#009e73" },
  ];
  return {
    kind: "heatmap",
    categories: (h?.partners ?? []).map(partnerName),
    categoryLabel: t("meetings.analysis.recommendation"),
    series: (h?.recommendations ?? []).map((r, i) => ({
      name: `${r.number}. ${text(r.text).slice(0, 60)}`,
      values: (h?.partners ?? []).map((_, j) => h?.cells.find(([a, b]) => a === i && b === j)?.[2] ?? null),
    })),
    heatmap: { pieces, missing: { label: t("meetings.analysis.noReport"), color: "#e9ecef" } },
  };
}
