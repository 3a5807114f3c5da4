import { Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FlowFilters } from "../../../common/projects.js";
import { flowsQuery } from "../../api/projects.js";
import { usePageTitle } from "../../components/page-title.js";
import { FiguresHead, useIncludeDrafts } from "./figures-head.js";
import { FlowChart, type FlowInterval } from "./funding-chart.js";
import { FundingFilters, hasFilters } from "./funding-filters.js";

/**
 * Planned against actual across projects: the projects ADAM's figures count (published, each "duplicate effort"
 * group once; coordinators may add drafts, as on the statistics page), cumulated by year or quarter, narrowed by
 * the statistics' filters (year range, country, donor, pillar, theme).
 */
export function FundingPage() {
  const { t } = useTranslation();
  usePageTitle(t("funding.page.title"));
  const drafts = useIncludeDrafts();
  const [interval, setInterval] = useState<FlowInterval>("year");
  const [filters, setFilters] = useState<FlowFilters>({});
  const scope = { interval, includeDrafts: drafts.includeDrafts, filters };
  const { data, isPending, error, refetch } = useQuery(flowsQuery(scope));
  return (
    <Stack gap="md">
      <FiguresHead title={t("funding.page.title")} intro={t("funding.page.intro")} drafts={drafts} />
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
