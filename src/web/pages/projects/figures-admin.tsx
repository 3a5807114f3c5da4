import { Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { createParty, mapName, partiesQuery, unmappedQuery } from "../../api/projects.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { TableHead } from "../../components/record-table.js";
import { useLanguage } from "../../i18n/index.js";
import { ScrollRegion } from "./projects-nav.js";

/** Coordinators: names that map to no donor or organization of the list, each mapped with one choice. */
export function ReviewList() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const client = useQueryClient();
  const { data, error } = useQuery(unmappedQuery());
  const { data: parties } = useQuery(partiesQuery());
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [party, setParty] = useState({ code: "", en: "", ru: "" });
  const refresh = () => void client.invalidateQueries({ queryKey: ["projects"] });
  const map = useMutation({
    mutationFn: (v: { text: string; code: string }) => mapName(v.text, v.code),
    onSuccess: refresh,
  });
  const add = useMutation({
    mutationFn: () => createParty({ code: party.code, name: { en: party.en, ru: party.ru } }),
    onSuccess: () => {
      setParty({ code: "", en: "", ru: "" });
      refresh();
    },
  });
  const options = (parties?.items ?? []).map((p) => ({ value: p.code, label: `${p.name[lang]} (${p.code})` }));
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t("projects.figures.reviewTitle")}
        </Title>
        <Text size="sm" maw={820}>
          {t("projects.figures.reviewIntro")}
        </Text>
        {error && <ErrorAlert error={error} />}
        {data && data.items.length === 0 && <Text size="sm">{t("projects.figures.reviewEmpty")}</Text>}
        {data && data.items.length > 0 && (
          <ScrollRegion label={t("projects.figures.reviewTitle")}>
            <Table aria-label={t("projects.figures.reviewTitle")}>
              <TableHead
                th={{ scope: "col" }}
                columns={[
                  t("projects.figures.asWritten"),
                  t("projects.figures.field"),
                  t("projects.figures.projects"),
                  t("projects.figures.mapTo"),
                ]}
              />
              <Table.Tbody>
                {data.items.map((u) => {
                  const key = `${u.field}/${u.text}/${u.code ?? ""}`;
                  return (
                    <Table.Tr key={key}>
                      <Table.Th scope="row" style={{ overflowWrap: "anywhere" }}>
                        {u.text}
                        {u.code ? ` (${u.code})` : ""}
                      </Table.Th>
                      <Table.Td>{t(`projects.figures.kind.${u.field}`)}</Table.Td>
                      <Table.Td>{u.projects}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="wrap">
                          <Select
                            aria-label={t("projects.figures.mapToLabel", { text: u.text })}
                            data={options}
                            searchable
                            value={choice[key] ?? null}
                            onChange={(v) => setChoice({ ...choice, [key]: v ?? "" })}
                            w={260}
                          />
                          <Button
                            size="xs"
                            disabled={!choice[key]}
                            loading={map.isPending && map.variables?.text === u.text}
                            onClick={() => map.mutate({ text: u.text, code: choice[key] as string })}
                          >
                            {t("projects.figures.map")}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        )}
        {map.error && <ErrorAlert error={map.error} />}
        <Title order={3} size="h4">
          {t("projects.figures.addTitle")}
        </Title>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t("projects.figures.code")}
            value={party.code}
            onChange={(e) => setParty({ ...party, code: e.currentTarget.value })}
            w={140}
          />
          <TextInput
            label={t("projects.figures.nameEn")}
            value={party.en}
            onChange={(e) => setParty({ ...party, en: e.currentTarget.value })}
            w={240}
          />
          <TextInput
            label={t("projects.figures.nameRu")}
            value={party.ru}
            onChange={(e) => setParty({ ...party, ru: e.currentTarget.value })}
            w={240}
          />
          <Button disabled={!party.code || !party.en || !party.ru} loading={add.isPending} onClick={() => add.mutate()}>
            {t("projects.figures.add")}
          </Button>
        </Group>
        {add.error && <ErrorAlert error={add.error} />}
      </Stack>
    </Card>
  );
}
