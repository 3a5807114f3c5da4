import { Anchor, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { FacilityFilter } from "../../../common/facilities.js";
import { facilityPointsQuery } from "../../api/facilities.js";
import { AtlasMap, type MapTarget } from "../../components/atlas-map.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { useLocalizedText } from "../../components/localized.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useCountries, useFacilityLabels } from "./facility-format.js";

/** The matching facilities as clustered points; a click opens the facility. The table view lists them too. */
export function FacilitiesMap({ filter }: { filter: FacilityFilter }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const navigate = useNavigate();
  const countries = useCountries();
  const { label } = useFacilityLabels();
  const { data, error, isPending, refetch } = useQuery(facilityPointsQuery(filter));
  const items = data?.items ?? [];
  const points = useMemo(
    () => ({
      lon: items.map((p) => p.longitude),
      lat: items.map((p) => p.latitude),
      id: items.map((p) => p.id),
    }),
    [items],
  );
  const byId = useMemo(() => new Map(items.map((p) => [p.id, p])), [items]);
  const fitTo = useMemo(() => [...new Set(items.map((p) => p.country))], [items]);
  if (isPending) return <ListSkeleton rows={1} height={420} />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (items.length === 0) return <Empty title={t("facilities.empty")} />;
  const tooltip = (target: MapTarget) => {
    if (target.kind === "cluster") return t("facilities.map.cluster", { count: target.count });
    if (target.kind !== "point") return null;
    const p = byId.get(String(target.id));
    return p ? `${text(p.name)} · ${countries.name(p.country)}` : null;
  };
  return (
    <>
      <AtlasMap
        ariaLabel={t("facilities.map.label", { count: items.length })}
        points={{ data: points, label: t("facilities.map.points") }}
        fitTo={fitTo}
        tooltip={tooltip}
        onPointClick={(id) => void navigate({ to: "/facilities/$id", params: { id: String(id) } })}
        tableCaption={t("facilities.map.label", { count: items.length })}
        table={
          <ul>
            {items.map((p) => (
              <li key={p.id}>
                <Anchor renderRoot={(props) => <Link to="/facilities/$id" params={{ id: p.id }} {...props} />}>
                  {text(p.name)}
                </Anchor>{" "}
                — {countries.name(p.country)}
                {p.modalities.length ? ` (${p.modalities.map((m) => label("modalities", m)).join(", ")})` : ""}
              </li>
            ))}
          </ul>
        }
      />
      {data.withoutCoordinates > 0 && (
        <Text size="sm" c="dimmed">
          {t("facilities.map.withoutCoordinates", { count: data.withoutCoordinates })}
        </Text>
      )}
    </>
  );
}
