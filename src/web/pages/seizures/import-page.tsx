import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type ColumnMapping,
  IMPORT_FIELDS,
  type ImportField,
  REQUIRED_IMPORT_FIELDS,
  type SeizureImportResult,
  SHARING_LEVELS,
  type ValueMapping,
} from "../../../common/seizures.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { uploadFile } from "../../api/client.js";
import { startImport, templateUrl } from "../../api/seizures.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { IconDownload } from "../../components/icons.js";
import { useImportProblem } from "../../components/import-problem.js";
import { ImportReadingDetails, useIssueRow } from "../../components/import-report-details.js";
import { JobProgress, useJob } from "../../components/job-progress.js";
import { usePageTitle } from "../../components/page-title.js";
import { ValueMappingStep } from "./import-values.js";
import { RememberedValues } from "./remembered-values.js";
import { TermsGate } from "./terms-gate.js";

export function SeizureImportPage() {
  const { t } = useTranslation();
  usePageTitle(t("seizures.import.title"));
  const canWrite = hasPermission(useMe().data, "seizures:write");
  return (
    <Stack gap="md" maw={1000}>
      <Title order={1}>{t("seizures.import.title")}</Title>
      <Text c="dimmed">{t("seizures.import.intro")}</Text>
      <Group gap="xs">
        <Button
          component="a"
          href={templateUrl("xlsx")}
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden="true" />}
        >
          {t("seizures.import.templateXlsx")}
        </Button>
        <Button
          component="a"
          href={templateUrl("csv")}
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden="true" />}
        >
          {t("seizures.import.templateCsv")}
        </Button>
      </Group>
      <TermsGate>
        <Importer />
        {canWrite && <RememberedValues />}
      </TermsGate>
    </Stack>
  );
}

interface Run {
  jobId: string;
  dryRun: boolean;
}

function Importer() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [fileId, setFileId] = useState<string | null>(null);
  const [sharing, setSharing] = useState<string>("members");
  const [mapping, setMapping] = useState<ColumnMapping | undefined>(undefined);
  // A ref, not state: the check that follows the value-mapping step must send the answers just given.
  const valueMapping = useRef<ValueMapping>({});
  const [confirmWarnings, setConfirmWarnings] = useState(false);
  const [run, setRun] = useState<Run | null>(null);
  const [result, setResult] = useState<{ dryRun: boolean; data: SeizureImportResult } | null>(null);
  const go = useMutation({
    mutationFn: async (dryRun: boolean) => {
      let id = fileId;
      if (!id) {
        if (!file) throw new Error("no file");
        id = (await uploadFile(file)).id;
        setFileId(id);
      }
      const { jobId } = await startImport({
        fileId: id,
        dryRun,
        sharing,
        confirmWarnings,
        ...(mapping ? { mapping } : {}),
        ...(Object.keys(valueMapping.current).length ? { valueMapping: valueMapping.current } : {}),
      });
      return { jobId, dryRun };
    },
    onMutate: () => setResult(null),
    onSuccess: (r) => setRun(r),
  });
  const choose = (f: File | null) => {
    setFile(f);
    setFileId(null);
    setMapping(undefined);
    valueMapping.current = {};
    setResult(null);
    setRun(null);
    setConfirmWarnings(false);
  };
  const report = result?.data.report;
  const needsMapping = report?.layout === "unknown" && (result?.data.headers.length ?? 0) > 0;
  const canImport = result?.dryRun && report && !report.refused && (report.warnings.length === 0 || confirmWarnings);
  const valuesToMap = (result?.data.unmapped.length ?? 0) > 0 || (result?.data.remembered.length ?? 0) > 0;
  return (
    <Stack gap="md">
      <Card withBorder radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <FileInput
            label={t("seizures.import.file")}
            accept=".csv,.tsv,.txt,.xlsx,.xls,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet"
            value={file}
            onChange={choose}
            clearable
            clearButtonProps={{ "aria-label": t("seizures.import.clearFile") }}
          />
          <Select
            label={t("seizures.import.sharing")}
            data={SHARING_LEVELS.map((v) => ({ value: v, label: t(`seizures.sharing.${v}`) }))}
            value={sharing}
            onChange={(v) => setSharing(v ?? "members")}
            allowDeselect={false}
          />
        </SimpleGrid>
        <Group mt="md" gap="xs">
          <Button onClick={() => go.mutate(true)} disabled={!file} loading={go.isPending && go.variables === true}>
            {t("seizures.import.check")}
          </Button>
          <Button
            onClick={() => go.mutate(false)}
            disabled={!canImport}
            loading={go.isPending && go.variables === false}
          >
            {t("seizures.import.run")}
          </Button>
        </Group>
      </Card>
      {go.error && <ErrorAlert error={go.error} />}
      {run && <RunFollower key={run.jobId} run={run} onDone={(data) => setResult({ dryRun: run.dryRun, data })} />}
      {needsMapping && result && (
        <MappingStep
          headers={result.data.headers}
          initial={mapping ?? {}}
          onApply={(m) => {
            setMapping(m);
            setResult(null);
            setRun(null);
          }}
        />
      )}
      {report && result && <Report result={result.data} dryRun={result.dryRun} />}
      {valuesToMap && result && (
        <ValueMappingStep
          key={result.data.unmapped.map((u) => `${u.field}:${u.value}`).join("|")}
          unmapped={result.data.unmapped}
          remembered={result.data.remembered}
          initial={valueMapping.current}
          onApply={(m) => {
            valueMapping.current = m;
            // The answers are checked at once: the next report shows whether the file is ready.
            go.mutate(true);
          }}
        />
      )}
      {result?.dryRun && report && !report.refused && report.warnings.length > 0 && (
        <Checkbox
          label={t("seizures.import.confirmWarnings", { count: report.warnings.length })}
          checked={confirmWarnings}
          onChange={(e) => setConfirmWarnings(e.currentTarget.checked)}
        />
      )}
    </Stack>
  );
}

