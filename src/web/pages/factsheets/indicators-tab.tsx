import { Select } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  INDICATOR_KINDS,
  type Indicator,
  type IndicatorInput,
  type IndicatorKind,
} from "../../../common/factsheets.js";
import { archiveIndicator, createIndicator, indicatorsQuery } from "../../api/factsheets.js";
import { useFormat } from "../../i18n/format.js";
import { NationalDataForm, useNationalDataForm } from "./national-data-form.js";
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
  const [kind, setKind] = useState<IndicatorKind>("price");
  const form = useNationalDataForm({
    initial: {
      drug: "heroin",
      market: "retail",
      unit: "g",
      currency: "USD",
      usdRate: "1",
      typical: "",
      min: "",
      max: "",
      source: "",
    },
    submit: (f) => {
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
    afterSave: (f) => ({ ...f, typical: "", min: "", max: "" }),
    invalidate: ["factsheets", "indicators", country],
  });
  const { values: f, setValues: setF } = form;
  const price = kind === "price";
  return (
    <NationalDataForm
      title={t("factsheets.indicators.add")}
      saveLabel={t("factsheets.indicators.save")}
      columns={4}
      save={form.save}
    >
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
      {form.text("drug", t("factsheets.columns.drug"))}
      {price && (
        <Select
          label={t("factsheets.columns.market")}
          data={(["retail", "wholesale"] as const).map((m) => ({ value: m, label: t(`factsheets.market.${m}`) }))}
          value={f.market}
          onChange={(v) => setF({ ...f, market: v ?? "retail" })}
          allowDeselect={false}
          error={form.errors.market}
        />
      )}
      {form.text("unit", t("factsheets.columns.unit"))}
      {price && form.text("currency", t("factsheets.columns.currency"), { maxLength: 3 })}
      {price && form.text("usdRate", t("factsheets.indicators.usdRate"), { inputMode: "decimal" })}
      {form.text("typical", t("factsheets.columns.typical"), { inputMode: "decimal" })}
      {form.text("min", t("factsheets.columns.min"), { inputMode: "decimal" })}
      {form.text("max", t("factsheets.columns.max"), { inputMode: "decimal" })}
      {form.text("source", t("factsheets.columns.source"))}
    </NationalDataForm>
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
