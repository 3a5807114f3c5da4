import { Button, Card, Checkbox, FileInput, Group, Progress, Stack, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DuplicateDecision } from "../../../common/imports.js";
import type { Job } from "../../../common/platform.js";
import { api, uploadFile } from "../../api/client.js";
import { ErrorAlert } from "../error-alert.js";
import { RepeatsDecision, type RepeatWords } from "../import-repeats.js";
import { isJobFinished, JobProgress, useJob } from "../job-progress.js";
import { type ColumnAnswers, type ColumnField, ColumnMapping, canRemap } from "./column-mapping.js";
import { type FlowResult, ImportReportView, repeatsOf } from "./import-report.js";
import { type KnownValue, type ValueAnswers, ValueMappingStep, type ValueVocabulary } from "./value-mapping.js";

/** Every spreadsheet the platform's readers take (CSV in any encoding, XLSX from any producer, legacy XLS, ODS). */
export const SPREADSHEET_ACCEPT =
  ".csv,.tsv,.txt,.xlsx,.xls,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet," +
  "application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet";

/** What a check or an import of the uploaded file sends, besides the module's own options. */
export interface ImportAnswers {
  dryRun: boolean;
  /** The report's warnings were read and confirmed. */
  confirmWarnings: boolean;
  /** The one decision for the file's repeated rows. */
  duplicates?: DuplicateDecision;
  /** The value-mapping step's answers. */
  valueMapping?: ValueAnswers;
  /** The column-mapping step's answer: field → the file's header. */
  mapping?: ColumnAnswers;
  /** The sheet chosen of a workbook of several. */
  sheet?: string;
}

export interface ImportFlowProps<R extends FlowResult> {
  /** Starts the job that checks (dryRun) or imports the caller's uploaded file. */
  start: (fileId: string, answers: ImportAnswers) => Promise<{ jobId: string }>;
  /** The module's own inputs beside the file (a sharing level…), sent by `start`. */
  options?: ReactNode;
  accept?: string;
  readyText: (result: R) => string;
  done: (result: R) => ReactNode;
  layoutName?: (layout: string) => string;
  /** The fields and codes of the value-mapping step, for a module whose results list unknown values. */
  vocabulary?: ValueVocabulary;
  /**
   * The fields a column of the file may fill, for a module whose import takes a column mapping and a sheet: after
   * each check the column-mapping step shows the file's columns (and its sheets), and its answers go with the next.
   */
  columns?: {
    fields: ColumnField[];
    /** The import reads the one sheet chosen (the default), not every sheet of the workbook together. */
    chooseSheet?: boolean;
  };
  /**
   * The module asks for its warnings to be confirmed before the import (the seizures' unusual quantities, sent as
   * `confirmWarnings`); elsewhere warnings are told (repeats already decided) and do not hold the import.
   */
  confirmWarnings?: boolean;
  /** The words of the repeats' decision in the module's terms (participants' by default). */
  repeatWords?: RepeatWords;
  /** Called once when an import (not a check) has written its rows. */
  onImported?: (result: R) => void;
}

type Stage =
  | { kind: "idle" }
  | { kind: "uploading"; sent: number; total: number }
  | { kind: "job"; jobId: string; dryRun: boolean }
  | { kind: "result"; jobId: string; dryRun: boolean; result: FlowResult };

/**
 * The one web import: choose a file → upload it (with its progress) → a check job with a progress bar → the shared
 * report (errors by row and column, warnings to confirm, repeats to decide, unknown values to match → check again) →
 * the import job with its progress bar → what was written. A new file or a cancelled upload drops every answer still
 * on its way, so a late job never shows its report over the next file's.
 */
