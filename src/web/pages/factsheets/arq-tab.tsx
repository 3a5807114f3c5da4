import { Badge, Button, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Ranked } from "../../../common/factsheets.js";
import { arqExportUrl, arqQuery, reconciliationQuery } from "../../api/factsheets.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { IconFileSpreadsheet } from "../../components/icons.js";
import { useLocalizedText } from "../../components/localized.js";
import { RecordTable } from "../../components/record-table.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";
import { formatNumber } from "./factsheet-format.js";
import { ScrollTable } from "./scroll-table.js";

function RankedTable({ caption, rows }: { caption: string; rows: Ranked[] }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  return (
    <Table verticalSpacing={4} striped captionSide="top">
      <Table.Caption>{caption}</Table.Caption>
      <Table.Tbody>
        {rows.length === 0 ? (
          <Table.Tr>
            <Table.Td c="dimmed">{t("factsheets.arq.none")}</Table.Td>
          </Table.Tr>
        ) : (
          rows.map((r, i) => (
            <Table.Tr key={r.code}>
              <Table.Td w={32}>{i + 1}</Table.Td>
              <Table.Td>{text(r.name)}</Table.Td>
              <Table.Td ta="right">{t("factsheets.casesCount", { count: r.cases })}</Table.Td>
            </Table.Tr>
          ))
        )}
      </Table.Tbody>
    </Table>
  );
}

export function ArqTab({ country, year }: { country: string; year: number }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const lang = useLanguage();
  const q = useQuery(arqQuery(country, year));
  if (q.isPending) return <ListSkeleton />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const f = q.data;
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t("factsheets.arq.basis")}
        </Text>
        <Group gap="xs">
          {(["en", "ru"] as const).map((l) => (
            <Button
              key={l}
              component="a"
              href={arqExportUrl(country, year, l)}
              variant="light"
              leftSection={<IconFileSpreadsheet size={16} aria-hidden="true" />}
            >
              {t(`factsheets.arq.export.${l}`)}
            </Button>
          ))}
        </Group>
      </Group>
      <Title order={2} size="h4">
        {t("factsheets.arq.seizures")}
      </Title>
      {!f.seizures.length ? (
        <Empty title={t("factsheets.arq.noRecords")} />
      ) : (
        <ScrollTable label={t("factsheets.table")} minWidth={560}>
          <RecordTable
            striped
            verticalSpacing={4}
            columns={[
              t("factsheets.columns.drug"),
              { label: t("factsheets.columns.quantity"), th: { ta: "right" } },
              t("factsheets.columns.unit"),
              { label: t("factsheets.columns.kg"), th: { ta: "right" } },
              { label: t("factsheets.columns.cases"), th: { ta: "right" } },
            ]}
            rows={f.seizures}
          >
            {(s) => (
              <Table.Tr key={`${s.drug}-${s.unit}`}>
                <Table.Td>{text(s.drugName)}</Table.Td>
                <Table.Td ta="right">{formatNumber(lang, s.quantity, 3)}</Table.Td>
                <Table.Td>{s.unit}</Table.Td>
                <Table.Td ta="right">{formatNumber(lang, s.kg, 3)}</Table.Td>
                <Table.Td ta="right">{formatNumber(lang, s.cases, 0)}</Table.Td>
              </Table.Tr>
            )}
          </RecordTable>
        </ScrollTable>
      )}
      <Group gap="lg">
        <Text>
          {t("factsheets.arq.totalCases")}: <b>{formatNumber(lang, f.totalCases, 0)}</b>
        </Text>
        <Text>
          {t("factsheets.arq.persons")}: <b>{formatNumber(lang, f.personsArrested, 0)}</b>
        </Text>
        {f.monthsWithoutRecords.length > 0 && f.seizures.length > 0 && (
          <Badge color="orange" variant="light">
            {t("factsheets.arq.missingMonths", { months: f.monthsWithoutRecords.join(", ") })}
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <RankedTable caption={t("factsheets.arq.origins")} rows={f.origins} />
        <RankedTable caption={t("factsheets.arq.transit")} rows={f.transit} />
        <RankedTable caption={t("factsheets.arq.destinations")} rows={f.destinations} />
        <RankedTable caption={t("factsheets.arq.transport")} rows={f.transportModes} />
      </SimpleGrid>
      <Card withBorder padding="sm">
        <Title order={3} size="h5" mb={4}>
          {t("factsheets.arq.conversions")}
        </Title>
        <List size="sm">
          {f.conversions.map((c) => (
            <List.Item key={c.unit}>
              <b>{c.unit}</b>: {text(c.rule)}
            </List.Item>
          ))}
        </List>
      </Card>
    </Stack>
  );
}

const REASON_COLORS: Record<string, string> = { match: "green", not_reported: "gray", unexplained: "red" };

export function ReconciliationTab({ country, year }: { country: string; year: number }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const lang = useLanguage();
  const q = useQuery(reconciliationQuery(country, year));
  if (q.isPending) return <ListSkeleton />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data.lines.length) return <Empty title={t("factsheets.reconciliation.empty")} />;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t("factsheets.reconciliation.intro")}
      </Text>
      {q.data.lines.map((l) => (
        <Card key={`${l.drug}-${l.unit}`} withBorder padding="sm" data-testid="reconciliation-line">
          <Group justify="space-between" wrap="wrap">
            <Title order={3} size="h5">
              {`${l.reasons.includes("drug_name_mapping") ? `${l.drug} → ${text(l.drugName)}` : text(l.drugName)} (${l.unit})`}
            </Title>
            <Group gap={4}>
              {l.reasons.map((r) => (
                <Badge key={r} color={REASON_COLORS[r] ?? "orange"} variant="light">
                  {t(`factsheets.reconciliation.reason.${r}`)}
                </Badge>
              ))}
            </Group>
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 3 }} mt="xs">
            <Text size="sm">
              {t("factsheets.reconciliation.records")}: <b>{formatNumber(lang, l.recordsQuantity, 3)}</b>
              {l.recordsCases !== null && ` · ${t("factsheets.casesCount", { count: l.recordsCases })}`}
            </Text>
            <Text size="sm">
              {t("factsheets.reconciliation.reported")}: <b>{formatNumber(lang, l.reportedQuantity, 3)}</b>
              {l.reportedCases !== null && ` · ${t("factsheets.casesCount", { count: l.reportedCases })}`}
            </Text>
            <Text size="sm">
              {t("factsheets.reconciliation.difference")}: <b>{formatNumber(lang, l.difference, 3)}</b>
              {l.differenceShare !== null && ` (${formatNumber(lang, l.differenceShare * 100, 1)} %)`}
            </Text>
          </SimpleGrid>
          {l.explanations.length > 0 && (
            <List size="sm" mt="xs">
              {l.explanations.map((e) => (
                <List.Item key={e.en}>{text(e)}</List.Item>
              ))}
            </List>
          )}
          {l.records.length > 0 && (
            <ScrollTable label={t("factsheets.table")} minWidth={420} mt="xs">
              <Table verticalSpacing={2} fz="sm" captionSide="top">
                <Table.Caption>
                  {t("factsheets.reconciliation.recordsCaption", { count: l.records.length })}
                </Table.Caption>
                <Table.Tbody>
                  {l.records.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{r.date}</Table.Td>
                      <Table.Td>{r.drug}</Table.Td>
                      <Table.Td ta="right">{formatNumber(lang, r.quantity, 3)}</Table.Td>
                      <Table.Td>{r.unit}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
        </Card>
      ))}
    </Stack>
  );
}
