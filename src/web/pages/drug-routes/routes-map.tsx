import { Card, Text, Title } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Route } from "../../../common/partners.js";
import { AtlasMap, type CountryGroup, type FlowsLayer } from "../../components/atlas-map.js";
import { DataTable } from "../../components/chart-panel.js";
import { useLocalizedText } from "../../components/localized.js";

/** Colour per route (Okabe–Ito, distinguishable with colour-blindness); Afghanistan, the origin, in slate. */
const ROUTE_COLORS: Record<string, string> = { balkan: "#e69f00", northern: "#0a84c2", southern: "#009e73" };
const FALLBACK = ["#cc79a7", "#d55e00", "#56b4e9"];
const ORIGIN = "AFG";
const colorOf = (code: string, i: number) => ROUTE_COLORS[code] ?? FALLBACK[i % FALLBACK.length] ?? "#6b7c8f";

/** The three routes on one map: their countries highlighted, and schematic lines out of Afghanistan. */
export function RoutesMap({ routes }: { routes: Route[] }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const groups = useMemo<CountryGroup[]>(
    () => [
      { key: "origin", label: t("viz.routes.origin"), color: "#8a96a3", countries: [ORIGIN] },
      ...routes.map((r, i) => ({
        key: r.code,
        label: text(r.name),
        color: colorOf(r.code, i),
        countries: r.countries.map((c) => c.code),
      })),
    ],
    [routes, text, t],
  );
  const flows = useMemo<FlowsLayer>(
    () => ({
      curved: true,
      lines: routes
        .filter((r) => r.countries.length > 0)
        .map((r, i) => ({
          id: r.code,
          label: text(r.name),
          color: colorOf(r.code, i),
          path: [ORIGIN, ...r.countries.map((c) => c.code).filter((c) => c !== ORIGIN)],
          order: "nearest" as const,
        })),
    }),
    [routes, text],
  );
  const table = {
    columns: [t("viz.routes.routeColumn"), t("viz.routes.countriesColumn"), t("viz.routes.partnersColumn")],
    rows: routes.map((r) => [
      text(r.name),
      r.countries.map((c) => text(c.name)).join(", "),
      r.countries.filter((c) => c.isPartner).length,
    ]),
  };
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="routes-map-title">
      <Title order={2} fz="h3" id="routes-map-title" mb="xs">
        {t("viz.routes.mapTitle")}
      </Title>
      <AtlasMap
        ariaLabel={t("viz.routes.mapLabel")}
        groups={groups}
        flows={flows}
        table={<DataTable data={table} caption={t("viz.routes.mapTitle")} format={String} />}
      />
      <Text size="sm" c="dimmed" mt="xs">
        {t("viz.routes.mapNote")}
      </Text>
    </Card>
  );
}
