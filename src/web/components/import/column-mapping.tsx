import { Button, Card, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

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
  const missingId = useId();
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
    <Card withBorder radius="md" component="section" aria-labelledby="columns-title" data-testid="column-mapping">
      <Stack gap="sm">
        <Title order={2} fz="h3" id="columns-title">
          {t("importReport.columns.title")}
        </Title>
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
        <Table.ScrollContainer minWidth={480}>
          <Table striped withTableBorder>
            <Table.Caption>{t("importReport.columns.caption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("importReport.columns.column")}</Table.Th>
                <Table.Th visibleFrom="sm">{t("importReport.columns.sample")}</Table.Th>
                <Table.Th>{t("importReport.columns.target")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {read.headers.map((h, i) => (
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
                  <Table.Td miw={200}>
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
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group>
          <Button
            variant="light"
            onClick={apply}
            disabled={missing.length > 0}
            aria-describedby={missing.length > 0 ? missingId : undefined}
          >
            {t("importReport.columns.apply")}
          </Button>
          {missing.length > 0 && (
            <Text size="sm" c="red.8" id={missingId} role="status">
              {t("importReport.columns.missing", {
                count: missing.length,
                fields: missing.map((f) => f.label).join(", "),
              })}
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
