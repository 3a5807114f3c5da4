import { Alert, Button, FileInput, Group, Stack, Table, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DuplicateDecision } from "../../../common/imports.js";
import type { LinkageRun, ParticipantImportResult } from "../../../common/trainings.js";
import { uploadFile } from "../../api/client.js";
import { importParticipants } from "../../api/trainings.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { IconFileSpreadsheet } from "../../components/icons.js";
import { useImportProblem } from "../../components/import-problem.js";
import { RepeatsDecided, RepeatsDecision } from "../../components/import-repeats.js";
import { LinkageJobProgress } from "./linkage-job.js";

/** Upload of a participant list (CSV/XLSX): all or nothing, every problem by row and column. */
export function ImportList({ trainingId }: { trainingId: string }) {
  const { t } = useTranslation();
  const problem = useImportProblem();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [linkage, setLinkage] = useState<LinkageRun | null>(null);
  // The upload is kept: answering the list's repeats imports the same file, not a second upload of it.
  const [uploaded, setUploaded] = useState<{ file: File; id: string } | null>(null);
  const run = useMutation({
    mutationFn: async ({ f, duplicates }: { f: File; duplicates?: DuplicateDecision }) => {
      const id = uploaded?.file === f ? uploaded.id : (await uploadFile(f)).id;
      setUploaded({ file: f, id });
      return importParticipants(trainingId, id, duplicates);
    },
    onMutate: () => setLinkage(null),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["trainings"] }),
  });
  const result: ParticipantImportResult | undefined = run.data;
  return (
    <Stack gap="sm" maw={860}>
      <Text size="sm" c="dimmed">
        {t("trainings.import.help")}
      </Text>
      <Group align="flex-end">
        <FileInput
          label={t("trainings.import.file")}
          accept=".csv,.tsv,.txt,.xlsx,.xls,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet"
          leftSection={<IconFileSpreadsheet size={16} aria-hidden="true" />}
          value={file}
          onChange={setFile}
          w={320}
        />
        <Button disabled={!file} loading={run.isPending} onClick={() => file && run.mutate({ f: file })}>
          {t("trainings.import.run")}
        </Button>
      </Group>
      {run.error && <ErrorAlert error={run.error} />}
      {result && (
        <Stack gap="sm" data-testid="import-report">
          <RepeatsDecided report={result} />
          {result.decisionRequired === "duplicates" && !result.report.refused ? (
            <RepeatsDecision
              report={result}
              running={run.isPending}
              onDecide={(duplicates) => file && run.mutate({ f: file, duplicates })}
            />
          ) : result.report.refused ? (
            <Alert color="red" variant="light" role="alert" title={t("trainings.import.refusedTitle")}>
              {t("trainings.import.refused", { count: result.report.errors.length })}
            </Alert>
          ) : (
            <Alert color="unblue" variant="light" role="status" title={t("trainings.import.doneTitle")}>
              {t("trainings.import.done", { count: result.report.imported })}{" "}
              {linkage && (
                <>
                  {t("trainings.import.linked", { count: linkage.freshLinked })}{" "}
                  {t("trainings.import.reviews", { count: linkage.reviews })}{" "}
                  {linkage.alerts > 0 && t("trainings.import.alerts", { count: linkage.alerts })}
                </>
              )}
            </Alert>
          )}
          {result.linkageJobId && <LinkageJobProgress jobId={result.linkageJobId} onDone={setLinkage} />}
          {result.report.errors.length > 0 && (
            <Table striped withTableBorder>
              <Table.Caption>{t("trainings.import.issues")}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("trainings.import.row")}</Table.Th>
                  <Table.Th>{t("trainings.import.column")}</Table.Th>
                  <Table.Th>{t("trainings.import.value")}</Table.Th>
                  <Table.Th>{t("trainings.import.problem")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.report.errors.map((e) => (
                  <Table.Tr key={`${e.row}-${e.column}-${e.code}`}>
                    <Table.Td>{e.row}</Table.Td>
                    <Table.Td>{e.column ?? "—"}</Table.Td>
                    <Table.Td>{e.value ?? "—"}</Table.Td>
                    <Table.Td>{problem(e)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Stack>
  );
}
