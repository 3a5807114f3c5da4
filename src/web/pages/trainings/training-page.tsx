import { Alert, Anchor, Badge, Group, SimpleGrid, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { alertsQuery, participantsQuery, trainingQuery } from "../../api/trainings.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { RecordTable } from "../../components/record-table.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import { useLanguage } from "../../i18n/index.js";
import { ImportList } from "./import-list.js";
import { ParticipantForm } from "./participant-form.js";

function Fact({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value || "—"}</Text>
    </div>
  );
}

/** One training: the event for everyone; participants, entry, import and alerts for its organizers. */
export function TrainingPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id } = useParams({ from: "/trainings/$id" });
  const lang = useLanguage();
  const localized = useLocalizedText();
  const { data: tr, error, isPending, refetch } = useQuery(trainingQuery(id));
  usePageTitle(tr?.title ?? t("trainings.title"));
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (isPending) return <ListSkeleton />;
  const date = new Intl.DateTimeFormat(lang, { dateStyle: "medium" });
  return (
    <Stack gap="md">
      <Anchor size="sm" renderRoot={(p) => <Link to="/trainings" {...p} />}>
        {t("trainings.back")}
      </Anchor>
      <Title order={1}>{tr.title}</Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <Fact
          label={t("trainings.field.course")}
          value={`${localized(tr.course.title)} (${t(`trainings.level.${tr.course.level}`)})`}
        />
        <Fact label={t("trainings.field.dates")} value={date.formatRange(new Date(tr.startsOn), new Date(tr.endsOn))} />
        <Fact
          label={t("trainings.field.place")}
          value={[tr.place, tr.country && format.country(tr.country)].filter(Boolean).join(", ")}
        />
        <Fact label={t("trainings.field.format")} value={t(`trainings.format.${tr.format}`)} />
        <Fact label={t("trainings.field.project")} value={tr.project} />
        <Fact label={t("trainings.field.organizer")} value={tr.organizer} />
        <Fact label={t("trainings.field.trainers")} value={tr.trainers.join(", ")} />
        <Fact label={t("trainings.field.participants")} value={String(tr.participantCount)} />
      </SimpleGrid>
      {tr.can.manage ? (
        <Tabs defaultValue="participants" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="participants">{t("trainings.participants.title")}</Tabs.Tab>
            <Tabs.Tab value="add">{t("trainings.participants.add")}</Tabs.Tab>
            <Tabs.Tab value="import">{t("trainings.import.title")}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="participants" pt="md">
            <RepeatAlerts trainingId={id} />
            <Participants trainingId={id} />
          </Tabs.Panel>
          <Tabs.Panel value="add" pt="md">
            <ParticipantForm trainingId={id} />
          </Tabs.Panel>
          <Tabs.Panel value="import" pt="md">
            <ImportList trainingId={id} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <Alert variant="light" color="gray">
          {t("trainings.participants.restricted")}
        </Alert>
      )}
    </Stack>
  );
}

function RepeatAlerts({ trainingId }: { trainingId: string }) {
  const { t } = useTranslation();
  const { data } = useQuery(alertsQuery);
  const mine = (data?.items ?? []).filter((a) => a.trainingId === trainingId);
  if (mine.length === 0) return null;
  return (
    <Alert color="orange" variant="light" title={t("trainings.alerts.title")} mb="md" data-testid="repeat-alerts">
      <Stack gap={4}>
        {mine.map((a) => (
          <Text size="sm" key={a.id}>
            {t("trainings.alerts.line", { name: a.name, previous: a.previousTrainingTitle, date: a.previousEndsOn })}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

function Participants({ trainingId }: { trainingId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, error, isPending, refetch } = useQuery(participantsQuery(trainingId));
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (isPending) return <ListSkeleton />;
  if (data.items.length === 0) return <Empty description={t("trainings.participants.empty")} />;
  return (
    <RecordTable
      minWidth={640}
      caption={t("trainings.participants.caption", { count: data.total })}
      columns={[
        t("trainings.field.name"),
        t("trainings.field.dateOfBirth"),
        t("trainings.field.country"),
        t("trainings.field.agency"),
        t("trainings.field.completed"),
        t("trainings.participants.person"),
      ]}
      rows={data.items}
      rowKey={(p) => p.id}
      striped
      data-testid="participants"
    >
      {(p) => (
        <>
          <Table.Td>
            <Text size="sm">{p.fullName ?? p.fullNameNative}</Text>
            {p.fullName && p.fullNameNative && (
              <Text size="xs" c="dimmed">
                {p.fullNameNative}
              </Text>
            )}
          </Table.Td>
          <Table.Td>{p.dateOfBirth ?? "—"}</Table.Td>
          <Table.Td>{format.country(p.country)}</Table.Td>
          <Table.Td>{p.agency ?? "—"}</Table.Td>
          <Table.Td>{p.completed ? t("trainings.yes") : t("trainings.no")}</Table.Td>
          <Table.Td>
            {p.personId && (
              <Group gap={6} wrap="nowrap">
                <Anchor
                  size="sm"
                  renderRoot={(props) => (
                    <Link to="/trainings/persons/$id" params={{ id: p.personId as string }} {...props} />
                  )}
                >
                  {t("trainings.participants.passport")}
                </Anchor>
                {p.otherTrainings > 0 && (
                  // Never cut short ("1 OTHER TR…"): the table scrolls sideways instead.
                  <Badge color="teal.9" variant="light" miw="max-content">
                    {t("trainings.participants.linked", { count: p.otherTrainings })}
                  </Badge>
                )}
              </Group>
            )}
          </Table.Td>
        </>
      )}
    </RecordTable>
  );
}
