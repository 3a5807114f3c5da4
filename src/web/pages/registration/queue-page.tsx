import { Badge, Button, Card, Group, NativeSelect, Progress, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../../common/format.js";
import type { Registration, RegistrationStatus } from "../../../common/registrations.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { partnersQuery } from "../../api/queries.js";
import { REGISTRATIONS_PAGE_SIZE, registrationsQuery } from "../../api/registrations.js";
import { ListPagination, pageParam } from "../../components/lists/list-pagination.js";
import { QueryStates } from "../../components/lists/query-states.js";
import { useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";
import { usePartnerNames } from "../partners/use-partner-names.js";
import { ReviewDialog, type ReviewKind } from "./review-dialog.js";
import { useFormatDate } from "./terms-page.js";

const TARGET_HOURS = 48;
const STATUSES: RegistrationStatus[] = ["pending", "unconfirmed", "approved", "rejected", "expired"];

function WaitMeter({ r }: { r: Registration }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (r.waitedHours === null) return null;
  const share = Math.min(100, (r.waitedHours / TARGET_HOURS) * 100);
  const color = r.overdue ? "red.8" : r.status === "pending" && share >= 75 ? "orange.7" : "unblue.7";
  const hours = formatNumber(r.waitedHours, lang, 1);
  const label = t("registration.queue.waited", { hours, target: TARGET_HOURS });
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        {r.overdue && (
          <Badge color="red.8" variant="filled" size="sm">
            {t("registration.queue.overdue")}
          </Badge>
        )}
      </Group>
      <Progress value={share} color={color} size="sm" aria-label={label} />
    </Stack>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Text size="sm">
      <Text span c="dimmed">
        {label}:
      </Text>{" "}
      {children}
    </Text>
  );
}

function RegistrationCard({ r, onAction }: { r: Registration; onAction: (r: Registration, k: ReviewKind) => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const format = useFormatDate();
  const partners = usePartnerNames();
  const canDecide = hasPermission(me, "users:manage");
  const pending = r.status === "pending";
  return (
    <Card
      component="li"
      withBorder
      radius="md"
      padding="md"
      style={r.overdue ? { borderInlineStart: "4px solid var(--mantine-color-red-8)" } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Title order={2} fz="lg">
              {r.displayName}
            </Title>
            <Text size="sm" style={{ overflowWrap: "anywhere" }}>
              {r.email}
            </Text>
          </Stack>
          <Badge variant="light">{t(`registration.queue.statuses.${r.status}`)}</Badge>
        </Group>
        <Detail label={t("registration.register.partner")}>{partners.name(r.partnerCode)}</Detail>
        <Detail label={t("registration.register.agency")}>{r.agency}</Detail>
        <Detail label={t("registration.register.position")}>{r.position}</Detail>
        <Detail label={t("registration.register.workPhone")}>{r.workPhone}</Detail>
        <Detail label={t("registration.register.reason")}>{r.reason}</Detail>
        <Text size="xs" c="dimmed">
          {r.submittedAt
            ? t("registration.queue.submitted", {
                date: format(r.submittedAt, true),
                due: r.dueAt ? format(r.dueAt, true) : "",
              })
            : t("registration.queue.notSubmitted")}
        </Text>
        <WaitMeter r={r} />
        {r.vouch && (
          <Text size="sm" c={r.vouch.state === "declined" ? "red.9" : "green.9"}>
            {t(r.vouch.state === "vouched" ? "registration.queue.vouched" : "registration.queue.declined", {
              name: r.vouch.byName ?? "—",
            })}
            {r.vouch.comment ? ` — ${r.vouch.comment}` : ""}
          </Text>
        )}
        {r.decidedAt && (
          <Text size="sm">
            {t("registration.queue.decided", { name: r.decidedByName ?? "—", date: format(r.decidedAt, true) })}
            {r.status === "approved" && r.approvedRole
              ? ` — ${t(`registration.queue.roles.${r.approvedRole}`)}`
              : r.decisionReason
                ? ` — ${r.decisionReason}`
                : ""}
          </Text>
        )}
        {pending && (
          <Group gap="xs" mt={4}>
            <Button size="xs" variant="light" onClick={() => onAction(r, "vouch")}>
              {t("registration.queue.actions.vouch")}
            </Button>
            <Button size="xs" variant="outline" color="red.9" onClick={() => onAction(r, "decline")}>
              {t("registration.queue.actions.decline")}
            </Button>
            {canDecide && (
              <>
                <Button size="xs" onClick={() => onAction(r, "approve")}>
                  {t("registration.queue.actions.approve")}
                </Button>
                <Button size="xs" color="red.8" onClick={() => onAction(r, "reject")}>
                  {t("registration.queue.actions.reject")}
                </Button>
              </>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function Filters() {
  const { t } = useTranslation();
  const search = useSearch({ from: "/admin/registrations" });
  const navigate = useNavigate({ from: "/admin/registrations" });
  const me = useMe().data;
  const text = useLocalizedText();
  const everyPartner = hasPermission(me, "partners:all");
  const partners = useQuery({ ...partnersQuery, enabled: everyPartner });
  const status = search.status ?? "pending";
  return (
    <Group gap="sm" align="flex-end">
      <NativeSelect
        label={t("registration.queue.filterStatus")}
        value={status}
        onChange={(e) => {
          const v = e.currentTarget.value;
          void navigate({ search: { ...search, status: v === "pending" ? undefined : (v as "all"), page: undefined } });
        }}
        data={[...STATUSES, "all" as const].map((s) => ({ value: s, label: t(`registration.queue.statuses.${s}`) }))}
      />
      {everyPartner && (
        <NativeSelect
          label={t("registration.queue.filterPartner")}
          value={search.partner ?? ""}
          onChange={(e) =>
            void navigate({ search: { ...search, partner: e.currentTarget.value || undefined, page: undefined } })
          }
          data={[
            { value: "", label: t("registration.queue.allPartners") },
            ...(partners.data?.items ?? [])
              .map((p) => ({ value: p.code, label: `${text(p.name)} (${p.code})` }))
              .sort((a, b) => a.label.localeCompare(b.label)),
          ]}
        />
      )}
    </Group>
  );
}

/** The approval queue: waiting time against the 48-hour target, vouching, approval and refusal. */
export function RegistrationQueuePage() {
  const { t } = useTranslation();
  usePageTitle(t("registration.queue.title"));
  const search = useSearch({ from: "/admin/registrations" });
  const navigate = useNavigate({ from: "/admin/registrations" });
  const page = search.page ?? 1;
  const status = search.status === "all" ? undefined : (search.status ?? "pending");
  const list = useQuery(registrationsQuery({ status, partner: search.partner, page }));
  const data = list.data;
  const [dialog, setDialog] = useState<{ r: Registration; kind: ReviewKind } | null>(null);

  return (
    <Stack gap="md">
      <Title order={1}>{t("registration.queue.title")}</Title>
      <Text maw={820}>{t("registration.queue.intro", { target: TARGET_HOURS })}</Text>
      <Filters />
      {data && (
        <Text size="sm" c="dimmed" role="status">
          {t("registration.queue.count", { count: data.total })}
        </Text>
      )}
      <QueryStates
        query={list}
        skeleton={{ rows: 3, height: 180 }}
        isEmpty={(data) => data.items.length === 0}
        empty={
          <Empty title={t(status === "pending" ? "registration.queue.emptyPending" : "registration.queue.empty")} />
        }
      >
        {(data) => (
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
            {data.items.map((r) => (
              <RegistrationCard key={r.id} r={r} onAction={(reg, kind) => setDialog({ r: reg, kind })} />
            ))}
          </Stack>
        )}
      </QueryStates>
      <ListPagination
        total={data?.total ?? 0}
        pageSize={REGISTRATIONS_PAGE_SIZE}
        page={page}
        onChange={(p) => void navigate({ search: { ...search, page: pageParam(p) } })}
        numbered
      />
      <ReviewDialog registration={dialog?.r ?? null} kind={dialog?.kind ?? null} onClose={() => setDialog(null)} />
    </Stack>
  );
}
