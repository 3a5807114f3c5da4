import { Button, Card, Group, SimpleGrid, Stack, Table, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { archiveTotal, createTotal, totalsQuery } from "../../api/factsheets.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { problemFieldErrors } from "../../components/form-errors.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";
import { formatNumber } from "./factsheet-format.js";
import { ImportPanel } from "./import-panel.js";
import { ScrollTable } from "./scroll-table.js";

const num = (s: string): number | null => {
  const cleaned = s.replace(/[\s\u00a0]/g, "").replace(",", ".");
  return cleaned === "" ? null : Number(cleaned);
};

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
        quantity: num(f.quantity) ?? Number.NaN,
        cases: num(f.cases),
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
  const lang = useLanguage();
  const client = useQueryClient();
  const list = useQuery(totalsQuery(country, year));
  const archive = useMutation({
    mutationFn: (i: { id: string; version: number }) => archiveTotal(i.id, i.version),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["factsheets"] }),
  });
  return (
    <Stack gap="md">
      {list.isPending ? (
        <ListSkeleton />
      ) : list.error ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data.items.length ? (
        <Empty title={t("factsheets.totals.empty")} />
      ) : (
        <ScrollTable label={t("factsheets.table")} minWidth={560}>
          <Table striped verticalSpacing={4}>
            <Table.Caption>{t("factsheets.totals.caption", { year })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("factsheets.columns.drug")}</Table.Th>
                <Table.Th ta="right">{t("factsheets.columns.quantity")}</Table.Th>
                <Table.Th>{t("factsheets.columns.unit")}</Table.Th>
                <Table.Th ta="right">{t("factsheets.columns.cases")}</Table.Th>
                <Table.Th>{t("factsheets.columns.source")}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t("factsheets.indicators.actions")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.drug}</Table.Td>
                  <Table.Td ta="right">{formatNumber(lang, r.quantity, 3)}</Table.Td>
                  <Table.Td>{r.unit}</Table.Td>
                  <Table.Td ta="right">{formatNumber(lang, r.cases, 0)}</Table.Td>
                  <Table.Td>{r.source}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="gray"
                      onClick={() => archive.mutate(r)}
                      aria-label={t("factsheets.totals.archive", { drug: r.drug })}
                    >
                      {t("factsheets.totals.archiveShort")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {archive.error && <ErrorAlert error={archive.error} />}
      <TotalForm country={country} year={year} />
      <ImportPanel kind="national-totals" />
    </Stack>
  );
}
