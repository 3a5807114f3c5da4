import { Anchor, Badge, Group, Pagination, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { ANALYSES_PAGE_SIZE, analysesQuery, type ListScope } from "../../api/analyses.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import type { ListSearch } from "./analyses.routes.js";

/** The scope switch of both lists: mine, shared with me, all I may open. */
export function ScopeSwitch({ value, onChange }: { value: ListScope; onChange: (v: ListScope) => void }) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      w="fit-content"
      value={value}
      onChange={(v) => onChange(v as ListScope)}
      aria-label={t("analyses.scope.label")}
      data={(["all", "mine", "shared"] as const).map((s) => ({ value: s, label: t(`analyses.scope.${s}`) }))}
    />
  );
}

export function AnalysesPage() {
  const { t } = useTranslation();
  usePageTitle(t("analyses.title"));
  const format = useFormat();
  const search = useSearch({ strict: false }) as ListSearch;
  const navigate = useNavigate();
  const scope = search.scope ?? "all";
  const page = search.page ?? 1;
  const q = useQuery(analysesQuery(scope, page));
  const go = (next: Partial<ListSearch>) =>
    void navigate({ to: "/analyses", search: { scope, page, ...next } as ListSearch });
  return (
    <Stack gap="md">
      <Title order={1}>{t("analyses.title")}</Title>
      <Text c="dimmed" maw={820}>
        {t("analyses.intro")}
      </Text>
      <Group gap="sm">
        <ScopeSwitch value={scope} onChange={(s) => go({ scope: s, page: undefined })} />
        <Anchor renderRoot={(props) => <Link to="/dashboards" {...props} />}>{t("analyses.dashboards.title")}</Anchor>
      </Group>
      {q.error ? (
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <ListSkeleton rows={4} />
      ) : q.data.items.length === 0 ? (
        <Empty title={t("analyses.empty.title")} description={t("analyses.empty.description")} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>{t("analyses.count", { count: q.data.total })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("analyses.name")}</Table.Th>
                  <Table.Th>{t("analyses.kind.label")}</Table.Th>
                  <Table.Th>{t("analyses.visibility.label")}</Table.Th>
                  <Table.Th>{t("analyses.owner")}</Table.Th>
                  <Table.Th>{t("analyses.updated")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor renderRoot={(props) => <Link to="/analyses/$id" params={{ id: a.id }} {...props} />}>
                        {a.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {t(`analyses.kind.${a.kind}`)} · {t(`analyses.view.${a.view}`)}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={a.visibility === "private" ? "gray" : "blue"}>
                        {t(`analyses.visibilityShort.${a.visibility}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{a.mine ? t("analyses.me") : a.owner.displayName}</Table.Td>
                    <Table.Td>{format.dateTime(a.updatedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {q.data.total > ANALYSES_PAGE_SIZE && (
            <Pagination
              total={Math.ceil(q.data.total / ANALYSES_PAGE_SIZE)}
              value={page}
              onChange={(p) => go({ page: p > 1 ? p : undefined })}
              size="sm"
              getControlProps={(control) => ({ "aria-label": t(`pagination.${control}`) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}
