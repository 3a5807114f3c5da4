import { Anchor, Button, Group, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useRef, useState } from "react";
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
import { startImport, templateUrl } from "../../api/seizures.js";
import { IconDownload } from "../../components/icons.js";
import { ImportFlow } from "../../components/import/import-flow.js";
import { RememberedMappings } from "../../components/import/remembered-mappings.js";
import { usePageTitle } from "../../components/page-title.js";
import { SectionCard } from "../../components/section-card.js";
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
      layoutName={(layout) => t(`seizures.import.layouts.${layout}`, { defaultValue: layout })}
    />
  );
}

/** The seizures' import: the shared import flow, with the sharing level, the column mapping and the value mapping. */
function Importer() {
  const { t } = useTranslation();
  const vocabulary = useSeizureVocabulary();
  const queryClient = useQueryClient();
  const [sharing, setSharing] = useState<string>("members");
  // A ref, not state: the check that follows the mapping step must send the mapping just chosen.
  const mapping = useRef<ColumnMapping | undefined>(undefined);
  return (
    <ImportFlow<SeizureImportResult>
      start={(fileId, answers) =>
        startImport({
          fileId,
          sharing,
          dryRun: answers.dryRun,
          confirmWarnings: answers.confirmWarnings,
          ...(mapping.current ? { mapping: mapping.current } : {}),
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
      // The records, their statistics and the values the import now remembers are read again.
      onImported={() => {
        void queryClient.invalidateQueries({ queryKey: ["seizures"] });
        void queryClient.invalidateQueries({ queryKey: ["imports", "value-mappings"] });
      }}
      extraStep={(r, check) =>
        r.report.layout === "unknown" && r.headers.length > 0 ? (
          <MappingStep
            headers={r.headers}
            initial={mapping.current ?? {}}
            onApply={(m) => {
              mapping.current = m;
              check();
            }}
          />
        ) : null
      }
    />
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
    <SectionCard titleId="mapping-title" title={t("seizures.import.mappingTitle")}>
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
    </SectionCard>
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
