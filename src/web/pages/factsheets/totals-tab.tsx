import { Button, Card, Group, SimpleGrid, Stack, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { archiveTotal, createTotal, totalsQuery } from "../../api/factsheets.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { problemFieldErrors } from "../../components/form-errors.js";
import { useFormat } from "../../i18n/format.js";
import { NationalDataTab, parseDecimal, useDrugLabel } from "./national-data-tab.js";

function TotalForm({ country, year }: { country: string; year: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [f, setF] = useState({ drug: "", unit: "kg", quantity: "", cases: "", source: "" });
  const set = (key: keyof typeof f) => (e: { currentTarget: { value: string } }) =>
    setF({ ...f, [key]: e.currentTarget.value });
  const save = useMutation({
    mutationFn: () =>
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
    onSuccess: () => {
      setF({ drug: "", unit: "kg", quantity: "", cases: "", source: f.source });
      void client.invalidateQueries({ queryKey: ["factsheets"] });
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
            {t("factsheets.totals.add")}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
            <TextInput
              label={t("factsheets.columns.drug")}
              value={f.drug}
              onChange={set("drug")}
              error={errors.drug}
              required
            />
            <TextInput
              label={t("factsheets.columns.unit")}
              value={f.unit}
              onChange={set("unit")}
              error={errors.unit}
              required
            />
            <TextInput
              label={t("factsheets.columns.quantity")}
              inputMode="decimal"
              value={f.quantity}
              onChange={set("quantity")}
              error={errors.quantity}
              required
            />
            <TextInput
              label={t("factsheets.columns.cases")}
              inputMode="numeric"
              value={f.cases}
              onChange={set("cases")}
              error={errors.cases}
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
              {t("factsheets.totals.save")}
            </Button>
          </Group>
          {save.error && <ErrorAlert error={save.error} />}
        </Stack>
      </form>
    </Card>
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
