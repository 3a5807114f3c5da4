import { Button, Card, Checkbox, FileInput, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ImportReport } from "../../../common/imports.js";
import { uploadFile } from "../../api/client.js";
import { type ImportKind, runImport, templateUrl } from "../../api/factsheets.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { useImportProblem } from "../../components/import-problem.js";
import { ImportReadingDetails } from "../../components/import-report-details.js";
import { ScrollTable } from "./scroll-table.js";

function Report({ report, dryRun }: { report: ImportReport; dryRun: boolean }) {
  const { t } = useTranslation();
  const problem = useImportProblem();
  return (
    <Stack gap="xs" role="status">
      <Text fw={700}>
        {report.refused
          ? t("factsheets.import.refused", { count: report.errors.length })
          : dryRun
            ? t("factsheets.import.checked", { count: report.rowsRead })
            : t("factsheets.import.imported", { count: report.imported })}
      </Text>
      <ImportReadingDetails report={report} />
      {report.errors.length > 0 && (
        <ScrollTable label={t("factsheets.table")} minWidth={480}>
          <Table verticalSpacing={4} striped>
            <Table.Caption>{t("factsheets.import.errors")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("factsheets.import.row")}</Table.Th>
                <Table.Th>{t("factsheets.import.column")}</Table.Th>
                <Table.Th>{t("factsheets.import.value")}</Table.Th>
                <Table.Th>{t("factsheets.import.problem")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.errors.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity beyond their position
                <Table.Tr key={i}>
                  <Table.Td>{e.row}</Table.Td>
                  <Table.Td>{e.column ?? "—"}</Table.Td>
                  <Table.Td>{e.value ?? ""}</Table.Td>
                  <Table.Td>{problem(e)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}

/** Upload a CSV/XLSX, check it (dry run) or import it all or nothing, and show the report. */
export function ImportPanel({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const run = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error("no file");
      const record = await uploadFile(file);
      return runImport(kind, record.id, dryRun);
    },
    onSuccess: (report) => {
      if (!report.refused && !dryRun) void client.invalidateQueries({ queryKey: ["factsheets"] });
    },
  });
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t(`factsheets.import.title.${kind}`)}
        </Title>
        <Text size="sm">{t("factsheets.import.hint")}</Text>
        <Group gap="xs">
          <Button component="a" href={templateUrl(kind, "xlsx")} variant="subtle" size="compact-sm">
            {t("factsheets.import.templateXlsx")}
          </Button>
          <Button component="a" href={templateUrl(kind, "csv")} variant="subtle" size="compact-sm">
            {t("factsheets.import.templateCsv")}
          </Button>
        </Group>
        <Group align="flex-end" wrap="wrap">
          <FileInput
            label={t("factsheets.import.file")}
            value={file}
            onChange={(f) => {
              setFile(f);
              run.reset();
            }}
            accept=".csv,.xlsx,.xls,.ods"
            clearable
            clearButtonProps={{ "aria-label": t("factsheets.import.clear") }}
            w={{ base: "100%", xs: 320 }}
          />
          <Checkbox
            label={t("factsheets.import.dryRun")}
            checked={dryRun}
            onChange={(e) => setDryRun(e.currentTarget.checked)}
          />
          <Button onClick={() => run.mutate()} disabled={!file} loading={run.isPending}>
            {dryRun ? t("factsheets.import.check") : t("factsheets.import.run")}
          </Button>
        </Group>
        {run.error && <ErrorAlert error={run.error} />}
        {run.data && <Report report={run.data} dryRun={dryRun} />}
      </Stack>
    </Card>
  );
}
