import { Alert, Stack, Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { DuplicateDecision, ImportReport } from "../../../common/imports.js";
import { useImportProblem } from "../import-problem.js";
import { RepeatsDecided, type RepeatWords } from "../import-repeats.js";
import { ImportReadingDetails, useIssueRow } from "../import-report-details.js";
import { RecordTable } from "../record-table.js";
import type { UnknownValue } from "./value-mapping.js";

/** What every module's import job returns, as far as the shared report reads it. */
export interface FlowResult {
  report: ImportReport;
  /** Values no vocabulary knows (modules with a value-mapping step). */
  unmapped?: UnknownValue[];
  /** Rows repeating an earlier row of the file (an array), or, for seizures, the number of possible duplicates. */
  duplicates?: { row: number; firstRow: number; name: string }[] | number;
  decisionRequired?: "duplicates" | null;
  duplicatesDecision?: DuplicateDecision | null;
  /** The file's header, first rows, the column mapping used and the workbook's sheets (imports with a column step). */
  headers?: string[];
  sample?: string[][];
  mapping?: Record<string, string>;
  sheets?: string[];
}

/** How many issue rows the table shows; the count of the rest is said under it. */
const SHOWN = 300;

export const repeatsOf = (r: FlowResult) => (Array.isArray(r.duplicates) ? r.duplicates : []);

/**
 * The one import report of the web app: what happened (refused, values to match, repeats to decide, ready, imported),
 * how the file was read, and every error and warning with its row, column and value.
 */
export function ImportReportView<R extends FlowResult>({
  result,
  dryRun,
  readyText,
  done,
  layoutName,
  repeatWords,
}: {
  result: R;
  dryRun: boolean;
  /** The dry run's success sentence, in the module's words ("5 seizures are ready to import."). */
  readyText: (result: R) => string;
  /** What the import wrote, in the module's words (and links to it). */
  done: (result: R) => ReactNode;
  /** The layout's name in the UI language; without it the summary does not name the layout. */
  layoutName?: (layout: string) => string;
  /** The repeats' words in the module's terms. */
  repeatWords?: RepeatWords;
}) {
  const { t } = useTranslation();
  const problem = useImportProblem();
  const issueRow = useIssueRow();
  const r = result.report;
  const unmapped = result.unmapped?.length ?? 0;
  const repeats = repeatsOf(result);
  const issues = [
    ...r.errors.map((e) => ({ ...e, warning: false })),
    ...r.warnings.map((w) => ({ ...w, warning: true })),
  ];
  return (
    <Stack gap="sm" data-testid="import-report">
      {r.refused && r.errors.length === 0 && unmapped > 0 ? (
        <Alert color="yellow" variant="light" role="status" title={t("importReport.values.pendingTitle")}>
          {t("importReport.values.pending", { count: unmapped })}
        </Alert>
      ) : r.refused ? (
        <Alert color="red" variant="light" role="alert" title={t("importReport.flow.refusedTitle")}>
          {t("importReport.flow.refused", { count: r.errors.length })}
        </Alert>
      ) : result.decisionRequired === "duplicates" ? (
        <Alert color="yellow" variant="light" role="status" title={t("importReport.flow.decisionTitle")}>
          {t("importReport.flow.decision", { count: repeats.length })}
        </Alert>
      ) : dryRun ? (
        <Alert color="green" variant="light" role="status" title={t("importReport.flow.checkedTitle")}>
          {readyText(result)}
        </Alert>
      ) : (
        <Alert color="green" variant="light" role="status" title={t("importReport.flow.doneTitle")}>
          {done(result)}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {layoutName
          ? t("importReport.flow.summary", { layout: layoutName(r.layout), read: r.rowsRead, skipped: r.rowsSkipped })
          : t("importReport.flow.summaryRows", { read: r.rowsRead, skipped: r.rowsSkipped })}
      </Text>
      <ImportReadingDetails report={r} />
      {result.duplicatesDecision && (
        <RepeatsDecided
          report={{ duplicates: repeats, duplicatesDecision: result.duplicatesDecision }}
          words={repeatWords}
        />
      )}
      {issues.length > 0 && (
        <RecordTable
          minWidth={560}
          striped
          withTableBorder
          caption={t("importReport.flow.issuesCaption")}
          columns={[
            t("importReport.flow.row"),
            t("importReport.flow.column"),
            t("importReport.flow.value"),
            t("importReport.flow.problem"),
          ]}
          rows={issues.slice(0, SHOWN)}
        >
          {(i, n) => (
            // Issues have no identity of their own: their place in the list keys them.
            <Table.Tr key={n}>
              <Table.Td>{issueRow(i)}</Table.Td>
              <Table.Td>{i.column ?? "—"}</Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }}>{i.value ?? "—"}</Table.Td>
              <Table.Td>
                {i.warning ? `${t("importReport.flow.warning")}: ` : ""}
                {problem(i)}
              </Table.Td>
            </Table.Tr>
          )}
        </RecordTable>
      )}
      {issues.length > SHOWN && (
        <Text size="sm" c="dimmed">
          {t("importReport.flow.more", { count: issues.length - SHOWN })}
        </Text>
      )}
    </Stack>
  );
}
