import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReportFormat, ReportFrequency, ReportSchedule, ReportTargetType } from "../../../common/reports.js";
import { api } from "../../api/client.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { IconTrash } from "../../components/icons.js";
import { useFormat } from "../../i18n/format.js";

const base = (type: ReportTargetType, id: string) => `/${type === "analysis" ? "analyses" : "dashboards"}/${id}`;
const schedulesQuery = (type: ReportTargetType, id: string) =>
  queryOptions({
    queryKey: ["report-schedules", type, id],
    queryFn: ({ signal }) =>
      api.get<{ items: ReportSchedule[] }>(`${base(type, id)}/report-schedules`, undefined, signal),
  });

/** The "Schedule a report" form: format, frequency and day, and recipients among members who may open the item. */
function ScheduleForm({ type, id, onDone }: { type: ReportTargetType; id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [format, setFormat] = useState<ReportFormat>("pdf");
  const [frequency, setFrequency] = useState<ReportFrequency>("weekly");
  const [day, setDay] = useState("1");
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const [recipients, setRecipients] = useState<{ value: string; label: string }[]>([]);
  const candidates = useQuery({
    queryKey: ["report-recipients", type, id, debounced],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string; displayName: string }[] }>(
        `${base(type, id)}/report-recipients`,
        { q: debounced },
        signal,
      ),
  });
  const options = [
    ...recipients,
    ...(candidates.data?.items ?? [])
      .filter((u) => !recipients.some((r) => r.value === u.id))
      .map((u) => ({ value: u.id, label: u.displayName })),
  ];
  const mutation = useMutation({
    mutationFn: () =>
      api.post<ReportSchedule>(`${base(type, id)}/report-schedules`, {
        format,
        frequency,
        day: Number(day),
        recipientIds: recipients.map((r) => r.value),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["report-schedules", type, id] });
      onDone();
    },
  });
  const days =
    frequency === "weekly"
      ? [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: t(`reports.weekday.${d}`) }))
      : Array.from({ length: 28 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {mutation.error && <ErrorAlert error={mutation.error} />}
        <Stack gap={4}>
          <Text size="sm" fw={500} id="report-format-label">
            {t("reports.format")}
          </Text>
          <SegmentedControl
            aria-labelledby="report-format-label"
            value={format}
            onChange={(v) => setFormat(v as ReportFormat)}
            data={[
              { value: "pdf", label: "PDF" },
              { value: "xlsx", label: "XLSX" },
            ]}
          />
        </Stack>
        <Select
          label={t("reports.frequency")}
          value={frequency}
          allowDeselect={false}
          onChange={(v) => {
            setFrequency((v ?? "weekly") as ReportFrequency);
            setDay("1");
          }}
          data={[
            { value: "weekly", label: t("reports.weekly") },
            { value: "monthly", label: t("reports.monthly") },
          ]}
        />
        <Select
          label={frequency === "weekly" ? t("reports.weekdayLabel") : t("reports.monthDayLabel")}
          value={day}
          allowDeselect={false}
          onChange={(v) => setDay(v ?? "1")}
          data={days}
        />
        <MultiSelect
          label={t("reports.recipients")}
          description={t("reports.recipientsHint")}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: o }) => o}
          data={options}
          value={recipients.map((r) => r.value)}
          onChange={(values) =>
            setRecipients(values.map((v) => options.find((o) => o.value === v) ?? { value: v, label: v }))
          }
          nothingFoundMessage={candidates.isFetching ? t("reports.searching") : t("reports.noMembers")}
          maxValues={50}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("analyses.cancel")}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t("reports.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Scheduled reports of an analysis or dashboard, for its owner or a coordinator: the "Schedule a report" dialog and
 * the item's schedules with their recent sends, each with delete.
 */
export function ReportSchedules({ type, id }: { type: ReportTargetType; id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [deleting, setDeleting] = useState<ReportSchedule | null>(null);
  const q = useQuery(schedulesQuery(type, id));
  const remove = useMutation({
    mutationFn: (s: ReportSchedule) => api.post(`/report-schedules/${s.id}/archive`, { version: s.version }),
    onSuccess: () => {
      setDeleting(null);
      void queryClient.invalidateQueries({ queryKey: ["report-schedules", type, id] });
    },
  });
  const when = (s: ReportSchedule) =>
    s.frequency === "weekly"
      ? t("reports.everyWeek", { day: t(`reports.weekday.${s.day}`) })
      : t("reports.everyMonth", { day: s.day });
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t("reports.title")}
          </Title>
          <Button variant="light" onClick={() => setOpen(true)}>
            {t("reports.schedule")}
          </Button>
        </Group>
        {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
        {q.data && q.data.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("reports.empty")}
          </Text>
        )}
        {q.data && q.data.items.length > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("reports.format")}</Table.Th>
                <Table.Th>{t("reports.frequency")}</Table.Th>
                <Table.Th>{t("reports.recipients")}</Table.Th>
                <Table.Th>{t("reports.lastSends")}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t("reports.actions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.format.toUpperCase()}</Table.Td>
                  <Table.Td>{when(s)}</Table.Td>
                  <Table.Td>{s.recipients.map((r) => r.displayName).join(", ")}</Table.Td>
                  <Table.Td>
                    {s.sends.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        {t("reports.notYet")}
                      </Text>
                    ) : (
                      <Stack gap={2}>
                        {s.sends.slice(0, 5).map((x) => (
                          <Group key={`${x.userId}-${x.period}`} gap={4}>
                            <Badge
                              size="sm"
                              variant="light"
                              color={x.status === "sent" ? "green" : x.status === "claimed" ? "gray" : "red"}
                            >
                              {t(`reports.status.${x.status}`)}
                            </Badge>
                            <Text size="xs">
                              {x.displayName} · {format.dateTime(x.at)}
                              {x.reason && x.status === "dropped" ? ` · ${t(`reports.reason.${x.reason}`)}` : ""}
                            </Text>
                          </Group>
                        ))}
                      </Stack>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      variant="subtle"
                      color="red"
                      size="xs"
                      leftSection={<IconTrash size={14} aria-hidden="true" />}
                      onClick={() => {
                        remove.reset();
                        setDeleting(s);
                      }}
                      aria-label={t("reports.deleteOne", { when: when(s) })}
                    >
                      {t("reports.delete")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t("reports.schedule")}
        closeButtonProps={{ "aria-label": t("analyses.close") }}
      >
        {open && <ScheduleForm type={type} id={id} onDone={() => setOpen(false)} />}
      </Modal>
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t("reports.deleteTitle")}
        closeButtonProps={{ "aria-label": t("analyses.close") }}
      >
        {deleting && (
          <Stack gap="sm">
            <Text>
              {t("reports.deleteConfirm", {
                when: when(deleting),
                recipients: deleting.recipients.map((r) => r.displayName).join(", "),
              })}
            </Text>
            {remove.error && <ErrorAlert error={remove.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeleting(null)}>
                {t("analyses.cancel")}
              </Button>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(deleting)}>
                {t("reports.delete")}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Card>
  );
}
