import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isIso3 } from "../../../common/countries.js";
import type { ProjectList } from "../../../common/projects.js";
import { hasPermission, useMe } from "../../api/auth.js";
import {
  deleteSearch,
  exportUrl,
  PROJECTS_PAGE_SIZE,
  partiesQuery,
  projectsQuery,
  savedSearchesQuery,
  saveSearch,
} from "../../api/projects.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { ExportButtons } from "../../components/lists/export-buttons.js";
import { SearchForm } from "../../components/lists/search-form.js";
import { Localized, TranslationBadge } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import { useLanguage } from "../../i18n/index.js";
import { usePartnerNames } from "../partners/use-partner-names.js";
import type { ProjectsSearch } from "./projects.routes.js";
import { formatUsd, ProjectsNav, periodText, themeLabel, WorkflowBadge } from "./projects-nav.js";

type FacetKey = keyof ProjectList["facets"];
const FACETS: FacetKey[] = ["country", "donor", "pillar", "theme", "workflow", "stage", "year"];

function facetLabel(
  t: (k: string, o?: Record<string, unknown>) => string,
  key: FacetKey,
  value: string,
  donorName: (code: string) => string,
  countryName: (iso3: string) => string,
) {
  if (key === "donor") return donorName(value);
  if (key === "country") return countryName(value);
  if (key === "theme") return t(`projects.theme.${value}`, { defaultValue: value });
  if (key === "workflow") return t(`projects.workflow.${value}`);
  if (key === "stage") return t(`projects.stage.${value}`);
  if (key === "pillar") return t("projects.pillar", { number: value });
  return value;
}

function SavedSearches({ filters }: { filters: ProjectsSearch }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate({ from: "/projects" });
  const { data } = useQuery(savedSearchesQuery());
  const [name, setName] = useState("");
  const refresh = () => client.invalidateQueries({ queryKey: ["projects", "saved"] });
  const save = useMutation({
    mutationFn: () =>
      saveSearch(
        name.trim(),
        Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as Record<
          string,
          string | number
        >,
      ),
    onSuccess: () => {
      setName("");
      void refresh();
    },
  });
  const remove = useMutation({ mutationFn: deleteSearch, onSuccess: () => void refresh() });
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t("projects.saved.title")}
        </Title>
        {data?.items.length ? (
          <Stack gap={4} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {data.items.map((s) => (
              <Group key={s.id} component="li" justify="space-between" wrap="nowrap" gap={4}>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => void navigate({ search: s.query as ProjectsSearch })}
                >
                  {s.name}
                </Anchor>
                <ActionIcon
                  variant="subtle"
                  color="red.8"
                  size="sm"
                  aria-label={t("projects.saved.delete", { name: s.name })}
                  onClick={() => remove.mutate(s.id)}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t("projects.saved.none")}
          </Text>
        )}
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            size="xs"
            label={t("projects.saved.name")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={120}
            style={{ flex: 1 }}
          />
          <Button size="xs" disabled={!name.trim()} loading={save.isPending} onClick={() => save.mutate()}>
            {t("projects.saved.save")}
          </Button>
        </Group>
        {save.error && <ErrorAlert error={save.error} />}
      </Stack>
    </Card>
  );
}

