import { ActionIcon, Anchor, Box, Group, Paper, SimpleGrid, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { MeetingSummary } from "../../../common/meetings.js";
import { type MeetingFilter, meetingsBetweenQuery } from "../../api/meetings.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { IconChevronLeft, IconChevronRight } from "../../components/icons.js";
import { useLocalizedText } from "../../components/localized.js";
import { ListSkeleton } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";

const pad = (n: number) => String(n).padStart(2, "0");
const shift = (month: string, by: number) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
};

/** A month grid (Monday first) of the meetings that fall on each day; the list below repeats it for screen readers. */
export function MeetingsCalendar({
  filter,
  month,
  onMonth,
}: {
  filter: MeetingFilter;
  month: string | undefined;
  onMonth: (month: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const text = useLocalizedText();
  const today = new Date();
  const current = month ?? `${today.getUTCFullYear()}-${pad(today.getUTCMonth() + 1)}`;
  const [y, m] = current.split("-").map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const first = `${current}-01`;
  const last = `${current}-${pad(days)}`;
  const { data, error, isPending, refetch } = useQuery(meetingsBetweenQuery(first, last, filter));
  const locale = lang === "ru" ? "ru-RU" : "en-GB";
  const title = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1 + i))),
  );
  const offset = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  const on = (day: string) =>
    (data?.items ?? []).filter((x: MeetingSummary) => x.startDate <= day && (x.endDate ?? x.startDate) >= day);

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <ActionIcon
          variant="light"
          onClick={() => onMonth(shift(current, -1))}
          aria-label={t("meetings.calendar.previous")}
        >
          <IconChevronLeft size={18} aria-hidden="true" />
        </ActionIcon>
        <Title order={2} size="h4" aria-live="polite">
          {title}
        </Title>
        <ActionIcon variant="light" onClick={() => onMonth(shift(current, 1))} aria-label={t("meetings.calendar.next")}>
          <IconChevronRight size={18} aria-hidden="true" />
        </ActionIcon>
      </Group>
      {error && <ErrorAlert error={error} onRetry={() => void refetch()} />}
      {isPending ? (
        <ListSkeleton rows={5} height={60} />
      ) : (
        <Box visibleFrom="xs" aria-hidden="true">
          <SimpleGrid cols={7} spacing={2}>
            {weekdays.map((w) => (
              <Text key={w} size="xs" ta="center" c="dimmed">
                {w}
              </Text>
            ))}
            {Array.from({ length: offset }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: empty leading cells
              <Box key={`e${i}`} />
            ))}
            {Array.from({ length: days }, (_, i) => {
              const day = `${current}-${pad(i + 1)}`;
              const items = on(day);
              return (
                <Paper key={day} withBorder p={4} mih={64} radius="xs" bg={items.length ? "blue.0" : undefined}>
                  <Text size="xs" fw={600}>
                    {i + 1}
                  </Text>
                  {items.slice(0, 2).map((x) => (
                    <Text key={x.id} size="xs" lineClamp={2} c="blue.9">
                      {text(x.title)}
                    </Text>
                  ))}
                  {items.length > 2 && (
                    <Text size="xs" c="dimmed">
                      +{items.length - 2}
                    </Text>
                  )}
                </Paper>
              );
            })}
          </SimpleGrid>
        </Box>
      )}
      <VisuallyHidden>
        <h3>{t("meetings.calendar.listHeading", { month: title })}</h3>
      </VisuallyHidden>
      {data && data.items.length === 0 && <Text c="dimmed">{t("meetings.calendar.none")}</Text>}
      <Stack component="ul" gap={4} p={0} style={{ listStyle: "none" }}>
        {(data?.items ?? []).map((x) => (
          <li key={x.id}>
            <Text size="sm">
              <Text span c="dimmed">
                {x.startDate}
                {x.endDate && x.endDate !== x.startDate ? ` – ${x.endDate}` : ""}{" "}
              </Text>
              <Anchor renderRoot={(props) => <Link to="/meetings/$id" params={{ id: x.id }} {...props} />}>
                {text(x.title)}
              </Anchor>
            </Text>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
