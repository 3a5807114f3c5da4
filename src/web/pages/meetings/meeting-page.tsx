import { Anchor, Badge, Button, Card, Divider, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { MeetingDetail } from "../../../common/meetings.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { meetingQuery } from "../../api/meetings.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { Localized, useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { safeHref } from "../../components/safe-href.js";
import { ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import { KindBadge, roman, useAttendanceText, useMeetingDates } from "./meeting-format.js";
import {
  AddRecommendation,
  MeetingRecommendations,
  Participants,
  Participation,
  Snapshots,
} from "./meeting-sections.js";

function Facts({ m }: { m: MeetingDetail }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const format = useFormat();
  const dates = useMeetingDates();
  const attendance = useAttendanceText();
  const row = (label: string, value: React.ReactNode) =>
    value ? (
      <div>
        <Text size="xs" c="dimmed" fw={600}>
          {label}
        </Text>
        <Text size="sm">{value}</Text>
      </div>
    ) : null;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      {row(t("meetings.fields.dates"), dates(m))}
      {row(
        t("meetings.fields.place"),
        [text(m.city), m.country ? format.country(m.country) : null].filter(Boolean).join(", "),
      )}
      {row(t("meetings.fields.host"), text(m.host))}
      {row(t("meetings.fields.format"), m.format ? t(`meetings.format.${m.format}`) : "")}
      {row(
        t("meetings.fields.pillars"),
        m.pillars.map((p) => t("meetings.pillarShort", { roman: roman(p) })).join(", "),
      )}
      {row(
        t("meetings.fields.attendance"),
        m.attendance.source === "none"
          ? ""
          : `${attendance(m.attendance)}${m.attendance.source === "registrations" ? ` (${t("meetings.attendance.fromRegistrations")})` : ""}`,
      )}
      {row(
        t("meetings.fields.priorityRecommendations"),
        m.priorityRecommendationCount !== null ? String(m.priorityRecommendationCount) : "",
      )}
    </SimpleGrid>
  );
}

export function MeetingPage(): ReactElement {
  const { t } = useTranslation();
  const { id } = useParams({ from: "/meetings/$id" });
  const text = useLocalizedText();
  const me = useMe().data;
  const { data: m, error, isPending, refetch } = useQuery(meetingQuery(id));
  usePageTitle(m ? text(m.title) : t("meetings.title"));
  if (isPending) return <ListSkeleton rows={6} />;
  if (error || !m) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  const canManage = hasPermission(me, "meetings:manage");
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/meetings" size="sm">
        {t("meetings.back")}
      </Anchor>
      <Group gap="xs">
        <KindBadge kind={m.kind} />
        {m.stocktaking && (
          <Badge variant="light" color="teal.9" style={{ textTransform: "none" }}>
            {t("meetings.stocktaking")}
          </Badge>
        )}
        {m.visibility === "members" && (
          <Badge variant="outline" color="orange.9">
            {t("meetings.membersOnly")}
          </Badge>
        )}
      </Group>
      {/* A long title takes the line and the button wraps below it, rather than squeezing the button. */}
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Title order={1} style={{ flex: "1 1 20rem", minWidth: 0, overflowWrap: "break-word" }}>
          <Localized value={m.title} queue={{ module: "meetings", id: m.id }} />
        </Title>
        {canManage && (
          <Button
            renderRoot={(props) => <Link to="/meetings/$id/edit" params={{ id: m.id }} {...props} />}
            variant="light"
            style={{ flexShrink: 0 }}
          >
            {t("meetings.edit")}
          </Button>
        )}
      </Group>
      {m.theme && (
        <Text fs="italic">
          <Localized value={m.theme} queue={{ module: "meetings", id: m.id }} />
        </Text>
      )}
      <Card withBorder padding="md">
        <Facts m={m} />
      </Card>
      {m.outcome && (
        <section aria-labelledby="outcome">
          <Title order={2} size="h4" id="outcome">
            {t("meetings.fields.outcome")}
          </Title>
          <Text style={{ whiteSpace: "pre-line" }}>
            <Localized value={m.outcome} queue={{ module: "meetings", id: m.id }} />
          </Text>
        </section>
      )}
      {m.agenda && (
        <section aria-labelledby="agenda">
          <Title order={2} size="h4" id="agenda">
            {t("meetings.fields.agenda")}
          </Title>
          <Text style={{ whiteSpace: "pre-line" }}>
            <Localized value={m.agenda} queue={{ module: "meetings", id: m.id }} />
          </Text>
        </section>
      )}
      {m.documents.length > 0 && (
        <section aria-labelledby="documents">
          <Title order={2} size="h4" id="documents">
            {t("meetings.fields.documents")}
          </Title>
          <List>
            {m.documents.map((d) => (
              <List.Item key={d.url ?? d.fileId ?? text(d.title)}>
                {d.url || d.fileId ? (
                  <Anchor href={d.url ? safeHref(d.url) : `/api/v1/files/${d.fileId}`} target="_blank" rel="noopener">
                    {text(d.title)}
                  </Anchor>
                ) : (
                  text(d.title)
                )}
              </List.Item>
            ))}
          </List>
        </section>
      )}
      <MeetingRecommendations meetingId={m.id} />
      {canManage && <AddRecommendation meeting={m} />}
      <Snapshots m={m} canManage={canManage} />
      <Divider />
      <Participation m={m} signedIn={!!me?.user} />
      {me?.user && <Participants meetingId={m.id} />}
      {m.provenance.length > 0 && (
        <Text size="xs" c="dimmed">
          {t("meetings.provenance")}: {m.provenance.map((p) => `${p.document} (${p.locator})`).join("; ")}
        </Text>
      )}
    </Stack>
  );
}
