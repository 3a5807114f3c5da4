import { Card, Stack, Table, Text, Title } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/error-alert.js";
import { Empty, ListSkeleton } from "../../components/states.js";

interface Props<T> {
  /** What the section lists: its texts are `security.<name>.title|intro|none|caption|<column>`, its heading id `<name>-title`. */
  name: "sessions" | "tokens";
  list: UseQueryResult<T[]>;
  /** The columns' text keys (under `security.<name>`); a last, visually hidden column names the row actions. */
  columns: string[];
  minWidth: number;
  highlightOnHover?: boolean;
  row: (item: T) => ReactNode;
  /** Shown above the list (e.g. a token's value, once). */
  before?: ReactNode;
  /** Shown below the list (errors of the row actions, forms, section-wide actions). */
  children?: ReactNode;
}

/**
 * A section of the security page listing what signs in as the user (sessions, API tokens): a heading and intro,
 * the list's loading, error and empty states, and the table with one action column.
 */
export function SecurityListSection<T>(props: Props<T>) {
  const { t } = useTranslation();
  const { list, name } = props;
  const id = `${name}-title`;
  return (
    <Card component="section" withBorder radius="md" padding="lg" aria-labelledby={id}>
      <Stack gap="md">
        <Title order={2} size="h3" id={id}>
          {t(`security.${name}.title`)}
        </Title>
        <Text size="sm">{t(`security.${name}.intro`)}</Text>
        {props.before}
        {list.isPending && <ListSkeleton rows={2} />}
        {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
        {list.data?.length === 0 && <Empty title={t(`security.${name}.none`)} />}
        {list.data && list.data.length > 0 && (
          <Table.ScrollContainer minWidth={props.minWidth}>
            <Table striped highlightOnHover={props.highlightOnHover}>
              <Table.Caption>{t(`security.${name}.caption`, { count: list.data.length })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {props.columns.map((c) => (
                    <Table.Th key={c} scope="col">
                      {t(`security.${name}.${c}`)}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t("security.actions")}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>{list.data.map(props.row)}</Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {props.children}
      </Stack>
    </Card>
  );
}
