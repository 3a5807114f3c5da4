import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ImportResult } from "../../../common/imports.js";
import { api } from "../../api/client.js";
import { ImportCard } from "../../components/import/import-card.js";
import { ImportFlow } from "../../components/import/import-flow.js";

type RateFileResult = ImportResult & { imported: number; projectsUpdated: number };

/**
 * Coordinators: the dated rate table from a file (currency, date, usd_per_unit, source) through the web's shared import
 * flow on `POST /projects/rates/imports`: the upload and the check with their progress bars, the shared report (every
 * bad row by row, column and value; nothing written), then the import job.
 */
export function RatesImport() {
  const { t } = useTranslation();
  const client = useQueryClient();
  return (
    <ImportCard
      titleId="rates-import-title"
      title={t("projects.figures.ratesTitle")}
      // Names the file's columns (currency, date, usd_per_unit, source) as written in the file.
      intro={<span data-code-column>{t("projects.figures.ratesIntro")}</span>}
    >
      <ImportFlow<RateFileResult>
        start={(fileId, answers) =>
          api.post<{ jobId: string }>("/projects/rates/imports", { fileId, dryRun: answers.dryRun })
        }
        readyText={(r) => t("projects.figures.ratesReady", { count: r.imported })}
        done={(r) => t("projects.figures.ratesResult", { imported: r.imported, projects: r.projectsUpdated })}
        onImported={() => void client.invalidateQueries({ queryKey: ["projects"] })}
      />
    </ImportCard>
  );
}
