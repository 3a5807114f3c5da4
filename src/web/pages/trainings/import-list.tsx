import { Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type LinkageRun, PARTICIPANT_IMPORT_FIELDS, type ParticipantImportResult } from "../../../common/trainings.js";
import { startParticipantImport } from "../../api/trainings.js";
import { ImportFlow } from "../../components/import/import-flow.js";
import { LinkageJobProgress } from "./linkage-job.js";

/**
 * Upload of a participant list (CSV/XLSX) through the shared import flow: checked, then imported all or nothing;
 * rows repeating a participant of the list wait for one decision (merge or keep both), asked at the check.
 */
export function ImportList({ trainingId }: { trainingId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <Stack gap="sm" maw={860}>
      <Text size="sm" c="dimmed">
        {t("trainings.import.help")}
      </Text>
      <ImportFlow<ParticipantImportResult>
        start={(fileId, { dryRun, duplicates, sheet, mapping }) =>
          startParticipantImport(trainingId, fileId, {
            dryRun,
            ...(duplicates ? { duplicates } : {}),
            ...(sheet ? { sheet } : {}),
            ...(mapping ? { mapping } : {}),
          })
        }
        columns={{
          fields: PARTICIPANT_IMPORT_FIELDS.map((f) => ({ value: f, label: t(`trainings.import.fields.${f}`) })),
        }}
        readyText={(r) => t("trainings.import.ready", { count: r.report.rowsRead })}
        done={(r) => <Imported result={r} />}
        onImported={() => void queryClient.invalidateQueries({ queryKey: ["trainings"] })}
      />
    </Stack>
  );
}

/** What the import wrote, then what the linkage job it queued found (followed with its own progress bar). */
function Imported({ result }: { result: ParticipantImportResult }) {
  const { t } = useTranslation();
  const [linkage, setLinkage] = useState<LinkageRun | null>(null);
  return (
    <Stack gap={4}>
      <span>
        {t("trainings.import.done", { count: result.report.imported })}{" "}
        {linkage && (
          <>
            {t("trainings.import.linked", { count: linkage.freshLinked })}{" "}
            {t("trainings.import.reviews", { count: linkage.reviews })}{" "}
            {linkage.alerts > 0 && t("trainings.import.alerts", { count: linkage.alerts })}
          </>
        )}
      </span>
      {result.linkageJobId && <LinkageJobProgress jobId={result.linkageJobId} onDone={setLinkage} />}
    </Stack>
  );
}
