import { Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Route } from "../../../common/partners.js";
import { routesQuery } from "../../api/queries.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { IconChevronRight } from "../../components/icons.js";
import { Localized, useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { PartnerBadge } from "../partners/partner-link.js";
import { RoutesMap } from "./routes-map.js";

/** The route as a chain of countries in the direction the opiates travel, out of Afghanistan: a schematic, not a map. */
function Schematic({ route }: { route: Route }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  if (route.countries.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t("routes.noCountries")}
      </Text>
    );
  return (
    <ol className="schematic" aria-label={t("routes.countriesOf", { route: text(route.name) })}>
      {route.countries.map((c, i) => (
        <li key={c.code}>
          {c.isPartner ? (
            <PartnerBadge code={c.code} size="lg" variant="light">
              <Localized value={c.name} badge={false} />
            </PartnerBadge>
          ) : (
            <Badge
              size="lg"
              variant="outline"
              color="slate.8"
              style={{ textTransform: "none" }}
              title={t("routes.notPartner")}
            >
              <Localized value={c.name} badge={false} />
              <span className="visually-hidden"> ({t("routes.notPartner")})</span>
            </Badge>
          )}
          {i < route.countries.length - 1 && (
            <IconChevronRight size={16} aria-hidden="true" color="var(--mantine-color-slate-7)" />
          )}
        </li>
      ))}
    </ol>
  );
}

function RouteCard({ route }: { route: Route }) {
  const { t } = useTranslation();
  const partnerCount = route.countries.filter((c) => c.isPartner).length;
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="section"
      aria-labelledby={`route-${route.code}-title`}
      id={`route-${route.code}`}
    >
      <Title order={2} fz="h3" id={`route-${route.code}-title`} mb="xs">
        <Localized value={route.name} />
      </Title>
      <Text maw={860} mb="md">
        <Localized value={route.description} />
      </Text>
      <Title order={3} fz="sm" mb={6}>
        {t("routes.countries")}{" "}
        <Text span c="dimmed" fz="sm" fw={400}>
          ({t("routes.countryCount", { count: route.countries.length, partners: partnerCount })})
        </Text>
      </Title>
      <Schematic route={route} />
      {route.regions.length > 0 && (
        <>
          <Title order={3} fz="sm" mt="md" mb={6}>
            {t("routes.regions")}
          </Title>
          <Group gap={6}>
            {route.regions.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: regions have no code
              <Badge key={i} variant="dot" color="unblue.8" size="lg" style={{ textTransform: "none" }}>
                <Localized value={r} badge={false} />
              </Badge>
            ))}
          </Group>
        </>
      )}
    </Card>
  );
}

export function DrugRoutesPage() {
  const { t } = useTranslation();
  usePageTitle(t("routes.title"));
  const { data, error, isPending, refetch } = useQuery(routesQuery);
  return (
    <Stack gap="md">
      <Title order={1}>{t("routes.title")}</Title>
      <Text maw={820}>{t("routes.intro")}</Text>
      {isPending ? (
        <ListSkeleton rows={3} height={180} />
      ) : error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : data.items.length === 0 ? (
        <Empty />
      ) : (
        <>
          <RoutesMap routes={data.items} />
          {data.items.map((r) => (
            <RouteCard key={r.code} route={r} />
          ))}
        </>
      )}
    </Stack>
  );
}
