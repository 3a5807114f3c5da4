import { Anchor, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { snapshotQuery } from "../../api/meetings.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { RecordTable } from "../../components/record-table.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { ReportBadge, roman, StatusBadge } from "./meeting-format.js";

/** A stock-taking snapshot: the statuses as they stood when the meeting took stock, frozen. */
export function SnapshotPage(): ReactElement {
  const { t } = useTranslation();
  const { id } = useParams({ from: "/snapshots/$id" });
  const text = useLocalizedText();
  const { data, error, isPending, refetch } = useQuery(snapshotQuery(id));
  const title = data ? t("meetings.snapshots.heading", { roman: roman(data.pillar) }) : t("meetings.snapshots.title");
  usePageTitle(title);
  if (isPending) return <ListSkeleton rows={5} />;
  if (error || !data) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  return (
    <Stack gap="md">
      <Anchor renderRoot={(props) => <Link to="/meetings/$id" params={{ id: data.meetingId }} {...props} />} size="sm">
        ← {text(data.meetingTitle)}
      </Anchor>
      <Title order={1}>{title}</Title>
      <Text c="dimmed">
        {t("meetings.snapshots.taken", { date: data.takenAt.slice(0, 10), name: data.takenByName ?? "—" })}
      </Text>
      {data.items.length === 0 ? (
        <Empty title={t("meetings.noRecommendations")} />
      ) : (
        <RecordTable
          minWidth={520}
          caption={t("meetings.snapshots.caption")}
          columns={[t("meetings.analysis.recommendation"), t("meetings.fields.status"), t("meetings.reports")]}
          rows={data.items}
          rowKey={(item) => item.recommendationId}
          striped
        >
          {(item) => (
            <>
              <Table.Td>
                <Anchor
                  renderRoot={(props) => (
                    <Link to="/recommendations/$id" params={{ id: item.recommendationId }} {...props} />
                  )}
                >
                  {item.number}. {text(item.text)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={item.status} />
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {item.reports.length === 0 && "—"}
                  {item.reports.map((r) => (
                    <Group key={r.partnerCode} gap={2} wrap="nowrap">
                      <Text size="sm">{r.partnerCode}</Text>
                      <ReportBadge status={r.status} />
                    </Group>
                  ))}
                </Group>
              </Table.Td>
            </>
          )}
        </RecordTable>
      )}
    </Stack>
  );
}
