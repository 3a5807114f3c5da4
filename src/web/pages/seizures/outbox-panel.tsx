import { Alert, Anchor, Badge, Button, Card, Group, Radio, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SeizureInput } from "../../../common/seizures.js";
import { ApiError } from "../../api/client.js";
import { RecordTable } from "../../components/record-table.js";
import { useFormat } from "../../i18n/format.js";
import {
  confirmWarnings,
  defaultChoice,
  differingFields,
  editEntry,
  type OutboxEntry,
  resolveConflict,
  type SeizureField,
} from "../../offline/outbox.js";
import { discardEntry, flush, isOffline, updateEntry, useOutbox } from "../../offline/outbox-controller.js";
import { SeizureForm } from "./seizure-form.js";
import { useCountries, useDrugs, useNumber } from "./seizure-format.js";

const STATE_COLORS: Record<OutboxEntry["state"], string> = {
  waiting: "blue.9",
  invalid: "red.9",
  confirm: "orange.9",
  conflict: "red.9",
  refused: "red.9",
  sent: "green.9",
};

/** A field's value as the officer reads it (names, not codes). */
function useDisplay() {
  const { t } = useTranslation();
  const countries = useCountries();
  const drugs = useDrugs();
  const num = useNumber();
  return (field: SeizureField, value: unknown): string => {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return "—";
    const enumOf: Partial<Record<SeizureField, string>> = {
      datePrecision: "precision",
      coordPrecision: "coordPrecisions",
      unit: "units",
      placeType: "placeTypes",
      transportMode: "transport",
      route: "routes",
      sourceType: "sources",
      sharing: "sharing",
    };
    const group = enumOf[field];
    if (group) return t(`seizures.${group}.${String(value)}`);
    if (field === "country" || field === "departureCountry") return countries.name(String(value));
    if (field === "drug") return drugs.drugName(String(value));
    if (Array.isArray(value) && field === "arrests") {
      return (value as { nationality: string; sex: string; count: number }[])
        .map((a) => `${countries.name(a.nationality)} · ${t(`seizures.sex.${a.sex}`)} · ${a.count}`)
        .join("; ");
    }
    if (Array.isArray(value)) return value.map((c) => countries.name(String(c))).join(" → ");
    if (typeof value === "number") return num.significant(value, 6);
    return String(value);
  };
}

function Summary({ input }: { input: SeizureInput }) {
  const { t } = useTranslation();
  const display = useDisplay();
  return (
    <Text fw={600}>
      {t("seizures.offline.summary", {
        drug: display("drug", input.drug),
        quantity: display("quantity", input.quantity),
        unit: display("unit", input.unit),
        country: display("country", input.country),
        date: input.seizureDate || "—",
      })}
    </Text>
  );
}

/** The server's refusal of an entry, as the form reads errors. */
const problemOf = (entry: OutboxEntry) =>
  new ApiError(400, {
    type: "about:blank",
    title: "",
    status: 400,
    code: "validation_failed",
    requestId: "",
    errors: entry.fieldErrors ?? [],
  });

function Discard({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <Button variant="default" size="xs" onClick={() => setAsking(true)}>
        {t("seizures.offline.discard")}
      </Button>
    );
  return (
    <Group gap="xs" role="group" aria-label={t("seizures.offline.discardConfirm")}>
      <Text size="sm">{t("seizures.offline.discardConfirm")}</Text>
      <Button color="red.9" size="xs" onClick={() => void discardEntry(entry.id)}>
        {t("seizures.offline.discardYes")}
      </Button>
      <Button variant="default" size="xs" onClick={() => setAsking(false)}>
        {t("seizures.offline.cancel")}
      </Button>
    </Group>
  );
}

