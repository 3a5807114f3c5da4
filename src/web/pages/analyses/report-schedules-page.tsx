import { Anchor, Badge, Group, Pagination, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ReportScheduleAdminItem } from "../../../common/reports.js";
import { api } from "../../api/client.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { RecordTable } from "../../components/record-table.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import { useScheduleWhen } from "./report-schedules.js";

export const SCHEDULES_PAGE_SIZE = 20;
export type ScheduleStatus = "all" | "failing" | "paused";
export type ScheduleListSearch = { status?: ScheduleStatus | undefined; page?: number | undefined };

export const allSchedulesQuery = (status: ScheduleStatus, page: number) =>
  queryOptions({
    queryKey: ["report-schedules-all", status, page],
    queryFn: ({ signal }) =>
      api.get<{ items: ReportScheduleAdminItem[]; total: number }>(
        "/report-schedules",
        { status, limit: SCHEDULES_PAGE_SIZE, offset: (page - 1) * SCHEDULES_PAGE_SIZE },
        signal,
      ),
  });

function LastRun({ s }: { s: ReportScheduleAdminItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!s.lastRun) return <Text size="sm">{t("reports.notYet")}</Text>;
  const r = s.lastRun;
  return (
    <Stack gap={2}>
      <Text size="sm">
        {format.dateTime(r.at)} {r.manual && <Badge variant="light">{t("reports.admin.manual")}</Badge>}
      </Text>
      <Text size="xs">
        {t("reports.admin.counts", { sent: r.sent, failed: r.failed, dropped: r.dropped, pending: r.pending })}
      </Text>
    </Stack>
  );
}

/** Coordinators: every report schedule with its last run and failures, 20 a page, filtered to failing or paused. */
export function ReportSchedulesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const when = useScheduleWhen();
  usePageTitle(t("reports.admin.title"));
  const search = useSearch({ from: "/admin/report-schedules" });
  const navigate = useNavigate({ from: "/admin/report-schedules" });
  const status = search.status ?? "all";
  const page = search.page ?? 1;
  const { data, error, isPending, refetch } = useQuery({
    ...allSchedulesQuery(status, page),
    placeholderData: keepPreviousData,
  });
  const link = (s: ReportScheduleAdminItem) =>
    s.targetType === "analysis" ? `/analyses/${s.targetId}` : `/dashboards/${s.targetId}`;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t("reports.admin.title")}</Title>
        <Text size="sm" c="dimmed">
          {t("reports.admin.intro")}
        </Text>
      </Stack>
      <SegmentedControl
        aria-label={t("reports.admin.filter")}
        value={status}
        onChange={(v) => void navigate({ search: { status: v === "all" ? undefined : (v as ScheduleStatus) } })}
        data={(["all", "failing", "paused"] as const).map((v) => ({ value: v, label: t(`reports.admin.${v}`) }))}
        style={{ alignSelf: "flex-start" }}
      />
      {isPending ? (
        <ListSkeleton rows={4} />
      ) : error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : data.items.length === 0 ? (
        <Empty title={t(status === "all" ? "reports.admin.none" : "reports.admin.noneFiltered")} />
      ) : (
        <RecordTable
          minWidth={900}
          verticalSpacing="xs"
          caption={t("reports.admin.caption", { count: data.total })}
          columns={[
            t("reports.admin.item"),
            t("reports.admin.owner"),
            t("reports.frequency"),
            t("reports.recipients"),
            t("reports.admin.lastRun"),
            t("reports.admin.lastFailure"),
          ]}
          rows={data.items}
        >
          {(s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Anchor component={Link} to={link(s)}>
                  {s.target.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t(`reports.admin.type.${s.targetType}`)}
                </Text>
              </Table.Td>
              <Table.Td>{s.target.owner.displayName}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {s.format.toUpperCase()} · {when(s)}
                  {s.pausedAt && (
                    <Badge size="sm" variant="light" color="yellow">
                      {t("reports.paused")}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{s.recipients.map((r) => r.displayName).join(", ")}</Table.Td>
              <Table.Td>
                <LastRun s={s} />
              </Table.Td>
              <Table.Td>
                {s.lastFailure ? (
                  <Stack gap={2}>
                    <Text size="sm">
                      {format.dateTime(s.lastFailure.at)} · {s.lastFailure.displayName}
                    </Text>
                    <Text size="xs" c="red" data-verbatim>
                      {s.lastFailure.reason}
                    </Text>
                  </Stack>
                ) : (
                  "—"
                )}
              </Table.Td>
            </Table.Tr>
          )}
        </RecordTable>
      )}
      {data && data.total > SCHEDULES_PAGE_SIZE && (
        <Pagination
          total={Math.ceil(data.total / SCHEDULES_PAGE_SIZE)}
          value={page}
          onChange={(p) => void navigate({ search: { status: search.status, page: p } })}
          getControlProps={(control) => ({ "aria-label": t(`pagination.${control}`) })}
          getItemProps={(p) => ({ "aria-label": t("pagination.page", { page: p }) })}
        />
      )}
    </Stack>
  );
}
