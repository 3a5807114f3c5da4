import { Button, Group, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../../common/format.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { alertsQuery } from "../../api/projects.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";
import { AlertCard } from "./alert-card.js";
import { ProjectsNav } from "./projects-nav.js";

export function DuplicatesPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  usePageTitle(t("projects.dup.title"));
  const search = useSearch({ from: "/projects/duplicates" });
  const navigate = useNavigate({ from: "/projects/duplicates" });
  const { data: me } = useMe();
  const canSee = hasPermission(me, "projects:write");
  const page = search.page ?? 1;
  const { data, error, isPending, refetch } = useQuery({
    ...alertsQuery({ status: search.status, page }),
    enabled: canSee,
  });
  const pages = data ? Math.max(1, Math.ceil(data.total / 20)) : 1;
  return (
    <Stack gap="md">
      <Title order={1}>{t("projects.dup.title")}</Title>
      <Text maw={820}>{t("projects.dup.intro")}</Text>
      <ProjectsNav />
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl
          aria-label={t("projects.dup.status")}
          value={search.status ?? "open"}
          onChange={(v) => void navigate({ search: { status: v === "open" ? undefined : v } })}
          data={["open", "labelled", "all"].map((v) => ({ value: v, label: t(`projects.dup.${v}`) }))}
        />
        {data && <Text size="sm">{t("projects.dup.threshold", { value: formatNumber(data.threshold, lang, 2) })}</Text>}
      </Group>
      {!canSee ? (
        <Empty title={t("projects.dup.none")} />
      ) : error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : isPending ? (
        <ListSkeleton />
      ) : !data?.items.length ? (
        <Empty title={t("projects.dup.none")} />
      ) : (
        <>
          <Stack component="ul" gap="sm" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {data.items.map((a) => (
              <AlertCard key={a.id} alert={a} canLabel highlight={a.id === search.alert} />
            ))}
          </Stack>
          {pages > 1 && (
            <Group justify="space-between">
              <Button
                variant="default"
                disabled={page <= 1}
                onClick={() => void navigate({ search: (s) => ({ ...s, page: page - 1 > 1 ? page - 1 : undefined }) })}
              >
                {t("projects.page.previous")}
              </Button>
              <Text size="sm">{t("projects.page.of", { page, pages })}</Text>
              <Button
                variant="default"
                disabled={page >= pages}
                onClick={() => void navigate({ search: (s) => ({ ...s, page: page + 1 }) })}
              >
                {t("projects.page.next")}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
