import { Badge, Button, Group, Table, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Session } from "../../../common/accounts.js";
import { meQuery } from "../../api/auth.js";
import { useLanguage } from "../../i18n/index.js";
import { endSession, formatWhen, sessionsQuery, signOutEverywhere } from "./account-api.js";
import { FormError } from "./form-error.js";
import { SecurityListSection } from "./security-list-section.js";
import { TONES } from "./tones.js";

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/YaBrowser/, "Yandex Browser"],
  [/Firefox\//, "Firefox"],
  [/Chrome\/|Chromium\//, "Chrome"],
  [/Safari\//, "Safari"],
];
const SYSTEMS: [RegExp, string][] = [
  [/Windows/, "Windows"],
  [/Android/, "Android"],
  [/iPhone|iPad/, "iOS"],
  [/Mac OS X/, "macOS"],
  [/Linux/, "Linux"],
];
const firstMatch = (list: [RegExp, string][], text: string) => list.find(([re]) => re.test(text))?.[1];

/** A short name for a browser from its user agent ("Firefox · Windows"); the full string is in its title. */
function deviceName(userAgent: string | null, unknown: string): string {
  if (!userAgent) return unknown;
  const browser = firstMatch(BROWSERS, userAgent);
  const os = firstMatch(SYSTEMS, userAgent);
  if (browser && os) return `${browser} · ${os}`;
  return browser ?? os ?? userAgent.slice(0, 40);
}

function SessionRow({ session, onEnd, busy }: { session: Session; onEnd: (s: Session) => void; busy: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500} title={session.userAgent ?? undefined} data-verbatim>
          {deviceName(session.userAgent, t("security.sessions.unknownDevice"))}
        </Text>
        {session.current && (
          <Badge size="xs" variant="filled" color={TONES.success}>
            {t("security.sessions.current")}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{session.ip ?? "—"}</Table.Td>
      <Table.Td>
        <time dateTime={session.createdAt}>{formatWhen(lang, session.createdAt)}</time>
      </Table.Td>
      <Table.Td>
        <time dateTime={session.lastSeenAt}>{formatWhen(lang, session.lastSeenAt)}</time>
      </Table.Td>
      <Table.Td>
        <Button
          size="compact-xs"
          variant="outline"
          onClick={() => onEnd(session)}
          disabled={busy}
          aria-label={t("security.sessions.endLabel", {
            device: deviceName(session.userAgent, t("security.sessions.unknownDevice")),
          })}
        >
          {t("security.sessions.end")}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** My sessions, with "sign out" per session and "sign out everywhere". */
export function SessionsSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const sessions = useQuery(sessionsQuery);
  const [confirming, setConfirming] = useState(false);

  const signedOut = async () => {
    queryClient.clear();
    await queryClient.fetchQuery(meQuery).catch(() => undefined);
    void navigate({ to: "/sign-in" });
  };
  const end = useMutation({
    mutationFn: (s: Session) => endSession(s.id),
    onSuccess: async (_, s) => {
      if (s.current) await signedOut();
      else await queryClient.invalidateQueries({ queryKey: sessionsQuery.queryKey });
    },
  });
  const everywhere = useMutation({ mutationFn: signOutEverywhere, onSuccess: signedOut });

  return (
    <SecurityListSection
      name="sessions"
      list={sessions}
      columns={["device", "ip", "created", "lastSeen"]}
      minWidth={560}
      highlightOnHover
      row={(s) => <SessionRow key={s.id} session={s} onEnd={(x) => end.mutate(x)} busy={end.isPending} />}
    >
      <FormError error={end.error ?? everywhere.error} />
      <Group gap="xs">
        {confirming ? (
          <>
            <Text size="sm" role="alert">
              {t("security.sessions.everywhereConfirm")}
            </Text>
            <Button color="red.9" onClick={() => everywhere.mutate()} loading={everywhere.isPending}>
              {t("security.sessions.everywhereYes")}
            </Button>
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t("security.cancel")}
            </Button>
          </>
        ) : (
          <Button variant="outline" color="red.9" onClick={() => setConfirming(true)}>
            {t("security.sessions.everywhere")}
          </Button>
        )}
      </Group>
    </SecurityListSection>
  );
}
