import { MultiSelect, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReportFormat, ReportFrequency, ReportSchedule, ReportTargetType } from "../../../common/reports.js";
import { api } from "../../api/client.js";
import { DialogButtons } from "../../components/dialog-buttons.js";
import { ErrorAlert } from "../../components/error-alert.js";

export const reportBase = (type: ReportTargetType, id: string) =>
  `/${type === "analysis" ? "analyses" : "dashboards"}/${id}`;
const base = reportBase;

/**
 * The "Schedule a report" form: format, frequency and day, and recipients among members who may open the item.
 * Given a schedule, it edits that one (at the version read; a stale one is refused with 409).
 */
export function ScheduleForm({
  type,
  id,
  initial,
  onDone,
}: {
  type: ReportTargetType;
  id: string;
  initial?: ReportSchedule | undefined;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [format, setFormat] = useState<ReportFormat>(initial?.format ?? "pdf");
  const [frequency, setFrequency] = useState<ReportFrequency>(initial?.frequency ?? "weekly");
  const [day, setDay] = useState(String(initial?.day ?? 1));
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const [recipients, setRecipients] = useState<{ value: string; label: string }[]>(
    initial?.recipients.map((r) => ({ value: r.id, label: r.displayName })) ?? [],
  );
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
    mutationFn: () => {
      const body = { format, frequency, day: Number(day), recipientIds: recipients.map((r) => r.value) };
      return initial
        ? api.put<ReportSchedule>(`/report-schedules/${initial.id}`, { ...body, version: initial.version })
        : api.post<ReportSchedule>(`${base(type, id)}/report-schedules`, body);
    },
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
        <DialogButtons
          cancel={t("analyses.cancel")}
          onCancel={onDone}
          confirm={initial ? t("reports.save") : t("reports.create")}
          pending={mutation.isPending}
        />
      </Stack>
    </form>
  );
}
