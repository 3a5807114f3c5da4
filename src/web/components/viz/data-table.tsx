import { Pagination, ScrollArea, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Cell, TableData } from "./export.js";

const PAGE = 50;

/**
 * The accessible alternative to a chart or map: the same data as a table with a caption, row headers in
 * the first column, numbers right-aligned and formatted for the language, paged by 50 rows.
 */
export function DataTable({
  data,
  caption,
  format,
}: {
  data: TableData;
  caption: string;
  format: (value: number) => string;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(data.rows.length / PAGE));
  const current = Math.min(page, pages);
  const rows = data.rows.slice((current - 1) * PAGE, current * PAGE);
  const show = (c: Cell) => (typeof c === "number" ? format(c) : c === null || c === undefined || c === "" ? "—" : c);
  return (
    <>
      <ScrollArea.Autosize mah={480} type="auto" offsetScrollbars>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
        <section tabIndex={0} aria-label={caption} className="viz-table-region">
          <Table striped highlightOnHover withTableBorder verticalSpacing={4} fz="sm" stickyHeader>
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {data.columns.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns may repeat names
                  <Table.Th key={i} scope="col">
                    {c}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                <Table.Tr key={r}>
                  {row.map((cell, i) =>
                    i === 0 ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                      <Table.Th key={i} scope="row" fw={500}>
                        {show(cell)}
                      </Table.Th>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                      <Table.Td key={i} ta={typeof cell === "number" ? "right" : undefined}>
                        {show(cell)}
                      </Table.Td>
                    ),
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      </ScrollArea.Autosize>
      {pages > 1 && (
        <>
          <Text size="xs" c="dimmed" mt={4}>
            {t("viz.table.rows", { count: data.rows.length })}
          </Text>
          <Pagination
            size="sm"
            mt="xs"
            total={pages}
            value={current}
            onChange={setPage}
            getControlProps={(control) => ({ "aria-label": t(`viz.table.${control}`) })}
            getItemProps={(p) => ({ "aria-label": t("viz.table.page", { page: p }) })}
          />
        </>
      )}
    </>
  );
}
