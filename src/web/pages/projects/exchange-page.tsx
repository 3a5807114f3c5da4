import { Anchor, Button, Card, Checkbox, FileInput, List, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProjectImportResult } from "../../../common/projects.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { iatiExportUrl, importProjects } from "../../api/projects.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { isJobFinished, JobProgress, useJob } from "../../components/job-progress.js";
import { usePageTitle } from "../../components/page-title.js";
import { useLanguage } from "../../i18n/index.js";
import { ReviewList } from "./figures-admin.js";
import { ProjectsNav } from "./projects-nav.js";
import { RatesImport } from "./rates-import.js";
import { ProjectSheetImport } from "./sheet-import.js";

const TEMPLATE =
  "iati_identifier, title_en, title_ru, summary_en, summary_ru, donor, amount, currency, countries, start, end, themes, pillars, dac, implementing, stage";

function Result({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { job } = useJob(jobId);
  const result = job?.status === "succeeded" ? (job.result as ProjectImportResult) : null;
  return (
    <Stack gap="xs">
      {!isJobFinished(job) && <JobProgress jobId={jobId} label={t("projects.exchange.progress")} />}
      {job?.status === "failed" && <Text c="red.8">{job.error}</Text>}
      {result && (
        <Stack gap={4} aria-live="polite">
          <Text fw={700} data-testid="import-result">
            {t("projects.exchange.result", {
              created: result.created,
              updated: result.updated,
              rejected: result.rejected.length,
            })}
          </Text>
          {result.refused && <Text c="red.8">{t("projects.exchange.refused")}</Text>}
          {result.rejected.length > 0 && (
            <>
              <Text size="sm">{t("projects.exchange.rejected")}</Text>
              <List size="sm">
                {result.rejected.map((r) => (
                  <List.Item key={r.ref} style={{ overflowWrap: "anywhere" }}>
                    {r.ref}: {r.reason[lang]}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}

export function ExchangePage() {
  const { t } = useTranslation();
  usePageTitle(t("projects.exchange.title"));
  const { data: me } = useMe();
  const coordinator = hasPermission(me, "reference:manage");
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [strict, setStrict] = useState(false);
  const upload = useMutation({
    mutationFn: () => importProjects(file as File, strict),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["projects"] }),
  });
  return (
    <Stack gap="md">
      <Title order={1}>{t("projects.exchange.title")}</Title>
      <Text maw={820}>{t("projects.exchange.intro")}</Text>
      <ProjectsNav />
      {hasPermission(me, "projects:write") && (
        <Card withBorder>
          <Stack gap="sm" maw={560}>
            <FileInput
              label={t("projects.exchange.file")}
              value={file}
              onChange={setFile}
              clearButtonProps={{ "aria-label": t("projects.exchange.clearFile") }}
              accept=".xml,.csv,.xlsx"
              clearable
            />
            <Checkbox
              label={t("projects.exchange.allOrNothing")}
              checked={strict}
              onChange={(e) => setStrict(e.currentTarget.checked)}
            />
            {/* The header row the file must have, with the column names as written in the file. */}
            <Text size="sm" c="dimmed" data-code-column>
              {t("projects.exchange.template", { columns: TEMPLATE })}
            </Text>
            <Button w="fit-content" disabled={!file} loading={upload.isPending} onClick={() => upload.mutate()}>
              {t("projects.exchange.import")}
            </Button>
            {upload.error && <ErrorAlert error={upload.error} />}
            {upload.data && <Result jobId={upload.data.jobId} />}
          </Stack>
        </Card>
      )}
      {hasPermission(me, "projects:write") && <ProjectSheetImport />}
      <Card withBorder>
        <Title order={2} size="h3" mb="sm">
          {t("projects.exchange.exportTitle")}
        </Title>
        <Anchor href={iatiExportUrl}>{t("projects.exchange.exportIati")}</Anchor>
      </Card>
      {coordinator && <RatesImport />}
      {coordinator && <ReviewList />}
    </Stack>
  );
}
