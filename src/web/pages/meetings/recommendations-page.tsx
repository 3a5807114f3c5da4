import {
  Anchor,
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
import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { RECOMMENDATION_STATUSES } from "../../../common/meetings.js";
import { useMe } from "../../api/auth.js";
import {
  exportUrl,
  heatmapQuery,
  progressQuery,
  RECOMMENDATIONS_PAGE_SIZE,
  type RecommendationFilter,
  recommendationsQuery,
} from "../../api/meetings.js";
import { partnersQuery } from "../../api/queries.js";
import { ChartPanel } from "../../components/chart-panel.js";
import { IconSearch } from "../../components/icons.js";
import { ExportButtons } from "../../components/lists/export-buttons.js";
import { pageParam } from "../../components/lists/list-pagination.js";
import { PagedList } from "../../components/lists/paged-list.js";
import { useTypedFilter } from "../../components/lists/use-typed-filter.js";
import { Localized, TranslationBadge, useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty } from "../../components/states.js";
import { SaveAnalysisButton } from "../analyses/save-analysis.js";
import { useHeatmapChart } from "./heatmap-chart.js";
import { PillarFilter, roman, StatusBadge } from "./meeting-format.js";
import type { RecommendationsSearch } from "./meetings.routes.js";

function Analysis({ pillar }: { pillar: number | undefined }) {
  const { t } = useTranslation();
  const heat = useQuery(heatmapQuery(pillar));
  const progress = useQuery(progressQuery(pillar));
  const h = heat.data;
  const heatmap = useHeatmapChart(h);
  return (
    <Stack gap="md">
      <Group>
        <SaveAnalysisButton
          kind="recommendations.heatmap"
          config={pillar === undefined ? {} : { pillar: String(pillar) }}
          defaultName={t("meetings.analysis.heatmap")}
        />
      </Group>
      <ChartPanel
        title={t("meetings.analysis.heatmap")}
        subtitle={t("meetings.analysis.heatmapSubtitle")}
        loading={heat.isPending}
        error={heat.error}
        onRetry={() => void heat.refetch()}
        emptyText={t("meetings.analysis.empty")}
        height={Math.max(280, (h?.recommendations.length ?? 0) * 28 + 120)}
        data={heatmap}
      />
      <ChartPanel
        title={t("meetings.analysis.progress")}
        subtitle={t("meetings.analysis.progressSubtitle")}
        loading={progress.isPending}
        error={progress.error}
        onRetry={() => void progress.refetch()}
        emptyText={t("meetings.analysis.empty")}
        data={{
          kind: "stacked-area",
          categoryType: "month",
          categories: (progress.data?.points ?? []).map((p) => `${p.month}-01`),
          series: [
            {
              name: t("meetings.report.done"),
              values: (progress.data?.points ?? []).map((p) => p.done),
              color: "#009e73",
            },
            {
              name: t("meetings.report.partial"),
              values: (progress.data?.points ?? []).map((p) => p.partial),
              color: "#e6c300",
            },
            {
              name: t("meetings.report.not_started"),
              values: (progress.data?.points ?? []).map((p) => p.notStarted),
              color: "#d55e00",
            },
          ],
        }}
      />
    </Stack>
  );
}

export function RecommendationsPage(): ReactElement {
  const { t } = useTranslation();
  usePageTitle(t("meetings.recommendations"));
  const text = useLocalizedText();
  const search = useSearch({ from: "/recommendations" });
  const navigate = useNavigate({ from: "/recommendations" });
  const me = useMe().data;
  const page = search.page ?? 1;
  const view = me?.user ? (search.view ?? "list") : "list";
  const filter: RecommendationFilter = {
    pillar: search.pillar,
    status: search.status,
    partner: search.partner,
    q: search.q,
  };
  const list = useQuery({ ...recommendationsQuery(filter, page), enabled: view === "list" });
  const onChange = (patch: Partial<RecommendationsSearch>) =>
    void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }), replace: true });
  const [q, setQ] = useTypedFilter(search.q, (value) => onChange({ q: value }));
  // Partners by name in the reader's language, sorted as that language sorts (never "type TJK").
  const partners = useQuery(partnersQuery).data?.items ?? [];
  const partnerOptions = partners
    .map((p) => ({ value: p.code, label: text(p.name) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t("meetings.recommendations")}</Title>
        <Group gap="xs">
          <ExportButtons
            url={(format) => exportUrl(filter, format)}
            label={(format) => format.toUpperCase()}
            variant="light"
          />
        </Group>
      </Group>
      <Text maw={820}>{t("meetings.recommendationsIntro")}</Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <TextInput
          label={t("meetings.filters.fullText")}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
        />
        <PillarFilter value={search.pillar} onChange={(pillar) => onChange({ pillar })} />
        <Select
          label={t("meetings.fields.status")}
          placeholder={t("meetings.filters.any")}
          data={RECOMMENDATION_STATUSES.map((s) => ({ value: s, label: t(`meetings.status.${s}`) }))}
          value={search.status ?? null}
          onChange={(v) => onChange({ status: v ?? undefined })}
          clearable
        />
        <Select
          label={t("meetings.filters.partner")}
          placeholder={t("meetings.filters.any")}
          data={partnerOptions}
          value={search.partner ?? null}
          onChange={(v) => onChange({ partner: v ?? undefined })}
          searchable
          clearable
          nothingFoundMessage={t("meetings.filters.noPartner")}
        />
      </SimpleGrid>
      {me?.user && (
        <SegmentedControl
          size="xs"
          w="fit-content"
          value={view}
          onChange={(v) =>
            void navigate({ search: (s) => ({ ...s, view: v === "analysis" ? "analysis" : undefined }), replace: true })
          }
          aria-label={t("meetings.viewLabel")}
          data={[
            { value: "list", label: t("meetings.views.list") },
            { value: "analysis", label: t("meetings.views.analysis") },
          ]}
        />
      )}
      {view === "analysis" && <Analysis pillar={search.pillar} />}
      {view === "list" && (
        <PagedList
          query={list}
          skeleton={{ rows: 6, height: 80 }}
          empty={<Empty title={t("meetings.noRecommendationsFound")} />}
          count={(data) => (
            <Text size="sm" c="dimmed" role="status">
              {t("meetings.recommendationCount", { count: data.total })}
            </Text>
          )}
          pages={{
            size: RECOMMENDATIONS_PAGE_SIZE,
            page,
            onChange: (p) => void navigate({ search: (s) => ({ ...s, page: pageParam(p) }) }),
            labels: "meetings.pagination",
          }}
        >
          {(data) => (
            <>
              <Stack component="ul" gap="xs" p={0} style={{ listStyle: "none" }}>
                {data.items.map((r) => (
                  <Card key={r.id} component="li" withBorder padding="sm">
                    <Group gap="xs" mb={4}>
                      <StatusBadge status={r.status} />
                      <Text size="xs" c="dimmed">
                        {t("meetings.pillarShort", { roman: roman(r.pillar) })}
                      </Text>
                      {r.priority && (
                        <Text size="xs" c="red.9">
                          {t("meetings.priority")}
                        </Text>
                      )}
                    </Group>
                    <div>
                      <Anchor
                        renderRoot={(props) => <Link to="/recommendations/$id" params={{ id: r.id }} {...props} />}
                        fw={600}
                      >
                        {r.number}. <Localized value={r.text} badge={false} />
                      </Anchor>
                      <TranslationBadge value={r.text} queue={{ module: "recommendations", id: r.id }} />
                    </div>
                    <Text size="sm" c="dimmed">
                      {text(r.meetingTitle)} · {r.meetingDate.slice(0, 4)}
                    </Text>
                  </Card>
                ))}
              </Stack>
            </>
          )}
        </PagedList>
      )}
    </Stack>
  );
}
