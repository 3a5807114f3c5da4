import { Alert, Button, Group, List, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DuplicateDecision } from "../../common/imports.js";

interface Repeats {
  duplicates: { row: number; firstRow: number; name: string }[];
}

/** The words of the decision in a module's own terms (facilities, participants); participants' by default. */
export interface RepeatWords {
  title: string;
  text: (count: number) => string;
  row: (d: { row: number; firstRow: number; name: string }) => string;
  merge: string;
  keepBoth: string;
  decided: (decision: DuplicateDecision, count: number) => string;
}

function useRepeatWords(words?: RepeatWords): RepeatWords {
  const { t } = useTranslation();
  return (
    words ?? {
      title: t("importReport.repeats.title"),
      text: (count) => t("importReport.repeats.text", { count }),
      row: (d) => t("importReport.repeats.row", d),
      merge: t("importReport.repeats.merge"),
      keepBoth: t("importReport.repeats.keepBoth"),
      decided: (decision, count) => t(`importReport.repeats.decided.${decision}`, { count }),
    }
  );
}

/**
 * Rows of a participant list that repeat an earlier row: one decision for all of them (merge, or keep both),
 * asked before anything is written. The first button takes the focus, so the keyboard reaches the choice at once.
 */
export function RepeatsDecision({
  report,
  onDecide,
  running,
  words,
}: {
  report: Repeats;
  onDecide: (decision: DuplicateDecision) => void;
  running: boolean;
  words?: RepeatWords;
}) {
  const w = useRepeatWords(words);
  return (
    <Alert color="orange" variant="light" title={w.title} role="alert" data-testid="repeats">
      <Stack gap="xs">
        <Text size="sm">{w.text(report.duplicates.length)}</Text>
        <List size="sm" spacing={2}>
          {report.duplicates.slice(0, 50).map((d) => (
            <List.Item key={d.row}>{w.row(d)}</List.Item>
          ))}
        </List>
        <Group gap="sm">
          <Button onClick={() => onDecide("merge")} loading={running} data-autofocus>
            {w.merge}
          </Button>
          <Button variant="default" onClick={() => onDecide("keep_both")} loading={running}>
            {w.keepBoth}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** The decision applied to a list's repeats, said once in the report. */
export function RepeatsDecided({
  report,
  words,
}: {
  report: Repeats & { duplicatesDecision: DuplicateDecision | null };
  words?: RepeatWords;
}) {
  const w = useRepeatWords(words);
  if (!report.duplicatesDecision) return null;
  return <Text size="sm">{w.decided(report.duplicatesDecision, report.duplicates.length)}</Text>;
}
