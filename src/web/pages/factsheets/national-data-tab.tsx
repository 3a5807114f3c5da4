import { Button, Stack, Table, Text } from "@mantine/core";
import { type QueryKey, type UseQueryResult, useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { drugOf } from "../../../common/seizures.js";
import type { ImportKind } from "../../api/factsheets.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { RecordTable } from "../../components/record-table.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";
import { ImportPanel } from "./import-panel.js";
import { ScrollTable } from "./scroll-table.js";

/** A decimal typed by a person: spaces (also no-break) dropped, a decimal comma read as a point; "" is no value. */
export function parseDecimal(s: string): number | null {
  const cleaned = s.replace(/[\s\u00a0]/g, "").replace(",", ".");
  return cleaned === "" ? null : Number(cleaned);
}

/** A drug as the table shows it: the vocabulary's name in the reader's language, else the text as reported. */
export function useDrugLabel(): (drug: string) => string {
  const lang = useLanguage();
  return (drug) => {
    const known = drugOf(drug);
    return known ? known.name[lang] : drug;
  };
}

export interface NationalDataColumn<T> {
  header: ReactNode;
  align?: "right";
  cell: (row: T) => ReactNode;
}

interface Props<T extends { id: string; version: number }> {
  list: UseQueryResult<{ items: T[] }>;
  /** The order the table shows (the query's own order when absent). */
  order?: (items: T[]) => T[];
  columns: NationalDataColumn<T>[];
  caption: string;
  empty: string;
  minWidth: number;
  archive: (row: T) => Promise<unknown>;
  /** The accessible name of a row's archive button (names the row). */
  archiveLabel: (row: T) => string;
  /** Queries to refresh after an archive. */
  invalidate: QueryKey;
  hint?: string;
  form: ReactNode;
  importKind: ImportKind;
}

/**
 * One tab of a country's national data (indicators, reported totals): the year's rows with an archive action, a
 * hint, the entry form and the file import. The tabs differ only in their columns and their form.
 */
export function NationalDataTab<T extends { id: string; version: number }>(props: Props<T>) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const archive = useMutation({
    mutationFn: props.archive,
    onSuccess: () => void client.invalidateQueries({ queryKey: props.invalidate }),
  });
  const { list } = props;
  const rows = list.data ? (props.order ? props.order([...list.data.items]) : list.data.items) : [];
  return (
    <Stack gap="md">
      {list.isPending ? (
        <ListSkeleton />
      ) : list.error ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : !rows.length ? (
        <Empty title={props.empty} />
      ) : (
        <ScrollTable label={t("factsheets.table")} minWidth={props.minWidth}>
          <RecordTable
            striped
            verticalSpacing={4}
            caption={props.caption}
            columns={[
              ...props.columns.map((c) => ({ label: c.header, th: { ta: c.align } })),
              { label: t("factsheets.indicators.actions"), hidden: true },
            ]}
            rows={rows}
          >
            {(r) => (
              <Table.Tr key={r.id}>
                {props.columns.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the columns are a fixed list
                  <Table.Td key={i} ta={c.align}>
                    {c.cell(r)}
                  </Table.Td>
                ))}
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="gray"
                    onClick={() => archive.mutate(r)}
                    loading={archive.isPending && archive.variables?.id === r.id}
                    aria-label={props.archiveLabel(r)}
                  >
                    {t("factsheets.totals.archiveShort")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            )}
          </RecordTable>
        </ScrollTable>
      )}
      {archive.error && <ErrorAlert error={archive.error} />}
      {props.hint && (
        <Text size="sm" c="dimmed">
          {props.hint}
        </Text>
      )}
      {props.form}
      <ImportPanel kind={props.importKind} />
    </Stack>
  );
}
