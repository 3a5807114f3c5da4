import { Button, Group, Menu } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ReportSchedule } from "../../../common/reports.js";
import { api } from "../../api/client.js";
import { IconMail, IconTrash } from "../../components/icons.js";

export type ScheduleNotice = { ok: boolean; text: string; error?: unknown };

/**
 * A schedule's actions: edit, pause or resume, "send now" (to the owner alone or to the list; the server limits it
 * to 3 an hour) and delete. Each button names the schedule it acts on (`when`) for screen readers; outcomes are
 * announced by the caller's live region through `onNotice`.
 */
export function ScheduleActions({
  schedule,
  when,
  onEdit,
  onDelete,
  onNotice,
  invalidate,
}: {
  schedule: ReportSchedule;
  when: string;
  onEdit: () => void;
  onDelete: () => void;
  onNotice: (n: ScheduleNotice) => void;
  invalidate: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const done = () => {
    invalidate();
    void queryClient.invalidateQueries({ queryKey: ["report-schedules-all"] });
  };
  const pause = useMutation({
    mutationFn: (paused: boolean) =>
      api.post<ReportSchedule>(`/report-schedules/${schedule.id}/pause`, { paused, version: schedule.version }),
    onSuccess: (_, paused) => {
      onNotice({ ok: true, text: t(paused ? "reports.pausedNotice" : "reports.resumedNotice", { when }) });
      done();
    },
    onError: (error) => onNotice({ ok: false, text: "", error }),
  });
  const send = useMutation({
    mutationFn: (to: "owner" | "recipients") =>
      api.post<{ jobId: string | null; period: string }>(`/report-schedules/${schedule.id}/send`, { to }),
    onSuccess: (_, to) => {
      onNotice({
        ok: true,
        text:
          to === "owner"
            ? t("reports.sentNowOwner")
            : t("reports.sentNowList", { recipients: schedule.recipients.map((r) => r.displayName).join(", ") }),
      });
      done();
    },
    onError: (error) => onNotice({ ok: false, text: "", error }),
  });
  const paused = schedule.pausedAt !== null;
  return (
    <Group gap={4} wrap="nowrap">
      <Button variant="subtle" size="xs" onClick={onEdit} aria-label={t("reports.editOne", { when })}>
        {t("reports.edit")}
      </Button>
      <Button
        variant="subtle"
        size="xs"
        loading={pause.isPending}
        onClick={() => pause.mutate(!paused)}
        aria-label={t(paused ? "reports.resumeOne" : "reports.pauseOne", { when })}
      >
        {t(paused ? "reports.resume" : "reports.pause")}
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="subtle"
            size="xs"
            loading={send.isPending}
            leftSection={<IconMail size={14} aria-hidden="true" />}
            aria-label={t("reports.sendNowOne", { when })}
          >
            {t("reports.sendNow")}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => send.mutate("owner")}>{t("reports.sendToOwner")}</Menu.Item>
          <Menu.Item onClick={() => send.mutate("recipients")}>{t("reports.sendToList")}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Button
        variant="subtle"
        color="red"
        size="xs"
        leftSection={<IconTrash size={14} aria-hidden="true" />}
        onClick={onDelete}
        aria-label={t("reports.deleteOne", { when })}
      >
        {t("reports.delete")}
      </Button>
    </Group>
  );
}
