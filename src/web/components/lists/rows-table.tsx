import { Table, type TableProps } from "@mantine/core";
import type { ReactNode } from "react";

interface Props<T> extends Omit<TableProps, "children" | "caption"> {
  /** Below this width the table scrolls sideways rather than squeezing its columns. */
  minWidth: number;
  /** Names the region that scrolls and lets the keyboard reach it (a table whose rows may be wide). */
  regionLabel?: string;
  /** The visible caption above the table, if any. */
  caption?: ReactNode;
  /** The column headings, in order; a `false` heading (a column shown only to some) is left out. */
  columns: (ReactNode | false)[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** One row's cells (`Table.Td`), in the order of `columns`. */
  children: (row: T) => ReactNode;
}

/** A table of records, one row each under a row of column headings, that scrolls sideways on a narrow screen. */
export function RowsTable<T>({ minWidth, regionLabel, caption, columns, rows, rowKey, children, ...table }: Props<T>) {
  return (
    <Table.ScrollContainer
      minWidth={minWidth}
      scrollAreaProps={
        regionLabel === undefined
          ? undefined
          : { viewportProps: { tabIndex: 0, role: "region", "aria-label": regionLabel } }
      }
    >
      <Table {...table}>
        {caption !== undefined && <Table.Caption>{caption}</Table.Caption>}
        <Table.Thead>
          <Table.Tr>
            {columns.map(
              (column, i) =>
                column !== false && (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the headings are fixed, in order
                  <Table.Th key={i}>{column}</Table.Th>
                ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)}>{children(row)}</Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
