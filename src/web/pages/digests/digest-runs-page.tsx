import { Alert, Anchor, Badge, Button, Group, Pagination, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DigestRun, SentFrequency } from "../../../common/digests.js";
import {
  DIGEST_RUNS_PAGE_SIZE,
  digestDeliveriesQuery,
  digestRunsQuery,
  resumeDigestRun,
  sendDigestNow,
} from "../../api/digests.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { RecordTable } from "../../components/record-table.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";

/** One run's recipients: address, language, status and the number of items per module. */
function Deliveries({ run }: { run: DigestRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const { data, error, isPending, refetch } = useQuery(digestDeliveriesQuery(run.id, page));
  if (isPending) return <ListSkeleton rows={3} />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (data.items.length === 0) return <Empty title={t("digests.runs.noDeliveries")} />;
  return (
    <Stack gap="xs">
      <RecordTable
        minWidth={640}
        caption={t("digests.runs.recipientsOf", { period: run.period })}
        columns={[
          t("digests.runs.recipient"),
          t("digests.runs.status"),
          t("digests.runs.items"),
          t("digests.runs.sentAt"),
        ]}
        rows={data.items}
        rowKey={(d) => d.id}
        verticalSpacing="xs"
        striped
      >
        {(d) => (
          <>
            <Table.Td>
              {d.displayName} ({d.email}, {d.language})
            </Table.Td>
            <Table.Td>
              {t(`digests.deliveryStatus.${d.status}`)}
              {d.error ? (
                <Text size="xs" c="red">
                  {d.error}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              {Object.entries(d.counts)
                .map(([module, n]) => `${t(`digests.modules.${module}`)}: ${n}`)
                .join("; ") || "—"}
            </Table.Td>
            <Table.Td>{d.sentAt ? format.dateTime(d.sentAt) : "—"}</Table.Td>
          </>
        )}
      </RecordTable>
      {data.total > 50 && <Pagination total={Math.ceil(data.total / 50)} value={page} onChange={setPage} size="sm" />}
    </Stack>
  );
}

function SendNow() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [asked, setAsked] = useState<SentFrequency | null>(null);
  const send = useMutation({
    mutationFn: sendDigestNow,
    onSuccess: () => {
      setAsked(null);
      void queryClient.invalidateQueries({ queryKey: ["digests", "runs"] });
    },
  });
  return (
    <Stack gap="xs">
      <Text size="sm">{t("digests.runs.sendNowIntro")}</Text>
      <Group>
        {(["weekly", "monthly"] as const).map((f) =>
          asked === f ? (
            <Button key={f} color="red" loading={send.isPending} onClick={() => send.mutate(f)}>
              {t("digests.runs.confirmSend", { frequency: t(`digests.frequency.${f}`) })}
            </Button>
          ) : (
            <Button
              key={f}
              variant="light"
              onClick={() => {
                send.reset();
                setAsked(f);
              }}
            >
              {t(`digests.runs.sendNow.${f}`)}
            </Button>
          ),
        )}
      </Group>
      {send.error && <ErrorAlert error={send.error} />}
      {send.isSuccess && (
        <Alert color="green" variant="light" role="status">
          {t("digests.runs.queued", { period: send.data.period })}
        </Alert>
      )}
    </Stack>
  );
}

/** Coordinators: what was sent, per run and per recipient. */
export function DigestRunsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  usePageTitle(t("digests.runs.title"));
  const search = useSearch({ from: "/admin/digests" });
  const navigate = useNavigate({ from: "/admin/digests" });
  const page = search.page ?? 1;
  const queryClient = useQueryClient();
  const { data, error, isPending, refetch } = useQuery({ ...digestRunsQuery(page), refetchInterval: 5000 });
  const resume = useMutation({
    mutationFn: resumeDigestRun,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["digests", "runs"] }),
  });
  const open = data?.items.find((r) => r.id === search.run);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t("digests.runs.title")}</Title>
        <Text size="sm" c="dimmed">
          {t("digests.runs.intro")}
        </Text>
      </Stack>
      <SendNow />
      {isPending ? (
        <ListSkeleton rows={4} />
      ) : error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : data.items.length === 0 ? (
        <Empty title={t("digests.runs.none")} />
      ) : (
        <RecordTable
          minWidth={760}
          columns={[
            t("digests.runs.period"),
            t("digests.runs.window"),
            t("digests.runs.status"),
            t("digests.runs.counts"),
            t("digests.runs.actions"),
          ]}
          rows={data.items}
          rowKey={(r) => r.id}
          verticalSpacing="xs"
        >
          {(r) => (
            <>
              <Table.Td>
                {t(`digests.frequency.${r.frequency}`)} · {r.period.split(":")[1]}{" "}
                {r.manual && <Badge variant="light">{t("digests.runs.manual")}</Badge>}
              </Table.Td>
              <Table.Td>{t("digests.runs.until", { date: format.dateTime(r.until) })}</Table.Td>
              <Table.Td>{t(`digests.runStatus.${r.status}`)}</Table.Td>
              <Table.Td>
                {t("digests.runs.countsValue", {
                  sent: r.sent,
                  empty: r.empty,
                  failed: r.failed,
                  pending: r.pending,
                })}
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    onClick={() => void navigate({ search: { page, run: r.id } })}
                  >
                    {t("digests.runs.recipients")}
                  </Anchor>
                  {(r.failed > 0 || (r.pending > 0 && r.status !== "queued")) && (
                    <Button
                      size="compact-sm"
                      variant="light"
                      onClick={() => resume.mutate(r.id)}
                      loading={resume.isPending}
                    >
                      {t("digests.runs.resume")}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </>
          )}
        </RecordTable>
      )}
      {resume.error && <ErrorAlert error={resume.error} />}
      {data && data.total > DIGEST_RUNS_PAGE_SIZE && (
        <Pagination
          total={Math.ceil(data.total / DIGEST_RUNS_PAGE_SIZE)}
          value={page}
          onChange={(p) => void navigate({ search: { page: p } })}
        />
      )}
      {open && (
        <section aria-labelledby="digest-recipients">
          <Title order={2} fz="h3" id="digest-recipients" mb="xs">
            {t("digests.runs.recipientsOf", { period: open.period })}
          </Title>
          <Deliveries run={open} />
        </section>
      )}
    </Stack>
  );
}
