import { Select, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { RecordTable } from "../record-table.js";
import { SectionCard } from "../section-card.js";
import { ApplyAnswers } from "./apply-answers.js";

/** A select's value for "not available" (a mapping to null). */
export const NOT_AVAILABLE = "\u0000na";

export type Choice = { value: string; label: string } | { group: string; items: { value: string; label: string }[] };

/** A value of the file that no vocabulary knows, as every module's import result lists it. */
export interface UnknownValue {
  field: string;
  column: string | null;
  value: string;
  count: number;
  /** The first rows that hold it (as numbered in the spreadsheet). */
  rows: number[];
  /** The sheet of each of `rows`, for a workbook's sheets imported together. */
  sheets?: string[] | undefined;
}

/** A value read through a mapping remembered from an earlier file of the same source. */
export interface KnownValue {
  field: string;
  value: string;
  target: string | null;
  count: number;
}

/** The answers of the step: field → value in the file → code it means (null: not available). */
export type ValueAnswers = Record<string, Record<string, string | null>>;

/** What a module tells the step about its fields: their names and the codes a value may be mapped to. */
export interface ValueVocabulary {
  fieldLabel: (field: string) => string;
  /** The codes a value of `field` may mean, named in the UI language ("not available" included where allowed). */
  targets: (field: string) => Choice[];
}

interface Line extends UnknownValue {
  remembered: boolean;
}

const keyOf = (l: { field: string; value: string }) => `${l.field}\u0000${l.value}`;

/**
 * The value-mapping step of every import: each value of the file that no vocabulary knows, shown once with its count
 * and first rows, and the values read through mappings remembered from earlier files (which the user may change).
 * Each is mapped to a known value or to "not available"; `onApply` sends the answers with the next check.
 */
export function ValueMappingStep({
  unmapped,
  remembered,
  initial,
  vocabulary,
  onApply,
}: {
  unmapped: UnknownValue[];
  remembered: KnownValue[];
  initial: ValueAnswers;
  vocabulary: ValueVocabulary;
  onApply: (answers: ValueAnswers) => void;
}) {
  const { t } = useTranslation();
  const lines: Line[] = [
    ...unmapped.map((u) => ({ ...u, remembered: false })),
    ...remembered.map((r) => ({ ...r, column: null, rows: [], remembered: true })),
  ];
  const [answers, setAnswers] = useState<Record<string, string | null>>(() => {
    const start: Record<string, string | null> = {};
    for (const r of remembered) start[keyOf(r)] = r.target ?? NOT_AVAILABLE;
    for (const [field, values] of Object.entries(initial))
      for (const [value, target] of Object.entries(values)) start[keyOf({ field, value })] = target ?? NOT_AVAILABLE;
    return start;
  });
  const rememberedTarget = new Map(remembered.map((r) => [keyOf(r), r.target]));
  const missing = unmapped.filter((u) => !answers[keyOf(u)]).length;
  const apply = () => {
    const mapping: ValueAnswers = {};
    for (const [field, values] of Object.entries(initial)) mapping[field] = { ...values };
    for (const l of lines) {
      const answer = answers[keyOf(l)];
      if (!answer) continue;
      const target = answer === NOT_AVAILABLE ? null : answer;
      // A remembered answer left as it was need not be sent: the server remembers it.
      if (l.remembered && target === rememberedTarget.get(keyOf(l))) continue;
      mapping[l.field] = { ...mapping[l.field], [l.value]: target };
    }
    onApply(mapping);
  };
  return (
    <SectionCard titleId="values-title" title={t("importReport.values.title")} data-testid="value-mapping">
      <Text size="sm" mb="sm">
        {t("importReport.values.hint")}
      </Text>
      <RecordTable
        minWidth={640}
        withTableBorder
        caption={t("importReport.values.caption")}
        columns={[
          t("importReport.values.field"),
          t("importReport.values.value"),
          t("importReport.values.count"),
          t("importReport.values.mapTo"),
        ]}
        rows={lines}
      >
        {(l) => (
          <Table.Tr key={keyOf(l)}>
            <Table.Td>
              {vocabulary.fieldLabel(l.field)}
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
                    {t("importReport.values.remembered")}
                  </Text>
                </Text>
              ) : (
                t("importReport.values.rows", {
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
                aria-label={`${t("importReport.values.mapTo")}: ${l.value}`}
                placeholder={t("importReport.values.choose")}
                data={vocabulary.targets(l.field)}
                searchable
                value={answers[keyOf(l)] ?? null}
                onChange={(v) => setAnswers((a) => ({ ...a, [keyOf(l)]: v }))}
                size="xs"
              />
            </Table.Td>
          </Table.Tr>
        )}
      </RecordTable>
      <ApplyAnswers
        label={t("importReport.values.apply")}
        missing={missing > 0 ? t("importReport.values.missing", { count: missing }) : null}
        onApply={apply}
      />
    </SectionCard>
  );
}
