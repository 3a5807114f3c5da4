import { Alert, Button, Group, List, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DuplicateDecision } from "../../common/imports.js";

interface Repeats {
  duplicates: { row: number; firstRow: number; name: string }[];
}

/**
 * Rows of a participant list that repeat an earlier row: one decision for all of them (merge, or keep both),
 * asked before anything is written. The first button takes the focus, so the keyboard reaches the choice at once.
 */
export function RepeatsDecision({
  report,
  onDecide,
  running,
}: {
  report: Repeats;
  onDecide: (decision: DuplicateDecision) => void;
  running: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" variant="light" title={t("importReport.repeats.title")} role="alert" data-testid="repeats">
      <Stack gap="xs">
        <Text size="sm">{t("importReport.repeats.text", { count: report.duplicates.length })}</Text>
        <List size="sm" spacing={2}>
          {report.duplicates.slice(0, 50).map((d) => (
            <List.Item key={d.row}>
              {t("importReport.repeats.row", { row: d.row, firstRow: d.firstRow, name: d.name })}
            </List.Item>
          ))}
        </List>
        <Group gap="sm">
          <Button onClick={() => onDecide("merge")} loading={running} data-autofocus>
            {t("importReport.repeats.merge")}
          </Button>
          <Button variant="default" onClick={() => onDecide("keep_both")} loading={running}>
            {t("importReport.repeats.keepBoth")}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** The decision applied to a list's repeats, said once in the report. */
export function RepeatsDecided({ report }: { report: Repeats & { duplicatesDecision: DuplicateDecision | null } }) {
  const { t } = useTranslation();
  if (!report.duplicatesDecision) return null;
  return (
    <Text size="sm">
      {t(`importReport.repeats.decided.${report.duplicatesDecision}`, { count: report.duplicates.length })}
    </Text>
  );
}
