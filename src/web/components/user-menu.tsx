import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Indicator,
  Menu,
  Modal,
  Stack,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../common/platform.js";
import { hasPermission, meQuery, signOut } from "../api/auth.js";
import { unreadQuery } from "../api/queries.js";
import { endOutboxSession, onSent, pendingCount, startOutbox, useOutbox } from "../offline/outbox-controller.js";
import { IconBell, IconInbox, IconKey, IconLogout, IconMail, IconShieldLock, IconUser } from "./icons.js";

export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useQuery(unreadQuery).data ?? 0;
  return (
    <Indicator label={unread > 99 ? "99+" : unread} size={16} disabled={unread === 0} color="red.9" offset={4}>
      <ActionIcon
        component={Link}
        to="/notifications"
        variant="subtle"
        size="lg"
        aria-label={t("notifications.bell", { count: unread })}
      >
        <IconBell size={20} aria-hidden="true" />
      </ActionIcon>
    </Indicator>
  );
}

export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const user = me.user;
  const writer = hasPermission(me, "seizures:write");
  const outbox = useOutbox();
  const [unsent, setUnsent] = useState(0);
  const [discardOk, setDiscardOk] = useState(false);
  // The offline queue of seizure entries runs wherever a writer is signed in: it sends when the connection returns.
  // Keyed by the user's id: a refetch of "me" does not restart it; signing in again (a new mount) does.
  const userId = user?.id;
  useEffect(() => {
    if (!userId || !writer) return;
    void startOutbox(userId);
    return onSent(() => void queryClient.invalidateQueries({ queryKey: ["seizures"] }));
  }, [userId, writer, queryClient]);
  if (!user) return null;
  const finishSignOut = async (discard: boolean) => {
    setUnsent(0);
    await endOutboxSession(user.id, discard);
    try {
      await signOut();
    } finally {
      queryClient.clear();
      await queryClient.fetchQuery(meQuery).catch(() => undefined);
      void navigate({ to: "/" });
    }
  };
  // Entries not sent yet can only be read in this session: ask before signing out.
  const doSignOut = async () => {
    const count = await pendingCount(user.id);
    if (count > 0) {
      setDiscardOk(false);
      setUnsent(count);
    } else await finishSignOut(false);
  };
  const waiting = outbox.entries.length;
  return (
    <>
      <Modal
        opened={unsent > 0}
        onClose={() => setUnsent(0)}
        title={t("seizures.offline.signOutTitle")}
        closeButtonProps={{ "aria-label": t("seizures.offline.cancel") }}
        centered
        data-testid="sign-out-unsent"
      >
        <Stack gap="sm">
          <Text size="sm">{t("seizures.offline.signOutText", { count: unsent })}</Text>
          <Button
            onClick={() => {
              setUnsent(0);
              void navigate({ to: "/seizures/outbox" });
            }}
          >
            {t("seizures.offline.signOutStay")}
          </Button>
          <Checkbox
            label={t("seizures.offline.signOutConfirm")}
            checked={discardOk}
            onChange={(e) => setDiscardOk(e.currentTarget.checked)}
          />
          <Group>
            <Button color="red.9" variant="outline" disabled={!discardOk} onClick={() => void finishSignOut(true)}>
              {t("seizures.offline.signOutDiscard")}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <UserMenuList me={me} waiting={waiting} onSignOut={() => void doSignOut()} />
    </>
  );
}

function UserMenuList({ me, waiting, onSignOut }: { me: Me; waiting: number; onSignOut: () => void }) {
  const { t } = useTranslation();
  const user = me.user;
  if (!user) return null;
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={240}>
      <Menu.Target>
        <UnstyledButton aria-label={t("auth.userMenu", { name: user.displayName })} px={6} py={4}>
          <IconUser size={20} aria-hidden="true" style={{ verticalAlign: "middle" }} />
          <Text component="span" size="sm" ml={6} visibleFrom="md" fw={500}>
            {user.displayName}
          </Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t("auth.signedInAs", { email: user.email })}</Menu.Label>
        {waiting > 0 && (
          <Menu.Item component={Link} to="/seizures/outbox" leftSection={<IconInbox size={16} aria-hidden="true" />}>
            {t("seizures.offline.menuItem", { count: waiting })}
          </Menu.Item>
        )}
        <Menu.Item component={Link} to="/notifications" leftSection={<IconBell size={16} aria-hidden="true" />}>
          {t("notifications.title")}
        </Menu.Item>
        <Menu.Item component={Link} to="/account/digest" leftSection={<IconMail size={16} aria-hidden="true" />}>
          {t("digests.menu")}
        </Menu.Item>
        <Menu.Item component={Link} to="/account/password" leftSection={<IconKey size={16} aria-hidden="true" />}>
          {t("auth.changePassword")}
        </Menu.Item>
        <Menu.Item
          component={Link}
          to="/account/security"
          leftSection={<IconShieldLock size={16} aria-hidden="true" />}
        >
          {t("security.menu")}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item onClick={onSignOut} leftSection={<IconLogout size={16} aria-hidden="true" />}>
          {t("auth.signOut")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function UserArea({ me }: { me: Me }) {
  return (
    <>
      <NotificationBell />
      <UserMenu me={me} />
    </>
  );
}
