import { Table, type TableProps, type TableThProps } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * One column's header: its label (a string, or `{ label, hidden, th }` for a header that is only read to screen
 * readers, `hidden`, or that needs the cell's own props, `th`, e.g. `{ ta: "right" }` over a numeric column).
 */
export type Column = string | { label: ReactNode; hidden?: boolean; th?: TableThProps };

/** The header row of a table, declared as the list of its columns; `th` goes to every header cell (e.g. `scope`). */
export function TableHead({ columns, th: every }: { columns: readonly Column[]; th?: TableThProps }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column, i) => {
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
 * the `<Table.Tr>` with its key). With `minWidth` it scrolls sideways inside Mantine's scroll container on a
 * narrow screen; without it the caller places it (e.g. in a named scrolling region). Other props go to `<Table>`.
 */
export function RecordTable<T>({
  columns,
  th,
  rows,
  children,
  caption,
  captionHidden,
  minWidth,
  ...table
}: Omit<TableProps, "children" | "caption"> & {
  columns: readonly Column[];
  th?: TableThProps;
  rows: readonly T[];
  children: (row: T, index: number) => ReactNode;
  caption?: ReactNode;
  captionHidden?: boolean;
  minWidth?: number;
}) {
  const drawn = (
    <Table {...table}>
      {caption !== undefined && (
        <Table.Caption className={captionHidden ? "visually-hidden" : undefined}>{caption}</Table.Caption>
      )}
      <TableHead columns={columns} th={th} />
      <Table.Tbody>{rows.map((row, i) => children(row, i))}</Table.Tbody>
    </Table>
  );
  return minWidth === undefined ? drawn : <Table.ScrollContainer minWidth={minWidth}>{drawn}</Table.ScrollContainer>;
}
