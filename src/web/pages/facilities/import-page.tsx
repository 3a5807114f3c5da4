import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  List,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type ColumnMapping,
  type FacilityDuplicateDecision,
  type FacilityImportReport,
  type FacilitySharing,
  IMPORT_FIELDS,
  type ImportField,
  type ImportPreview,
} from "../../../common/facilities.js";
import { uploadFile } from "../../api/client.js";
import { previewImport, runImport, templateUrl } from "../../api/facilities.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { IconDownload, IconFileSpreadsheet } from "../../components/icons.js";
import { useImportProblem } from "../../components/import-problem.js";
import { usePageTitle } from "../../components/page-title.js";
import { useCountries } from "./facility-format.js";

/** Rows repeating a facility of the file: one decision for all of them, before anything is written. */
function DuplicateDecision({
  report,
  onDecide,
  running,
}: {
  report: FacilityImportReport;
  onDecide: (decision: FacilityDuplicateDecision) => void;
  running: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" variant="light" title={t("facilities.import.duplicatesTitle")} role="alert">
      <Stack gap="xs">
        <Text size="sm">{t("facilities.import.duplicatesText", { count: report.duplicates.length })}</Text>
        <List size="sm" spacing={2}>
          {report.duplicates.slice(0, 50).map((d) => (
            <List.Item key={d.row}>
              {t("facilities.import.duplicateRow", { row: d.row, firstRow: d.firstRow, name: d.name })}
            </List.Item>
          ))}
        </List>
        <Group gap="sm">
          <Button onClick={() => onDecide("merge")} loading={running}>
            {t("facilities.import.merge")}
          </Button>
          <Button variant="default" onClick={() => onDecide("keep_both")} loading={running}>
            {t("facilities.import.keepBoth")}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function Report({ report }: { report: FacilityImportReport }) {
  const { t } = useTranslation();
  const problem = useImportProblem();
  const issues = [...report.errors, ...report.warnings];
  return (
    <Stack gap="sm" data-testid="import-report">
      {report.duplicatesDecision && (
        <Text size="sm">
          {t(`facilities.import.decided.${report.duplicatesDecision}`, { count: report.duplicates.length })}
        </Text>
      )}
      {report.refused ? (
        <Alert color="red" variant="light" title={t("facilities.import.refusedTitle")} role="alert">
          {t("facilities.import.refused", { count: report.errors.length })}
        </Alert>
      ) : (
        <Alert
          color="unblue"
          variant="light"
          role="status"
          title={t(report.dryRun ? "facilities.import.checkedTitle" : "facilities.import.doneTitle")}
        >
          {t(report.dryRun ? "facilities.import.wouldImport" : "facilities.import.imported", {
            created: report.created,
            updated: report.updated,
          })}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {t("facilities.import.rows", { read: report.rowsRead, skipped: report.rowsSkipped })}
      </Text>
      {report.unmappedLabels.length > 0 && (
        <Stack gap={4}>
          <Text fw={600} size="sm">
            {t("facilities.import.unmappedTitle")}
          </Text>
          <Group gap={6}>
            {report.unmappedLabels.map((u) => (
              <Badge key={u.label} variant="outline" color="red.9" style={{ textTransform: "none" }}>
                {t("facilities.import.unmappedLabel", { label: u.label, count: u.rows })}
              </Badge>
            ))}
          </Group>
        </Stack>
      )}
      {issues.length > 0 && (
        <Table striped withTableBorder>
          <Table.Caption>{t("facilities.import.issuesCaption")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("facilities.import.row")}</Table.Th>
              <Table.Th>{t("facilities.import.column")}</Table.Th>
              <Table.Th>{t("facilities.import.value")}</Table.Th>
              <Table.Th>{t("facilities.import.problem")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {issues.slice(0, 200).map((i, n) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity of their own
              <Table.Tr key={n}>
                <Table.Td>{i.row || "—"}</Table.Td>
                <Table.Td>{i.column ?? "—"}</Table.Td>
                <Table.Td style={{ overflowWrap: "anywhere" }}>{i.value ?? "—"}</Table.Td>
                <Table.Td>{problem(i)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function MappingStep({
  preview,
  onRun,
  running,
}: {
  preview: ImportPreview;
  onRun: (opts: { mapping: ColumnMapping; country?: string; sharing: FacilitySharing; dryRun: boolean }) => void;
  running: boolean;
}) {
  const { t } = useTranslation();
  const countries = useCountries();
  const [mapping, setMapping] = useState<ColumnMapping>(preview.mapping);
  const [country, setCountry] = useState<string | null>(null);
  const [sharing, setSharing] = useState<FacilitySharing>("public");
  const fieldOptions = [
    { value: "", label: t("facilities.import.ignore") },
    ...IMPORT_FIELDS.map((f) => ({ value: f, label: t(`facilities.importFields.${f}`) })),
  ];
  const hasCountry = Object.values(mapping).includes("country");
  const options = (dryRun: boolean) => ({ mapping, ...(country ? { country } : {}), sharing, dryRun });
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Text fw={600}>{preview.fileName}</Text>
        <Badge variant="light" style={{ textTransform: "none" }}>
          {t(`facilities.import.layouts.${preview.layout}`, { defaultValue: preview.layout })}
        </Badge>
        <Text size="sm" c="dimmed">
          {t("facilities.import.previewRows", { count: preview.rows, header: preview.headerRow })}
        </Text>
      </Group>
      <Text size="sm">{t("facilities.import.mappingHint")}</Text>
      <Table striped withTableBorder>
        <Table.Caption>{t("facilities.import.mappingCaption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("facilities.import.column")}</Table.Th>
            <Table.Th visibleFrom="sm">{t("facilities.import.sample")}</Table.Th>
            <Table.Th>{t("facilities.import.target")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.headers.map((h, i) =>
            h ? (
              <Table.Tr key={h}>
                <Table.Td fw={500}>{h}</Table.Td>
                <Table.Td visibleFrom="sm" style={{ overflowWrap: "anywhere" }}>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {preview.sample
                      .map((r) => r[i] ?? "")
                      .filter(Boolean)
                      .slice(0, 3)
                      .join(" · ")}
                  </Text>
                </Table.Td>
                <Table.Td miw={170}>
                  <Select
                    aria-label={t("facilities.import.targetFor", { column: h })}
                    data={fieldOptions}
                    value={mapping[h] ?? ""}
                    onChange={(v) => setMapping((m) => ({ ...m, [h]: (v || null) as ImportField | null }))}
                    allowDeselect={false}
                    size="xs"
                  />
                </Table.Td>
              </Table.Tr>
            ) : null,
          )}
        </Table.Tbody>
      </Table>
      <Group gap="md" align="flex-end">
        {!hasCountry && (
          <Select
            label={t("facilities.import.country")}
            description={t("facilities.import.countryHint")}
            data={countries.options}
            value={country}
            onChange={setCountry}
            searchable
            required
            maw={320}
          />
        )}
        <Stack gap={4}>
          <Text size="sm" fw={500} id="import-sharing">
            {t("facilities.import.sharing")}
          </Text>
          <SegmentedControl
            aria-labelledby="import-sharing"
            value={sharing}
            onChange={(v) => setSharing(v === "restricted" ? "restricted" : "public")}
            data={[
              { value: "public", label: t("facilities.sharing.public") },
              { value: "restricted", label: t("facilities.sharing.restricted") },
            ]}
          />
        </Stack>
      </Group>
      <Group gap="sm">
        <Button variant="light" onClick={() => onRun(options(true))} loading={running}>
          {t("facilities.import.check")}
        </Button>
        <Button onClick={() => onRun(options(false))} loading={running}>
          {t("facilities.import.run")}
        </Button>
      </Group>
    </Stack>
  );
}

type RunOptions = {
  mapping: ColumnMapping;
  country?: string;
  sharing: FacilitySharing;
  dryRun: boolean;
  duplicates?: FacilityDuplicateDecision;
};

/** Upload → map the columns (suggested from the headers) → check → import, all or nothing. */
export function FacilityImportPage() {
  const { t } = useTranslation();
  usePageTitle(t("facilities.import.title"));
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileId, setFileId] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [report, setReport] = useState<FacilityImportReport | null>(null);
  const [lastCountry, setLastCountry] = useState<string | undefined>();
  const upload = useMutation({
    mutationFn: async ({ file: f, sheet }: { file: File; sheet?: string }) => {
      const id = sheet && fileId ? fileId : (await uploadFile(f)).id;
      setFileId(id);
      return previewImport(id, sheet);
    },
    onSuccess: (p) => {
      setPreview(p);
      setReport(null);
      setDecision(undefined);
    },
  });
  const [lastOptions, setLastOptions] = useState<RunOptions | null>(null);
  // The decision on repeated rows, once made, holds for the check and the import of this file.
  const [decision, setDecision] = useState<FacilityDuplicateDecision | undefined>();
  const run = useMutation({
    mutationFn: (opts: RunOptions) => {
      setLastCountry(opts.country);
      setLastOptions(opts);
      return runImport({ fileId: fileId as string, sheet: preview?.sheet, ...opts });
    },
    onSuccess: async (r) => {
      setReport(r);
      if (!r.dryRun && !r.refused) await queryClient.invalidateQueries({ queryKey: ["facilities"] });
    },
  });
  const done = report && !report.dryRun && !report.refused;
  return (
    <Stack gap="md" maw={1000}>
      <Anchor renderRoot={(props) => <Link to="/facilities" {...props} />} size="sm">
        {t("facilities.back")}
      </Anchor>
      <Title order={1}>{t("facilities.import.title")}</Title>
      <Text maw={820}>{t("facilities.import.intro")}</Text>
      <Anchor href={templateUrl} size="sm" download>
        <IconDownload size={14} aria-hidden="true" /> {t("facilities.import.template")}
      </Anchor>
      <Group align="flex-end" gap="sm">
        <FileInput
          label={t("facilities.import.file")}
          placeholder={t("facilities.import.choose")}
          accept=".csv,.tsv,.txt,.xlsx,.xls,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet"
          value={file}
          onChange={(f) => {
            setFile(f);
            setPreview(null);
            setReport(null);
          }}
          leftSection={<IconFileSpreadsheet size={16} aria-hidden="true" />}
          clearable
          clearButtonProps={{ "aria-label": t("facilities.import.clearFile") }}
          w={{ base: "100%", sm: 360 }}
        />
        <Button onClick={() => file && upload.mutate({ file })} disabled={!file} loading={upload.isPending}>
          {t("facilities.import.upload")}
        </Button>
      </Group>
      {upload.error && <ErrorAlert error={upload.error} />}
      {preview && preview.sheets.length > 1 && !done && (
        <Select
          label={t("facilities.import.sheet")}
          data={preview.sheets}
          value={preview.sheet}
          onChange={(sheet) => file && sheet && upload.mutate({ file, sheet })}
          allowDeselect={false}
          maw={360}
        />
      )}
      {preview && !done && (
        <MappingStep
          key={preview.fileName + preview.sheet}
          preview={preview}
          onRun={(o) => run.mutate(decision ? { ...o, duplicates: decision } : o)}
          running={run.isPending}
        />
      )}
      {run.error && <ErrorAlert error={run.error} />}
      {report?.decisionRequired === "duplicates" && lastOptions && (
        <DuplicateDecision
          report={report}
          running={run.isPending}
          onDecide={(duplicates) => {
            setDecision(duplicates);
            run.mutate({ ...lastOptions, duplicates });
          }}
        />
      )}
      {report && <Report report={report} />}
      {done && (
        <Group>
          <Button
            renderRoot={(props) => <Link to="/facilities" search={{ view: "map", country: lastCountry }} {...props} />}
          >
            {t("facilities.import.seeMap")}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setFile(null);
              setPreview(null);
              setReport(null);
            }}
          >
            {t("facilities.import.another")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
