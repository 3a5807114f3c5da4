import { Stack, Switch, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FlowFilters } from "../../../common/projects.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { flowsQuery } from "../../api/projects.js";
import { usePageTitle } from "../../components/page-title.js";
import { FlowChart, type FlowInterval } from "./funding-chart.js";
import { FundingFilters, hasFilters } from "./funding-filters.js";
import { ProjectsNav } from "./projects-nav.js";

/**
 * Planned against actual across projects: the projects ADAM's figures count (published, each "duplicate effort"
 * group once; coordinators may add drafts, as on the statistics page), cumulated by year or quarter, narrowed by
 * the statistics' filters (year range, country, donor, pillar, theme).
 */
export function FundingPage() {
  const { t } = useTranslation();
  usePageTitle(t("funding.page.title"));
  const { data: me } = useMe();
  const coordinator = hasPermission(me, "partners:all");
  const [includeDrafts, setIncludeDrafts] = useState(false);
  const [interval, setInterval] = useState<FlowInterval>("year");
  const [filters, setFilters] = useState<FlowFilters>({});
  const scope = { interval, includeDrafts: coordinator && includeDrafts, filters };
  const { data, isPending, error, refetch } = useQuery(flowsQuery(scope));
  return (
    <Stack gap="md">
      <Title order={1}>{t("funding.page.title")}</Title>
      <ProjectsNav />
      <Text size="sm" c="dimmed" maw={820}>
        {t("funding.page.intro")}
      </Text>
      {coordinator && (
        <Switch
          label={t("projects.stats.includeDrafts")}
          description={t("projects.stats.includeDraftsHint")}
          checked={includeDrafts}
          onChange={(e) => setIncludeDrafts(e.currentTarget.checked)}
          maw={620}
        />
      )}
      <FundingFilters value={filters} onChange={setFilters} choices={data?.choices} />
      {data && (
        <Text size="sm" data-testid="flow-projects">
          {t("funding.page.projects", { count: data.projects })}
          {data.includesDrafts && ` · ${t("funding.page.drafts")}`}
        </Text>
      )}
      {hasFilters(filters) && (
        <Text size="sm" c="dimmed" maw={820}>
          {t("funding.page.filters.narrowed")}
        </Text>
      )}
      <FlowChart
        series={data}
        loading={isPending}
        error={error}
        onRetry={() => void refetch()}
        interval={interval}
        onInterval={setInterval}
        fileName={t("funding.page.title")}
      />
    </Stack>
  );
}
