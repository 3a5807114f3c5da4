import { ActionIcon, Card, Group, Menu, Skeleton, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../error-alert.js";
import { IconDownload, IconFileSpreadsheet, IconFileTypeCsv, IconPhoto } from "../icons.js";
import { Empty } from "../states.js";
import { downloadCsv, downloadXlsx, type TableData } from "./export.js";

/** What a chart's or a map's panel says about its figure (the panels' own props have these). */
export interface FigureText {
  title: string;
  subtitle?: ReactNode;
  /** The figure's source, in small print under it. */
  source?: ReactNode;
  /** The title's heading level: 3 unless said. */
  headingOrder?: 2 | 3 | 4;
}

/** One figure (a chart or a map) in a card: its heading names the section, the controls (`actions`) stand right of it. */
export function FigureCard({
  panel: { title, subtitle, source, headingOrder = 3 },
  actions,
  children,
}: {
  panel: FigureText;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap" mb="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={headingOrder} fz="h4" id={headingId}>
            {title}
          </Title>
          {subtitle && (
            <Text size="sm" c="dimmed">
              {subtitle}
            </Text>
          )}
        </Stack>
        {actions}
      </Group>
      {children}
      {source && (
        <Text size="xs" c="dimmed" mt="xs">
          {source}
        </Text>
      )}
    </Card>
  );
}

/**
 * A figure while it is read: a placeholder of its height, the error with a retry, the empty state (`emptyText`,
 * else "No data"), then the figure itself.
 */
export function FigureStates({
  loading,
  error,
  onRetry,
  empty,
  emptyText,
  height,
  children,
}: {
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  empty?: boolean;
  emptyText?: ReactNode;
  height: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (loading)
    return (
      <Skeleton height={height} radius="sm" aria-busy="true">
        <VisuallyHidden role="status">{t("common.loading")}</VisuallyHidden>
      </Skeleton>
    );
  if (error) return <ErrorAlert error={error} onRetry={onRetry} />;
  if (empty) return <Empty title={emptyText ?? t("viz.chart.empty")} />;
  return <>{children}</>;
}

/**
 * A figure's download menu: the picture as PNG (when `onPng` is given, i.e. the picture is on screen) and the
 * figures behind it as CSV and XLSX (when there is a `table`), saved under `name`.
 */
export function DownloadMenu({
  title,
  name,
  table,
  onPng,
  onOpen,
}: {
  title: string;
  name: string;
  table: TableData | undefined;
  onPng: (() => void) | undefined;
  onOpen?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal onOpen={onOpen}>
      <Menu.Target>
        <ActionIcon variant="default" size="lg" aria-label={t("viz.chart.download", { title })}>
          <IconDownload size={18} aria-hidden="true" />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {onPng && (
          <Menu.Item leftSection={<IconPhoto size={16} aria-hidden="true" />} onClick={onPng}>
            {t("viz.chart.png")}
          </Menu.Item>
        )}
        {table && (
          <>
            <Menu.Item
              leftSection={<IconFileTypeCsv size={16} aria-hidden="true" />}
              onClick={() => downloadCsv(table, name)}
            >
              {t("viz.chart.csv")}
            </Menu.Item>
            <Menu.Item
              leftSection={<IconFileSpreadsheet size={16} aria-hidden="true" />}
              onClick={() => void downloadXlsx(table, name)}
            >
              {t("viz.chart.xlsx")}
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
