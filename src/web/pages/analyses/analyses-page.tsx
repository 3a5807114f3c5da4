import { Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { analysesQuery } from "../../api/analyses.js";
import { usePageTitle } from "../../components/page-title.js";
import { SavedList, useSavedListSearch } from "./saved-list.js";

export function AnalysesPage() {
  const { t } = useTranslation();
  usePageTitle(t("analyses.title"));
  const search = useSavedListSearch("/analyses");
  const q = useQuery(analysesQuery(search.scope, search.page));
  return (
    <Stack gap="md">
      <Title order={1}>{t("analyses.title")}</Title>
      <Text c="dimmed" maw={820}>
        {t("analyses.intro")}
      </Text>
      <SavedList
        list={q}
        search={search}
        other={{ to: "/dashboards", label: t("analyses.dashboards.title") }}
        itemPath="/analyses/$id"
        empty={{ title: t("analyses.empty.title"), description: t("analyses.empty.description") }}
        caption={t("analyses.count", { count: q.data?.total ?? 0 })}
        nameHeader={t("analyses.name")}
        what={{
          header: t("analyses.kind.label"),
          cell: (a) => `${t(`analyses.kind.${a.kind}`)} · ${t(`analyses.view.${a.view}`)}`,
        }}
        minWidth={640}
      />
    </Stack>
  );
}
