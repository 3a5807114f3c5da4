import { Anchor, Select, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type ColumnMapping,
  IMPORT_FIELDS,
  REQUIRED_IMPORT_FIELDS,
  type SeizureImportResult,
  SHARING_LEVELS,
  type ValueMapping,
} from "../../../common/seizures.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { startImport, templateUrl } from "../../api/seizures.js";
import { ImportFlow } from "../../components/import/import-flow.js";
import { RememberedMappings } from "../../components/import/remembered-mappings.js";
import { TemplateLinks } from "../../components/import/template-links.js";
import { usePageTitle } from "../../components/page-title.js";
import { useSeizureVocabulary } from "./import-values.js";
import { useCountries } from "./seizure-format.js";
import { TermsGate } from "./terms-gate.js";

export function SeizureImportPage() {
  const { t } = useTranslation();
  usePageTitle(t("seizures.import.title"));
  const canWrite = hasPermission(useMe().data, "seizures:write");
  return (
    <Stack gap="md" maw={1000}>
      <Title order={1}>{t("seizures.import.title")}</Title>
      <Text c="dimmed">{t("seizures.import.intro")}</Text>
      <TemplateLinks templates={{ xlsx: templateUrl("xlsx"), csv: templateUrl("csv") }} />
      <TermsGate>
        <Importer />
        {canWrite && <Remembered />}
      </TermsGate>
    </Stack>
  );
}

/**
 * What the import remembers of its value step, through the shared list of every import: the answers for the countries
 * the reader imports for and those of any country (a country column's own values), to forget a wrong one.
 */
function Remembered() {
  const { t } = useTranslation();
  const vocabulary = useSeizureVocabulary();
  const countries = useCountries();
  return (
    <RememberedMappings
      path="/seizures/imports/value-mappings"
      vocabulary={vocabulary}
      sourceName={countries.name}
      anySource={t("importReport.remembered.anyCountry")}
      layouts="seizures.import.layouts"
    />
  );
}

/**
 * The seizures' import: the shared import flow, with the sharing level, the column mapping (a file whose layout is
 * not recognised waits for the required fields' columns) and the value mapping.
 */
function Importer() {
  const { t } = useTranslation();
  const vocabulary = useSeizureVocabulary();
  const queryClient = useQueryClient();
  const [sharing, setSharing] = useState<string>("members");
  return (
    <ImportFlow<SeizureImportResult>
      start={(fileId, answers) =>
        startImport({
          fileId,
          sharing,
          dryRun: answers.dryRun,
          confirmWarnings: answers.confirmWarnings,
          ...(answers.mapping ? { mapping: answers.mapping as ColumnMapping } : {}),
          ...(answers.valueMapping ? { valueMapping: answers.valueMapping as ValueMapping } : {}),
        })
      }
      options={
        <Select
          label={t("seizures.import.sharing")}
          data={SHARING_LEVELS.map((v) => ({ value: v, label: t(`seizures.sharing.${v}`) }))}
          value={sharing}
          onChange={(v) => setSharing(v ?? "members")}
          allowDeselect={false}
          w={{ base: "100%", xs: 280 }}
        />
      }
      layoutName={(layout) => t(`seizures.import.layouts.${layout}`, { defaultValue: layout })}
      readyText={(r) => t("seizures.import.wouldImport", { count: r.report.rowsRead })}
      done={(r) => <Imported result={r} />}
      vocabulary={vocabulary}
      confirmWarnings
      // The records and their statistics are read again.
      onImported={() => {
        void queryClient.invalidateQueries({ queryKey: ["seizures"] });
      }}
      columns={{
        fields: IMPORT_FIELDS.map((f) => ({
          value: f,
          label: t(`seizures.fields.${f}`),
          required: REQUIRED_IMPORT_FIELDS.includes(f),
        })),
        // A workbook's sheets are read together (one per year): there is no sheet to choose.
        chooseSheet: false,
      }}
    />
  );
}

function Imported({ result }: { result: SeizureImportResult }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <span>
        {t("seizures.import.imported", { count: result.report.imported, duplicates: result.possibleDuplicates })}
      </span>
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
  );
}
