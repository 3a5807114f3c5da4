import { ActionIcon, Indicator, Menu, Text, UnstyledButton } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { Me } from "../../common/platform.js";
import { meQuery, signOut } from "../api/auth.js";
import { unreadQuery } from "../api/queries.js";
import { IconBell, IconKey, IconLogout, IconMail, IconShieldLock, IconUser } from "./icons.js";

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
  if (!user) return null;
  const doSignOut = async () => {
    try {
      await signOut();
    } finally {
      queryClient.clear();
      await queryClient.fetchQuery(meQuery).catch(() => undefined);
      void navigate({ to: "/" });
    }
  };
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
        <Menu.Item onClick={doSignOut} leftSection={<IconLogout size={16} aria-hidden="true" />}>
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
