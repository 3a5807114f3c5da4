import { Button, Card, Chip, Group, Mark, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SearchResult } from "../../../common/platform.js";
import { SEARCH_PAGE_SIZE, searchQuery } from "../../api/queries.js";
import { IconSearch } from "../../components/icons.js";
import { InternalLink } from "../../components/internal-link.js";
import { ListPagination, pageParam } from "../../components/lists/list-pagination.js";
import { QueryStates } from "../../components/lists/query-states.js";
import { Localized } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty } from "../../components/states.js";
import { snippetParts } from "./snippet.js";

type Hit = SearchResult["items"][number];

function useTypeLabel() {
  const { t } = useTranslation();
  return (type: string) => t(`search.types.${type}`, { defaultValue: type });
}

function TypeFilter({
  byType,
  type,
  onChange,
}: {
  byType: Record<string, number>;
  type: string | undefined;
  onChange: (t: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const label = useTypeLabel();
  const all = Object.values(byType).reduce((a, b) => a + b, 0);
  const entries = Object.entries(byType).filter(([, n]) => n > 0);
  return (
    <Chip.Group value={type ?? ""} onChange={(v) => onChange(typeof v === "string" && v ? v : undefined)}>
      <Group gap="xs" role="group" aria-label={t("search.filterByType")}>
        <Chip value="" size="sm" variant="outline">
          {t("search.all")} ({all})
        </Chip>
        {entries.map(([key, n]) => (
          <Chip key={key} value={key} size="sm" variant="outline">
            {label(key)} ({n})
          </Chip>
        ))}
      </Group>
    </Chip.Group>
  );
}

/**
 * The snippet as text with its matches in <mark> elements: the server sends plain text and the offsets of the
 * matches (never markup), so nothing from a record is ever rendered as HTML.
 */
function HighlightedText({ text, highlights }: { text: string; highlights: Hit["highlights"] }) {
  return (
    <>
      {snippetParts(text, highlights).map((part, i) =>
        part.mark ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet never reorder
          <Mark key={i}>{part.text}</Mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

function HitCard({ hit }: { hit: Hit }) {
  return (
    <Card withBorder padding="sm" radius="md" component="li">
      <InternalLink href={hit.url} fw={600}>
        <Localized value={hit.title} />
      </InternalLink>
      {hit.snippet && (
        <Text size="sm" mt={4} c="dimmed">
          <HighlightedText text={hit.snippet} highlights={hit.highlights} />
        </Text>
      )}
    </Card>
  );
}

function Results({ data }: { data: SearchResult }) {
  const label = useTypeLabel();
  const groups = useMemo(() => {
    const map = new Map<string, Hit[]>();
    for (const hit of data.items) map.set(hit.entityType, [...(map.get(hit.entityType) ?? []), hit]);
    return [...map.entries()];
  }, [data.items]);
  return (
    <Stack gap="lg">
      {groups.map(([type, hits]) => (
        <section key={type} aria-labelledby={`results-${type}`}>
          <Title order={2} fz="h4" id={`results-${type}`} mb="xs">
            {label(type)}{" "}
            <Text span c="dimmed" fw={400} fz="sm">
              ({data.byType[type] ?? hits.length})
            </Text>
          </Title>
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
            {hits.map((hit) => (
              <HitCard key={`${hit.entityType}:${hit.entityId}`} hit={hit} />
            ))}
          </Stack>
        </section>
      ))}
    </Stack>
  );
}

export function SearchPage() {
  const { t } = useTranslation();
  const { q = "", type, page = 1 } = useSearch({ from: "/search" });
  const navigate = useNavigate({ from: "/search" });
  const [input, setInput] = useState(q);
  useEffect(() => setInput(q), [q]);
  usePageTitle(q ? t("search.titleFor", { q }) : t("search.title"));
  const list = useQuery(searchQuery(q, type, page));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = input.trim();
    if (next) void navigate({ search: { q: next } });
  };

  return (
    <Stack gap="md">
      <Title order={1}>{t("search.title")}</Title>
      <form onSubmit={submit}>
        <Group gap="xs" align="flex-end" maw={640} wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            type="search"
            label={t("search.label")}
            value={input}
            onChange={(e) => setInput(e.currentTarget.value)}
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            maxLength={200}
          />
          <Button type="submit">{t("search.submit")}</Button>
        </Group>
      </form>
      {!q ? (
        <Empty title={t("search.enterQuery")} />
      ) : (
        <QueryStates query={list} skeleton={{ rows: 6, height: 64 }}>
          {(data) => (
            <>
              <Text aria-live="polite">{t("search.count", { count: data.total, q })}</Text>
              <TypeFilter
                byType={data.byType}
                type={type}
                onChange={(next) => void navigate({ search: { q, type: next } })}
              />
              {data.items.length === 0 ? (
                <Empty title={t("search.empty", { q })} description={t("search.emptyHint")} />
              ) : (
                <div aria-busy={list.isFetching}>
                  <Results data={data} />
                </div>
              )}
              <ListPagination
                total={data.total}
                pageSize={SEARCH_PAGE_SIZE}
                page={page}
                onChange={(p) => void navigate({ search: { q, type, page: pageParam(p) } })}
                numbered
              />
            </>
          )}
        </QueryStates>
      )}
    </Stack>
  );
}
