import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { SeizureField } from "../../../common/seizure-fields.js";
import { SEIZURE_FIELDS, type Seizure, type SeizureInput } from "../../../common/seizures.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { ApiError } from "../../api/client.js";
import { correctSeizure, seizureHistoryQuery, seizureQuery, transition, updateSeizure } from "../../api/seizures.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { RecordTable } from "../../components/record-table.js";
import { SectionCard } from "../../components/section-card.js";
import { ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import { inputOf } from "../../offline/outbox.js";
import { isOffline, keepOffline } from "../../offline/outbox-controller.js";
import { SeizureForm } from "./seizure-form.js";
import { describeSeizureChanges, STATUS_COLORS, useCountries, useDrugs, useNumber } from "./seizure-format.js";
import { TermsGate } from "./terms-gate.js";

export function SeizurePage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  usePageTitle(t("seizures.record.title"));
  return (
    <Stack gap="md" maw={1000}>
      <Anchor renderRoot={(props) => <Link to="/seizures/records" {...props} />} size="sm">
        {t("seizures.record.back")}
      </Anchor>
      <TermsGate>
        <Record id={id} />
      </TermsGate>
    </Stack>
  );
}

function Record({ id }: { id: string }) {
  const { t } = useTranslation();
  const q = useQuery(seizureQuery(id));
  const [mode, setMode] = useState<"view" | "edit" | "correct">("view");
  if (q.isPending) return <ListSkeleton rows={6} />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  return (
    <Stack gap="md">
      <Group gap="sm" wrap="wrap">
        <Title order={1}>{t("seizures.record.title")}</Title>
        <Badge color={STATUS_COLORS[s.status]} variant="light" size="lg">
          {t(`seizures.status.${s.status}`)}
        </Badge>
      </Group>
      {s.status === "published" && (
        <Text size="sm" c="dimmed">
          {t("seizures.record.locked")}
        </Text>
      )}
      <Actions seizure={s} mode={mode} setMode={setMode} />
      {mode === "view" ? <Details seizure={s} /> : <EditForm seizure={s} mode={mode} done={() => setMode("view")} />}
      <History id={id} />
    </Stack>
  );
}

function Actions({
  seizure: s,
  mode,
  setMode,
}: {
  seizure: Seizure;
  mode: string;
  setMode: (m: "view" | "edit" | "correct") => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const act = useMutation({
    mutationFn: (action: "validate" | "publish") => transition({ action, records: [{ id: s.id, version: s.version }] }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["seizures"] }),
  });
  // Four-eyes: a validator does not validate a record they entered; someone else will.
  const me = useMe().data;
  const secondEyes =
    s.status === "entered" && !s.can.validate && s.createdBy === me?.user?.id && hasPermission(me, "seizures:validate");
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {s.can.validate && (
          <Button onClick={() => act.mutate("validate")} loading={act.isPending}>
            {t("seizures.actions.validate")}
          </Button>
        )}
        {s.can.publish && (
          <Button onClick={() => act.mutate("publish")} loading={act.isPending}>
            {t("seizures.actions.publish")}
          </Button>
        )}
        {s.can.edit && mode === "view" && (
          <Button variant="default" onClick={() => setMode("edit")}>
            {t("seizures.actions.edit")}
          </Button>
        )}
        {s.can.correct && mode === "view" && (
          <Button variant="default" onClick={() => setMode("correct")}>
            {t("seizures.actions.correct")}
          </Button>
        )}
        {mode !== "view" && (
          <Button variant="subtle" onClick={() => setMode("view")}>
            {t("seizures.actions.cancel")}
          </Button>
        )}
      </Group>
      {secondEyes && (
        <Text size="sm" c="dimmed">
          {t("seizures.record.fourEyes")}
        </Text>
      )}
      {act.error && <ErrorAlert error={act.error} />}
    </Stack>
  );
}

