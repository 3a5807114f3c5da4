import { Anchor, Button, Group, SegmentedControl, Select, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { countryOptions } from "../../../common/countries.js";
import {
  type ColumnMapping,
  type FacilityImportResult,
  type FacilitySharing,
  IMPORT_FIELDS,
} from "../../../common/facilities.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { startImport, templateUrl } from "../../api/facilities.js";
import { ImportFlow } from "../../components/import/import-flow.js";
import { RememberedMappings } from "../../components/import/remembered-mappings.js";
import { TemplateLinks } from "../../components/import/template-links.js";
import { NOT_AVAILABLE, type ValueVocabulary } from "../../components/import/value-mapping.js";
import type { RepeatWords } from "../../components/import-repeats.js";
import { usePageTitle } from "../../components/page-title.js";
import { useLanguage } from "../../i18n/index.js";
import { useCountries, useFacilityLabels } from "./facility-format.js";

/**
 * The facility-list import through the shared import flow (POST /facilities/imports): the country of rows that have
 * none and the sharing beside the file; after a check, the columns as read (to correct) and the sheet; repeats of a
 * facility in the file wait for one decision; then the import job.
 */
export function FacilityImportPage() {
  const { t } = useTranslation();
  usePageTitle(t("facilities.import.title"));
  const queryClient = useQueryClient();
  const countries = useCountries();
  const [country, setCountry] = useState<string | null>(null);
  const [sharing, setSharing] = useState<FacilitySharing>("public");
  const [imported, setImported] = useState<string | undefined>();
  const words = useFacilityRepeatWords();
  const vocabulary = useFacilityVocabulary();
  const { data: me } = useMe();
  return (
    <Stack gap="md" maw={1000}>
      <Anchor renderRoot={(props) => <Link to="/facilities" {...props} />} size="sm">
        {t("facilities.back")}
      </Anchor>
      <Title order={1}>{t("facilities.import.title")}</Title>
      <Text maw={820}>{t("facilities.import.intro")}</Text>
      <TemplateLinks templates={{ xlsx: templateUrl }} />
      <ImportFlow<FacilityImportResult>
        start={(fileId, answers) => {
          setImported(undefined);
          return startImport({
            fileId,
            sharing,
            dryRun: answers.dryRun,
            ...(country ? { country } : {}),
            ...(answers.sheet ? { sheet: answers.sheet } : {}),
            ...(answers.mapping ? { mapping: answers.mapping as ColumnMapping } : {}),
            ...(answers.duplicates ? { duplicates: answers.duplicates } : {}),
            ...(answers.valueMapping ? { valueMapping: answers.valueMapping } : {}),
          });
        }}
        options={
          <>
            <Select
              label={t("facilities.import.country")}
              description={t("facilities.import.countryHint")}
              data={countries.options}
              value={country}
              onChange={setCountry}
              searchable
              clearable
              w={{ base: "100%", xs: 300 }}
            />
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
          </>
        }
        layoutName={(layout) => t(`facilities.import.layouts.${layout}`, { defaultValue: layout })}
        readyText={(r) => t("facilities.import.wouldImport", { created: r.created, updated: r.updated })}
        done={(r) => t("facilities.import.imported", { created: r.created, updated: r.updated })}
        repeatWords={words}
        vocabulary={vocabulary}
        columns={{
          fields: IMPORT_FIELDS.map((f) => ({ value: f, label: t(`facilities.importFields.${f}`) })),
        }}
        onImported={() => {
          setImported(country ?? undefined);
          void queryClient.invalidateQueries({ queryKey: ["facilities"] });
        }}
      />
      <SeeOnMap show={imported !== undefined} country={imported} />
      {hasPermission(me, "facilities:write") && (
        <RememberedMappings
          path="/facilities/imports/value-mappings"
          vocabulary={vocabulary}
          sourceName={countries.name}
          anySource={t("importReport.remembered.anyCountry")}
          layouts="facilities.import.layouts"
        />
      )}
    </Stack>
  );
}

function SeeOnMap({ show, country }: { show: boolean; country: string | undefined }) {
  const { t } = useTranslation();
  if (!show) return null;
  return (
    <Group>
      <Button
        renderRoot={(props) => (
          <Link to="/facilities" search={{ view: "map", country: country || undefined }} {...props} />
        )}
      >
        {t("facilities.import.seeMap")}
      </Button>
    </Group>
  );
}

function useFacilityRepeatWords(): RepeatWords {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      title: t("facilities.import.duplicatesTitle"),
      text: (count) => t("facilities.import.duplicatesText", { count }),
      row: (d) => t("facilities.import.duplicateRow", d),
      merge: t("facilities.import.merge"),
      keepBoth: t("facilities.import.keepBoth"),
      decided: (decision, count) => t(`facilities.import.decided.${decision}`, { count }),
    }),
    [t],
  );
}

/**
 * The facilities' fields and codes for the shared value-mapping step: a country, an organization type, a sharing
 * level, and a modality, service or population label (`kind:code`, grouped by kind); "not available" for each.
 */
function useFacilityVocabulary(): ValueVocabulary {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { options } = useFacilityLabels();
  return useMemo(() => {
    const notAvailable = { value: NOT_AVAILABLE, label: t("importReport.values.notAvailable") };
    const grouped = (kind: "modalities" | "services" | "populations", prefix: string) => ({
      group: t(`facilities.importFields.${kind}`),
      items: options(kind).map((o) => ({ value: `${prefix}:${o.value}`, label: o.label })),
    });
    return {
      fieldLabel: (field) =>
        field === "labels" ? t("facilities.import.labelsField") : t(`facilities.importFields.${field}`),
      targets: (field) => {
        if (field === "country") return [notAvailable, ...countryOptions(lang)];
        if (field === "org_type") return [notAvailable, ...options("orgTypes")];
        if (field === "sharing")
          return [
            notAvailable,
            ...(["public", "restricted"] as const).map((v) => ({ value: v, label: t(`facilities.sharing.${v}`) })),
          ];
        return [
          notAvailable,
          grouped("modalities", "modality"),
          grouped("services", "service"),
          grouped("populations", "population"),
        ];
      },
    };
  }, [t, lang, options]);
}
