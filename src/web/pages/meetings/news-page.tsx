import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import type { ReactElement } from "react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { NEWS_KINDS } from "../../../common/meetings.js";
import type { NotificationPreference } from "../../../common/platform.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { api } from "../../api/client.js";
import { createNews, feedUrl, NEWS_PAGE_SIZE, newsQuery } from "../../api/meetings.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { problemFieldErrors } from "../../components/form-errors.js";
import { CardForm, FormActions, SubmitError } from "../../components/forms/card-form.js";
import { IconRss } from "../../components/icons.js";
import { ListPagination, pageParam } from "../../components/lists/list-pagination.js";
import { Localized, TranslationBadge, useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";
import { PillarFilter, roman, usePillarOptions } from "./meeting-format.js";

const prefsQuery = {
  queryKey: ["notifications", "preferences"],
  queryFn: () => api.get<{ items: NotificationPreference[] }>("/notifications/preferences"),
};

/** E-mail digests by pillar are notification kinds; this panel turns them on and off. */
function Subscriptions() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { data, error } = useQuery(prefsQuery);
  const save = useMutation({
    mutationFn: (items: NotificationPreference[]) => api.put("/notifications/preferences", { items }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["notifications", "preferences"] }),
  });
  if (error) return <ErrorAlert error={error} />;
  const current = new Map((data?.items ?? []).map((p) => [p.kind, p]));
  return (
    <Card withBorder padding="sm">
      <Title order={2} size="h5" mb="xs">
        {t("meetings.news.subscribe")}
      </Title>
      <Group gap="md">
        {NEWS_KINDS.map((kind) => {
          const on = !!current.get(kind)?.email;
          const label =
            kind === "news.general"
              ? t("meetings.news.general")
              : t("meetings.pillarShort", { roman: roman(Number(kind.slice(-1))) });
          return (
            <Switch
              key={kind}
              label={label}
              checked={on}
              disabled={!data || save.isPending}
              onChange={(e) => save.mutate([{ kind, inApp: e.currentTarget.checked, email: e.currentTarget.checked }])}
            />
          );
        })}
      </Group>
      {save.error && <ErrorAlert error={save.error} />}
    </Card>
  );
}

function NewsForm() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [pillar, setPillar] = useState<string | null>(null);
  const [membersOnly, setMembersOnly] = useState(false);
  const pillarOptions = usePillarOptions();
  const save = useMutation({
    mutationFn: () =>
      createNews({
        title: { [lang]: title.trim() },
        body: { [lang]: body.trim() },
        pillars: pillar ? [Number(pillar)] : [],
        visibility: membersOnly ? "members" : "public",
      }),
    onSuccess: async () => {
      setOpen(false);
      setTitle("");
      setBody("");
      await client.invalidateQueries({ queryKey: ["news"] });
    },
  });
  const errors = problemFieldErrors(t, save.error);
  if (!open)
    return (
      <Button w="fit-content" onClick={() => setOpen(true)}>
        {t("meetings.news.add")}
      </Button>
    );
  return (
    <CardForm onSubmit={() => save.mutate()}>
      <TextInput
        label={t("meetings.news.titleField")}
        required
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={errors[`body.title.${lang}`] ?? errors["body.title"]}
      />
      <Textarea
        label={t("meetings.news.body")}
        required
        autosize
        minRows={4}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={errors[`body.body.${lang}`] ?? errors["body.body"]}
      />
      <Select
        label={t("meetings.fields.pillar")}
        placeholder={t("meetings.news.general")}
        data={pillarOptions}
        value={pillar}
        onChange={setPillar}
        clearable
      />
      <Checkbox
        label={t("meetings.membersOnly")}
        checked={membersOnly}
        onChange={(e) => setMembersOnly(e.currentTarget.checked)}
      />
      <SubmitError error={save.error} fieldErrors={errors} />
      <FormActions
        submit={t("meetings.news.publish")}
        pending={save.isPending}
        cancel={{ label: t("meetings.cancel"), onClick: () => setOpen(false) }}
      />
    </CardForm>
  );
}

/** The news feeds offered, by format and name. */
const FEEDS = [
  ["rss", "RSS"],
  ["atom", "Atom"],
] as const;

export function NewsPage(): ReactElement {
  const { t } = useTranslation();
  usePageTitle(t("meetings.news.title"));
  const text = useLocalizedText();
  const search = useSearch({ from: "/news" });
  const navigate = useNavigate({ from: "/news" });
  const me = useMe().data;
  const page = search.page ?? 1;
  const { data, error, isPending, refetch } = useQuery(newsQuery(search.pillar, page));
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t("meetings.news.title")}</Title>
        <Group gap="xs">
          {FEEDS.map(([format, name]) => (
            <Button
              key={format}
              component="a"
              href={feedUrl(format)}
              variant="light"
              leftSection={<IconRss size={16} aria-hidden="true" />}
            >
              {name}
            </Button>
          ))}
        </Group>
      </Group>
      {me?.user && <Subscriptions />}
      {hasPermission(me, "news:manage") && <NewsForm />}
      <PillarFilter
        value={search.pillar}
        onChange={(pillar) => void navigate({ search: { pillar }, replace: true })}
        maw={320}
      />
      {isPending && <ListSkeleton rows={4} height={90} />}
      {error && <ErrorAlert error={error} onRetry={() => void refetch()} />}
      {data && data.items.length === 0 && <Empty title={t("meetings.news.empty")} />}
      <Stack component="ul" gap="xs" p={0} style={{ listStyle: "none" }}>
        {data?.items.map((n) => (
          <Card key={n.id} component="li" withBorder padding="sm">
            <Text size="xs" c="dimmed">
              {n.publishedAt.slice(0, 10)}
              {n.visibility === "members" ? ` · ${t("meetings.membersOnly")}` : ""}
            </Text>
            <div>
              <Anchor renderRoot={(props) => <Link to="/news/$id" params={{ id: n.id }} {...props} />} fw={600}>
                <Localized value={n.title} badge={false} />
              </Anchor>
              <TranslationBadge value={n.title} queue={{ module: "news", id: n.id }} />
            </div>
            <Text size="sm" lineClamp={3}>
              {text(n.summary) || text(n.body)}
            </Text>
          </Card>
        ))}
      </Stack>
      <ListPagination
        total={data?.total ?? 0}
        pageSize={NEWS_PAGE_SIZE}
        page={page}
        onChange={(p) => void navigate({ search: (s) => ({ ...s, page: pageParam(p) }) })}
        labels="meetings.pagination"
      />
    </Stack>
  );
}
