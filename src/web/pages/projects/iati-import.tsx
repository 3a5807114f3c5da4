import { Checkbox } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ImportResult } from "../../../common/imports.js";
import { startIatiImport } from "../../api/projects.js";
import { ImportCard } from "../../components/import/import-card.js";
import { ImportFlow } from "../../components/import/import-flow.js";

type IatiFileResult = ImportResult & { activities: number; created: number; updated: number; rejected: number };

/** IATI activity XML: what the file chooser offers. */
const IATI_ACCEPT = ".xml,application/xml,text/xml";

/**
 * IATI activity XML through the web's shared import flow on `POST /projects/iati/imports`: the upload and the check
 * with their progress bars, the shared report (each activity that cannot be taken, by its IATI identifier and the
 * reason), then the import job. The file is not a table: no column or value step. Strict mode refuses the whole file
 * when one activity is rejected.
 */
export function IatiImport() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [strict, setStrict] = useState(false);
  const counts = (r: IatiFileResult) => ({ created: r.created, updated: r.updated, rejected: r.rejected });
  return (
    <ImportCard
      titleId="iati-import-title"
      title={t("projects.exchange.iatiTitle")}
      intro={t("projects.exchange.iatiIntro")}
    >
      <ImportFlow<IatiFileResult>
        accept={IATI_ACCEPT}
        start={(fileId, answers) => startIatiImport(fileId, answers.dryRun, strict)}
        options={
          <Checkbox
            label={t("projects.exchange.allOrNothing")}
            checked={strict}
            onChange={(e) => setStrict(e.currentTarget.checked)}
          />
        }
        readyText={(r) => t("projects.exchange.iatiReady", counts(r))}
        done={(r) => t("projects.exchange.result", counts(r))}
        onImported={() => void client.invalidateQueries({ queryKey: ["projects"] })}
      />
    </ImportCard>
  );
}