export function ImportFlow<R extends FlowResult & { remembered?: KnownValue[] }>(props: ImportFlowProps<R>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const uploaded = useRef<{ file: File; id: string } | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const [error, setError] = useState<unknown>(null);
  const [confirmWarnings, setConfirmWarnings] = useState(false);
  // Refs, not state: the check that follows an answer must send the answer just given.
  const valueMapping = useRef<ValueAnswers>({});
  const duplicates = useRef<DuplicateDecision | undefined>(undefined);
  const mapping = useRef<ColumnAnswers | undefined>(undefined);
  const sheet = useRef<string | undefined>(undefined);
  const generation = useRef(0);
  const upload = useRef<AbortController | null>(null);

  const reset = () => {
    generation.current += 1;
    upload.current?.abort();
    upload.current = null;
    valueMapping.current = {};
    duplicates.current = undefined;
    mapping.current = undefined;
    sheet.current = undefined;
    setConfirmWarnings(false);
    setError(null);
    setStage({ kind: "idle" });
  };
  useEffect(() => () => upload.current?.abort(), []);
  // Stops the upload, or stops following a check (a check writes nothing); the answers given so far are kept.
  const cancel = () => {
    generation.current += 1;
    upload.current?.abort();
    upload.current = null;
    setStage({ kind: "idle" });
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    const mine = ++generation.current;
    setError(null);
    try {
      let id = uploaded.current?.file === file ? uploaded.current.id : null;
      if (!id) {
        setStage({ kind: "uploading", sent: 0, total: file.size });
        const controller = new AbortController();
        upload.current = controller;
        const record = await uploadFile(file, {
          signal: controller.signal,
          onProgress: (sent, total) => {
            if (generation.current === mine) setStage({ kind: "uploading", sent, total });
          },
        });
        upload.current = null;
        id = record.id;
        uploaded.current = { file, id };
      }
      const answers: ImportAnswers = {
        dryRun,
        confirmWarnings,
        ...(duplicates.current ? { duplicates: duplicates.current } : {}),
        ...(Object.keys(valueMapping.current).length ? { valueMapping: valueMapping.current } : {}),
        ...(mapping.current ? { mapping: mapping.current } : {}),
        ...(sheet.current ? { sheet: sheet.current } : {}),
      };
      const { jobId } = await props.start(id, answers);
      if (generation.current === mine) setStage({ kind: "job", jobId, dryRun });
    } catch (err) {
      if (generation.current !== mine) return;
      setStage({ kind: "idle" });
      if (!(err instanceof DOMException && err.name === "AbortError")) setError(err);
    }
  };
  const finished = (jobId: string, dryRun: boolean, result: R) => {
    setStage((s) => (s.kind === "job" && s.jobId === jobId ? { kind: "result", jobId, dryRun, result } : s));
    if (dryRun || result.report.refused) return;
    // The value step's answers were remembered with the import: the list of what is remembered is read again.
    if (props.vocabulary) void queryClient.invalidateQueries({ queryKey: ["imports", "value-mappings"] });
    props.onImported?.(result);
  };

  const busy = stage.kind === "uploading" || stage.kind === "job";
  const result = stage.kind === "result" ? (stage.result as R) : null;
  const report = result?.report;
  const checked = stage.kind === "result" && stage.dryRun;
  const waitsForDecision = result?.decisionRequired === "duplicates" && !report?.refused;
  const mustConfirm = props.confirmWarnings === true && (report?.warnings.length ?? 0) > 0;
  const canImport = checked && report && !report.refused && !waitsForDecision && (!mustConfirm || confirmWarnings);
  const valuesToMap = (result?.unmapped?.length ?? 0) > 0 || (result?.remembered?.length ?? 0) > 0;
  return (
    <Stack gap="md" data-testid="import-flow">
      <Card withBorder radius="md">
        <Stack gap="sm">
          <Group align="flex-end" wrap="wrap" gap="md">
            <FileInput
              label={t("importReport.flow.file")}
              description={t("importReport.flow.fileHint")}
              accept={props.accept ?? SPREADSHEET_ACCEPT}
              value={file}
              onChange={(f) => {
                reset();
                uploaded.current = null;
                setFile(f);
              }}
              clearable
              clearButtonProps={{ "aria-label": t("importReport.flow.clearFile") }}
              w={{ base: "100%", xs: 340 }}
            />
            {props.options}
          </Group>
          <Group gap="xs">
            <Button onClick={() => void run(true)} disabled={!file || busy} loading={busy && stageDry(stage)}>
              {t("importReport.flow.check")}
            </Button>
            <Button onClick={() => void run(false)} disabled={!canImport || busy} loading={busy && !stageDry(stage)}>
              {t("importReport.flow.run")}
            </Button>
            {(stage.kind === "uploading" || (stage.kind === "job" && stage.dryRun)) && (
              <Button variant="default" onClick={cancel}>
                {t("importReport.flow.cancel")}
              </Button>
            )}
          </Group>
          {!file && (
            <Text size="sm" c="dimmed">
              {t("importReport.flow.empty")}
            </Text>
          )}
        </Stack>
      </Card>
      {error ? <ErrorAlert error={error} /> : null}
      {stage.kind === "uploading" && <UploadProgress sent={stage.sent} total={stage.total} />}
      {(stage.kind === "job" || stage.kind === "result") && (
        <JobFollower<R>
          key={stage.jobId}
          jobId={stage.jobId}
          label={t(stage.dryRun ? "importReport.flow.checking" : "importReport.flow.importing")}
          onDone={(r) => finished(stage.jobId, stage.dryRun, r)}
        />
      )}
      {result && (
        <ImportReportView<R>
          result={result}
          dryRun={checked}
          readyText={props.readyText}
          done={props.done}
          layoutName={props.layoutName}
          repeatWords={props.repeatWords}
        />
      )}
      {checked &&
      result &&
      props.columns &&
      result.headers?.length &&
      canRemap(result.mapping ?? {}, props.columns.fields) ? (
        <ColumnMapping
          key={`${result.report.fileName}:${result.report.sheet ?? ""}:${Object.values(result.mapping ?? {}).join("|")}`}
          read={{
            headers: result.headers,
            sample: result.sample ?? [],
            mapping: result.mapping ?? {},
            sheets: props.columns.chooseSheet === false ? [] : (result.sheets ?? []),
            sheet: result.report.sheet,
          }}
          fields={props.columns.fields}
          onApply={(answer) => {
            mapping.current = answer;
            void run(true);
          }}
          onSheet={(chosen) => {
            // Another sheet has other columns: its own are read again.
            sheet.current = chosen;
            mapping.current = undefined;
            void run(true);
          }}
        />
      ) : null}
      {result && valuesToMap && props.vocabulary && (
        <ValueMappingStep
          key={(result.unmapped ?? []).map((u) => `${u.field}:${u.value}`).join("|")}
          unmapped={result.unmapped ?? []}
          remembered={result.remembered ?? []}
          initial={valueMapping.current}
          vocabulary={props.vocabulary}
          onApply={(answers) => {
            valueMapping.current = answers;
            // The answers are checked at once: the next report says whether the file is ready.
            void run(true);
          }}
        />
      )}
      {result && waitsForDecision && (
        <RepeatsDecision
          report={{ duplicates: repeatsOf(result) }}
          running={busy}
          words={props.repeatWords}
          onDecide={(decision) => {
            duplicates.current = decision;
            void run(true);
          }}
        />
      )}
      {checked && report && !report.refused && mustConfirm && (
        <Checkbox
          label={t("importReport.flow.confirmWarnings", { count: report.warnings.length })}
          checked={confirmWarnings}
          onChange={(e) => setConfirmWarnings(e.currentTarget.checked)}
        />
      )}
    </Stack>
  );
}

