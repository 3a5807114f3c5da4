import { Table, type TableProps } from "@mantine/core";
import type { ReactNode } from "react";

interface Props extends Omit<TableProps, "children"> {
  /** The table's name: its (visually hidden) caption and the name of the region that scrolls. */
  label: string;
  /** Below this width the table scrolls sideways rather than squeezing its columns. */
  minWidth: number;
  /** The rows are being read again (`aria-busy`). */
  busy?: boolean;
  /** The head and body. */
  children: ReactNode;
}

/**
 * A list's table that scrolls sideways on a narrow screen: the scrolling region can be reached by keyboard and
 * is named, and the table carries the same name as its caption for screen readers.
 */
export function ScrollTable({ label, minWidth, busy, children, ...table }: Props) {
  return (
    <Table.ScrollContainer
      minWidth={minWidth}
      // A table that scrolls sideways on a narrow screen must be reachable by keyboard.
      scrollAreaProps={{ viewportProps: { tabIndex: 0, role: "region", "aria-label": label } }}
    >
      <Table {...table} aria-busy={busy}>
        <Table.Caption className="visually-hidden">{label}</Table.Caption>
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}
