import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LANGUAGES, type Language } from "../../../common/localized.js";
import {
  TRANSLATION_MODULES,
  type TranslationEntry,
  type TranslationModule,
  type TranslationQueue,
} from "../../../common/translations.js";
import { ApiError } from "../../api/client.js";
import { fillTranslation, TRANSLATIONS_PAGE_SIZE, translationQueueQuery } from "../../api/translations.js";
import { ErrorAlert, errorMessage } from "../../components/error-alert.js";
import { InternalLink } from "../../components/internal-link.js";
import { ListPagination, pageParam } from "../../components/lists/list-pagination.js";
import { QueryStates } from "../../components/lists/query-states.js";
import { Localized } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";

const other = (l: Language): Language => (l === "en" ? "ru" : "en");

/** Records missing each language, per module: each count filters the queue. */
function Counts({
  counts,
  onPick,
}: {
  counts: TranslationQueue["counts"];
  onPick: (module: TranslationModule, missing: Language) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const modules = TRANSLATION_MODULES.filter((m) => counts.some((c) => c.module === m));
  const count = (m: TranslationModule, l: Language) =>
    counts.find((c) => c.module === m && c.missing === l)?.count ?? 0;
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table verticalSpacing="xs" striped>
        <Table.Caption>{t("translations.counts.caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("translations.counts.module")}</Table.Th>
            {LANGUAGES.map((l) => (
              <Table.Th key={l} style={{ textAlign: "right" }}>
                {t(`translations.missingLanguage.${l}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {modules.map((m) => (
            <Table.Tr key={m}>
              <Table.Td>{t(`translations.modules.${m}`)}</Table.Td>
              {LANGUAGES.map((l) => (
                <Table.Td key={l} style={{ textAlign: "right" }}>
                  {count(m, l) > 0 ? (
                    <UnstyledButton onClick={() => onPick(m, l)} c="blue.8" td="underline">
                      {format.int(count(m, l))}
                      <VisuallyHidden>
                        {" "}
                        {t("translations.counts.show", {
                          module: t(`translations.modules.${m}`),
                          language: t(`translations.missingLanguage.${l}`),
                        })}
                      </VisuallyHidden>
                    </UnstyledButton>
                  ) : (
                    format.int(0)
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One record of the queue: each field lacking the language, its existing text beside a box to fill. */
function EntryEditor({ entry }: { entry: TranslationEntry }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [texts, setTexts] = useState<Record<string, string>>({});
  const from = other(entry.missing);
  const fields = entry.fields.filter((f) => f.missing);
  const save = useMutation({
    mutationFn: () =>
      fillTranslation(entry.module, entry.id, {
        version: entry.version,
        language: entry.missing,
        fields: Object.fromEntries(Object.entries(texts).filter(([, v]) => v.trim())),
      }),
    onSuccess: () => {
      setTexts({});
      void queryClient.invalidateQueries({ queryKey: ["translations"] });
    },
  });
  const filled = Object.values(texts).some((v) => v.trim());
  const conflict = save.error instanceof ApiError && save.error.code === "version_conflict";
  const fieldError = (name: string) => {
    if (!(save.error instanceof ApiError)) return undefined;
    const err = save.error.problem?.errors?.find((e) => e.path === `body.fields.${name}`);
    return err?.message;
  };
  const headingId = `tr-${entry.module}-${entry.id}-${entry.missing}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Group gap="xs">
              <Badge variant="light" style={{ textTransform: "none" }}>
                {t(`translations.modules.${entry.module}`)}
              </Badge>
              <Badge variant="outline" color="#a13b00" style={{ textTransform: "none" }}>
                {t(`translations.missingLanguage.${entry.missing}`)}
              </Badge>
            </Group>
            <Title order={2} size="h4" id={headingId}>
              <InternalLink href={entry.link}>
                <Localized value={entry.title} badge={false} />
                {!entry.title.en && !entry.title.ru ? t("translations.untitled") : null}
              </InternalLink>
            </Title>
          </Stack>
        </Group>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (filled) save.mutate();
          }}
        >
          <Stack gap="sm">
            {fields.map((f) => {
              const id = `${headingId}-${f.name}`;
              return (
                <SimpleGrid key={f.name} cols={{ base: 1, sm: 2 }} spacing="sm">
                  <Stack gap={4}>
                    <Text size="sm" fw={600} id={`${id}-source`}>
                      {t(`translations.fields.${f.name}`)} · {t(`translations.language.${from}`)}
                    </Text>
                    <Text
                      size="sm"
                      lang={from}
                      style={{ whiteSpace: "pre-wrap", maxHeight: 240, overflow: "auto" }}
                      p="xs"
                      bg="gray.0"
                    >
                      {f.text[from]}
                    </Text>
                  </Stack>
                  <Textarea
                    id={id}
                    label={`${t(`translations.fields.${f.name}`)} · ${t(`translations.language.${entry.missing}`)}`}
                    description={t("translations.fillHint")}
                    aria-describedby={`${id}-source`}
                    lang={entry.missing}
                    autosize
                    minRows={2}
                    maxRows={12}
                    maxLength={20000}
                    value={texts[f.name] ?? ""}
                    error={fieldError(f.name)}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setTexts((prev) => ({ ...prev, [f.name]: value }));
                    }}
                  />
                </SimpleGrid>
              );
            })}
            {save.error &&
              (conflict ? (
                <Alert color="orange" variant="light" role="alert" title={t("translations.conflictTitle")}>
                  <Stack gap="xs">
                    <Text size="sm">{errorMessage(t, save.error)}</Text>
                    <Group>
                      <Button
                        size="xs"
                        variant="outline"
                        onClick={() => {
                          save.reset();
                          void queryClient.invalidateQueries({ queryKey: ["translations"] });
                        }}
                      >
                        {t("translations.reload")}
                      </Button>
                    </Group>
                  </Stack>
                </Alert>
              ) : (
                <ErrorAlert error={save.error} />
              ))}
            <Group>
              <Button type="submit" disabled={!filled} loading={save.isPending}>
                {t("translations.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}

/** Coordinators: the records missing a translation, by module and language, filled in place. */
export function TranslationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  usePageTitle(t("translations.title"));
  const search = useSearch({ from: "/admin/translations" });
  const navigate = useNavigate({ from: "/admin/translations" });
  const page = search.page ?? 1;
  const list = useQuery(
    translationQueueQuery({ module: search.module, missing: search.missing, record: search.record, page }),
  );
  const setFilter = (next: { module?: TranslationModule | undefined; missing?: Language | undefined }) =>
    void navigate({ search: { ...search, ...next, record: undefined, page: undefined } });
  const filtered = !!(search.module || search.missing || search.record);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t("translations.title")}</Title>
        <Text size="sm" c="dimmed">
          {t("translations.intro")}
        </Text>
      </Stack>
      <QueryStates
        query={list}
        skeleton={{ rows: 4 }}
        isEmpty={(data) => data.counts.length === 0}
        empty={<Empty title={t("translations.allDone")} description={t("translations.allDoneHint")} />}
      >
        {(data) => (
          <>
            <Counts counts={data.counts} onPick={(module, missing) => setFilter({ module, missing })} />
            <Group align="flex-end" gap="md">
              <Select
                label={t("translations.filter.module")}
                data={[
                  { value: "", label: t("translations.filter.allModules") },
                  ...TRANSLATION_MODULES.map((m) => ({ value: m, label: t(`translations.modules.${m}`) })),
                ]}
                value={search.module ?? ""}
                onChange={(v) => setFilter({ module: (v || undefined) as TranslationModule | undefined })}
                allowDeselect={false}
                w={240}
              />
              <Select
                label={t("translations.filter.missing")}
                data={[
                  { value: "", label: t("translations.filter.anyLanguage") },
                  ...LANGUAGES.map((l) => ({ value: l, label: t(`translations.missingLanguage.${l}`) })),
                ]}
                value={search.missing ?? ""}
                onChange={(v) => setFilter({ missing: (v || undefined) as Language | undefined })}
                allowDeselect={false}
                w={240}
              />
              {filtered && (
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => setFilter({ module: undefined, missing: undefined })}
                >
                  {t("translations.filter.clear")}
                </Anchor>
              )}
            </Group>
            <Text size="sm" role="status">
              {t("translations.total", { count: data.total, formatted: format.int(data.total) })}
            </Text>
            {data.items.length === 0 ? (
              <Empty title={t("translations.noneForFilter")} />
            ) : (
              <Stack gap="md">
                {data.items.map((entry) => (
                  <EntryEditor key={`${entry.module}-${entry.id}-${entry.missing}-${entry.version}`} entry={entry} />
                ))}
              </Stack>
            )}
            <ListPagination
              total={data.total}
              pageSize={TRANSLATIONS_PAGE_SIZE}
              page={page}
              onChange={(p) => void navigate({ search: { ...search, page: pageParam(p) } })}
            />
          </>
        )}
      </QueryStates>
    </Stack>
  );
}
