import { useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { countryOptions } from "../../../common/countries.js";
import type { ImportResult } from "../../../common/imports.js";
import { PROJECT_IMPORT_FIELDS, PROJECT_STAGES, THEMES } from "../../../common/projects.js";
import { API_BASE, api } from "../../api/client.js";
import { ImportCard } from "../../components/import/import-card.js";
import { ImportFlow } from "../../components/import/import-flow.js";
import { RememberedMappings } from "../../components/import/remembered-mappings.js";
import { TemplateLinks } from "../../components/import/template-links.js";
import { NOT_AVAILABLE, type ValueVocabulary } from "../../components/import/value-mapping.js";
import { useLanguage } from "../../i18n/index.js";
import { usePartnerNames } from "../partners/use-partner-names.js";

type ProjectSheetResult = ImportResult & { created: number; updated: number };

/** The fields a column of a projects sheet may fill (the server's own list, in the template's order). */
const SHEET_FIELDS = PROJECT_IMPORT_FIELDS;

/** The projects' fields and codes for the shared value-mapping step: a country, a pillar, a theme, a status. */
function useProjectVocabulary(): ValueVocabulary {
  const { t } = useTranslation();
  const lang = useLanguage();
  return useMemo(() => {
    const notAvailable = { value: NOT_AVAILABLE, label: t("importReport.values.notAvailable") };
    const labels: Record<string, string> = {
      country: t("projects.field.code"),
      pillar: t("projects.field.pillars"),
      theme: t("projects.field.themes"),
      stage: t("projects.field.stage"),
    };
    return {
      fieldLabel: (field) => labels[field] ?? field,
      targets: (field) => {
        if (field === "country") return [notAvailable, ...countryOptions(lang)];
        if (field === "pillar")
          return [
            notAvailable,
            ...[1, 2, 3, 4].map((n) => ({ value: String(n), label: t("projects.pillar", { number: n }) })),
          ];
        if (field === "theme")
          return [notAvailable, ...THEMES.map((v) => ({ value: v, label: t(`projects.theme.${v}`) }))];
        return [notAvailable, ...PROJECT_STAGES.map((v) => ({ value: v, label: t(`projects.stage.${v}`) }))];
      },
    };
  }, [t, lang]);
}

/**
 * Projects from a spreadsheet (CSV, XLSX, XLS, ODS) through the web's shared import flow on `POST /projects/imports`:
 * the upload and the check with their progress bars, the shared report, the columns and sheet to correct, the
 * value-mapping step, then the import job.
 */
export function ProjectSheetImport() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const vocabulary = useProjectVocabulary();
  const partners = usePartnerNames();
  return (
    <ImportCard
      titleId="sheet-import-title"
      title={t("projects.exchange.sheetTitle")}
      intro={t("projects.exchange.sheetIntro")}
    >
      <TemplateLinks templates={{ xlsx: `${API_BASE}/projects/imports/template` }} />
      <ImportFlow<ProjectSheetResult>
        start={(fileId, answers) =>
          api.post<{ jobId: string }>("/projects/imports", {
            fileId,
            dryRun: answers.dryRun,
            ...(answers.sheet ? { sheet: answers.sheet } : {}),
            ...(answers.mapping ? { mapping: answers.mapping } : {}),
            ...(answers.valueMapping ? { valueMapping: answers.valueMapping } : {}),
          })
        }
        columns={{
          fields: SHEET_FIELDS.map((f) => ({ value: f, label: t(`projects.exchange.sheetFields.${f}`) })),
        }}
        vocabulary={vocabulary}
        readyText={(r) => t("projects.exchange.sheetReady", { created: r.created, updated: r.updated })}
        done={(r) => t("projects.exchange.sheetDone", { created: r.created, updated: r.updated })}
        onImported={() => {
          void client.invalidateQueries({ queryKey: ["projects"] });
        }}
      />
      <RememberedMappings
        path="/projects/imports/value-mappings"
        vocabulary={vocabulary}
        sourceName={partners.name}
        anySource={t("importReport.remembered.anyPartner")}
      />
    </ImportCard>
  );
}
