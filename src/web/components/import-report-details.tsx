import { List, Stack, Text } from "@mantine/core";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { ImportIssue, ImportReport } from "../../common/imports.js";

/**
 * What an import report says about how the file was read, shown under its summary by every import page: the
 * decimal separator decided for the whole file (and what decided it), and, for a workbook whose sheets were
 * imported together (one sheet per year), the rows read from each sheet and the sheets left out.
 */
export function ImportReadingDetails({ report }: { report: Pick<ImportReport, "numberFormat" | "sheets"> }) {
  const { t } = useTranslation();
  const format = report.numberFormat;
  const sheets = report.sheets?.filter((s) => !s.skipped) ?? [];
  const left = report.sheets?.filter((s) => s.skipped) ?? [];
  if (!format && sheets.length < 2 && left.length === 0) return null;
  return (
    <Stack gap={4} data-testid="import-reading">
      {format && (
        <Text size="sm" c="dimmed">
          {format.thousands === "none"
            ? t("importReport.decimal", { separator: t(`importReport.separators.${format.decimal}`) })
            : t("importReport.decimalWithThousands", {
                separator: t(`importReport.separators.${format.decimal}`),
                thousands: t(`importReport.separators.${format.thousands}`),
              })}{" "}
          {t(`importReport.decidedBy.${format.source}`)}
        </Text>
      )}
      {sheets.length > 1 && (
        <div>
          <Text size="sm" fw={500} id="import-sheets-title">
            {t("importReport.sheetsTitle")}
          </Text>
          <List size="sm" aria-labelledby="import-sheets-title">
            {sheets.map((s) => (
              <List.Item key={s.name}>{t("importReport.sheetRows", { name: s.name, count: s.rows })}</List.Item>
            ))}
          </List>
        </div>
      )}
      {left.length > 0 && (
        <Text size="sm" c="dimmed">
          {t("importReport.sheetsLeftOut", { names: left.map((s) => s.name).join(", ") })}
        </Text>
      )}
    </Stack>
  );
}

/** The Row column of a report: the row, with its sheet when a workbook's sheets were imported together. */
export function useIssueRow(): (issue: Pick<ImportIssue, "row" | "sheet">) => string {
  const { t } = useTranslation();
  return useCallback(
    (issue) =>
      issue.sheet
        ? issue.row
          ? t("importReport.rowOnSheet", { sheet: issue.sheet, row: issue.row })
          : issue.sheet
        : issue.row
          ? String(issue.row)
          : "—",
    [t],
  );
}
