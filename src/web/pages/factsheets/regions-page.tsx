import { Anchor, Badge, MultiSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/auth.js";
import { createRegion, regionsQuery } from "../../api/factsheets.js";
import { partnersQuery } from "../../api/queries.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { FormCard } from "../../components/form-card.js";
import { problemFieldErrors } from "../../components/form-errors.js";
import { IconChevronLeft } from "../../components/icons.js";
import { useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { RecordTable } from "../../components/record-table.js";
import { ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import { ScrollTable } from "./scroll-table.js";

function NewRegion() {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const client = useQueryClient();
  const partners = useQuery(partnersQuery);
  const [code, setCode] = useState("");
  const [en, setEn] = useState("");
  const [ru, setRu] = useState("");
  const [countries, setCountries] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: () =>
      createRegion({
        code: code.trim(),
        name: { ...(en.trim() ? { en: en.trim() } : {}), ...(ru.trim() ? { ru: ru.trim() } : {}) },
        countries,
      }),
    onSuccess: () => {
      setCode("");
      setEn("");
      setRu("");
      setCountries([]);
      void client.invalidateQueries({ queryKey: ["factsheets", "regions"] });
    },
  });
  const errors = problemFieldErrors(t, save.error);
  return (
    <FormCard
      title={t("factsheets.regions.new")}
      order={2}
      saveLabel={t("factsheets.regions.create")}
      save={save}
      disabled={!code || !countries.length || (!en && !ru)}
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t("factsheets.regions.code")}
          description={t("factsheets.regions.codeHint")}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={errors.code}
          required
        />
        <TextInput
          label={t("factsheets.regions.nameEn")}
          lang="en"
          value={en}
          onChange={(e) => setEn(e.currentTarget.value)}
          error={errors.name}
        />
        <TextInput
          label={t("factsheets.regions.nameRu")}
          lang="ru"
          value={ru}
          onChange={(e) => setRu(e.currentTarget.value)}
        />
      </SimpleGrid>
      <MultiSelect
        label={t("factsheets.regions.countries")}
        data={(partners.data?.items ?? [])
          .filter((p) => p.kind === "country")
          .map((p) => ({ value: p.code, label: `${text(p.name)} (${p.code})` }))}
        value={countries}
        onChange={setCountries}
        searchable
        error={errors.countries}
      />
    </FormCard>
  );
}

export function RegionsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useLocalizedText();
  const { data: me } = useMe();
  const regions = useQuery(regionsQuery);
  usePageTitle(t("factsheets.regions.title"));
  return (
    <Stack gap="md">
      <Anchor size="sm" renderRoot={(props) => <Link to="/factsheets" {...props} />}>
        <IconChevronLeft size={14} aria-hidden="true" /> {t("factsheets.title")}
      </Anchor>
      <Title order={1}>{t("factsheets.regions.title")}</Title>
      <Text c="dimmed">{t("factsheets.regions.intro")}</Text>
      {regions.isPending ? (
        <ListSkeleton />
      ) : regions.error ? (
        <ErrorAlert error={regions.error} onRetry={() => void regions.refetch()} />
      ) : (
        <ScrollTable label={t("factsheets.table")} minWidth={480}>
          <RecordTable
            striped
            verticalSpacing="xs"
            caption={t("factsheets.regions.title")}
            captionHidden
            columns={[t("factsheets.regions.name"), t("factsheets.regions.countries")]}
            rows={regions.data.items}
          >
            {(r) => (
              <Table.Tr key={r.code}>
                <Table.Td>
                  {text(r.name)}{" "}
                  {r.builtIn && (
                    <Badge size="xs" variant="light">
                      {t("factsheets.regions.builtIn")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{format.list(r.countries.map(format.country))}</Table.Td>
              </Table.Tr>
            )}
          </RecordTable>
        </ScrollTable>
      )}
      {hasPermission(me, "reference:manage") && <NewRegion />}
    </Stack>
  );
}
