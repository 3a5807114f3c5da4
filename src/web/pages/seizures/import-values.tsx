import { Button, Card, Group, Select, Table, Text, Title } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { countryOptions } from "../../../common/countries.js";
import {
  type MappableField,
  mappingTargets,
  REQUIRED_IMPORT_FIELDS,
  type RememberedValue,
  type UnmappedValue,
  type ValueMapping,
} from "../../../common/seizures.js";
import { useLanguage } from "../../i18n/index.js";
import { useDrugs } from "./seizure-format.js";

/** The select's value for "not available" (a mapping to null). */
const NOT_AVAILABLE = "\u0000na";

/** i18n keys of each mappable field's codes (drugs and countries have their own names). */
const CODE_KEYS: Partial<Record<MappableField, string>> = {
  unit: "seizures.units",
  placeType: "seizures.placeTypes",
  transportMode: "seizures.transport",
  route: "seizures.routes",
  sourceType: "seizures.sources",
  sharing: "seizures.sharing",
  datePrecision: "seizures.precision",
  coordPrecision: "seizures.coordPrecisions",
};

type Choice = { value: string; label: string } | { group: string; items: { value: string; label: string }[] };

/** What a value of each field may be mapped to, named in the UI language. */
function useTargets(): (field: MappableField) => Choice[] {
  const { t } = useTranslation();
  const lang = useLanguage();
  const drugs = useDrugs();
  return useMemo(() => {
    return (field: MappableField) => {
      const targets = mappingTargets(field);
      let choices: Choice[];
      if (field === "drug") choices = drugs.drugOptions;
      else if (targets === "country") choices = countryOptions(lang);
      else choices = targets.map((code) => ({ value: code, label: t(`${CODE_KEYS[field]}.${code}`) }));
      return REQUIRED_IMPORT_FIELDS.includes(field)
        ? choices
        : [{ value: NOT_AVAILABLE, label: t("seizures.import.values.notAvailable") }, ...choices];
    };
  }, [t, lang, drugs]);
}

/** The name, in the UI language, of the code a value of `field` is mapped to ("not available" for null). */
export function useTargetLabel(): (field: MappableField, code: string | null) => string {
  const targets = useTargets();
  return useMemo(() => {
    const names = new Map<string, Map<string, string>>();
    return (field, code) => {
      let byCode = names.get(field);
      if (!byCode) {
        byCode = new Map();
        for (const c of targets(field))
          for (const item of "group" in c ? c.items : [c]) byCode.set(item.value, item.label);
        names.set(field, byCode);
      }
      return byCode.get(code ?? NOT_AVAILABLE) ?? code ?? "";
    };
  }, [targets]);
}

interface Line {
  field: MappableField;
  value: string;
  column: string | null;
  count: number;
  rows: number[];
  sheets?: string[] | undefined;
  remembered: boolean;
}

/**
 * The value-mapping step: every value of the file that no vocabulary knows, shown once with its count and first
 * rows, and the values read through mappings remembered from earlier files (which the user may change). Each is
 * mapped to a known value or to "not available"; the answers are sent with the next check.
 */
export function ValueMappingStep({
  unmapped,
  remembered,
  initial,
  onApply,
}: {
  unmapped: UnmappedValue[];
  remembered: RememberedValue[];
  initial: ValueMapping;
  onApply: (mapping: ValueMapping) => void;
}) {
  const { t } = useTranslation();
  const targets = useTargets();
  const lines: Line[] = [
    ...unmapped.map((u) => ({ ...u, remembered: false })),
    ...remembered.map((r) => ({ ...r, column: null, rows: [], remembered: true })),
  ];
  const [answers, setAnswers] = useState<Record<string, string | null>>(() => {
    const start: Record<string, string | null> = {};
    for (const r of remembered) start[`${r.field}\u0000${r.value}`] = r.target ?? NOT_AVAILABLE;
    for (const [field, values] of Object.entries(initial))
      for (const [value, target] of Object.entries(values ?? {}))
        start[`${field}\u0000${value}`] = target ?? NOT_AVAILABLE;
    return start;
  });
  const key = (l: { field: string; value: string }) => `${l.field}\u0000${l.value}`;
  const rememberedTarget = new Map(remembered.map((r) => [key(r), r.target]));
  const missing = unmapped.filter((u) => !answers[`${u.field}\u0000${u.value}`]).length;
  const apply = () => {
    const mapping: Record<string, Record<string, string | null>> = {};
    for (const [field, values] of Object.entries(initial)) mapping[field] = { ...values };
    for (const l of lines) {
      const answer = answers[key(l)];
      if (!answer) continue;
      const target = answer === NOT_AVAILABLE ? null : answer;
      // A remembered answer left as it was need not be sent: the server remembers it.
      if (l.remembered && target === rememberedTarget.get(key(l))) continue;
      mapping[l.field] = { ...mapping[l.field], [l.value]: target };
    }
    onApply(mapping as ValueMapping);
  };
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="values-title" data-testid="value-mapping">
      <Title order={2} fz="h3" id="values-title" mb="xs">
        {t("seizures.import.values.title")}
      </Title>
      <Text size="sm" mb="sm">
        {t("seizures.import.values.hint")}
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder>
          <Table.Caption>{t("seizures.import.values.caption")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("seizures.import.values.field")}</Table.Th>
              <Table.Th>{t("seizures.import.values.value")}</Table.Th>
              <Table.Th>{t("seizures.import.values.count")}</Table.Th>
              <Table.Th>{t("seizures.import.values.mapTo")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l) => (
              <Table.Tr key={key(l)}>
                <Table.Td>
                  {t(`seizures.fields.${l.field}`)}
                  {l.column ? (
                    <Text size="xs" c="dimmed">
                      {l.column}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td style={{ overflowWrap: "anywhere" }}>{l.value}</Table.Td>
                <Table.Td>
                  {l.remembered ? (
                    <Text size="sm">
                      {l.count}
                      <Text span size="xs" c="dimmed" display="block">
                        {t("seizures.import.values.remembered")}
                      </Text>
                    </Text>
                  ) : (
                    t("seizures.import.values.rows", {
                      count: l.count,
                      // With a workbook's yearly sheets read together, each row with its sheet ("2020: 5").
                      rows:
                        l.rows.map((r, i) => (l.sheets?.[i] ? `${l.sheets[i]}: ${r}` : r)).join(", ") +
                        (l.count > l.rows.length ? ", …" : ""),
                    })
                  )}
                </Table.Td>
                <Table.Td miw={240}>
                  <Select
                    aria-label={`${t("seizures.import.values.mapTo")}: ${l.value}`}
                    placeholder={t("seizures.import.values.choose")}
                    data={targets(l.field)}
                    searchable
                    value={answers[key(l)] ?? null}
                    onChange={(v) => setAnswers((a) => ({ ...a, [key(l)]: v }))}
                    size="xs"
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group mt="md">
        <Button onClick={apply} disabled={missing > 0}>
          {t("seizures.import.values.apply")}
        </Button>
      </Group>
    </Card>
  );
}
