import {
  Anchor,
  Badge,
  Button,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import type { ReactElement } from "react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { RecommendationDetail } from "../../../common/meetings.js";
import { hasPermission, useMe } from "../../api/auth.js";
import {
  meetingsQuery,
  recommendationQuery,
  reportImplementation,
  transitionRecommendation,
} from "../../api/meetings.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { problemFieldErrors } from "../../components/form-errors.js";
import { CardForm, SubmitError } from "../../components/forms/card-form.js";
import { Localized, useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { RecordTable } from "../../components/record-table.js";
import { safeHref } from "../../components/safe-href.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";
import { usePartnerNames } from "../partners/use-partner-names.js";
import { ReportBadge, roman, StatusBadge } from "./meeting-format.js";

function TransitionForm({ rec }: { rec: RecommendationDetail }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const client = useQueryClient();
  const [to, setTo] = useState<string | null>(rec.allowedTransitions[0] ?? null);
  const [meetingId, setMeetingId] = useState<string | null>(null);
  const [successorId, setSuccessorId] = useState("");
  const [on, setOn] = useState("");
  const [note, setNote] = useState("");
  const pcgms = useQuery({ ...meetingsQuery({ kind: "pcgm" }, 1, 100), enabled: to === "endorsed" });
  const move = useMutation({
    mutationFn: () =>
      transitionRecommendation(rec.id, {
        to: to as "adopted",
        version: rec.version,
        ...(on ? { on } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(to === "endorsed" && meetingId ? { meetingId } : {}),
        ...((to === "superseded" || to === "merged") && successorId.trim() ? { successorId: successorId.trim() } : {}),
      }),
    onSuccess: (data) => {
      client.setQueryData(recommendationQuery(rec.id).queryKey, data);
      void client.invalidateQueries({ queryKey: ["recommendations", "list"] });
      setTo(data.allowedTransitions[0] ?? null);
      setNote("");
      setOn("");
    },
  });
  const errors = problemFieldErrors(t, move.error);
  if (rec.allowedTransitions.length === 0) return null;
  return (
    <CardForm onSubmit={() => move.mutate()} title={t("meetings.transition.title")}>
      <Group grow align="flex-start">
        <Select
          label={t("meetings.transition.to")}
          data={rec.allowedTransitions.map((s) => ({ value: s, label: t(`meetings.status.${s}`) }))}
          value={to}
          onChange={setTo}
          allowDeselect={false}
        />
        <TextInput
          label={t("meetings.transition.on")}
          type="date"
          value={on}
          onChange={(e) => setOn(e.currentTarget.value)}
          error={errors["body.on"]}
        />
      </Group>
      {to === "endorsed" && (
        <Select
          label={t("meetings.transition.pcgm")}
          required
          searchable
          data={(pcgms.data?.items ?? []).map((m) => ({
            value: m.id,
            label: `${text(m.title)} (${m.startDate.slice(0, 4)})`,
          }))}
          value={meetingId}
          onChange={setMeetingId}
          error={errors["body.meetingId"]}
        />
      )}
      {(to === "superseded" || to === "merged") && (
        <TextInput
          label={t("meetings.transition.successor")}
          description={t("meetings.transition.successorHint")}
          required
          value={successorId}
          onChange={(e) => setSuccessorId(e.currentTarget.value)}
          error={errors["body.successorId"]}
        />
      )}
      <Textarea
        label={t("meetings.transition.note")}
        autosize
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <SubmitError error={move.error} fieldErrors={errors} />
      <Button type="submit" w="fit-content" loading={move.isPending} disabled={!to}>
        {t("meetings.transition.submit")}
      </Button>
    </CardForm>
  );
}

function ReportForm({
  rec,
  partnerCode,
  coordinator,
}: {
  rec: RecommendationDetail;
  partnerCode: string | null;
  coordinator: boolean;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [partner, setPartner] = useState(partnerCode ?? "");
  const [status, setStatus] = useState<string | null>("partial");
  const [narrative, setNarrative] = useState("");
  const [link, setLink] = useState("");
  const lang = useLanguage();
  const send = useMutation({
    mutationFn: () =>
      reportImplementation(rec.id, {
        partnerCode: partner.trim().toUpperCase(),
        status: status as "partial",
        ...(narrative.trim() ? { narrative: { [lang === "ru" ? "ru" : "en"]: narrative.trim() } } : {}),
        evidence: link.trim() ? [{ label: link.trim(), url: link.trim() }] : [],
      }),
    onSuccess: async () => {
      setNarrative("");
      setLink("");
      await client.invalidateQueries({ queryKey: ["recommendations"] });
    },
  });
  const errors = problemFieldErrors(t, send.error);
  return (
    <CardForm onSubmit={() => send.mutate()} title={t("meetings.reportForm.title")}>
      {coordinator && (
        <Text size="sm" c="dimmed">
          {t("meetings.reportForm.coordinatorNote")}
        </Text>
      )}
      <Group grow align="flex-start">
        <TextInput
          label={t("meetings.reportForm.partner")}
          value={partner}
          onChange={(e) => setPartner(e.currentTarget.value)}
          readOnly={!coordinator && !!partnerCode}
          required
          error={errors["body.partnerCode"]}
        />
        <Select
          label={t("meetings.reportForm.status")}
          data={["not_started", "partial", "done"].map((s) => ({ value: s, label: t(`meetings.report.${s}`) }))}
          value={status}
          onChange={setStatus}
          allowDeselect={false}
        />
      </Group>
      <Textarea
        label={t("meetings.reportForm.narrative")}
        autosize
        minRows={2}
        value={narrative}
        onChange={(e) => setNarrative(e.currentTarget.value)}
      />
      <TextInput
        label={t("meetings.reportForm.evidence")}
        type="url"
        value={link}
        onChange={(e) => setLink(e.currentTarget.value)}
        error={errors["body.evidence.0.url"]}
      />
      <SubmitError error={send.error} fieldErrors={errors} />
      {send.isSuccess && (
        <Text role="status" fw={600}>
          {t("meetings.reportForm.sent")}
        </Text>
      )}
      <Button type="submit" w="fit-content" loading={send.isPending}>
        {t("meetings.reportForm.submit")}
      </Button>
    </CardForm>
  );
}

export function RecommendationPage(): ReactElement {
  const { name: partnerName } = usePartnerNames();
  const { t } = useTranslation();
  const { id } = useParams({ from: "/recommendations/$id" });
  const text = useLocalizedText();
  const me = useMe().data;
  const { data: rec, error, isPending, refetch } = useQuery(recommendationQuery(id));
  usePageTitle(rec ? t("meetings.recommendationTitle", { number: rec.number }) : t("meetings.recommendations"));
  if (isPending) return <ListSkeleton rows={6} />;
  if (error || !rec) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  const canReport =
    hasPermission(me, "recommendations:report") &&
    ["adopted", "endorsed", "in_progress", "implemented"].includes(rec.status);
  const coordinator = hasPermission(me, "meetings:manage");
  return (
    <Stack gap="md">
      <Anchor renderRoot={(props) => <Link to="/meetings/$id" params={{ id: rec.meetingId }} {...props} />} size="sm">
        ← {text(rec.meetingTitle)}
      </Anchor>
      <Group gap="xs">
        <StatusBadge status={rec.status} />
        <Badge variant="light" style={{ textTransform: "none" }}>
          {t("meetings.pillarShort", { roman: roman(rec.pillar) })}
        </Badge>
        {rec.priority && (
          <Badge color="red.9" variant="light" style={{ textTransform: "none" }}>
            {t("meetings.priority")}
          </Badge>
        )}
      </Group>
      <Title order={1}>{t("meetings.recommendationTitle", { number: rec.number })}</Title>
      <Text size="lg" style={{ whiteSpace: "pre-line" }}>
        <Localized value={rec.text} queue={{ module: "recommendations", id: rec.id }} />
      </Text>
      {(rec.themes.length > 0 || rec.commitments.length > 0) && (
        <Text size="sm" c="dimmed">
          {[
            rec.themes.join(", "),
            rec.commitments.length ? `${t("meetings.commitments")}: ${rec.commitments.join(", ")}` : "",
          ]
            .filter(Boolean)
            .join(" · ")}
        </Text>
      )}
      {rec.endorsedBy && (
        <Text>
          {t("meetings.endorsedBy")}{" "}
          <Anchor
            renderRoot={(props) => <Link to="/meetings/$id" params={{ id: rec.endorsedBy?.id ?? "" }} {...props} />}
          >
            {text(rec.endorsedBy.title)}
          </Anchor>
        </Text>
      )}
      {rec.successorId && (
        <Anchor
          renderRoot={(props) => <Link to="/recommendations/$id" params={{ id: rec.successorId ?? "" }} {...props} />}
        >
          {t("meetings.successor")}
        </Anchor>
      )}
      <section aria-labelledby="lifecycle">
        <Title order={2} size="h4" id="lifecycle" mb="sm">
          {t("meetings.lifecycle")}
        </Title>
        <Timeline active={rec.transitions.length - 1} bulletSize={16} lineWidth={2}>
          {rec.transitions.map((x) => (
            <Timeline.Item key={x.id} title={t(`meetings.status.${x.to}`)}>
              <Text size="sm" c="dimmed">
                {x.on}
                {x.actorName ? ` · ${x.actorName}` : ""}
              </Text>
              {x.meeting && (
                <Anchor
                  renderRoot={(props) => <Link to="/meetings/$id" params={{ id: x.meeting?.id ?? "" }} {...props} />}
                  size="sm"
                >
                  {text(x.meeting.title)}
                </Anchor>
              )}
              {x.note && <Text size="sm">{x.note}</Text>}
            </Timeline.Item>
          ))}
        </Timeline>
      </section>
      {coordinator && <TransitionForm rec={rec} />}
      {me?.user && (
        <section aria-labelledby="reports">
          <Title order={2} size="h4" id="reports" mb="xs">
            {t("meetings.reports")}
          </Title>
          {rec.reports.length === 0 ? (
            <Empty title={t("meetings.noReports")} />
          ) : (
            <RecordTable
              minWidth={480}
              columns={[
                t("meetings.reportForm.partner"),
                t("meetings.reportForm.status"),
                t("meetings.reportForm.narrative"),
                t("meetings.reportedBy"),
              ]}
              rows={rec.reports}
              rowKey={(r) => r.id}
              striped
            >
              {(r) => (
                <>
                  <Table.Td>{partnerName(r.partnerCode)}</Table.Td>
                  <Table.Td>
                    <ReportBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>
                    {r.narrative ? <Localized value={r.narrative} /> : ""}
                    {r.evidence.map((e) => (
                      <div key={e.label}>
                        {e.url ? (
                          <Anchor href={safeHref(e.url)} target="_blank" rel="noopener noreferrer" size="sm">
                            {e.label}
                          </Anchor>
                        ) : (
                          e.label
                        )}
                      </div>
                    ))}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {r.reporterName}
                      {r.byCoordinator ? ` (${t("meetings.byCoordinator")})` : ""}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {r.reportedAt.slice(0, 10)}
                    </Text>
                  </Table.Td>
                </>
              )}
            </RecordTable>
          )}
        </section>
      )}
      {canReport && <ReportForm rec={rec} partnerCode={me?.user?.partnerCode ?? null} coordinator={coordinator} />}
    </Stack>
  );
}
