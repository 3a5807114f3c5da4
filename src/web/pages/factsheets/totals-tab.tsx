import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { archiveTotal, createTotal, totalsQuery } from "../../api/factsheets.js";
import { useFormat } from "../../i18n/format.js";
import { NationalDataForm, useNationalDataForm } from "./national-data-form.js";
import { NationalDataTab, parseDecimal, useDrugLabel } from "./national-data-tab.js";

function TotalForm({ country, year }: { country: string; year: number }) {
  const { t } = useTranslation();
  const form = useNationalDataForm({
    initial: { drug: "", unit: "kg", quantity: "", cases: "", source: "" },
    submit: (f) =>
      createTotal({
        country,
        year,
        drug: f.drug.trim(),
        unit: f.unit.trim(),
        quantity: parseDecimal(f.quantity) ?? Number.NaN,
        cases: parseDecimal(f.cases),
        source: f.source.trim(),
        note: "",
      }),
    afterSave: (f) => ({ drug: "", unit: "kg", quantity: "", cases: "", source: f.source }),
    invalidate: ["factsheets"],
  });
  return (
    <NationalDataForm
      title={t("factsheets.totals.add")}
      saveLabel={t("factsheets.totals.save")}
      columns={5}
      save={form.save}
    >
      {form.text("drug", t("factsheets.columns.drug"), { required: true })}
      {form.text("unit", t("factsheets.columns.unit"), { required: true })}
      {form.text("quantity", t("factsheets.columns.quantity"), { inputMode: "decimal", required: true })}
      {form.text("cases", t("factsheets.columns.cases"), { inputMode: "numeric" })}
      {form.text("source", t("factsheets.columns.source"))}
    </NationalDataForm>
  );
}

export function TotalsTab({ country, year }: { country: string; year: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const drug = useDrugLabel();
  return (
    <NationalDataTab
      list={useQuery(totalsQuery(country, year))}
      columns={[
        { header: t("factsheets.columns.drug"), cell: (r) => drug(r.drug) },
        { header: t("factsheets.columns.quantity"), align: "right", cell: (r) => format.number(r.quantity, 3) },
        { header: t("factsheets.columns.unit"), cell: (r) => format.unit(r.unit) },
        { header: t("factsheets.columns.cases"), align: "right", cell: (r) => format.int(r.cases) },
        { header: t("factsheets.columns.source"), cell: (r) => r.source },
      ]}
      caption={t("factsheets.totals.caption", { year })}
      empty={t("factsheets.totals.empty")}
      minWidth={560}
      archive={(r) => archiveTotal(r.id, r.version)}
      archiveLabel={(r) => t("factsheets.totals.archive", { drug: drug(r.drug) })}
      invalidate={["factsheets"]}
      form={<TotalForm country={country} year={year} />}
      importKind="national-totals"
    />
  );
}
