import { Button, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AuditEntry } from "../../../common/users.js";
import { AUDIT_PAGE_SIZE, type AuditFilters, auditExportUrl, auditQuery } from "../../api/users.js";
import { IconDownload } from "../../components/icons.js";
import { pageParam } from "../../components/lists/list-pagination.js";
import { PagedList } from "../../components/lists/paged-list.js";
import { ScrollTable } from "../../components/lists/scroll-table.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty } from "../../components/states.js";
import { useDateTime } from "./admin-format.js";
import { actionLabel, ChangeList } from "./audit-format.js";

const FIELDS = ["q", "action", "actor", "objectType", "objectId", "from", "to"] as const;
type Field = (typeof FIELDS)[number];

function filtersOf(search: AuditFilters): Record<Field, string> {
  return Object.fromEntries(FIELDS.map((f) => [f, search[f] ?? ""])) as Record<Field, string>;
}

function FilterForm({ applied, onApply }: { applied: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => filtersOf(applied));
  const [periodError, setPeriodError] = useState<string | undefined>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows the address (back button, links)
  useEffect(() => setDraft(filtersOf(applied)), [JSON.stringify(applied)]);
  const set = (field: Field, value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setPeriodError(t("admin.fieldErrors.before_from"));
      return;
    }
    setPeriodError(undefined);
    const next: AuditFilters = {};
    for (const f of FIELDS) if (draft[f].trim()) next[f] = draft[f].trim();
    onApply(next);
  };
  const input = (field: Field, type: "text" | "date" = "text") => (
    <TextInput
      label={t(`admin.audit.filters.${field}`)}
      type={type}
      value={draft[field]}
      onChange={(e) => set(field, e.currentTarget.value)}
      maxLength={200}
      error={field === "to" ? periodError : undefined}
    />
  );
  return (
    // biome-ignore lint/a11y/useSemanticElements: <form role="search"> is the widely supported search landmark
    <form onSubmit={submit} role="search" aria-label={t("admin.audit.filtersLabel")}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        {input("q")}
        {input("action")}
        {input("actor")}
        {input("objectType")}
        {input("objectId")}
        {input("from", "date")}
        {input("to", "date")}
      </SimpleGrid>
      <Group gap="sm" mt="sm">
        <Button type="submit">{t("admin.audit.apply")}</Button>
        <Button
          variant="default"
          onClick={() => {
            setPeriodError(undefined);
            onApply({});
          }}
        >
          {t("admin.audit.reset")}
        </Button>
      </Group>
    </form>
  );
}

function EntryRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const when = useDateTime();
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        <time dateTime={entry.at}>{when(entry.at)}</time>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {entry.actorName ?? entry.actorLabel ?? t("admin.audit.system")}
        </Text>
        {entry.actorEmail && entry.actorEmail !== entry.actorName && (
          <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {entry.actorEmail}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{actionLabel(t, entry.action)}</Text>
        {/* The action's code, as the action filter and the export take it. */}
        <Text size="xs" c="dimmed" ff="monospace" data-code-column>
          {entry.action}
        </Text>
      </Table.Td>
      <Table.Td style={{ overflowWrap: "anywhere" }}>
        {entry.objectType ? (
          <>
            <Text size="sm" ff="monospace" data-code-column>
              {entry.objectType}
            </Text>
            {entry.objectId && (
              <Text size="xs" c="dimmed" ff="monospace">
                {entry.objectId}
              </Text>
            )}
          </>
        ) : (
          "—"
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {entry.ip ?? "—"}
        </Text>
      </Table.Td>
      <Table.Td>
        {/* The fields and values as stored: the record of what changed, quoted verbatim. */}
        <div data-verbatim>
          <ChangeList details={entry.details} />
        </div>
      </Table.Td>
    </Table.Tr>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  usePageTitle(t("admin.audit.title"));
  const { page = 1, ...filters } = useSearch({ from: "/admin/audit" });
  const navigate = useNavigate({ from: "/admin/audit" });
  const list = useQuery(auditQuery(filters, page));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Title order={1}>{t("admin.audit.title")}</Title>
        <Button
          component="a"
          href={auditExportUrl(filters)}
          download
          variant="light"
          leftSection={<IconDownload size={18} aria-hidden="true" />}
        >
          {t("admin.audit.export")}
        </Button>
      </Group>
      <Text maw={820}>{t("admin.audit.intro")}</Text>
      <FilterForm applied={filters} onApply={(next) => void navigate({ search: next, replace: true })} />
      <PagedList
        query={list}
        skeleton={{ rows: 8 }}
        empty={<Empty title={t("admin.audit.empty")} />}
        count={(data) => (
          <Text size="sm" role="status" aria-live="polite">
            {t("admin.audit.count", { count: data.total })}
          </Text>
        )}
        pages={{
          size: AUDIT_PAGE_SIZE,
          page,
          onChange: (p) => void navigate({ search: (s) => ({ ...s, page: pageParam(p) }) }),
          numbered: true,
        }}
      >
        {(data) => (
          <>
            <ScrollTable
              label={t("admin.audit.title")}
              minWidth={960}
              busy={list.isFetching}
              striped
              verticalSpacing="xs"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("admin.audit.columns.time")}</Table.Th>
                  <Table.Th>{t("admin.audit.columns.actor")}</Table.Th>
                  <Table.Th>{t("admin.audit.columns.action")}</Table.Th>
                  <Table.Th>{t("admin.audit.columns.object")}</Table.Th>
                  <Table.Th>{t("admin.audit.columns.ip")}</Table.Th>
                  <Table.Th>{t("admin.audit.columns.details")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((e) => (
                  <EntryRow key={e.id} entry={e} />
                ))}
              </Table.Tbody>
            </ScrollTable>
          </>
        )}
      </PagedList>
    </Stack>
  );
}
