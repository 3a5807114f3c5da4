import {
  ActionIcon,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { INDICATOR_KINDS, type IndicatorInput, type IndicatorKind } from "../../../common/factsheets.js";
import { archiveIndicator, createIndicator, indicatorsQuery } from "../../api/factsheets.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { problemFieldErrors } from "../../components/form-errors.js";
import { IconHistory } from "../../components/icons.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";
import { formatNumber } from "./factsheet-format.js";
import { ImportPanel } from "./import-panel.js";
import { ScrollTable } from "./scroll-table.js";

const DEFAULT_UNIT: Record<IndicatorKind, string> = {
  price: "g",
  purity: "%",
  treatment: "persons",
  prevalence: "%",
  precursor_seizure: "kg",
  stopped_shipment: "kg",
};

const num = (s: string): number | null => {
  const cleaned = s.replace(/[\s\u00a0]/g, "").replace(",", ".");
  return cleaned === "" ? null : Number(cleaned);
};

function IndicatorForm({ country, year }: { country: string; year: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [kind, setKind] = useState<IndicatorKind>("price");
  const [f, setF] = useState({
    drug: "heroin",
    market: "retail",
    unit: "g",
    currency: "USD",
    usdRate: "1",
    typical: "",
    min: "",
    max: "",
    source: "",
  });
  const set = (key: keyof typeof f) => (e: { currentTarget: { value: string } }) =>
    setF({ ...f, [key]: e.currentTarget.value });
  const save = useMutation({
    mutationFn: () => {
      const input: IndicatorInput = {
        country,
        year,
        kind,
        drug: f.drug.trim(),
        market: kind === "price" ? (f.market as "retail" | "wholesale") : "",
        unit: f.unit.trim(),
        currency: kind === "price" ? f.currency.trim().toUpperCase() : "",
        usdRate: kind === "price" ? num(f.usdRate) : null,
        typical: num(f.typical),
        min: num(f.min),
        max: num(f.max),
        source: f.source.trim(),
        note: "",
      };
      return createIndicator(input);
    },
    onSuccess: () => {
      setF({ ...f, typical: "", min: "", max: "" });
      void client.invalidateQueries({ queryKey: ["factsheets", "indicators", country] });
    },
  });
  const errors = problemFieldErrors(t, save.error);
  return (
    <Card withBorder padding="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t("factsheets.indicators.add")}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            <Select
              label={t("factsheets.columns.indicator")}
              data={INDICATOR_KINDS.map((k) => ({ value: k, label: t(`factsheets.kind.${k}`) }))}
              value={kind}
              onChange={(v) => {
                const next = (v ?? "price") as IndicatorKind;
                setKind(next);
                setF({ ...f, unit: DEFAULT_UNIT[next] });
              }}
              allowDeselect={false}
            />
            <TextInput label={t("factsheets.columns.drug")} value={f.drug} onChange={set("drug")} error={errors.drug} />
            {kind === "price" && (
              <Select
                label={t("factsheets.columns.market")}
                data={(["retail", "wholesale"] as const).map((m) => ({ value: m, label: t(`factsheets.market.${m}`) }))}
                value={f.market}
                onChange={(v) => setF({ ...f, market: v ?? "retail" })}
                allowDeselect={false}
                error={errors.market}
              />
            )}
            <TextInput label={t("factsheets.columns.unit")} value={f.unit} onChange={set("unit")} error={errors.unit} />
            {kind === "price" && (
              <>
                <TextInput
                  label={t("factsheets.columns.currency")}
                  value={f.currency}
                  onChange={set("currency")}
                  maxLength={3}
                  error={errors.currency}
                />
                <TextInput
                  label={t("factsheets.indicators.usdRate")}
                  inputMode="decimal"
                  value={f.usdRate}
                  onChange={set("usdRate")}
                  error={errors.usdRate}
                />
              </>
            )}
            <TextInput
              label={t("factsheets.columns.typical")}
              inputMode="decimal"
              value={f.typical}
              onChange={set("typical")}
              error={errors.typical}
            />
            <TextInput
              label={t("factsheets.columns.min")}
              inputMode="decimal"
              value={f.min}
              onChange={set("min")}
              error={errors.min}
            />
            <TextInput
              label={t("factsheets.columns.max")}
              inputMode="decimal"
              value={f.max}
              onChange={set("max")}
              error={errors.max}
            />
            <TextInput
              label={t("factsheets.columns.source")}
              value={f.source}
              onChange={set("source")}
              error={errors.source}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t("factsheets.indicators.save")}
            </Button>
          </Group>
          {save.error && <ErrorAlert error={save.error} />}
        </Stack>
      </form>
    </Card>
  );
}

export function IndicatorsTab({ country, year }: { country: string; year: number }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const client = useQueryClient();
  const list = useQuery(indicatorsQuery(country, [year - 1, year]));
  const archive = useMutation({
    mutationFn: (i: { id: string; version: number }) => archiveIndicator(i.id, i.version),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["factsheets", "indicators", country] }),
  });
  const rows = (list.data?.items ?? []).sort((a, b) => b.year - a.year || a.kind.localeCompare(b.kind));
  return (
    <Stack gap="md">
      {list.isPending ? (
        <ListSkeleton />
      ) : list.error ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : !rows.length ? (
        <Empty title={t("factsheets.indicators.empty")} />
      ) : (
        <ScrollTable label={t("factsheets.table")} minWidth={760}>
          <Table striped verticalSpacing={4}>
            <Table.Caption>{t("factsheets.indicators.caption", { year: year - 1, year2: year })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("factsheets.columns.year")}</Table.Th>
                <Table.Th>{t("factsheets.columns.indicator")}</Table.Th>
                <Table.Th>{t("factsheets.columns.drug")}</Table.Th>
                <Table.Th ta="right">{t("factsheets.columns.typical")}</Table.Th>
                <Table.Th ta="right">{t("factsheets.columns.range")}</Table.Th>
                <Table.Th>{t("factsheets.columns.unit")}</Table.Th>
                <Table.Th ta="right">USD</Table.Th>
                <Table.Th>{t("factsheets.columns.source")}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t("factsheets.indicators.actions")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{i.year}</Table.Td>
                  <Table.Td>
                    {t(`factsheets.kind.${i.kind}`)}
                    {i.market && ` · ${t(`factsheets.market.${i.market}`)}`}
                  </Table.Td>
                  <Table.Td>{i.drug}</Table.Td>
                  <Table.Td ta="right">{formatNumber(lang, i.typical)}</Table.Td>
                  <Table.Td ta="right">
                    {i.min !== null || i.max !== null
                      ? `${formatNumber(lang, i.min)} – ${formatNumber(lang, i.max)}`
                      : "—"}
                  </Table.Td>
                  <Table.Td>{[i.currency, i.unit].filter(Boolean).join("/")}</Table.Td>
                  <Table.Td ta="right">{formatNumber(lang, i.usdTypical)}</Table.Td>
                  <Table.Td>{i.source}</Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t("factsheets.indicators.archive", { what: t(`factsheets.kind.${i.kind}`) })}
                      onClick={() => archive.mutate(i)}
                    >
                      <IconHistory size={16} aria-hidden="true" />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {archive.error && <ErrorAlert error={archive.error} />}
      <Text size="sm" c="dimmed">
        {t("factsheets.indicators.hint")}
      </Text>
      <IndicatorForm country={country} year={year} />
      <ImportPanel kind="indicators" />
    </Stack>
  );
}
