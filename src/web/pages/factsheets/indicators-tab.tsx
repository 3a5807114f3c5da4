import { Button, Card, Group, Select, SimpleGrid, Stack, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  INDICATOR_KINDS,
  type Indicator,
  type IndicatorInput,
  type IndicatorKind,
} from "../../../common/factsheets.js";
import { archiveIndicator, createIndicator, indicatorsQuery } from "../../api/factsheets.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { problemFieldErrors } from "../../components/form-errors.js";
import { useFormat } from "../../i18n/format.js";
import { NationalDataTab, parseDecimal, useDrugLabel } from "./national-data-tab.js";

const DEFAULT_UNIT: Record<IndicatorKind, string> = {
  price: "g",
  purity: "%",
  treatment: "persons",
  prevalence: "%",
  precursor_seizure: "kg",
  stopped_shipment: "kg",
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
        usdRate: kind === "price" ? parseDecimal(f.usdRate) : null,
        typical: parseDecimal(f.typical),
        min: parseDecimal(f.min),
        max: parseDecimal(f.max),
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
  const format = useFormat();
  const drug = useDrugLabel();
  const kindLabel = (i: Indicator) =>
    `${t(`factsheets.kind.${i.kind}`)}${i.market ? ` · ${t(`factsheets.market.${i.market}`)}` : ""}`;
  return (
    <NationalDataTab
      list={useQuery(indicatorsQuery(country, [year - 1, year]))}
      order={(items) => items.sort((a, b) => b.year - a.year || a.kind.localeCompare(b.kind))}
      columns={[
        { header: t("factsheets.columns.year"), cell: (i) => i.year },
        { header: t("factsheets.columns.indicator"), cell: kindLabel },
        { header: t("factsheets.columns.drug"), cell: (i) => drug(i.drug) },
        { header: t("factsheets.columns.typical"), align: "right", cell: (i) => format.number(i.typical) },
        {
          header: t("factsheets.columns.range"),
          align: "right",
          cell: (i) => (i.min !== null || i.max !== null ? `${format.number(i.min)} – ${format.number(i.max)}` : "—"),
        },
        {
          header: t("factsheets.columns.unit"),
          cell: (i) => [i.currency, i.unit ? format.unit(i.unit) : ""].filter(Boolean).join("/"),
        },
        { header: "USD", align: "right", cell: (i) => format.number(i.usdTypical) },
        { header: t("factsheets.columns.source"), cell: (i) => i.source },
      ]}
      caption={t("factsheets.indicators.caption", { year: year - 1, year2: year })}
      empty={t("factsheets.indicators.empty")}
      minWidth={760}
      archive={(i) => archiveIndicator(i.id, i.version)}
      archiveLabel={(i) => t("factsheets.indicators.archive", { what: kindLabel(i) })}
      invalidate={["factsheets", "indicators", country]}
      hint={t("factsheets.indicators.hint")}
      form={<IndicatorForm country={country} year={year} />}
      importKind="indicators"
    />
  );
}
