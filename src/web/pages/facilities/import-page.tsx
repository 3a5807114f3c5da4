import { Anchor, Button, Group, SegmentedControl, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { countryOptions } from "../../../common/countries.js";
import {
  type FacilityImportResult,
  type FacilitySharing,
  IMPORT_FIELDS,
  type ImportField,
} from "../../../common/facilities.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { startImport, templateUrl } from "../../api/facilities.js";
import { IconDownload } from "../../components/icons.js";
import { ImportFlow } from "../../components/import/import-flow.js";
import { RememberedMappings } from "../../components/import/remembered-mappings.js";
import { NOT_AVAILABLE, type ValueVocabulary } from "../../components/import/value-mapping.js";
import type { RepeatWords } from "../../components/import-repeats.js";
import { usePageTitle } from "../../components/page-title.js";
import { useLanguage } from "../../i18n/index.js";
import { useCountries, useFacilityLabels } from "./facility-format.js";

/** Field → the file's header, the pipeline's direction. */
type Mapping = Partial<Record<ImportField, string>>;

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
  // Refs, not state: the check that follows a change of columns or sheet must send the change just made.
  const mapping = useRef<Mapping | undefined>(undefined);
  const sheet = useRef<string | undefined>(undefined);
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
      <Anchor href={templateUrl} size="sm" download>
        <IconDownload size={14} aria-hidden="true" /> {t("facilities.import.template")}
      </Anchor>
      <ImportFlow<FacilityImportResult>
        start={(fileId, answers) => {
          setImported(undefined);
          return startImport({
            fileId,
            sharing,
            dryRun: answers.dryRun,
            ...(country ? { country } : {}),
            ...(sheet.current ? { sheet: sheet.current } : {}),
            ...(mapping.current ? { mapping: mapping.current } : {}),
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
        extraStep={(r, check) => (
          <Stack gap="sm">
            {r.sheets.length > 1 && (
              <Select
                label={t("facilities.import.sheet")}
                data={r.sheets}
                value={r.report.sheet}
                onChange={(s) => {
                  if (!s) return;
                  sheet.current = s;
                  mapping.current = undefined;
                  check();
                }}
                allowDeselect={false}
                maw={360}
              />
            )}
            {r.dryRun && (
              <ColumnsStep
                key={`${r.report.fileName}:${r.report.sheet ?? ""}:${Object.values(r.mapping).join("|")}`}
                result={r}
                onApply={(m) => {
                  mapping.current = m;
                  check();
                }}
              />
            )}
          </Stack>
        )}
        onImported={() => {
          setImported(country ?? undefined);
          void queryClient.invalidateQueries({ queryKey: ["facilities"] });
          void queryClient.invalidateQueries({ queryKey: ["imports", "value-mappings"] });
        }}
      />
      <SeeOnMap show={imported !== undefined} country={imported} />
      {hasPermission(me, "facilities:write") && (
        <RememberedMappings
          path="/facilities/imports/value-mappings"
          vocabulary={vocabulary}
          sourceName={countries.name}
          anySource={t("importReport.remembered.anyCountry")}
          layoutName={(layout) =>
            t(`facilities.import.layouts.${layout}`, {
              defaultValue: t("importReport.remembered.layouts.other"),
            })
          }
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

/** The columns of the file as the check read them (header → field), to correct and check again. */
function ColumnsStep({ result, onApply }: { result: FacilityImportResult; onApply: (m: Mapping) => void }) {
  const { t } = useTranslation();
  const [byHeader, setByHeader] = useState<Record<string, ImportField | null>>(() => {
    const start: Record<string, ImportField | null> = {};
    for (const [field, header] of Object.entries(result.mapping)) start[header] = field as ImportField;
    return start;
  });
  const fieldOptions = [
    { value: "", label: t("facilities.import.ignore") },
    ...IMPORT_FIELDS.map((f) => ({ value: f, label: t(`facilities.importFields.${f}`) })),
  ];
  const apply = () => {
    const m: Mapping = {};
    for (const [header, field] of Object.entries(byHeader)) if (field) m[field] = header;
    onApply(m);
  };
  return (
    <Stack gap="xs">
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
          {result.headers.map((h, i) => (
            <Table.Tr key={h}>
              <Table.Td fw={500}>{h}</Table.Td>
              <Table.Td visibleFrom="sm" style={{ overflowWrap: "anywhere" }}>
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {result.sample
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
                  value={byHeader[h] ?? ""}
                  onChange={(v) => setByHeader((m) => ({ ...m, [h]: (v || null) as ImportField | null }))}
                  allowDeselect={false}
                  size="xs"
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button variant="light" onClick={apply}>
          {t("facilities.import.applyColumns")}
        </Button>
      </Group>
    </Stack>
  );
}