export function ProjectsPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  usePageTitle(t("projects.title"));
  const filters = useSearch({ from: "/projects" });
  const navigate = useNavigate({ from: "/projects" });
  const { data: me } = useMe();
  const { data, error, isPending, refetch } = useQuery(projectsQuery(filters));
  const { data: parties } = useQuery(partiesQuery());
  const format = useFormat();
  const { name: partnerName } = usePartnerNames();
  const donorName = (code: string) =>
    parties?.items.find((p) => p.code === code)?.name[lang] ?? (isIso3(code) ? format.country(code) : code);
  const update = (next: Partial<ProjectsSearch>) =>
    void navigate({ search: (s: ProjectsSearch) => ({ ...s, ...next, page: undefined }), replace: true });
  const pages = data ? Math.max(1, Math.ceil(data.total / PROJECTS_PAGE_SIZE)) : 1;
  const page = filters.page ?? 1;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Title order={1}>{t("projects.title")}</Title>
        {hasPermission(me, "projects:write") && (
          <Button component={Link} to="/projects/new">
            {t("projects.new")}
          </Button>
        )}
      </Group>
      <Text maw={820}>{t("projects.intro")}</Text>
      <ProjectsNav />
      <SearchForm
        texts="projects"
        label={t("projects.search")}
        applied={filters.q}
        onSearch={(q) => update({ q })}
        width={320}
      >
        <Select
          label={t("projects.sort.label")}
          data={["relevance", "updated", "start", "budget", "title"].map((v) => ({
            value: v,
            label: t(`projects.sort.${v}`),
          }))}
          value={filters.sort ?? "relevance"}
          onChange={(v) => update({ sort: v && v !== "relevance" ? v : undefined })}
          allowDeselect={false}
          w={{ base: "100%", sm: 200 }}
        />
        <ExportButtons
          url={(format) => exportUrl(filters, format)}
          label={(format) => t(`projects.export.${format}`)}
          variant="default"
        />
      </SearchForm>
      <SimpleGrid cols={{ base: 1, md: 4 }} spacing="md">
        <Stack gap="sm">
          {FACETS.map((key) => {
            const options = (data?.facets[key] ?? []).map((f) => ({
              value: f.value,
              label: `${facetLabel(t, key, f.value, donorName, format.country)} (${f.count})`,
            }));
            const current = filters[key];
            return (
              <Select
                key={key}
                label={t(`projects.facet.${key}`)}
                placeholder={t("projects.facet.all")}
                data={options}
                value={current === undefined ? null : String(current)}
                onChange={(v) =>
                  update({ [key]: v === null ? undefined : key === "pillar" || key === "year" ? Number(v) : v })
                }
                clearable
                clearButtonProps={{ "aria-label": t("projects.facet.clear", { name: t(`projects.facet.${key}`) }) }}
                searchable={key === "donor" || key === "country"}
              />
            );
          })}
          <SavedSearches filters={filters} />
        </Stack>
        <Stack gap="sm" style={{ gridColumn: "span 3" }}>
          {error ? (
            <ErrorAlert error={error} onRetry={() => void refetch()} />
          ) : isPending ? (
            <ListSkeleton />
          ) : !data?.items.length ? (
            <Empty title={t("projects.empty")}>{t("projects.emptyHint")}</Empty>
          ) : (
            <>
              <Text size="sm" aria-live="polite">
                {t("projects.count", { count: data.total })}
              </Text>
              <Stack component="ul" gap="sm" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                {data.items.map((p) => (
                  <Card key={p.id} component="li" withBorder padding="sm">
                    <Stack gap={4}>
                      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                        <Anchor component={Link} to={`/projects/${p.id}`} fw={700} style={{ overflowWrap: "anywhere" }}>
                          <Localized value={p.title} badge={false} />
                        </Anchor>
                        <TranslationBadge value={p.title} queue={{ module: "projects", id: p.id }} />
                        <WorkflowBadge workflow={p.workflow} />
                      </Group>
                      <Text size="sm" c="dimmed">
                        {p.code} · {partnerName(p.partnerCode)} · {periodText(p)} ·{" "}
                        {format.list(p.countries.map(format.country))} · {formatUsd(lang, p.totalUsd)}
                        {p.unconvertedCurrencies.length > 0 &&
                          ` ${t("projects.unconvertedShort", { currencies: p.unconvertedCurrencies.join(", ") })}`}
                      </Text>
                      {p.donors.length > 0 && <Text size="sm">{p.donors.map(donorName).join(", ")}</Text>}
                      {p.themes.length > 0 && (
                        <Text size="sm">{p.themes.map((th) => themeLabel(t, th)).join(" · ")}</Text>
                      )}
                      {p.snippet && (
                        <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                          {p.snippet.replace(/[«»]/g, "")}
                        </Text>
                      )}
                    </Stack>
                  </Card>
                ))}
              </Stack>
              {pages > 1 && (
                <Group justify="space-between">
                  <Button
                    variant="default"
                    disabled={page <= 1}
                    onClick={() =>
                      void navigate({
                        search: (s: ProjectsSearch) => ({ ...s, page: page - 1 > 1 ? page - 1 : undefined }),
                      })
                    }
                  >
                    {t("projects.page.previous")}
                  </Button>
                  <Text size="sm">{t("projects.page.of", { page, pages })}</Text>
                  <Button
                    variant="default"
                    disabled={page >= pages}
                    onClick={() => void navigate({ search: (s: ProjectsSearch) => ({ ...s, page: page + 1 }) })}
                  >
                    {t("projects.page.next")}
                  </Button>
                </Group>
              )}
            </>
          )}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
