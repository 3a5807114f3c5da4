import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MeetingDetail } from "../../../common/meetings.js";
import {
  commitmentsQuery,
  createRecommendation,
  decideRegistration,
  markAttendance,
  participantsQuery,
  recommendationsQuery,
  registerForMeeting,
  takeSnapshot,
  updateOwnRegistration,
} from "../../api/meetings.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { problemFieldErrors } from "../../components/form-errors.js";
import { CardForm, FormActions, SubmitError } from "../../components/forms/card-form.js";
import { useLocalizedText } from "../../components/localized.js";
import { RecordTable } from "../../components/record-table.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { roman, StatusBadge, usePillarOptions } from "./meeting-format.js";

export function MeetingRecommendations({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const { data, error, isPending, refetch } = useQuery(recommendationsQuery({ meetingId }, 1, 200));
  return (
    <section aria-labelledby="recs">
      <Title order={2} size="h4" id="recs" mb="xs">
        {t("meetings.recommendations")}
      </Title>
      {isPending && <ListSkeleton rows={2} />}
      {error && <ErrorAlert error={error} onRetry={() => void refetch()} />}
      {data && data.items.length === 0 && <Text c="dimmed">{t("meetings.noRecommendations")}</Text>}
      <Stack component="ol" gap="xs" p={0} style={{ listStyle: "none" }}>
        {data?.items.map((r) => (
          <Card key={r.id} component="li" withBorder padding="sm">
            <Group gap="xs" mb={4}>
              <StatusBadge status={r.status} />
              {r.priority && (
                <Text size="xs" c="red.9">
                  {t("meetings.priority")}
                </Text>
              )}
            </Group>
            <Anchor renderRoot={(props) => <Link to="/recommendations/$id" params={{ id: r.id }} {...props} />}>
              {r.number}. {text(r.text)}
            </Anchor>
          </Card>
        ))}
      </Stack>
    </section>
  );
}

export function AddRecommendation({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const pillarOptions = usePillarOptions();
  const text = useLocalizedText();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [number, setNumber] = useState("");
  const [en, setEn] = useState("");
  const [ru, setRu] = useState("");
  const [pillar, setPillar] = useState<string | null>(meeting.pillars[0] ? String(meeting.pillars[0]) : null);
  const [priority, setPriority] = useState(false);
  const [themes, setThemes] = useState("");
  const [commitments, setCommitments] = useState<string[]>([]);
  const allCommitments = useQuery({ ...commitmentsQuery, enabled: open });
  const save = useMutation({
    mutationFn: () =>
      createRecommendation({
        meetingId: meeting.id,
        number: number.trim(),
        text: { ...(en.trim() ? { en: en.trim() } : {}), ...(ru.trim() ? { ru: ru.trim() } : {}) },
        pillar: Number(pillar),
        priority,
        themes: themes
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean),
        commitments,
      }),
    onSuccess: async (rec) => {
      await client.invalidateQueries({ queryKey: ["recommendations"] });
      void navigate({ to: "/recommendations/$id", params: { id: rec.id } });
    },
  });
  const errors = problemFieldErrors(t, save.error);
  if (!open)
    return (
      <Button variant="light" w="fit-content" onClick={() => setOpen(true)}>
        {t("meetings.addRecommendation")}
      </Button>
    );
  return (
    <CardForm onSubmit={() => save.mutate()} title={t("meetings.addRecommendation")}>
      <Group grow align="flex-start">
        <TextInput
          label={t("meetings.fields.number")}
          required
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          error={errors["body.number"]}
        />
        <Select
          label={t("meetings.fields.pillar")}
          required
          data={pillarOptions}
          value={pillar}
          onChange={setPillar}
          allowDeselect={false}
          error={errors["body.pillar"]}
        />
      </Group>
      <Textarea
        label={t("meetings.fields.textEn")}
        autosize
        minRows={2}
        value={en}
        onChange={(e) => setEn(e.currentTarget.value)}
        error={errors["body.text"] ?? errors["body.text.en"]}
      />
      <Textarea
        label={t("meetings.fields.textRu")}
        autosize
        minRows={2}
        value={ru}
        onChange={(e) => setRu(e.currentTarget.value)}
        error={errors["body.text.ru"]}
        lang="ru"
      />
      <TextInput
        label={t("meetings.fields.themes")}
        description={t("meetings.form.themesHint")}
        value={themes}
        onChange={(e) => setThemes(e.currentTarget.value)}
      />
      <MultiSelect
        label={t("meetings.commitments")}
        searchable
        data={(allCommitments.data?.items ?? [])
          .filter((c) => !pillar || c.pillar === Number(pillar))
          .map((c) => ({ value: c.code, label: `${c.code} ${text(c.text).slice(0, 90)}` }))}
        value={commitments}
        onChange={setCommitments}
        error={errors["body.commitments"]}
      />
      <Checkbox
        label={t("meetings.priority")}
        checked={priority}
        onChange={(e) => setPriority(e.currentTarget.checked)}
      />
      <SubmitError error={save.error} fieldErrors={errors} />
      <FormActions
        submit={t("meetings.save")}
        pending={save.isPending}
        cancel={{ label: t("meetings.cancel"), onClick: () => setOpen(false) }}
      />
    </CardForm>
  );
}

export function Snapshots({ m, canManage }: { m: MeetingDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const pillarOptions = usePillarOptions();
  const client = useQueryClient();
  const [pillar, setPillar] = useState<string | null>(m.pillars[0] ? String(m.pillars[0]) : null);
  const take = useMutation({
    mutationFn: () => takeSnapshot(m.id, Number(pillar)),
    onSuccess: () => client.invalidateQueries({ queryKey: ["meetings", "one", m.id] }),
  });
  if (!canManage && m.snapshots.length === 0) return null;
  return (
    <section aria-labelledby="snapshots">
      <Title order={2} size="h4" id="snapshots" mb="xs">
        {t("meetings.snapshots.title")}
      </Title>
      {m.snapshots.length === 0 && <Text c="dimmed">{t("meetings.snapshots.none")}</Text>}
      <Stack component="ul" gap={4} p={0} style={{ listStyle: "none" }}>
        {m.snapshots.map((s) => (
          <li key={s.id}>
            <Anchor renderRoot={(props) => <Link to="/snapshots/$id" params={{ id: s.id }} {...props} />}>
              {t("meetings.snapshots.item", { roman: roman(s.pillar), count: s.recommendationCount })}
            </Anchor>
          </li>
        ))}
      </Stack>
      {canManage && (
        <Group mt="xs" align="flex-end">
          <Select
            label={t("meetings.fields.pillar")}
            data={pillarOptions}
            value={pillar}
            onChange={setPillar}
            allowDeselect={false}
            w={260}
          />
          <Button onClick={() => take.mutate()} disabled={!pillar} loading={take.isPending}>
            {t("meetings.snapshots.take")}
          </Button>
        </Group>
      )}
      {take.error && <ErrorAlert error={take.error} />}
    </section>
  );
}

export function Participation({ m, signedIn }: { m: MeetingDetail; signedIn: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [mode, setMode] = useState<"in_person" | "remote">("in_person");
  const [consent, setConsent] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: ["meetings"] });
  const register = useMutation({
    mutationFn: () => registerForMeeting(m.id, { attendanceMode: mode, listConsent: consent }),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: (input: { listConsent?: boolean; cancel?: boolean }) =>
      updateOwnRegistration(m.myRegistration?.id ?? "", { ...input, version: m.myRegistration?.version ?? 1 }),
    onSuccess: refresh,
  });
  const mine = m.myRegistration;
  return (
    <section aria-labelledby="participation">
      <Title order={2} size="h4" id="participation" mb="xs">
        {t("meetings.participation.title")}
      </Title>
      {!signedIn && <Text c="dimmed">{t("meetings.participation.signIn")}</Text>}
      {signedIn && mine && mine.status !== "cancelled" && (
        <Stack gap="xs">
          <Text>
            {t(`meetings.participation.status.${mine.status}`)}
            {mine.invited ? ` (${t("meetings.participation.invited")})` : ""}
            {mine.declineReason ? ` — ${mine.declineReason}` : ""}
          </Text>
          {mine.status !== "declined" && (
            <Group>
              <Switch
                label={t("meetings.participation.consent")}
                checked={mine.listConsent}
                onChange={(e) => update.mutate({ listConsent: e.currentTarget.checked })}
              />
              <Button variant="subtle" color="red" onClick={() => update.mutate({ cancel: true })}>
                {t("meetings.participation.withdraw")}
              </Button>
            </Group>
          )}
        </Stack>
      )}
      {signedIn && (!mine || mine.status === "cancelled") && (
        <Stack gap="xs" maw={520}>
          <Select
            label={t("meetings.participation.mode")}
            data={[
              { value: "in_person", label: t("meetings.participation.inPerson") },
              { value: "remote", label: t("meetings.participation.remote") },
            ]}
            value={mode}
            onChange={(v) => setMode(v === "remote" ? "remote" : "in_person")}
            allowDeselect={false}
          />
          <Checkbox
            label={t("meetings.participation.consent")}
            checked={consent}
            onChange={(e) => setConsent(e.currentTarget.checked)}
          />
          <Button w="fit-content" onClick={() => register.mutate()} loading={register.isPending}>
            {t("meetings.participation.register")}
          </Button>
        </Stack>
      )}
      {(register.error || update.error) && <ErrorAlert error={register.error ?? update.error} />}
    </section>
  );
}

export function Participants({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { data, error, isPending, refetch } = useQuery(participantsQuery(meetingId));
  const [reason, setReason] = useState<Record<string, string>>({});
  const decide = useMutation({
    mutationFn: (input: { id: string; decision: "approve" | "decline"; version: number }) =>
      decideRegistration(input.id, {
        decision: input.decision,
        version: input.version,
        ...(input.decision === "decline" ? { reason: reason[input.id] ?? "" } : {}),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["meetings"] }),
  });
  const attend = useMutation({
    mutationFn: (input: { id: string; attended: boolean; version: number }) =>
      markAttendance(input.id, { attended: input.attended, version: input.version }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["meetings"] }),
  });
  if (isPending) return <ListSkeleton rows={2} />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  return (
    <section aria-labelledby="participants">
      <Title order={2} size="h4" id="participants" mb="xs">
        {t("meetings.participants.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t("meetings.participants.note")}
      </Text>
      {data.items.length === 0 ? (
        <Empty title={t("meetings.participants.none")} />
      ) : (
        <RecordTable
          minWidth={420}
          columns={[
            t("meetings.participants.name"),
            t("meetings.participants.partner"),
            t("meetings.participants.status"),
            data.organizerView && t("meetings.participants.actions"),
          ]}
          rows={data.items}
          rowKey={(p) => p.registrationId}
          striped
        >
          {(p) => (
            <>
              <Table.Td>{p.displayName}</Table.Td>
              <Table.Td>{p.partnerCode ?? "—"}</Table.Td>
              <Table.Td>
                {t(`meetings.participation.status.${p.status}`)}
                {p.invited ? ` (${t("meetings.participation.invited")})` : ""}
              </Table.Td>
              {data.organizerView && (
                <Table.Td>
                  {p.status === "approved" && (
                    <Checkbox
                      label={t("meetings.participants.attended")}
                      checked={p.attended === true}
                      onChange={(e) =>
                        attend.mutate({
                          id: p.registrationId,
                          attended: e.currentTarget.checked,
                          version: p.version,
                        })
                      }
                    />
                  )}
                  {p.status === "requested" && (
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="xs"
                        onClick={() => decide.mutate({ id: p.registrationId, decision: "approve", version: p.version })}
                      >
                        {t("meetings.participants.approve")}
                      </Button>
                      <TextInput
                        size="xs"
                        aria-label={t("meetings.participants.reason")}
                        placeholder={t("meetings.participants.reason")}
                        value={reason[p.registrationId] ?? ""}
                        onChange={(e) => setReason({ ...reason, [p.registrationId]: e.currentTarget.value })}
                      />
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        disabled={!reason[p.registrationId]?.trim()}
                        onClick={() => decide.mutate({ id: p.registrationId, decision: "decline", version: p.version })}
                      >
                        {t("meetings.participants.decline")}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              )}
            </>
          )}
        </RecordTable>
      )}
      {data.hidden > 0 && (
        <Text size="sm" c="dimmed">
          {t("meetings.participants.hidden", { count: data.hidden })}
        </Text>
      )}
      {(decide.error || attend.error) && <ErrorAlert error={decide.error ?? attend.error} />}
    </section>
  );
}
