import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { FacilityFilter, FacilitySummary } from "../../../common/facilities.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { exportUrl, FACILITIES_PAGE_SIZE, facilitiesQuery } from "../../api/facilities.js";
import { IconChartBar, IconDownload, IconFileSpreadsheet, IconSearch } from "../../components/icons.js";
import { pageParam } from "../../components/lists/list-pagination.js";
import { PagedList } from "../../components/lists/paged-list.js";
import { useTypedFilter } from "../../components/lists/use-typed-filter.js";
import { Localized, TranslationBadge } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty } from "../../components/states.js";
import type { FacilitiesSearch } from "./facilities.routes.js";
import { FacilitiesMap } from "./facilities-map.js";
import { useCountries, useFacilityLabels } from "./facility-format.js";

function FacilityCard({ f }: { f: FacilitySummary }) {
  const { t } = useTranslation();
  const { label } = useFacilityLabels();
  const countries = useCountries();
  return (
    <Card withBorder padding="sm" radius="md" component="li">
      {/* The badge goes under a long name rather than squeezing it into a narrow column. */}
      <Group justify="space-between" gap="xs" align="flex-start">
        <div>
          <Anchor renderRoot={(props) => <Link to="/facilities/$id" params={{ id: f.id }} {...props} />} fw={600}>
            <Localized value={f.name} badge={false} />
          </Anchor>
          <TranslationBadge value={f.name} queue={{ module: "facilities", id: f.id }} />
        </div>
        {f.sharing === "restricted" && (
          <Badge variant="outline" color="red.9" style={{ flexShrink: 0 }}>
            {t("facilities.sharing.restricted")}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {[f.city, f.region, countries.name(f.country)].filter(Boolean).join(", ")}
        {f.orgType ? ` · ${label("orgTypes", f.orgType)}` : ""}
      </Text>
      {f.modalities.length > 0 && (
        <Group gap={4} mt={6}>
          {f.modalities.map((m) => (
            <Badge key={m} variant="light" size="sm" style={{ textTransform: "none" }}>
              {label("modalities", m)}
            </Badge>
          ))}
        </Group>
      )}
      {f.capacity !== null && (
        <Text size="sm" mt={4}>
          {t("facilities.capacityValue", { count: f.capacity })}
        </Text>
      )}
    </Card>
  );
}

function Filters({
  search,
  onChange,
}: {
  search: FacilitiesSearch;
  onChange: (patch: Partial<FacilitiesSearch>) => void;
}) {
  const { t } = useTranslation();
  const { options } = useFacilityLabels();
  const countries = useCountries();
  // Typing waits for a pause before it asks the server.
  const [q, setQ] = useTypedFilter(search.q, (value) => onChange({ q: value }));
  const select = (key: keyof FacilityFilter, labelKey: string, data: { value: string; label: string }[]) => (
    <Select
      label={t(labelKey)}
      placeholder={t("facilities.filters.any")}
      data={data}
      value={(search[key] as string | undefined) ?? null}
      onChange={(v) => onChange({ [key]: v ?? undefined })}
      clearable
      searchable
      comboboxProps={{ withinPortal: true }}
    />
  );
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
      <TextInput
        label={t("facilities.filters.q")}
        placeholder={t("facilities.filters.qPlaceholder")}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        leftSection={<IconSearch size={16} aria-hidden="true" />}
        type="search"
      />
      {select("country", "facilities.fields.country", countries.options)}
      {select("modality", "facilities.fields.modality", options("modalities"))}
      {select("service", "facilities.fields.service", options("services"))}
      {select("population", "facilities.fields.population", options("populations"))}
      {select("orgType", "facilities.fields.orgType", options("orgTypes"))}
    </SimpleGrid>
  );
}

export function FacilitiesPage() {
  const { t } = useTranslation();
  usePageTitle(t("facilities.title"));
  const search = useSearch({ from: "/facilities" });
  const navigate = useNavigate({ from: "/facilities" });
  const me = useMe().data;
  const canWrite = hasPermission(me, "facilities:write");
  const page = search.page ?? 1;
  const view = search.view ?? "list";
  const filter: FacilityFilter = {
    q: search.q,
    country: search.country,
    modality: search.modality,
    service: search.service,
    population: search.population,
    orgType: search.orgType,
  };
  const list = useQuery({ ...facilitiesQuery(filter, page), enabled: view === "list" });
  const onChange = (patch: Partial<FacilitiesSearch>) =>
    void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }), replace: true });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Title order={1}>{t("facilities.title")}</Title>
        <Group gap="xs">
          <Button
            renderRoot={(props) => <Link to="/facilities/stats" {...props} />}
            variant="light"
            leftSection={<IconChartBar size={16} aria-hidden="true" />}
          >
            {t("facilities.stats.link")}
          </Button>
          {canWrite && (
            <>
              <Button
                renderRoot={(props) => <Link to="/facilities/import" {...props} />}
                variant="light"
                leftSection={<IconFileSpreadsheet size={16} aria-hidden="true" />}
              >
                {t("facilities.import.link")}
              </Button>
              <Button renderRoot={(props) => <Link to="/facilities/new" {...props} />}>{t("facilities.add")}</Button>
            </>
          )}
        </Group>
      </Group>
      <Text maw={820}>{t("facilities.intro")}</Text>
      <Filters search={search} onChange={onChange} />
      <Group justify="space-between" gap="sm">
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(v) =>
            void navigate({ search: (s) => ({ ...s, view: v === "map" ? "map" : undefined }), replace: true })
          }
          aria-label={t("facilities.viewLabel")}
          data={[
            { value: "list", label: t("facilities.view.list") },
            { value: "map", label: t("facilities.view.map") },
          ]}
        />
        <Group gap="xs">
          <Anchor href={exportUrl(filter, "xlsx")} size="sm" download>
            <IconDownload size={14} aria-hidden="true" /> {t("facilities.export.xlsx")}
          </Anchor>
          <Anchor href={exportUrl(filter, "csv")} size="sm" download>
            <IconDownload size={14} aria-hidden="true" /> {t("facilities.export.csv")}
          </Anchor>
        </Group>
      </Group>
      {view === "map" ? (
        <FacilitiesMap filter={filter} />
      ) : (
        <PagedList
          query={list}
          skeleton={{ rows: 6, height: 90 }}
          isEmpty={(data) => data.total === 0}
          empty={<Empty title={t("facilities.empty")} description={t("facilities.emptyHint")} />}
          count={(data) => (
            <Text size="sm" c="dimmed" aria-live="polite">
              {t("facilities.shown", { count: data.total })}
            </Text>
          )}
          pages={{
            size: FACILITIES_PAGE_SIZE,
            page,
            onChange: (p) => void navigate({ search: (s) => ({ ...s, page: pageParam(p) }) }),
            numbered: true,
          }}
        >
          {(data) => (
            <>
              <SimpleGrid
                cols={{ base: 1, sm: 2 }}
                spacing="sm"
                component="ul"
                p={0}
                m={0}
                style={{ listStyle: "none" }}
              >
                {data.items.map((f) => (
                  <FacilityCard key={f.id} f={f} />
                ))}
              </SimpleGrid>
            </>
          )}
        </PagedList>
      )}
    </Stack>
  );
}
