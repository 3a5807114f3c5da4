import { Alert, Badge, Button, Card, Group, Stack, Switch, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Notification } from "../../../common/platform.js";
import { api } from "../../api/client.js";
import {
  NOTIFICATIONS_PAGE_SIZE,
  notificationsQuery,
  type PreferenceRow,
  preferencesQuery,
  savePreferences,
} from "../../api/queries.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { IconChecks } from "../../components/icons.js";
import { InternalLink } from "../../components/internal-link.js";
import { ListPagination, pageParam } from "../../components/lists/list-pagination.js";
import { QueryStates } from "../../components/lists/query-states.js";
import { Localized, useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";

function useKindLabel() {
  const { t } = useTranslation();
  return (kind: string) => t(`notifications.kinds.${kind}`, { defaultValue: kind.replaceAll("_", " ") });
}

function NotificationItem({ n, onRead, busy }: { n: Notification; onRead: (id: string) => void; busy: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const kind = useKindLabel();
  const unread = n.readAt === null;
  const when = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(new Date(n.createdAt));
  return (
    <Card
      component="li"
      withBorder
      radius="md"
      padding="sm"
      style={unread ? { borderInlineStart: "4px solid var(--mantine-color-unblue-8)" } : undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs">
            {unread && (
              <Badge size="xs" color="unblue.8" variant="filled">
                {t("notifications.unread")}
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              {kind(n.kind)} · <time dateTime={n.createdAt}>{when}</time>
            </Text>
          </Group>
          <Text fw={unread ? 700 : 500}>
            {n.link ? (
              <InternalLink href={n.link} onClick={() => unread && onRead(n.id)}>
                <Localized value={n.title} />
              </InternalLink>
            ) : (
              <Localized value={n.title} />
            )}
          </Text>
          {n.body && (
            <Text size="sm">
              <Localized value={n.body} />
            </Text>
          )}
        </Stack>
        {unread && (
          <Button
            size="compact-xs"
            variant="outline"
            onClick={() => onRead(n.id)}
            disabled={busy}
            style={{ flexShrink: 0 }}
          >
            {t("notifications.markRead")}
          </Button>
        )}
      </Group>
    </Card>
  );
}

function NotificationList() {
  const { t } = useTranslation();
  const { page = 1 } = useSearch({ from: "/notifications" });
  const navigate = useNavigate({ from: "/notifications" });
  const queryClient = useQueryClient();
  const list = useQuery(notificationsQuery(page));
  const data = list.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["notifications"] });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post(`/notifications/${encodeURIComponent(id)}/read`),
    onSettled: refresh,
  });
  const markAll = useMutation({ mutationFn: () => api.post("/notifications/read-all"), onSettled: refresh });

  return (
    <section aria-labelledby="notifications-list">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h3" id="notifications-list">
          {t("notifications.inbox")}{" "}
          {data && (
            <Text span c="dimmed" fz="sm" fw={400}>
              ({t("notifications.unreadCount", { count: data.unread })})
            </Text>
          )}
        </Title>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconChecks size={16} aria-hidden="true" />}
          onClick={() => markAll.mutate()}
          loading={markAll.isPending}
          disabled={!data || data.unread === 0}
        >
          {t("notifications.markAllRead")}
        </Button>
      </Group>
      {(markRead.error || markAll.error) && <ErrorAlert error={markRead.error ?? markAll.error} />}
      <QueryStates
        query={list}
        skeleton={{ rows: 4, height: 72 }}
        isEmpty={(data) => data.items.length === 0}
        empty={<Empty title={t("notifications.empty")} />}
      >
        {(data) => (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
            {data.items.map((n) => (
              <NotificationItem key={n.id} n={n} onRead={(id) => markRead.mutate(id)} busy={markRead.isPending} />
            ))}
          </Stack>
        )}
      </QueryStates>
      <ListPagination
        mt="md"
        total={data?.total ?? 0}
        pageSize={NOTIFICATIONS_PAGE_SIZE}
        page={page}
        onChange={(p) => void navigate({ search: { page: pageParam(p) } })}
        numbered
      />
    </section>
  );
}

/** The ways a notification can reach a person, in the preferences table's column order. */
const CHANNELS = ["inApp", "email"] as const;

function Preferences() {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const text = useLocalizedText();
  // The server's own label for a kind when it sends one, else ours.
  const kind = (row: PreferenceRow) => (row.label ? text(row.label) : kindLabel(row.kind));
  const queryClient = useQueryClient();
  const preferences = useQuery(preferencesQuery);
  const data = preferences.data;
  const [draft, setDraft] = useState<PreferenceRow[]>([]);
  useEffect(() => {
    if (data) setDraft(data);
  }, [data]);
  const save = useMutation({
    mutationFn: savePreferences,
    onSuccess: (rows) => queryClient.setQueryData(preferencesQuery.queryKey, rows),
  });
  const dirty = JSON.stringify(draft) !== JSON.stringify(data ?? []);
  const set = (k: string, field: "inApp" | "email", value: boolean) => {
    save.reset();
    setDraft((d) => d.map((p) => (p.kind === k ? { ...p, [field]: value } : p)));
  };

  return (
    <section aria-labelledby="notifications-preferences">
      <Title order={2} fz="h3" id="notifications-preferences" mb="xs">
        {t("notifications.preferences")}
      </Title>
      <Text size="sm" mb="sm">
        {t("notifications.preferencesIntro")}
      </Text>
      <QueryStates
        query={preferences}
        skeleton={{ rows: 3, height: 36 }}
        isEmpty={() => draft.length === 0}
        empty={<Empty title={t("notifications.noPreferences")} />}
      >
        {() => (
          <>
            <Table verticalSpacing="xs" maw={640} layout="fixed">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("notifications.kind")}</Table.Th>
                  {CHANNELS.map((channel) => (
                    <Table.Th key={channel} ta="center" w="30%">
                      {t(`notifications.${channel}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {draft.map((p) => (
                  <Table.Tr key={p.kind}>
                    <Table.Td>{kind(p)}</Table.Td>
                    {CHANNELS.map((channel) => (
                      <Table.Td key={channel}>
                        <Switch
                          mx="auto"
                          w="fit-content"
                          checked={p[channel]}
                          onChange={(e) => set(p.kind, channel, e.currentTarget.checked)}
                          aria-label={t(`notifications.${channel}For`, { kind: kind(p) })}
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {save.error && <ErrorAlert error={save.error} />}
            {save.isSuccess && !dirty && (
              <Alert color="green" variant="light" role="status" mt="sm" maw={640}>
                {t("notifications.saved")}
              </Alert>
            )}
            <Group mt="sm">
              <Button onClick={() => save.mutate(draft)} loading={save.isPending} disabled={!dirty}>
                {t("notifications.save")}
              </Button>
            </Group>
          </>
        )}
      </QueryStates>
    </section>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t("notifications.title"));
  return (
    <Stack gap="xl">
      <Title order={1}>{t("notifications.title")}</Title>
      <NotificationList />
      <Preferences />
    </Stack>
  );
}