function ConflictView({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation();
  const display = useDisplay();
  const server = entry.server;
  const fields = useMemo(() => (server ? differingFields(entry.input, server) : []), [entry, server]);
  const [take, setTake] = useState<Partial<Record<SeizureField, "mine" | "theirs">>>({});
  const [editing, setEditing] = useState(false);
  if (!server) return null;
  const resolved = resolveConflict(entry, take);
  if (editing)
    return (
      <SeizureForm
        initialInput={resolved.input}
        submitLabel={t("seizures.offline.saveAndSend")}
        onSubmit={(input) => void updateEntry({ ...resolved, input })}
        pending={false}
        error={null}
        extra={
          <Button variant="default" w="fit-content" onClick={() => setEditing(false)}>
            {t("seizures.offline.cancel")}
          </Button>
        }
      />
    );
  return (
    <Stack gap="sm">
      <Text size="sm">{t("seizures.offline.conflictNote")}</Text>
      <RecordTable
        minWidth={560}
        withTableBorder
        aria-label={t("seizures.offline.state.conflict")}
        columns={[
          { label: t("seizures.offline.conflictField"), th: { scope: "col" } },
          { label: t("seizures.offline.conflictMine"), th: { scope: "col" } },
          { label: t("seizures.offline.conflictTheirs"), th: { scope: "col" } },
          { label: t("seizures.offline.conflictKeep"), th: { scope: "col" } },
        ]}
        rows={fields}
      >
        {(f) => (
          <Table.Tr key={f} data-field={f}>
            <Table.Th scope="row">{t(`seizures.fields.${f}`)}</Table.Th>
            <Table.Td data-testid="conflict-mine">{display(f, entry.input[f])}</Table.Td>
            <Table.Td data-testid="conflict-theirs">{display(f, server[f])}</Table.Td>
            <Table.Td>
              <Radio.Group
                value={take[f] ?? defaultChoice(entry, f)}
                onChange={(v) => setTake((prev) => ({ ...prev, [f]: v as "mine" | "theirs" }))}
                aria-label={t("seizures.offline.conflictChoice", { field: t(`seizures.fields.${f}`) })}
              >
                <Group gap="sm" wrap="nowrap">
                  <Radio value="mine" label={t("seizures.offline.keepMine")} />
                  <Radio value="theirs" label={t("seizures.offline.takeTheirs")} />
                </Group>
              </Radio.Group>
            </Table.Td>
          </Table.Tr>
        )}
      </RecordTable>
      <Group gap="xs">
        <Button onClick={() => void updateEntry(resolved)}>{t("seizures.offline.resolveAndSend")}</Button>
        <Button variant="default" onClick={() => setEditing(true)}>
          {t("seizures.offline.editInstead")}
        </Button>
      </Group>
    </Stack>
  );
}

function EntryCard({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [correcting, setCorrecting] = useState(false);
  return (
    <Card withBorder radius="md" component="li" data-testid="outbox-entry" data-state={entry.state}>
      <Stack gap="xs">
        <Group gap="sm" justify="space-between" wrap="wrap">
          <Summary input={entry.input} />
          <Badge color={STATE_COLORS[entry.state]} variant="light">
            {t(`seizures.offline.state.${entry.state}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {entry.kind === "create" ? t("seizures.offline.newEntry") : t("seizures.offline.editEntry")} ·{" "}
          {t("seizures.offline.savedAt", { when: format.dateTime(entry.savedAt) })}
        </Text>
        {entry.state === "invalid" && !correcting && (
          <Alert color="red" variant="light" role="alert">
            {t("seizures.offline.invalidNote")}
          </Alert>
        )}
        {entry.state === "refused" && (
          <Alert color="red" variant="light" role="alert">
            {t("seizures.offline.refusedNote", { reason: t(`errors.${entry.error ?? "unknown"}`) })}
          </Alert>
        )}
        {entry.state === "confirm" && (
          <Alert color="orange" variant="light" title={t("seizures.form.warningsTitle")} role="alert">
            <Stack gap="xs">
              <Text size="sm">{t("seizures.offline.confirmNote")}</Text>
              {(entry.warnings ?? []).map((w) => (
                <span key={w.code}>{t(`seizures.rules.${w.code}`)}</span>
              ))}
              <Button w="fit-content" onClick={() => void updateEntry(confirmWarnings(entry))}>
                {t("seizures.offline.confirmAndSend")}
              </Button>
            </Stack>
          </Alert>
        )}
        {entry.state === "conflict" && <ConflictView entry={entry} />}
        {correcting ? (
          <SeizureForm
            initialInput={entry.input}
            submitLabel={t("seizures.offline.saveAndSend")}
            onSubmit={(input) => {
              setCorrecting(false);
              void updateEntry(editEntry(entry, input));
            }}
            pending={false}
            error={entry.state === "invalid" ? problemOf(entry) : null}
            extra={
              <Button variant="default" w="fit-content" onClick={() => setCorrecting(false)}>
                {t("seizures.offline.cancel")}
              </Button>
            }
          />
        ) : (
          <Group gap="xs">
            {entry.state !== "conflict" && (
              <Button variant="default" size="xs" onClick={() => setCorrecting(true)}>
                {t("seizures.offline.correct")}
              </Button>
            )}
            <Discard entry={entry} />
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** The officer's "waiting to send" list: entries kept on the device, their state, and what was sent. */
export function OutboxPanel({ page = false }: { page?: boolean }) {
  const { t } = useTranslation();
  const outbox = useOutbox();
  // Every entry not sent yet counts, including those waiting for the officer (errors, warnings, conflicts).
  const unsent = outbox.entries.length;
  const waiting = outbox.entries.filter((e) => e.state === "waiting").length;
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="outbox-title" padding="lg">
      <Stack gap="sm">
        <Group gap="sm" justify="space-between" wrap="wrap">
          <Title order={page ? 1 : 2} fz={page ? undefined : "h3"} id="outbox-title">
            {t("seizures.offline.title")}
          </Title>
          <Text fw={600} data-testid="outbox-count" aria-live="polite">
            {outbox.sending ? t("seizures.offline.sending") : t("seizures.offline.waitingCount", { count: unsent })}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {t("seizures.offline.intro")}
        </Text>
        {outbox.unreadable > 0 && (
          <Alert color="gray" variant="light">
            {t("seizures.offline.unreadable", { count: outbox.unreadable })}
          </Alert>
        )}
        {outbox.entries.length === 0 ? (
          <Text size="sm">{t("seizures.offline.empty")}</Text>
        ) : (
          <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: "none" }}>
            {outbox.entries.map((e) => (
              <EntryCard key={e.id} entry={e} />
            ))}
          </Stack>
        )}
        {waiting > 0 && !isOffline() && (
          <Button w="fit-content" variant="light" loading={outbox.sending} onClick={() => void flush()}>
            {t("seizures.offline.sendNow")}
          </Button>
        )}
        {outbox.sent.length > 0 && (
          <Stack gap="xs">
            <Title order={3} fz="h4">
              {t("seizures.offline.sentTitle")}
            </Title>
            <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
              {outbox.sent.map((e) => (
                <Group component="li" key={e.id} gap="sm" data-testid="outbox-sent" wrap="wrap">
                  <Summary input={e.input} />
                  <Badge color="green.9" variant="light">
                    {t("seizures.offline.sentItem")}
                  </Badge>
                  {e.sentId && (
                    <Anchor
                      size="sm"
                      renderRoot={(props) => (
                        <Link to="/seizures/records/$id" params={{ id: e.sentId as string }} {...props} />
                      )}
                    >
                      {t("seizures.offline.openRecord")}
                    </Anchor>
                  )}
                </Group>
              ))}
            </Stack>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

/** The banner of the entry screens while offline (and when the device cannot keep entries). */
export function OfflineNotice() {
  const { t } = useTranslation();
  const outbox = useOutbox();
  if (outbox.online) return null;
  return (
    <Alert color="blue" variant="light" role="status">
      {outbox.hasKey ? t("seizures.offline.offlineNow") : t("seizures.offline.noKey")}
    </Alert>
  );
}
