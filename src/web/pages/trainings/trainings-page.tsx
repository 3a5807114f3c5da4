import { Anchor, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/auth.js";
import { TRAININGS_PAGE_SIZE, trainingsQuery } from "../../api/trainings.js";
import { IconSearch } from "../../components/icons.js";
import { ListPagination, pageParam } from "../../components/lists/list-pagination.js";
import { QueryStates } from "../../components/lists/query-states.js";
import { useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";
import type { TrainingsSearch } from "./trainings.routes.js";

/** Training events (public, no personal data), with the organizer's entry points. */
export function TrainingsPage() {
  const { t } = useTranslation();
  usePageTitle(t("trainings.title"));
  const lang = useLanguage();
  const localized = useLocalizedText();
  const search = useSearch({ from: "/trainings" }) as TrainingsSearch;
  const navigate = useNavigate({ from: "/trainings" });
  const { data: me } = useMe();
  const [q, setQ] = useState(search.q ?? "");
  const [debounced] = useDebouncedValue(q, 300);
  useEffect(() => {
    if ((debounced || undefined) !== search.q) void navigate({ search: { q: debounced || undefined } });
  }, [debounced, search.q, navigate]);
  const list = useQuery(trainingsQuery(search));
  const canWrite = hasPermission(me, "trainings:write");
  const canReview = hasPermission(me, "linkage:review");
  const date = new Intl.DateTimeFormat(lang, { dateStyle: "medium" });
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t("trainings.title")}</Title>
        <Group gap="xs">
          <Button variant="default" renderRoot={(p) => <Link to="/trainings/reports" {...p} />}>
            {t("trainings.reports.link")}
          </Button>
          {canReview && (
            <Button variant="default" renderRoot={(p) => <Link to="/trainings/review" {...p} />}>
              {t("trainings.review.link")}
            </Button>
          )}
          {canWrite && (
            <Button renderRoot={(p) => <Link to="/trainings/new" {...p} />}>{t("trainings.new.link")}</Button>
          )}
        </Group>
      </Group>
      <Text c="dimmed">{t("trainings.intro")}</Text>
      <TextInput
        label={t("trainings.search")}
        leftSection={<IconSearch size={16} aria-hidden="true" />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maw={420}
      />
      <QueryStates
        query={list}
        isEmpty={(data) => data.items.length === 0}
        empty={<Empty description={t("trainings.empty")} />}
      >
        {(data) => (
          <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {data.items.map((tr) => (
              <Card component="li" key={tr.id} withBorder padding="sm">
                <Anchor fw={600} renderRoot={(p) => <Link to="/trainings/$id" params={{ id: tr.id }} {...p} />}>
                  {tr.title}
                </Anchor>
                <Group gap="xs" mt={4}>
                  <Text size="sm">
                    {date.formatRange(new Date(tr.startsOn), new Date(tr.endsOn))}
                    {tr.place ? ` · ${tr.place}` : ""}
                  </Text>
                  <Badge variant="light">{localized(tr.course.title)}</Badge>
                  <Badge variant="outline">{t(`trainings.level.${tr.course.level}`)}</Badge>
                  <Text size="sm" c="dimmed">
                    {t("trainings.participants.count", { count: tr.participantCount })}
                  </Text>
                </Group>
              </Card>
            ))}
          </Stack>
        )}
      </QueryStates>
      <ListPagination
        total={list.data?.total ?? 0}
        pageSize={TRAININGS_PAGE_SIZE}
        page={search.page ?? 1}
        onChange={(page) => void navigate({ search: { ...search, page: pageParam(page) } })}
      />
    </Stack>
  );
}