const stageDry = (stage: Stage) => stage.kind !== "job" || stage.dryRun;

/** The upload's own bar: the bytes sent of the file (the browser reports them as it sends). */
function UploadProgress({ sent, total }: { sent: number; total: number }) {
  const { t } = useTranslation();
  const percent = total > 0 ? Math.min(100, Math.round((sent / total) * 100)) : 0;
  const name = t("importReport.flow.uploading");
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          {name}
        </Text>
        <Text size="sm" c="dimmed" aria-live="polite">
          {t("importReport.flow.uploaded", { percent })}
        </Text>
      </Group>
      <Progress.Root size="lg">
        <Progress.Section value={percent} animated aria-label={name} />
      </Progress.Root>
    </Stack>
  );
}

/**
 * Follows a check or an import job: its bar (kept at 100% above the report once it has finished), fed by the job's
 * event stream and, should the stream be cut (a proxy, a dropped link), by polling GET /jobs/:id.
 */
function JobFollower<R>({ jobId, label, onDone }: { jobId: string; label: string; onDone: (result: R) => void }) {
  const { t } = useTranslation();
  const { job } = useJob(jobId);
  // The pipeline's phase codes in words; a phase this page does not know is not shown as a raw code.
  const describe = (phase: string) =>
    isJobFinished(job) ? "" : t(`importReport.flow.phases.${phase}`, { defaultValue: "" });
  useQuery({
    queryKey: ["job", jobId],
    queryFn: ({ signal }) => api.get<Job>(`/jobs/${encodeURIComponent(jobId)}`, undefined, signal),
    refetchInterval: (query) => (isJobFinished(query.state.data) ? false : 1500),
  });
  const reported = useRef(false);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    if (reported.current || job?.status !== "succeeded" || !job.result) return;
    reported.current = true;
    done.current(job.result as R);
  }, [job?.status, job?.result]);
  return <JobProgress jobId={jobId} label={label} describe={describe} />;
}
