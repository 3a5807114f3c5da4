import { Anchor, Badge, Group, Pagination, SegmentedControl, Table } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AnalysisVisibility } from "../../../common/analyses.js";
import { ANALYSES_PAGE_SIZE, type ListScope } from "../../api/analyses.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { RecordTable } from "../../components/record-table.js";
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

/** The scope and page a list of saved things (analyses, dashboards) shows, read from and written to its address. */
export function useSavedListSearch(path: "/analyses" | "/dashboards") {
  const search = useSearch({ strict: false }) as ListSearch;
  const navigate = useNavigate();
  const scope: ListScope = search.scope ?? "all";
  const page = search.page ?? 1;
  const go = (next: Partial<ListSearch>) => void navigate({ to: path, search: { scope, page, ...next } as ListSearch });
  return { scope, page, go };
}

interface Saved {
  id: string;
  name: string;
  visibility: AnalysisVisibility;
  mine: boolean;
  owner: { displayName: string };
  updatedAt: string;
}

export interface SavedColumn<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

interface Props<T extends Saved> {
  list: UseQueryResult<{ items: T[]; total: number }>;
  search: ReturnType<typeof useSavedListSearch>;
  /** The other list's link beside the scope switch. */
  other: { to: "/analyses" | "/dashboards"; label: string };
  /** Where one item opens. */
  itemPath: "/analyses/$id" | "/dashboards/$id";
  empty: { title: string; description: string };
  caption: string;
  nameHeader: string;
  /** The column after the name (what the item is). */
  what: SavedColumn<T>;
  /** Columns after the last change's time. */
  trailing?: SavedColumn<T>[];
  minWidth: number;
}

/**
 * A page of saved analyses or dashboards: the scope switch, the loading, error and empty states, the table (name,
 * what it is, visibility, owner, last change, and the page's own columns) and the pagination.
 */
export function SavedList<T extends Saved>(props: Props<T>) {
  const { t } = useTranslation();
  const format = useFormat();
  const { list, search } = props;
  const columns: SavedColumn<T>[] = [
    {
      header: props.nameHeader,
      cell: (item) => (
        <Anchor renderRoot={(p) => <Link to={props.itemPath} params={{ id: item.id }} {...p} />}>{item.name}</Anchor>
      ),
    },
    props.what,
    {
      header: t("analyses.visibility.label"),
      cell: (item) => (
        <Badge variant="light" color={item.visibility === "private" ? "gray" : "blue"}>
          {t(`analyses.visibilityShort.${item.visibility}`)}
        </Badge>
      ),
    },
    { header: t("analyses.owner"), cell: (item) => (item.mine ? t("analyses.me") : item.owner.displayName) },
    { header: t("analyses.updated"), cell: (item) => format.dateTime(item.updatedAt) },
    ...(props.trailing ?? []),
  ];
  return (
    <>
      <Group gap="sm">
        <ScopeSwitch value={search.scope} onChange={(s) => search.go({ scope: s, page: undefined })} />
        <Anchor renderRoot={(p) => <Link to={props.other.to} {...p} />}>{props.other.label}</Anchor>
      </Group>
      {list.error ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <ListSkeleton rows={4} />
      ) : list.data.items.length === 0 ? (
        <Empty title={props.empty.title} description={props.empty.description} />
      ) : (
        <>
          <RecordTable
            minWidth={props.minWidth}
            striped
            verticalSpacing="xs"
            caption={props.caption}
            columns={columns.map((c) => c.header)}
            rows={list.data.items}
          >
            {(item) => (
              <Table.Tr key={item.id}>
                {columns.map((c) => (
                  <Table.Td key={c.header}>{c.cell(item)}</Table.Td>
                ))}
              </Table.Tr>
            )}
          </RecordTable>
          {list.data.total > ANALYSES_PAGE_SIZE && (
            <Pagination
              total={Math.ceil(list.data.total / ANALYSES_PAGE_SIZE)}
              value={search.page}
              onChange={(p) => search.go({ page: p > 1 ? p : undefined })}
              size="sm"
              getControlProps={(control) => ({ "aria-label": t(`pagination.${control}`) })}
            />
          )}
        </>
      )}
    </>
  );
}
