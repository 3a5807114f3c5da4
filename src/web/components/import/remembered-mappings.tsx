import { Button, Card, Group, Modal, Pagination, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useDeferredValue, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ImportValueMapping, ImportValueMappingList } from "../../../common/import-value-mappings.js";
import { api } from "../../api/client.js";
import { useLanguage } from "../../i18n/index.js";
import { ErrorAlert } from "../error-alert.js";
import { RecordTable } from "../record-table.js";
import { Empty, ListSkeleton } from "../states.js";
import type { Choice, ValueVocabulary } from "./value-mapping.js";

const PAGE_SIZE = 25;
const ANY_SOURCE = "*";

/**
 * What an import remembers of its value-mapping step (`GET {path}`): each value a person mapped for the sources the
 * reader imports for, and for every source, with the code it means in the reader's language, who mapped it and when.
 * Filter by field, source or text, a page at a time; a mapping can be forgotten (after a confirmation), so the next
 * file asks again. Shared by every module's import page: the module gives its API path, the labels of its fields and
 * codes (the value step's own `ValueVocabulary`) and how its sources are named.
 */
export function RememberedMappings({
  path,
  vocabulary,
  sourceName,
  anySource,
  layouts = "importReport.remembered.layouts",
}: {
  /** The module's list route, e.g. `/facilities/imports/value-mappings`. */
  path: string;
  vocabulary: ValueVocabulary;
  /** A source's name in the UI language (a country, a partner). */
  sourceName: (source: string) => string;
  /** What "every source" is called here ("Any country"). */
  anySource: string;
  /** Where the module's layout names are in the texts (a layout not named there is "another layout"). */
  layouts?: string;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const titleId = useId();
  const queryClient = useQueryClient();
  const [field, setField] = useState<string | null>(null);
  const [source, setSource] = useState<string | null>(null);
  const [text, setText] = useState("");
  const q = useDeferredValue(text.trim());
  const [page, setPage] = useState(1);
  const [confirming, setConfirming] = useState<ImportValueMapping | null>(null);
  const [forgotten, setForgotten] = useState<string | null>(null);
  const query = { field, source, q: q || null, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const list = useQuery({
    queryKey: ["imports", "value-mappings", path, query],
    queryFn: ({ signal }) => api.get<ImportValueMappingList>(path, query, signal),
    placeholderData: keepPreviousData,
  });
  const forget = useMutation({
    mutationFn: (m: ImportValueMapping) => api.delete(`${path}/${encodeURIComponent(m.id)}`),
    onSuccess: (_, m) => {
      setConfirming(null);
      setForgotten(m.value);
      void queryClient.invalidateQueries({ queryKey: ["imports", "value-mappings", path] });
    },
  });
  const when = useMemo(() => {
    const format = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
    return (iso: string) => format.format(new Date(iso));
  }, [lang]);
  const nameOf = (s: string) => (s === ANY_SOURCE ? anySource : sourceName(s));
  const targetLabel = (m: ImportValueMapping) => {
    if (m.target === null) return t("importReport.values.notAvailable");
    const flat = vocabulary
      .targets(m.field)
      .flatMap((c: Choice) => ("group" in c ? c.items.map((i) => ({ ...i, group: c.group })) : [c]));
    const found = flat.find((c) => c.value === m.target);
    if (!found) return t("importReport.remembered.unknownCode");
    return "group" in found ? `${found.group}: ${found.label}` : found.label;
  };
  const data = list.data;
  const items = data?.items ?? [];
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const filtered = Boolean(field || source || q);
  const describe = (m: ImportValueMapping) => ({
    value: m.value,
    field: vocabulary.fieldLabel(m.field),
    source: nameOf(m.source),
  });
  return (
    <Card withBorder radius="md" component="section" aria-labelledby={titleId} data-testid="remembered-mappings">
      <Title order={2} fz="h3" id={titleId} mb="xs">
        {t("importReport.remembered.title")}
      </Title>
      <Text size="sm" mb="sm" maw={820}>
        {t("importReport.remembered.intro")}
      </Text>
      <Group gap="sm" align="flex-end" mb="sm" wrap="wrap">
        <Select
          label={t("importReport.remembered.filterField")}
          placeholder={t("importReport.remembered.all")}
          data={(data?.fields ?? []).map((f) => ({ value: f, label: vocabulary.fieldLabel(f) }))}
          value={field}
          onChange={(v) => {
            setField(v);
            setPage(1);
          }}
          clearable
          w={{ base: "100%", xs: 220 }}
        />
        <Select
          label={t("importReport.remembered.filterSource")}
          placeholder={t("importReport.remembered.all")}
          data={(data?.sources ?? []).map((s) => ({ value: s, label: nameOf(s) }))}
          value={source}
          onChange={(v) => {
            setSource(v);
            setPage(1);
          }}
          clearable
          searchable
          w={{ base: "100%", xs: 220 }}
        />
        <TextInput
          label={t("importReport.remembered.filterText")}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setPage(1);
          }}
          w={{ base: "100%", xs: 260 }}
        />
      </Group>
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Text size="sm" role="status" c="dimmed" mb={forgotten ? "xs" : 0}>
        {forgotten ? t("importReport.remembered.forgotten", { value: forgotten }) : ""}
      </Text>
      {list.isPending ? (
        <ListSkeleton rows={3} />
      ) : items.length === 0 && !list.error ? (
        <Empty
          title={t(filtered ? "importReport.remembered.noneMatch" : "importReport.remembered.emptyTitle")}
          description={t(filtered ? "importReport.remembered.noneMatchHint" : "importReport.remembered.empty")}
        />
      ) : items.length > 0 ? (
        <Stack gap="sm">
          <RecordTable
            minWidth={760}
            withTableBorder
            caption={t("importReport.remembered.caption", { count: data?.total ?? items.length })}
            columns={[
              t("importReport.values.field"),
              t("importReport.remembered.source"),
              t("importReport.values.value"),
              t("importReport.values.mapTo"),
              t("importReport.remembered.given"),
              { label: t("importReport.remembered.actions"), hidden: true },
            ]}
            rows={items}
          >
            {(m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{vocabulary.fieldLabel(m.field)}</Table.Td>
                <Table.Td>
                  {nameOf(m.source)}
                  <Text size="xs" c="dimmed">
                    {t(`${layouts}.${m.layout}`, { defaultValue: t("importReport.remembered.layouts.other") })}
                  </Text>
                </Table.Td>
                <Table.Td style={{ overflowWrap: "anywhere" }}>{m.value}</Table.Td>
                <Table.Td>{targetLabel(m)}</Table.Td>
                <Table.Td>
                  {when(m.updatedAt)}
                  {m.updatedBy ? (
                    <Text size="xs" c="dimmed">
                      {m.updatedBy}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  {m.can.delete ? (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => {
                        forget.reset();
                        setConfirming(m);
                      }}
                      aria-label={t("importReport.remembered.forgetValue", describe(m))}
                    >
                      {t("importReport.remembered.forget")}
                    </Button>
                  ) : (
                    <Text size="xs" c="dimmed">
                      {t("importReport.remembered.coordinatorsOnly")}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            )}
          </RecordTable>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={page}
              onChange={setPage}
              getControlProps={(control) => ({
                "aria-label": t(`importReport.remembered.page.${control}`),
              })}
              getItemProps={(n) => ({ "aria-label": t("importReport.remembered.page.number", { page: n }) })}
            />
          )}
        </Stack>
      ) : null}
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={t("importReport.remembered.confirmTitle")}
      >
        {confirming && (
          <Stack>
            <Text>{t("importReport.remembered.confirmText", describe(confirming))}</Text>
            <Text size="sm">
              {t("importReport.values.mapTo")}: {targetLabel(confirming)}
            </Text>
            {forget.error && <ErrorAlert error={forget.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)}>
                {t("importReport.remembered.cancel")}
              </Button>
              <Button color="red.9" loading={forget.isPending} onClick={() => forget.mutate(confirming)}>
                {t("importReport.remembered.confirm")}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Card>
  );
}
