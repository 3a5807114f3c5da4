import { Alert, Card, Group, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import type { Map as MapLibreMap } from "maplibre-gl";
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { flowsQuery, mapCountriesQuery, pointsQuery } from "../../api/seizures.js";
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

/**
 * The map opens on the country layer (cases and kilograms per country, the reader's own aggregate: one cacheable
 * read, kept by the service worker for repeat visits and offline reading). The individual seizures are record-level
 * data (audited, never kept on the device): they are loaded only on demand, when the reader chooses the points
 * layer or zooms in (keyboard: + on the map) far enough for a country to fill it.
 */
type Layer = "countries" | "points" | "flows";

/** From this zoom on, the country layer loads the individual seizures and draws them over the countries. */
export const POINTS_ZOOM = 5;

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
  const [layer, setLayer] = useState<Layer>("countries");
  const [zoomedIn, setZoomedIn] = useState(false);
  const narrow = useMediaQuery("(max-width: 40em)");
  const overlay = layer === "countries" && zoomedIn;
  const byCountry = useQuery({ ...mapCountriesQuery(filters), enabled: layer === "countries" });
  const points = useQuery({ ...pointsQuery(filters), enabled: layer === "points" || overlay });
  const flows = useQuery({ ...flowsQuery(filters), enabled: layer === "flows" });
  const onMapReady = useCallback((map: MapLibreMap) => {
    const check = () => setZoomedIn(map.getZoom() >= POINTS_ZOOM);
    map.on("zoomend", check);
    check();
  }, []);
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
  const pointsLayer =
    points.data && (layer === "points" || overlay)
      ? {
          data: { lon: points.data.lon, lat: points.data.lat, weight: points.data.kg, id: points.data.id },
          label: t("seizures.map.points"),
        }
      : undefined;
  const openRecord = (id: string | number) =>
    void navigate({ to: "/seizures/records/$id", params: { id: String(id) } });
  const active = layer === "points" ? points : layer === "countries" ? byCountry : flows;
  const failed = [active, ...(overlay ? [points] : [])].find((q) => q.error);
  const truncated = pointsLayer && points.data?.truncated && (
    <Alert color="orange" variant="light" mb="xs">
      {t("seizures.map.truncated", { count: points.data.lon.length })}
    </Alert>
  );
  const empty = <Text c="dimmed">{t("seizures.map.empty")}</Text>;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="seizure-map-title">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} fz="h3" id="seizure-map-title">
          {t(`seizures.map.${layer === "countries" ? "choropleth" : layer}`)}
        </Title>
        <SegmentedControl
          value={layer}
          onChange={(v) => setLayer(v as Layer)}
          orientation={narrow ? "vertical" : "horizontal"}
          fullWidth={narrow}
          aria-label={t("seizures.map.layer")}
          data={[
            { value: "countries", label: t("seizures.map.choropleth") },
            { value: "points", label: t("seizures.map.points") },
            { value: "flows", label: t("seizures.map.flows") },
          ]}
        />
      </Group>
      {failed?.error && <ErrorAlert error={failed.error} onRetry={() => void failed.refetch()} />}
      {active.isPending ? (
        <ListSkeleton rows={1} height={420} />
      ) : layer === "countries" && byCountry.data ? (
        byCountry.data.items.length === 0 ? (
          empty
        ) : (
          <>
            {truncated}
            <AtlasMap
              ariaLabel={
                pointsLayer
                  ? t("seizures.map.pointsLabel", { count: pointsLayer.data.lon.length })
                  : t("seizures.map.choropleth")
              }
              choropleth={{
                values: Object.fromEntries(byCountry.data.items.map((r) => [r.country, r.massKg])),
                title: t("seizures.kg"),
              }}
              points={pointsLayer}
              fitTo={filters.countries}
              onMapReady={onMapReady}
              onPointClick={openRecord}
            />
            <Text size="sm" c="dimmed" mt="xs" aria-live="polite">
              {!overlay
                ? t("seizures.map.pointsOnZoom")
                : points.isFetching || !points.data
                  ? t("seizures.map.loadingPoints")
                  : `${t("seizures.map.pointsZoomed")} ${t("seizures.map.pointsNote", { count: points.data.lon.length })}`}
            </Text>
          </>
        )
      ) : layer === "points" && points.data && pointsLayer ? (
        points.data.lon.length === 0 ? (
          empty
        ) : (
          <>
            {truncated}
            <AtlasMap
              ariaLabel={t("seizures.map.pointsLabel", { count: points.data.lon.length })}
              points={pointsLayer}
              fitTo={filters.countries}
              onPointClick={openRecord}
            />
            <Text size="sm" c="dimmed" mt="xs">
              {t("seizures.map.pointsNote", { count: points.data.lon.length })}
            </Text>
          </>
        )
      ) : layer === "flows" && flows.data ? (
        flowLayer ? (
          <AtlasMap ariaLabel={t("seizures.map.flows")} flows={flowLayer} />
        ) : (
          <Text c="dimmed">{t("seizures.map.noFlows")}</Text>
        )
      ) : null}
    </Card>
  );
}
