import {
  Anchor,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { MEETING_KINDS, type MeetingSummary } from "../../../common/meetings.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { calendarUrl, MEETINGS_PAGE_SIZE, type MeetingFilter, meetingsQuery } from "../../api/meetings.js";
import { IconCalendarEvent, IconSearch } from "../../components/icons.js";
import { pageParam } from "../../components/lists/list-pagination.js";
import { PagedList } from "../../components/lists/paged-list.js";
import { useTypedFilter } from "../../components/lists/use-typed-filter.js";
import { Localized, TranslationBadge, useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import { KindBadge, PillarFilter, roman, useAttendanceText, useMeetingDates } from "./meeting-format.js";
import type { MeetingsSearch } from "./meetings.routes.js";
import { MeetingsCalendar } from "./meetings-calendar.js";
import { MeetingsMap } from "./meetings-map.js";

export function MeetingCard({ m }: { m: MeetingSummary }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const dates = useMeetingDates();
  const attendance = useAttendanceText();
  const format = useFormat();
  const place = [text(m.city), m.country ? format.country(m.country) : null].filter(Boolean).join(", ");
  return (
    <Card withBorder padding="sm" radius="md" component="li">
      <Group gap="xs" mb={4} wrap="wrap">
        <KindBadge kind={m.kind} />
        {m.pillars.map((p) => (
          <Text key={p} size="xs" c="dimmed">
            {t("meetings.pillarShort", { roman: roman(p) })}
          </Text>
        ))}
        {m.visibility === "members" && (
          <Text size="xs" c="orange.9">
            {t("meetings.membersOnly")}
          </Text>
        )}
      </Group>
      <div>
        <Anchor renderRoot={(props) => <Link to="/meetings/$id" params={{ id: m.id }} {...props} />} fw={600}>
          <Localized value={m.title} badge={false} />
        </Anchor>
        <TranslationBadge value={m.title} queue={{ module: "meetings", id: m.id }} />
      </div>
      <Text size="sm" c="dimmed">
        {[dates(m), place, text(m.host)].filter(Boolean).join(" · ")}
      </Text>
      {m.attendance.source !== "none" && <Text size="sm">{attendance(m.attendance)}</Text>}
      {(m.recommendationCount > 0 || m.priorityRecommendationCount !== null) && (
        <Text size="sm">
          {m.recommendationCount > 0
            ? t("meetings.recommendationCount", { count: m.recommendationCount })
            : t("meetings.priorityCount", { count: m.priorityRecommendationCount ?? 0 })}
        </Text>
      )}
    </Card>
  );
}

function Filters({ search, onChange }: { search: MeetingsSearch; onChange: (patch: Partial<MeetingsSearch>) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useTypedFilter(search.q, (value) => onChange({ q: value }));
  const [host, setHost] = useTypedFilter(search.host, (value) => onChange({ host: value }));
  const thisYear = new Date().getUTCFullYear();
  const format = useFormat();
  const years = Array.from({ length: thisYear + 3 - 2003 }, (_, i) => String(thisYear + 2 - i));
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
      <TextInput
        label={t("meetings.filters.q")}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        leftSection={<IconSearch size={16} aria-hidden="true" />}
        type="search"
      />
      <Select
        label={t("meetings.fields.kind")}
        placeholder={t("meetings.filters.any")}
        data={MEETING_KINDS.map((k) => ({ value: k, label: t(`meetings.kinds.${k}`) }))}
        value={search.kind ?? null}
        onChange={(v) => onChange({ kind: v ?? undefined })}
        clearable
      />
      <PillarFilter value={search.pillar} onChange={(pillar) => onChange({ pillar })} />
      <Select
        label={t("meetings.fields.year")}
        placeholder={t("meetings.filters.any")}
        data={years}
        value={search.year ? String(search.year) : null}
        onChange={(v) => onChange({ year: v ? Number(v) : undefined })}
        clearable
        searchable
      />
      <TextInput label={t("meetings.fields.host")} value={host} onChange={(e) => setHost(e.currentTarget.value)} />
      <Select
        label={t("meetings.fields.country")}
        placeholder={t("meetings.filters.any")}
        data={format.countryOptions}
        value={search.country ?? null}
        onChange={(v) => onChange({ country: v ?? undefined })}
        clearable
        searchable
      />
    </SimpleGrid>
  );
}

export function MeetingsPage(): ReactElement {
  const { t } = useTranslation();
  usePageTitle(t("meetings.title"));
  const search = useSearch({ from: "/meetings" });
  const navigate = useNavigate({ from: "/meetings" });
  const me = useMe().data;
  const canManage = hasPermission(me, "meetings:manage");
  const page = search.page ?? 1;
  const view = search.view ?? "list";
  const filter: MeetingFilter = {
    kind: search.kind,
    pillar: search.pillar,
    year: search.year,
    host: search.host,
    country: search.country,
    q: search.q,
  };
  const list = useQuery({ ...meetingsQuery(filter, page), enabled: view === "list" });
  const onChange = (patch: Partial<MeetingsSearch>) =>
    void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }), replace: true });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Title order={1}>{t("meetings.title")}</Title>
        <Group gap="xs">
          <Button
            component="a"
            href={calendarUrl()}
            variant="light"
            leftSection={<IconCalendarEvent size={16} aria-hidden="true" />}
          >
            {t("meetings.ics")}
          </Button>
          {canManage && (
            <Button component={Link} to="/meetings/new">
              {t("meetings.add")}
            </Button>
          )}
        </Group>
      </Group>
      <Text maw={820}>{t("meetings.intro")}</Text>
      <Filters search={search} onChange={onChange} />
      <SegmentedControl
        size="xs"
        w="fit-content"
        value={view}
        onChange={(v) =>
          void navigate({
            search: (s) => ({ ...s, view: v === "calendar" || v === "map" ? v : undefined }),
            replace: true,
          })
        }
        aria-label={t("meetings.viewLabel")}
        data={[
          { value: "list", label: t("meetings.views.list") },
          { value: "calendar", label: t("meetings.views.calendar") },
          { value: "map", label: t("meetings.views.map") },
        ]}
      />
      {view === "calendar" && (
        <MeetingsCalendar
          filter={filter}
          month={search.month}
          onMonth={(m) => void navigate({ search: (s) => ({ ...s, month: m }), replace: true })}
        />
      )}
      {view === "map" && <MeetingsMap filter={filter} />}
      {view === "list" && (
        <PagedList
          query={list}
          skeleton={{ rows: 6, height: 90 }}
          empty={<Empty title={t("meetings.empty")} />}
          count={(data) => (
            <Text size="sm" c="dimmed" role="status">
              {t("meetings.total", { count: data.total })}
            </Text>
          )}
          pages={{
            size: MEETINGS_PAGE_SIZE,
            page,
            onChange: (p) => void navigate({ search: (s) => ({ ...s, page: pageParam(p) }) }),
            labels: "meetings.pagination",
          }}
        >
          {(data) => (
            <>
              <Stack component="ul" gap="xs" p={0} style={{ listStyle: "none" }}>
                {data.items.map((m) => (
                  <MeetingCard key={m.id} m={m} />
                ))}
              </Stack>
            </>
          )}
        </PagedList>
      )}
      <Group gap="md">
        <Anchor component={Link} to="/recommendations">
          {t("meetings.toRecommendations")}
        </Anchor>
        <Anchor component={Link} to="/news">
          {t("meetings.toNews")}
        </Anchor>
      </Group>
    </Stack>
  );
}
