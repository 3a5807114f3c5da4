import { Alert, Card, Group, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { flowsQuery, pointsQuery, statsQuery } from "../../api/seizures.js";
import { AtlasMap, type FlowsLayer } from "../../components/atlas-map.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { ListSkeleton } from "../../components/states.js";
import { seizureFilterConfig } from "../analyses/dmp-breakdown.js";
import { SaveAnalysisButton } from "../analyses/save-analysis.js";
import { FiltersBar } from "./filters-bar.js";
import { useCountries, useNumber } from "./seizure-format.js";
import type { SeizuresSearch } from "./seizures.routes.js";
import { TermsGate } from "./terms-gate.js";

type Layer = "points" | "choropleth" | "flows";

export function SeizuresMapPage() {
  const { t } = useTranslation();
  usePageTitle(t("seizures.map.title"));
  const filters = useSearch({ strict: false }) as SeizuresSearch;
  return (
    <Stack gap="md">
      <Title order={1}>{t("seizures.map.title")}</Title>
      <TermsGate>
        {/* The map's filter, its period and the fields outside the monthly figures, saved with a layer as its view. */}
        <Group justify="flex-end">
          <SaveAnalysisButton
            kind="dmp.map"
            defaultName={t("seizures.map.title")}
            defaultView="choropleth"
            config={seizureFilterConfig(filters)}
          />
        </Group>
        <FiltersBar filters={filters} to="/seizures/map" />
        <SeizureMap filters={filters} />
      </TermsGate>
    </Stack>
  );
}

function SeizureMap({ filters }: { filters: SeizuresSearch }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const countries = useCountries();
  const num = useNumber();
  const [layer, setLayer] = useState<Layer>("points");
  const narrow = useMediaQuery("(max-width: 40em)");
  const points = useQuery({ ...pointsQuery(filters), enabled: layer === "points" });
  const byCountry = useQuery({ ...statsQuery(filters, "country"), enabled: layer === "choropleth" });
  const flows = useQuery({ ...flowsQuery(filters), enabled: layer === "flows" });
  const flowLayer = useMemo<FlowsLayer | undefined>(() => {
    const items = flows.data?.items ?? [];
    if (!items.length) return undefined;
    return {
      curved: true,
      label: t("seizures.map.flows"),
      lines: items.slice(0, 150).map((f) => ({
        id: `${f.from}-${f.to}`,
        path: [f.from, f.to],
        value: f.massKg,
        label: `${countries.name(f.from)} → ${countries.name(f.to)}: ${num.kg(f.massKg)} ${t("seizures.kgShort")}`,
      })),
    };
  }, [flows.data, countries, num, t]);
  const active = layer === "points" ? points : layer === "choropleth" ? byCountry : flows;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="seizure-map-title">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} fz="h3" id="seizure-map-title">
          {t(`seizures.map.${layer}`)}
        </Title>
        <SegmentedControl
          value={layer}
          onChange={(v) => setLayer(v as Layer)}
          orientation={narrow ? "vertical" : "horizontal"}
          fullWidth={narrow}
          aria-label={t("seizures.map.layer")}
          data={[
            { value: "points", label: t("seizures.map.points") },
            { value: "choropleth", label: t("seizures.map.choropleth") },
            { value: "flows", label: t("seizures.map.flows") },
          ]}
        />
      </Group>
      {active.error && <ErrorAlert error={active.error} onRetry={() => void active.refetch()} />}
      {active.isPending ? (
        <ListSkeleton rows={1} height={420} />
      ) : layer === "points" && points.data ? (
        <>
          {points.data.truncated && (
            <Alert color="orange" variant="light" mb="xs">
              {t("seizures.map.truncated", { count: points.data.lon.length })}
            </Alert>
          )}
          <AtlasMap
            ariaLabel={t("seizures.map.pointsLabel", { count: points.data.lon.length })}
            points={{
              data: { lon: points.data.lon, lat: points.data.lat, weight: points.data.kg, id: points.data.id },
              label: t("seizures.map.points"),
            }}
            fitTo={filters.countries}
            onPointClick={(id) => void navigate({ to: "/seizures/records/$id", params: { id: String(id) } })}
          />
          <Text size="sm" c="dimmed" mt="xs">
            {t("seizures.map.pointsNote", { count: points.data.lon.length })}
          </Text>
        </>
      ) : layer === "choropleth" && byCountry.data ? (
        <AtlasMap
          ariaLabel={t("seizures.map.choropleth")}
          choropleth={{
            values: Object.fromEntries(byCountry.data.rows.map((r) => [r.country ?? "", r.massKg])),
            title: t("seizures.kg"),
          }}
          fitTo={filters.countries}
        />
      ) : layer === "flows" ? (
        flowLayer ? (
          <AtlasMap ariaLabel={t("seizures.map.flows")} flows={flowLayer} />
        ) : (
          <Text c="dimmed">{t("seizures.map.noFlows")}</Text>
        )
      ) : null}
    </Card>
  );
}
