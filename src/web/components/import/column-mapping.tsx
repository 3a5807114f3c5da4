import { Select, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { RecordTable } from "../record-table.js";
import { SectionCard } from "../section-card.js";
import { ApplyAnswers } from "./apply-answers.js";

/** A field of a module's import that a column of the file may fill, named in the UI language. */
export interface ColumnField {
  value: string;
  label: string;
  /** The import refuses a file with no column for it: the step is not applied while none is chosen. */
  required?: boolean;
}

/** Field → the file's header (the pipeline's direction); a field left out is not in the file. */
export type ColumnAnswers = Record<string, string>;

/** What the step reads of a check's result: the file's columns, its first rows, the mapping used and the sheets. */
export interface ColumnsRead {
  headers: string[];
  sample: string[][];
  mapping: Record<string, string>;
  sheets: string[];
  /** The sheet read. */
  sheet: string | null;
}

/**
 * Whether the columns the check read can be shown for correcting: every field of the mapping it used is one the step
 * offers (a layout read with a column the step cannot name, the UNODC IDS export's country names, is left as read).
 */
export const canRemap = (mapping: Record<string, string>, fields: ColumnField[]) =>
  Object.keys(mapping).every((field) => fields.some((f) => f.value === field));

/**
 * The column-mapping step of every import: the sheet to read (for a workbook of several), then each column of the
 * file with its first values and the field it fills (as the check read it, to correct). `onApply` sends the mapping
 * with the next check; a required field with no column holds the step, saying which.
 */
export function ColumnMapping({
  read,
  fields,
  onApply,
  onSheet,
}: {
  read: ColumnsRead;
  fields: ColumnField[];
  onApply: (mapping: ColumnAnswers) => void;
  onSheet: (sheet: string) => void;
}) {
  const { t } = useTranslation();
  const [byHeader, setByHeader] = useState<Record<string, string>>(() => {
    const start: Record<string, string> = {};
    for (const [field, header] of Object.entries(read.mapping)) start[header] = field;
    return start;
  });
  // A field is filled by one column: choosing it for a column takes it from the column that had it.
  const choose = (header: string, field: string) =>
    setByHeader((m) => {
      const next: Record<string, string> = {};
      for (const [h, f] of Object.entries(m)) if (!field || f !== field) next[h] = f;
      if (field) next[header] = field;
      return next;
    });
  const chosen = new Set(Object.values(byHeader));
  const missing = fields.filter((f) => f.required && !chosen.has(f.value));
  const options = [
    { value: "", label: t("importReport.columns.ignore") },
    ...fields.map((f) => ({
      value: f.value,
      label: f.required ? t("importReport.columns.required", { field: f.label }) : f.label,
    })),
  ];
  const apply = () => {
    const mapping: ColumnAnswers = {};
    for (const [header, field] of Object.entries(byHeader)) if (field) mapping[field] = header;
    onApply(mapping);
  };
  return (
    <SectionCard titleId="columns-title" title={t("importReport.columns.title")} data-testid="column-mapping">
      <Stack gap="sm">
        {read.sheets.length > 1 && (
          <Select
            label={t("importReport.columns.sheet")}
            description={t("importReport.columns.sheetHint")}
            data={read.sheets}
            value={read.sheet}
            onChange={(s) => s && s !== read.sheet && onSheet(s)}
            allowDeselect={false}
            maw={360}
          />
        )}
        <Text size="sm">{t("importReport.columns.hint")}</Text>
        <RecordTable
          minWidth={480}
          striped
          withTableBorder
          caption={t("importReport.columns.caption")}
          columns={[
            t("importReport.columns.column"),
            { label: t("importReport.columns.sample"), th: { visibleFrom: "sm" } },
            t("importReport.columns.target"),
          ]}
          rows={read.headers}
        >
          {(h, i) => (
            <Table.Tr key={h}>
              <Table.Td fw={500}>{h}</Table.Td>
              <Table.Td visibleFrom="sm" style={{ overflowWrap: "anywhere" }}>
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {read.sample
                    .map((r) => r[i] ?? "")
                    .filter(Boolean)
                    .slice(0, 3)
                    .join(" · ")}
                </Text>
              </Table.Td>
              <Table.Td miw={250}>
                <Select
                  aria-label={t("importReport.columns.targetFor", { column: h })}
                  data={options}
                  value={byHeader[h] ?? ""}
                  onChange={(v) => choose(h, v ?? "")}
                  allowDeselect={false}
                  searchable
                  size="xs"
                />
              </Table.Td>
            </Table.Tr>
          )}
        </RecordTable>
        <ApplyAnswers
          label={t("importReport.columns.apply")}
          missing={
            missing.length > 0
              ? t("importReport.columns.missing", {
                  count: missing.length,
                  fields: missing.map((f) => f.label).join(", "),
                })
              : null
          }
          onApply={apply}
        />
      </Stack>
    </SectionCard>
  );
}
