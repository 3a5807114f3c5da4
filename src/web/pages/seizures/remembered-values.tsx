import { Button, Card, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { RememberedValueMapping } from "../../../common/seizure-value-mappings.js";
import type { MappableField } from "../../../common/seizures.js";
import { forgetValueMapping, rememberedValueMappingsQuery } from "../../api/seizures.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useCountryOptions, useDateTime } from "../admin/admin-format.js";
import { useTargetLabel } from "./import-values.js";

/**
 * What the import remembers: every value a person has mapped for the countries the reader imports for (and the
 * values of country columns, remembered for any country), with what it means, when and by whom. A wrong answer can
 * be forgotten, so the next file asks again; forgetting is kept in the audit log.
 */
export function RememberedValues() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const q = useQuery(rememberedValueMappingsQuery);
  const items = q.data?.items ?? [];
  const countries = useCountryOptions(items.map((m) => m.sourceCountry).filter((c) => c !== "*"));
  const when = useDateTime();
  const targetLabel = useTargetLabel();
  const [forgotten, setForgotten] = useState<string | null>(null);
  const forget = useMutation({
    mutationFn: (m: RememberedValueMapping) => forgetValueMapping(m.id),
    onSuccess: (_, m) => {
      setForgotten(m.value);
      void queryClient.invalidateQueries({ queryKey: ["seizures", "value-mappings"] });
    },
  });
  const source = (m: RememberedValueMapping) =>
    m.sourceCountry === "*" ? t("seizures.import.remembered.anyCountry") : countries.countryName(m.sourceCountry);
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="remembered-title" data-testid="remembered-values">
      <Title order={2} fz="h3" id="remembered-title" mb="xs">
        {t("seizures.import.remembered.title")}
      </Title>
      <Text size="sm" mb="sm">
        {t("seizures.import.remembered.intro")}
      </Text>
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {forget.error && <ErrorAlert error={forget.error} />}
      <Text size="sm" role="status" c="dimmed" mb={forgotten ? "xs" : 0}>
        {forgotten ? t("seizures.import.remembered.forgotten", { value: forgotten }) : ""}
      </Text>
      {q.isPending ? (
        <ListSkeleton rows={3} />
      ) : items.length === 0 && !q.error ? (
        <Empty title={t("seizures.import.remembered.emptyTitle")} description={t("seizures.import.remembered.empty")} />
      ) : items.length > 0 ? (
        <Table.ScrollContainer minWidth={720}>
          <Table withTableBorder>
            <Table.Caption>{t("seizures.import.remembered.caption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("seizures.import.remembered.source")}</Table.Th>
                <Table.Th>{t("seizures.import.values.field")}</Table.Th>
                <Table.Th>{t("seizures.import.values.value")}</Table.Th>
                <Table.Th>{t("seizures.import.values.mapTo")}</Table.Th>
                <Table.Th>{t("seizures.import.remembered.given")}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t("seizures.import.remembered.actions")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    {source(m)}
                    <Text size="xs" c="dimmed">
                      {t(`seizures.import.layouts.${m.layout}`, { defaultValue: m.layout })}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`seizures.fields.${m.field}`)}</Table.Td>
                  <Table.Td style={{ overflowWrap: "anywhere" }}>{m.value}</Table.Td>
                  <Table.Td>{targetLabel(m.field as MappableField, m.target)}</Table.Td>
                  <Table.Td>
                    {when(m.updatedAt)}
                    {m.updatedBy ? `, ${m.updatedBy}` : ""}
                  </Table.Td>
                  <Table.Td>
                    {m.canDelete ? (
                      <Button
                        size="xs"
                        variant="default"
                        color="red"
                        loading={forget.isPending && forget.variables?.id === m.id}
                        disabled={forget.isPending}
                        onClick={() => forget.mutate(m)}
                        aria-label={t("seizures.import.remembered.forgetValue", {
                          value: m.value,
                          field: t(`seizures.fields.${m.field}`),
                          source: source(m),
                        })}
                      >
                        {t("seizures.import.remembered.forget")}
                      </Button>
                    ) : (
                      <Text size="xs" c="dimmed">
                        {t("seizures.import.remembered.coordinatorsOnly")}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Card>
  );
}
