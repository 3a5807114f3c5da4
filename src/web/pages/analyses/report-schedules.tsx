import { Alert, Badge, Button, Card, Group, Modal, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReportSchedule, ReportTargetType } from "../../../common/reports.js";
import { api } from "../../api/client.js";
import { DialogButtons } from "../../components/dialog-buttons.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { RecordTable } from "../../components/record-table.js";
import { useFormat } from "../../i18n/format.js";
import { ScheduleActions, type ScheduleNotice } from "./report-schedule-actions.js";
import { reportBase, ScheduleForm } from "./report-schedule-form.js";

const schedulesQuery = (type: ReportTargetType, id: string) =>
  queryOptions({
    queryKey: ["report-schedules", type, id],
    queryFn: ({ signal }) =>
      api.get<{ items: ReportSchedule[] }>(`${reportBase(type, id)}/report-schedules`, undefined, signal),
  });

/** "Every Monday" / "Monthly on day 5". */
export function useScheduleWhen() {
  const { t } = useTranslation();
  return (s: Pick<ReportSchedule, "frequency" | "day">) =>
    s.frequency === "weekly"
      ? t("reports.everyWeek", { day: t(`reports.weekday.${s.day}`) })
      : t("reports.everyMonth", { day: s.day });
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
  const [editing, setEditing] = useState<ReportSchedule | null>(null);
  const [deleting, setDeleting] = useState<ReportSchedule | null>(null);
  const [notice, setNotice] = useState<ScheduleNotice | null>(null);
  const invalidate = () => void queryClient.invalidateQueries({ queryKey: ["report-schedules", type, id] });
  const q = useQuery(schedulesQuery(type, id));
  const remove = useMutation({
    mutationFn: (s: ReportSchedule) => api.post(`/report-schedules/${s.id}/archive`, { version: s.version }),
    onSuccess: () => {
      setDeleting(null);
      void queryClient.invalidateQueries({ queryKey: ["report-schedules", type, id] });
    },
  });
  const when = useScheduleWhen();
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t("reports.title")}
          </Title>
          <Button
            variant="light"
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
          >
            {t("reports.schedule")}
          </Button>
        </Group>
        {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
        <div role="status" aria-live="polite">
          {notice?.ok && (
            <Alert color="green" variant="light" withCloseButton={false}>
              {notice.text}
            </Alert>
          )}
        </div>
        {notice && !notice.ok && <ErrorAlert error={notice.error} />}
        {q.data && q.data.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("reports.empty")}
          </Text>
        )}
        {q.data && q.data.items.length > 0 && (
          <RecordTable
            columns={[
              t("reports.format"),
              t("reports.frequency"),
              t("reports.recipients"),
              t("reports.lastSends"),
              { label: <VisuallyHidden>{t("reports.actions")}</VisuallyHidden> },
            ]}
            rows={q.data.items}
          >
            {(s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.format.toUpperCase()}</Table.Td>
                <Table.Td>
                  {when(s)}{" "}
                  {s.pausedAt && (
                    <Badge size="sm" variant="light" color="yellow">
                      {t("reports.paused")}
                    </Badge>
                  )}
                </Table.Td>
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
                  <ScheduleActions
                    schedule={s}
                    when={when(s)}
                    invalidate={invalidate}
                    onNotice={setNotice}
                    onEdit={() => {
                      setEditing(s);
                      setOpen(true);
                    }}
                    onDelete={() => {
                      remove.reset();
                      setDeleting(s);
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            )}
          </RecordTable>
        )}
      </Stack>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={editing ? t("reports.editTitle") : t("reports.schedule")}
        closeButtonProps={{ "aria-label": t("analyses.close") }}
      >
        {open && (
          <ScheduleForm
            key={editing?.id ?? "new"}
            type={type}
            id={id}
            initial={editing ?? undefined}
            onDone={() => setOpen(false)}
          />
        )}
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
            <DialogButtons
              cancel={t("analyses.cancel")}
              onCancel={() => setDeleting(null)}
              confirm={t("reports.delete")}
              onConfirm={() => remove.mutate(deleting)}
              pending={remove.isPending}
              color="red"
            />
          </Stack>
        )}
      </Modal>
    </Card>
  );
}
