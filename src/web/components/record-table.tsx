import { Table, type TableProps, type TableThProps } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * One column's header: its label (a string, or `{ label, hidden, th }` for a header that is only read to screen
 * readers, `hidden`, or that needs the cell's own props, `th`, e.g. `{ ta: "right" }` over a numeric column).
 */
export type Column = string | { label: ReactNode; hidden?: boolean; th?: TableThProps };

/**
 * The header row of a table, declared as the list of its columns; `th` goes to every header cell (e.g. `scope`).
 * A `false` column (one shown only to some) is left out.
 */
export function TableHead({ columns, th: every }: { columns: readonly (Column | false)[]; th?: TableThProps }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column, i) => {
          if (column === false) return null;
          const { label, hidden, th } = typeof column === "string" ? { label: column, hidden: false, th: {} } : column;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the columns are a fixed, positional list
            <Table.Th key={i} {...every} {...th}>
              {hidden ? <span className="visually-hidden">{label}</span> : label}
            </Table.Th>
          );
        })}
      </Table.Tr>
    </Table.Thead>
  );
}

/**
 * A table of records, as the list and record pages draw them: an optional caption (`captionHidden` keeps it for
 * screen readers only), the header row from `columns` (`th`: props of every header cell), then one row per item, drawn by `children` (which returns
 * the `<Table.Tr>` with its key, or, given `rowKey`, the row's cells). With `minWidth` it scrolls sideways inside
 * Mantine's scroll container on a narrow screen (`regionLabel` names that region and lets the keyboard reach it);
 * without it the caller places it (e.g. in a named scrolling region). Other props go to `<Table>`.
 */
export function RecordTable<T>({
  columns,
  th,
  rows,
  children,
  rowKey,
  caption,
  captionHidden,
  minWidth,
  regionLabel,
  ...table
}: Omit<TableProps, "children" | "caption"> & {
  columns: readonly (Column | false)[];
  th?: TableThProps;
  rows: readonly T[];
  children: (row: T, index: number) => ReactNode;
  rowKey?: (row: T) => string;
  caption?: ReactNode;
  captionHidden?: boolean;
  minWidth?: number;
  regionLabel?: string;
}) {
  const drawn = (
    <Table {...table}>
      {caption !== undefined && (
        <Table.Caption className={captionHidden ? "visually-hidden" : undefined}>{caption}</Table.Caption>
      )}
      <TableHead columns={columns} th={th} />
      <Table.Tbody>
        {rows.map((row, i) => (rowKey ? <Table.Tr key={rowKey(row)}>{children(row, i)}</Table.Tr> : children(row, i)))}
      </Table.Tbody>
    </Table>
  );
  if (minWidth === undefined) return drawn;
  return (
    <Table.ScrollContainer
      minWidth={minWidth}
      scrollAreaProps={
        regionLabel === undefined
          ? undefined
          : { viewportProps: { tabIndex: 0, role: "region", "aria-label": regionLabel } }
      }
    >
      {drawn}
    </Table.ScrollContainer>
  );
}