function EditForm({ seizure, mode, done }: { seizure: Seizure; mode: "edit" | "correct"; done: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [kept, setKept] = useState(false);
  const [keepError, setKeepError] = useState(false);
  // Offline, an edit is kept on the device with the version it was based on, and sent when the connection returns
  // (a change made on the server meanwhile is shown as a conflict to resolve). Corrections of published records
  // need a validator online.
  const keep = (input: SeizureInput) =>
    keepOffline(input, { recordId: seizure.id, version: seizure.version, base: inputOf(seizure) }).then(
      () => setKept(true),
      () => setKeepError(true),
    );
  const save = useMutation({
    mutationFn: (input: SeizureInput) =>
      mode === "edit"
        ? updateSeizure(seizure.id, { ...input, version: seizure.version })
        : correctSeizure(seizure.id, { ...input, version: seizure.version, reason }),
    onSuccess: (s) => {
      queryClient.setQueryData(seizureQuery(seizure.id).queryKey, s);
      void queryClient.invalidateQueries({ queryKey: ["seizures"] });
      done();
    },
    onError: (err, input) => {
      if (mode === "edit" && err instanceof ApiError && err.status === 0) void keep(input);
    },
  });
  if (kept)
    return (
      <Alert color="green" variant="light" role="status" data-testid="kept-offline">
        {t("seizures.offline.keptEdit")}{" "}
        <Anchor renderRoot={(props) => <Link to="/seizures/outbox" {...props} />}>{t("seizures.offline.title")}</Anchor>
      </Alert>
    );
  return (
    <Card withBorder radius="md">
      {keepError && (
        <Alert color="red" variant="light" role="alert" mb="sm">
          {t("seizures.offline.noKey")}
        </Alert>
      )}
      {mode === "correct" && (
        <Alert color="blue" variant="light" mb="sm">
          {t("seizures.record.correctNote")}
        </Alert>
      )}
      <SeizureForm
        seizure={seizure}
        submitLabel={mode === "edit" ? t("seizures.form.save") : t("seizures.form.saveCorrection")}
        onSubmit={(i) => (mode === "edit" && isOffline() ? void keep(i) : save.mutate(i))}
        pending={save.isPending}
        error={save.error instanceof ApiError && save.error.status === 0 && !keepError ? null : save.error}
        extra={
          mode === "correct" ? (
            <Textarea
              required
              label={t("seizures.form.reason")}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              minRows={2}
              autosize
            />
          ) : undefined
        }
      />
    </Card>
  );
}

/** The record's lines: the registry's fields the form edits (and the mass), but those another line shows. */
const DETAIL_FIELDS = Object.entries(SEIZURE_FIELDS as Record<string, SeizureField>).flatMap(([key, field]) =>
  (field.form || key === "massKg") && field.detail !== false ? [{ key, field }] : [],
);

function Details({ seizure: s }: { seizure: Seizure }) {
  const { t } = useTranslation();
  const countries = useCountries();
  const drugs = useDrugs();
  const num = useNumber();
  const list = (codes: string[]) => (codes.length ? codes.map(countries.name).join(" → ") : "—");
  const record = s as unknown as Record<string, unknown>;
  /** Bespoke lines (a value with its precision, unit or group); the other fields are shown by their control's kind. */
  const bespoke: Record<string, () => string> = {
    seizureDate: () =>
      `${s.datePrecision === "day" ? num.date(s.seizureDate) : s.seizureDate} (${t(`seizures.precision.${s.datePrecision}`)})`,
    latitude: () =>
      s.latitude !== null
        ? `${num.number(s.latitude, 4)}°; ${num.number(s.longitude, 4)}°${s.coordPrecision ? ` (${t(`seizures.coordPrecisions.${s.coordPrecision}`)})` : ""}`
        : "—",
    drug: () => `${drugs.drugName(s.drug)} (${drugs.groupName(s.drugGroup)})`,
    quantity: () => `${num.significant(s.quantity, 4)} ${t(`seizures.units.${s.unit}`)}`,
    massKg: () => num.kg(s.massKg),
    purity: () => (s.purity !== null ? num.percent(s.purity / 100, 1) : "—"),
    arrests: () =>
      s.arrests.length
        ? s.arrests
            .map((a) => `${countries.name(a.nationality)} · ${t(`seizures.sex.${a.sex}`)} · ${a.count}`)
            .join("; ")
        : "—",
  };
  const shown = (key: string, field: SeizureField): string => {
    const line = bespoke[key];
    if (line) return line();
    const value = record[key];
    if (field.form?.control === "countries") return list(value as string[]);
    if (value === null || value === undefined || value === "") return "—";
    if (field.form?.control === "country") return countries.name(value as string);
    if (field.labels) return t(`${field.labels}.${value}`);
    return String(value);
  };
  const rows: [string, string][] = DETAIL_FIELDS.map(({ key, field }) => [key, shown(key, field)]);
  return (
    <Card withBorder radius="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl" style={{ margin: 0 }}>
        {rows.map(([k, v]) => (
          <div key={k}>
            <Text component="dt" size="xs" c="dimmed">
              {t(`seizures.fields.${k}`)}
            </Text>
            <Text component="dd" m={0} style={{ overflowWrap: "anywhere" }}>
              {v}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Card>
  );
}

function History({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const q = useQuery(seizureHistoryQuery(id));
  if (!q.data) return null;
  return (
    <SectionCard titleId="history-title" title={t("seizures.record.history")}>
      <RecordTable
        minWidth={480}
        striped
        columns={[
          t("seizures.record.version"),
          t("seizures.record.when"),
          t("seizures.record.who"),
          t("seizures.record.changes"),
        ]}
        rows={q.data.items}
      >
        {(r) => (
          <Table.Tr key={r.version}>
            <Table.Td>{r.version}</Table.Td>
            <Table.Td>{format.dateTime(r.at)}</Table.Td>
            <Table.Td>{r.actorName ?? "—"}</Table.Td>
            <Table.Td style={{ overflowWrap: "anywhere" }}>
              {t(`seizures.record.actions.${r.action}`, { defaultValue: t("seizures.record.actions.update") })}:{" "}
              {describeSeizureChanges(t, r.changes, format.list)}
              {r.reason && (
                <Text size="sm" c="dimmed" data-testid="revision-reason">
                  {t("seizures.record.reason", { reason: r.reason })}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        )}
      </RecordTable>
    </SectionCard>
  );
}