function RunFollower({ run, onDone }: { run: Run; onDone: (r: SeizureImportResult) => void }) {
  const { t } = useTranslation();
  const { job } = useJob(run.jobId);
  const reported = useRef(false);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    if (reported.current || job?.status !== "succeeded" || !job.result) return;
    reported.current = true;
    done.current(job.result as SeizureImportResult);
  }, [job?.status, job?.result]);
  if (job?.status === "succeeded") return null;
  return (
    <JobProgress jobId={run.jobId} label={t(run.dryRun ? "seizures.import.checking" : "seizures.import.importing")} />
  );
}

function MappingStep({
  headers,
  initial,
  onApply,
}: {
  headers: string[];
  initial: ColumnMapping;
  onApply: (m: ColumnMapping) => void;
}) {
  const { t } = useTranslation();
  const [mapping, setMapping] = useState<ColumnMapping>(initial);
  const missing = REQUIRED_IMPORT_FIELDS.filter((f) => !mapping[f]);
  const options = [
    { value: "", label: t("seizures.import.notInFile") },
    ...headers.map((h) => ({ value: h, label: h })),
  ];
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="mapping-title">
      <Title order={2} fz="h3" id="mapping-title" mb="xs">
        {t("seizures.import.mappingTitle")}
      </Title>
      <Text size="sm" mb="sm">
        {t("seizures.import.mappingHint")}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="xs">
        {IMPORT_FIELDS.map((f) => (
          <Select
            key={f}
            label={t(`seizures.fields.${f}`)}
            required={REQUIRED_IMPORT_FIELDS.includes(f)}
            data={options}
            value={mapping[f] ?? ""}
            onChange={(v) => setMapping((m) => ({ ...m, [f as ImportField]: v || undefined }))}
            allowDeselect={false}
            size="xs"
          />
        ))}
      </SimpleGrid>
      <Group mt="md">
        <Button
          onClick={() => onApply(Object.fromEntries(Object.entries(mapping).filter(([, v]) => v)) as ColumnMapping)}
          disabled={missing.length > 0}
        >
          {t("seizures.import.applyMapping")}
        </Button>
      </Group>
    </Card>
  );
}

function Report({ result, dryRun }: { result: SeizureImportResult; dryRun: boolean }) {
  const { t } = useTranslation();
  const problem = useImportProblem();
  const issueRow = useIssueRow();
  const r = result.report;
  const issues = [
    ...r.errors.map((e) => ({ ...e, kind: "error" })),
    ...r.warnings.map((w) => ({ ...w, kind: "warning" })),
  ];
  return (
    <Stack gap="sm" data-testid="import-report">
      {r.refused && r.errors.length === 0 && result.unmapped.length > 0 ? (
        <Alert color="yellow" variant="light" role="status" title={t("seizures.import.values.pendingTitle")}>
          {t("seizures.import.values.pending", { count: result.unmapped.length })}
        </Alert>
      ) : r.refused ? (
        <Alert color="red" variant="light" role="alert" title={t("seizures.import.refusedTitle")}>
          {t("seizures.import.refused", { count: r.errors.length })}
        </Alert>
      ) : dryRun ? (
        <Alert color="green" variant="light" role="status" title={t("seizures.import.checkedTitle")}>
          {t("seizures.import.wouldImport", { count: r.rowsRead })}
        </Alert>
      ) : (
        <Alert color="green" variant="light" role="status" title={t("seizures.import.doneTitle")}>
          <Stack gap={4}>
            <span>{t("seizures.import.imported", { count: r.imported, duplicates: result.duplicates })}</span>
            {result.batchId && (
              <Anchor
                renderRoot={(props) => (
                  <Link to="/seizures/records" search={{ batch: result.batchId ?? undefined }} {...props} />
                )}
              >
                {t("seizures.import.openBatch")}
              </Anchor>
            )}
          </Stack>
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {t("seizures.import.summary", {
          layout: t(`seizures.import.layouts.${r.layout}`, { defaultValue: r.layout }),
          read: r.rowsRead,
          skipped: r.rowsSkipped,
        })}
      </Text>
      <ImportReadingDetails report={r} />
      {issues.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped withTableBorder>
            <Table.Caption>{t("seizures.import.issuesCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("seizures.import.row")}</Table.Th>
                <Table.Th>{t("seizures.import.column")}</Table.Th>
                <Table.Th>{t("seizures.import.value")}</Table.Th>
                <Table.Th>{t("seizures.import.problem")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {issues.slice(0, 300).map((i, n) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity of their own
                <Table.Tr key={n}>
                  <Table.Td>{issueRow(i)}</Table.Td>
                  <Table.Td>{i.column ?? "—"}</Table.Td>
                  <Table.Td style={{ overflowWrap: "anywhere" }}>{i.value ?? "—"}</Table.Td>
                  <Table.Td>
                    {i.kind === "warning" ? `${t("seizures.import.warning")}: ` : ""}
                    {problem(i)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
