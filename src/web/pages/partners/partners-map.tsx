import { Stack } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Partner } from "../../../common/partners.js";
import { AtlasMap, type CountryGroup, type MapTarget } from "../../components/atlas-map.js";
import { type ChartData, ChartPanel } from "../../components/chart-panel.js";
import { useLocalizedText } from "../../components/localized.js";
import { partnerSince, regionLabel } from "./partner-format.js";

/** The partner countries shown on the list, on a map: two shades by when they joined; click opens the partner. */
export function PartnersMap({ rows }: { rows: Partner[] }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const navigate = useNavigate();
  const byCode = useMemo(() => new Map(rows.map((p) => [p.code, p])), [rows]);
  const groups = useMemo<CountryGroup[]>(
    () => [
      {
        key: "before",
        label: t("viz.partners.earlierGroup"),
        color: "#0a84c2",
        countries: rows.filter((p) => !p.sinceThirdMinisterialConference).map((p) => p.code),
      },
      {
        key: "since",
        label: t("viz.partners.sinceGroup"),
        color: "#b06f00",
        countries: rows.filter((p) => p.sinceThirdMinisterialConference).map((p) => p.code),
      },
    ],
    [rows, t],
  );
  const tooltip = (target: MapTarget) => {
    if (target.kind !== "country") return null;
    const p = byCode.get(target.iso3);
    if (!p) return null;
    return `${text(p.name)} · ${regionLabel(t, p.region)} · ${partnerSince(t, p.sinceThirdMinisterialConference)}`;
  };
  const byRegion = useMemo<ChartData>(() => {
    const counts = new Map<string, [number, number]>();
    for (const p of rows) {
      const label = regionLabel(t, p.region);
      const c = counts.get(label) ?? [0, 0];
      c[p.sinceThirdMinisterialConference ? 1 : 0] += 1;
      counts.set(label, c);
    }
    const sorted = [...counts].sort((a, b) => b[1][0] + b[1][1] - (a[1][0] + a[1][1]) || a[0].localeCompare(b[0]));
    return {
      kind: "horizontal-bar",
      stacked: true,
      categoryLabel: t("viz.partners.region"),
      categories: sorted.map(([label]) => label),
      series: [
        { name: t("viz.partners.earlierGroup"), values: sorted.map(([, c]) => c[0]), color: "#0a84c2" },
        { name: t("viz.partners.sinceGroup"), values: sorted.map(([, c]) => c[1]), color: "#b06f00" },
      ],
    };
  }, [rows, t]);
  return (
    <Stack gap="md">
      <AtlasMap
        ariaLabel={t("viz.partners.mapLabel")}
        groups={groups}
        fitTo={rows.map((p) => p.code)}
        tooltip={tooltip}
        hideTableSwitch
        onCountryClick={(iso3) => {
          if (byCode.has(iso3)) void navigate({ to: "/partners/$code", params: { code: iso3 } });
        }}
      />
      <ChartPanel
        title={t("viz.partners.byRegion")}
        data={byRegion}
        height={Math.max(240, byRegion.categories.length * 30 + 60)}
        valueFormat={{ maximumFractionDigits: 0 }}
        headingOrder={2}
      />
    </Stack>
  );
}
