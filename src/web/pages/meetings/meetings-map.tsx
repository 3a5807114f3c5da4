import { Anchor, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type MeetingFilter, meetingsBetweenQuery } from "../../api/meetings.js";
import { AtlasMap } from "../../components/atlas-map.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { useLocalizedText } from "../../components/localized.js";
import { ListSkeleton } from "../../components/states.js";
import { useMeetingDates } from "./meeting-format.js";

/** Where the meetings took place: one point per meeting with a known city, clustered. */
export function MeetingsMap({ filter }: { filter: MeetingFilter }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const dates = useMeetingDates();
  const navigate = useNavigate();
  const { data, error, isPending, refetch } = useQuery(meetingsBetweenQuery("1990-01-01", "2100-12-31", filter));
  const located = useMemo(() => (data?.items ?? []).filter((m) => m.lat !== null && m.lon !== null), [data]);
  const points = useMemo(
    () => ({
      lon: located.map((m) => m.lon as number),
      lat: located.map((m) => m.lat as number),
      id: located.map((m) => m.id),
    }),
    [located],
  );
  if (isPending) return <ListSkeleton rows={3} height={120} />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  const byId = new Map(located.map((m) => [m.id, m]));
  return (
    <Stack gap="xs">
      <AtlasMap
        ariaLabel={t("meetings.map.label")}
        points={{ data: points, label: t("meetings.map.points") }}
        onPointClick={(id) => void navigate({ to: "/meetings/$id", params: { id: String(id) } })}
        tooltip={(target) => {
          if (target.kind === "point") {
            const m = byId.get(String(target.id));
            return m ? `${text(m.title)} — ${dates(m)}` : null;
          }
          if (target.kind === "cluster") return t("meetings.map.cluster", { count: target.count });
          return target.kind === "country" ? target.name : null;
        }}
        fitTo={[...new Set(located.map((m) => m.country).filter((c): c is string => !!c))]}
        tableCaption={t("meetings.map.table")}
        table={() => (
          <Table.ScrollContainer minWidth={480}>
            <Table striped>
              <Table.Caption>{t("meetings.map.table")}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("meetings.fields.city")}</Table.Th>
                  <Table.Th>{t("meetings.fields.dates")}</Table.Th>
                  <Table.Th>{t("meetings.fields.title")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {located.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{[text(m.city), m.country].filter(Boolean).join(", ")}</Table.Td>
                    <Table.Td>{dates(m)}</Table.Td>
                    <Table.Td>
                      <Anchor renderRoot={(props) => <Link to="/meetings/$id" params={{ id: m.id }} {...props} />}>
                        {text(m.title)}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      />
      <Text size="sm" c="dimmed">
        {t("meetings.map.note", { count: located.length, total: data?.items.length ?? 0 })}
      </Text>
    </Stack>
  );
}
