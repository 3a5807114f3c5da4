import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Pagination,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/auth.js";
import { ApiError } from "../../api/client.js";
import { createFactsheet, FACTSHEETS_PAGE_SIZE, factsheetsQuery, regionsQuery } from "../../api/factsheets.js";
import { partnersQuery } from "../../api/queries.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { IconFileSpreadsheet, IconMap } from "../../components/icons.js";
import { useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { RecordTable } from "../../components/record-table.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";
import { formatDate, STATUS_COLORS, statusLabel, yearOptions } from "./factsheet-format.js";
import { ScrollTable } from "./scroll-table.js";

function NewFactsheet() {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const navigate = useNavigate();
  const partners = useQuery(partnersQuery);
  const regions = useQuery(regionsQuery);
  const [scope, setScope] = useState<"country" | "region">("country");
  const [subject, setSubject] = useState<string | null>(null);
  const [year, setYear] = useState<string | null>(String(new Date().getUTCFullYear() - 1));
  const create = useMutation({
    mutationFn: () => createFactsheet({ scope, subject: subject ?? "", year: Number(year) }),
    onSuccess: (sheet) => void navigate({ to: "/factsheets/$id", params: { id: sheet.id } }),
    onError: (error) => {
      const existing = error instanceof ApiError ? (error.problem?.details?.id as string | undefined) : undefined;
      if (existing) void navigate({ to: "/factsheets/$id", params: { id: existing } });
    },
  });
  const options =
    scope === "country"
      ? (partners.data?.items ?? [])
          .filter((p) => p.kind === "country")
          .map((p) => ({ value: p.code, label: `${text(p.name)} (${p.code})` }))
      : (regions.data?.items ?? []).map((r) => ({ value: r.code, label: text(r.name) }));
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="sm">
        {t("factsheets.new.title")}
      </Title>
      <Group align="flex-end" wrap="wrap" gap="sm">
        <SegmentedControl
          aria-label={t("factsheets.new.scope")}
          value={scope}
          onChange={(v) => {
            setScope(v as "country" | "region");
            setSubject(null);
          }}
          data={[
            { value: "country", label: t("factsheets.scope.country") },
            { value: "region", label: t("factsheets.scope.region") },
          ]}
        />
        <Select
          label={scope === "country" ? t("factsheets.new.country") : t("factsheets.new.region")}
          data={options}
          value={subject}
          onChange={setSubject}
          searchable
          w={{ base: "100%", xs: 260 }}
        />
        <Select label={t("factsheets.new.year")} data={yearOptions()} value={year} onChange={setYear} w={110} />
        <Button onClick={() => create.mutate()} disabled={!subject || !year} loading={create.isPending}>
          {t("factsheets.new.create")}
        </Button>
      </Group>
      {create.error && !(create.error instanceof ApiError && create.error.problem?.details?.id) && (
        <ErrorAlert error={create.error} />
      )}
    </Card>
  );
}

export function FactsheetsPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const text = useLocalizedText();
  const search = useSearch({ from: "/factsheets" });
  const navigate = useNavigate({ from: "/factsheets" });
  const { data: me } = useMe();
  const canWrite = hasPermission(me, "factsheets:write");
  const { page = 1, ...filter } = search;
  const list = useQuery(factsheetsQuery(filter, page));
  usePageTitle(t("factsheets.title"));
  const pages = list.data ? Math.ceil(list.data.total / FACTSHEETS_PAGE_SIZE) : 0;
  const set = (patch: Partial<typeof search>) =>
    void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }) });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1}>{t("factsheets.title")}</Title>
          <Text c="dimmed" maw={720}>
            {t("factsheets.intro")}
          </Text>
        </div>
        <Group gap="xs">
          <Button
            variant="light"
            leftSection={<IconMap size={16} aria-hidden="true" />}
            renderRoot={(props) => <Link to="/factsheets/regions" {...props} />}
          >
            {t("factsheets.regions.link")}
          </Button>
          {canWrite && (
            <Button
              variant="light"
              leftSection={<IconFileSpreadsheet size={16} aria-hidden="true" />}
              renderRoot={(props) => <Link to="/factsheets/data" {...props} />}
            >
              {t("factsheets.data.link")}
            </Button>
          )}
        </Group>
      </Group>
      {canWrite && <NewFactsheet />}
      <Group gap="sm" wrap="wrap" role="search" aria-label={t("factsheets.filters")}>
        <Select
          label={t("factsheets.filter.scope")}
          clearable
          value={search.scope ?? null}
          onChange={(v) => set({ scope: (v as "country" | "region" | null) ?? undefined })}
          data={[
            { value: "country", label: t("factsheets.scope.country") },
            { value: "region", label: t("factsheets.scope.region") },
          ]}
          w={{ base: "100%", xs: 170 }}
        />
        <Select
          label={t("factsheets.filter.year")}
          clearable
          value={search.year ? String(search.year) : null}
          onChange={(v) => set({ year: v ? Number(v) : undefined })}
          data={yearOptions()}
          w={{ base: "100%", xs: 120 }}
        />
        {canWrite && (
          <Select
            label={t("factsheets.filter.status")}
            clearable
            value={search.status ?? null}
            onChange={(v) => set({ status: (v as "draft" | null) ?? undefined })}
            data={(["draft", "in_review", "published"] as const).map((s) => ({ value: s, label: statusLabel(t, s) }))}
            w={{ base: "100%", xs: 170 }}
          />
        )}
      </Group>
      {list.isPending ? (
        <ListSkeleton />
      ) : list.error ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data.items.length ? (
        <Empty title={t("factsheets.empty")} description={canWrite ? t("factsheets.emptyWriter") : undefined} />
      ) : (
        <>
          <Text size="sm" c="dimmed" role="status">
            {t("factsheets.count", { count: list.data.total })}
          </Text>
          <ScrollTable label={t("factsheets.table")} minWidth={520}>
            <RecordTable
              striped
              highlightOnHover
              verticalSpacing="xs"
              caption={t("factsheets.title")}
              captionHidden
              columns={[
                t("factsheets.columns.subject"),
                t("factsheets.columns.year"),
                t("factsheets.columns.status"),
                t("factsheets.columns.published"),
              ]}
              rows={list.data.items}
            >
              {(f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>
                    <Anchor
                      fw={600}
                      renderRoot={(props) => <Link to="/factsheets/$id" params={{ id: f.id }} {...props} />}
                    >
                      {text(f.subjectName)}
                    </Anchor>{" "}
                    <Text span size="xs" c="dimmed">
                      {f.scope === "region" ? t("factsheets.scope.region") : t("factsheets.scope.country")}
                    </Text>
                  </Table.Td>
                  <Table.Td>{f.year}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[f.status]} variant="light">
                      {statusLabel(t, f.status)}
                    </Badge>
                    {f.edition > 0 && f.status !== "published" && (
                      <Text span size="xs" c="dimmed" ml={6}>
                        {t("factsheets.editionPublished", { edition: f.edition })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{formatDate(lang, f.publishedAt)}</Table.Td>
                </Table.Tr>
              )}
            </RecordTable>
          </ScrollTable>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={page}
              onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p > 1 ? p : undefined }) })}
              getControlProps={(control) => ({ "aria-label": t(`pagination.${control}`) })}
              getItemProps={(p) => ({ "aria-label": t("pagination.page", { page: p }) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}
