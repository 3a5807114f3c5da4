import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/auth.js";
import {
  confirmableCount,
  exportUrl,
  SEIZURES_PAGE_SIZE,
  seizuresQuery,
  type TransitionBody,
  transition,
} from "../../api/seizures.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { RecordTable } from "../../components/record-table.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { FiltersBar } from "./filters-bar.js";
import { STATUS_COLORS, useCountries, useDrugs, useNumber } from "./seizure-format.js";
import type { SeizuresSearch } from "./seizures.routes.js";
import { TermsGate } from "./terms-gate.js";

export function SeizureRecordsPage() {
  const { t } = useTranslation();
  usePageTitle(t("seizures.records.title"));
  const search = useSearch({ strict: false }) as SeizuresSearch;
  return (
    <Stack gap="md">
      <Title order={1}>{t("seizures.records.title")}</Title>
      <Text c="dimmed" size="sm">
        {t("seizures.records.audited")}
      </Text>
      <TermsGate>
        <FiltersBar filters={search} to="/seizures/records" />
        <Records search={search} />
      </TermsGate>
    </Stack>
  );
}

function Records({ search }: { search: SeizuresSearch }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const queryClient = useQueryClient();
  const countries = useCountries();
  const drugs = useDrugs();
  const num = useNumber();
  const page = search.page ?? 1;
  const q = useQuery(seizuresQuery(search, page));
  const [selected, setSelected] = useState<Map<string, number>>(new Map());
  const canValidate = hasPermission(me.data, "seizures:validate");
  // A bulk step is confirmed with the number of records it changes ("Validate 124 records?").
  const [confirm, setConfirm] = useState<{ body: TransitionBody; count: number; changed: boolean } | null>(null);
  const act = useMutation({
    mutationFn: (body: TransitionBody) => transition(body),
    onSuccess: () => {
      setSelected(new Map());
      setConfirm(null);
      void queryClient.invalidateQueries({ queryKey: ["seizures"] });
    },
    // The server names the count when none was confirmed (a whole file) or the confirmed one no longer holds.
    onError: (error, body) => {
      const count = confirmableCount(error);
      if (count !== null) setConfirm({ body, count, changed: body.expectedCount !== undefined });
    },
  });
  const run = (body: TransitionBody) => {
    const many = body.records?.length ?? 0;
    if (many > 1) setConfirm({ body, count: many, changed: false });
    else act.mutate(body);
  };
  const go = (patch: Partial<SeizuresSearch>) =>
    void navigate({
      to: "/seizures/records",
      search: (prev: Record<string, unknown>) => ({ ...prev, ...patch }),
      replace: true,
    });
  const toggle = (id: string, version: number) =>
    setSelected((m) => {
      const next = new Map(m);
      if (next.has(id)) next.delete(id);
      else next.set(id, version);
      return next;
    });
  const records = [...selected].map(([id, version]) => ({ id, version }));
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Select
          label={t("seizures.records.status")}
          data={[
            { value: "", label: t("seizures.records.anyStatus") },
            ...["entered", "validated", "published", "merged"].map((s) => ({
              value: s,
              label: t(`seizures.status.${s}`),
            })),
          ]}
          value={search.status ?? ""}
          onChange={(v) => go({ status: v || undefined, page: undefined })}
          allowDeselect={false}
          w={220}
        />
        <Group gap="xs">
          <Button component="a" href={exportUrl(search, "xlsx")} variant="default" size="sm">
            {t("seizures.records.exportXlsx")}
          </Button>
          <Button component="a" href={exportUrl(search, "csv")} variant="default" size="sm">
            {t("seizures.records.exportCsv")}
          </Button>
        </Group>
      </Group>
      {search.batch && canValidate && (
        <Alert variant="light" color="blue" title={t("seizures.records.batchTitle")}>
          <Group gap="xs">
            <Button
              size="xs"
              onClick={() => run({ action: "validate", batchId: search.batch })}
              loading={act.isPending}
            >
              {t("seizures.records.validateBatch")}
            </Button>
            <Button size="xs" onClick={() => run({ action: "publish", batchId: search.batch })} loading={act.isPending}>
              {t("seizures.records.publishBatch")}
            </Button>
          </Group>
        </Alert>
      )}
      {canValidate && selected.size > 0 && (
        <Group gap="xs">
          <Text size="sm">{t("seizures.records.selected", { count: selected.size })}</Text>
          <Button size="xs" onClick={() => run({ action: "validate", records })} loading={act.isPending}>
            {t("seizures.actions.validate")}
          </Button>
          <Button size="xs" onClick={() => run({ action: "publish", records })} loading={act.isPending}>
            {t("seizures.actions.publish")}
          </Button>
        </Group>
      )}
      {act.data && (
        <Alert color="teal" variant="light" role="status">
          {t("seizures.records.changed", { count: act.data.changed })}
        </Alert>
      )}
      {act.error && confirmableCount(act.error) === null && <ErrorAlert error={act.error} />}
      <ConfirmCount
        confirm={confirm}
        pending={act.isPending}
        onCancel={() => setConfirm(null)}
        onConfirm={(c) => act.mutate({ ...c.body, expectedCount: c.count })}
      />
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.isPending ? (
        <ListSkeleton />
      ) : q.data && q.data.items.length === 0 ? (
        <Empty title={t("seizures.records.empty")} />
      ) : q.data ? (
        <>
          <Text size="sm" c="dimmed">
            {t("seizures.records.total", { count: q.data.total })}
          </Text>
          <RecordTable
            minWidth={640}
            striped
            highlightOnHover
            caption={t("seizures.records.caption")}
            columns={[
              ...(canValidate ? [{ label: t("seizures.records.select"), hidden: true, th: { w: 40 } }] : []),
              t("seizures.fields.seizureDate"),
              t("seizures.fields.country"),
              t("seizures.fields.drug"),
              { label: t("seizures.fields.quantity"), th: { ta: "right" } },
              { label: t("seizures.kg"), th: { ta: "right" } },
              t("seizures.fields.status"),
            ]}
            rows={q.data.items}
          >
            {(s) => (
              <Table.Tr key={s.id}>
                {canValidate && (
                  <Table.Td>
                    <Checkbox
                      aria-label={t("seizures.records.selectOne", {
                        date: num.seizureDate(s),
                        drug: drugs.drugName(s.drug),
                      })}
                      checked={selected.has(s.id)}
                      disabled={!s.can.validate && !s.can.publish}
                      onChange={() => toggle(s.id, s.version)}
                    />
                  </Table.Td>
                )}
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Anchor renderRoot={(props) => <Link to="/seizures/records/$id" params={{ id: s.id }} {...props} />}>
                    {num.seizureDate(s)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{countries.name(s.country)}</Table.Td>
                <Table.Td>{drugs.drugName(s.drug)}</Table.Td>
                <Table.Td ta="right">
                  {num.kg(s.quantity)} {t(`seizures.units.${s.unit}`)}
                </Table.Td>
                <Table.Td ta="right">{num.kg(s.massKg)}</Table.Td>
                <Table.Td>
                  {/* Never cut short ("ОПУБЛИКОВ…"): the table scrolls sideways instead. */}
                  <Badge color={STATUS_COLORS[s.status]} variant="light" miw="max-content">
                    {t(`seizures.status.${s.status}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            )}
          </RecordTable>
          {q.data.total > SEIZURES_PAGE_SIZE && (
            <Pagination
              total={Math.ceil(q.data.total / SEIZURES_PAGE_SIZE)}
              value={page}
              onChange={(p) => go({ page: p > 1 ? p : undefined })}
              getControlProps={(control) => ({ "aria-label": t(`pagination.${control}`) })}
            />
          )}
        </>
      ) : null}
    </Stack>
  );
}

type Confirmation = { body: TransitionBody; count: number; changed: boolean };

/** "Validate 124 records?": the step runs only with the count the user saw. */
function ConfirmCount(props: {
  confirm: Confirmation | null;
  pending: boolean;
  onCancel: () => void;
  onConfirm: (c: Confirmation) => void;
}) {
  const { t } = useTranslation();
  const c = props.confirm;
  const action = c?.body.action ?? "validate";
  return (
    <Modal
      opened={c !== null}
      onClose={props.onCancel}
      title={t("seizures.records.confirm.title")}
      closeButtonProps={{ "aria-label": t("seizures.records.confirm.close") }}
    >
      {c && (
        <Stack>
          {c.changed && (
            <Alert color="yellow" variant="light">
              {t("seizures.records.confirm.changed")}
            </Alert>
          )}
          <Text>
            {c.count > 0
              ? t(`seizures.records.confirm.${action}`, { count: c.count })
              : t("seizures.records.confirm.none")}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onCancel}>
              {t("seizures.actions.cancel")}
            </Button>
            {c.count > 0 && (
              <Button loading={props.pending} onClick={() => props.onConfirm(c)}>
                {t(`seizures.actions.${action}`)}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
