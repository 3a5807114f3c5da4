import { Anchor, AppShell, Box, Burger, Group, NavLink, Stack, Text } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { Link, Outlet, useNavigate, useRouter, useRouterState } from "@tanstack/react-router";
import { lazy, type MouseEvent, Suspense, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../api/auth.js";
import { isNavItemActive, type NavItem, navItems, visibleNavItems } from "../navigation.js";
import { LanguageSwitch } from "./language-switch.js";
import { OfflineBanner } from "./offline-banner.js";
import { SearchBox } from "./search-box.js";
import { SignInLink } from "./sign-in-link.js";

// Visitors never need the account menu (and its popover library): load it only for signed-in users.
const UserArea = lazy(() => import("./user-menu.js").then((m) => ({ default: m.UserArea })));

const CHANGE_PASSWORD_PATH = "/account/password";
const TERMS_PATHS = ["/terms", "/terms/accept"];
const TWO_FACTOR_SETUP_PATH = "/account/two-factor";

function NavEntry({ item, pathname }: { item: NavItem; pathname: string }) {
  const { t } = useTranslation();
  const router = useRouter();
  const active = isNavItemActive(item, pathname);
  const Icon = item.icon;
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    router.history.push(item.to);
  };
  return (
    <NavLink
      component="a"
      href={item.to}
      onClick={onClick}
      label={t(item.labelKey)}
      active={active}
      aria-current={active ? "page" : undefined}
      leftSection={<Icon size={18} stroke={1.75} aria-hidden="true" />}
      variant="light"
    />
  );
}

function Brand() {
  const { t } = useTranslation();
  return (
    <Link to="/" className="brand" activeOptions={{ exact: true }}>
      <Text component="span" fw={750} fz={{ base: "md", xs: "lg", sm: "xl" }} display="block" lh={1.1}>
        {t("app.name")}
      </Text>
      <Text component="span" fz="xs" c="dimmed" display="block" hiddenFrom="md">
        {t("app.unodcShort")}
      </Text>
      <Text component="span" fz="xs" c="dimmed" display="block" visibleFrom="md">
        {t("app.unodc")}
      </Text>
    </Link>
  );
}

function useFocusMainOnNavigation(mainRef: React.RefObject<HTMLElement | null>, pathname: string) {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new pathname by design
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Move keyboard and screen-reader focus to the new page, as a full page load would.
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname, mainRef]);
}

export function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const desktop = useMediaQuery("(min-width: 48em)", true);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const navigate = useNavigate();
  const me = useMe().data;
  const mainRef = useRef<HTMLElement>(null);
  const items = visibleNavItems(navItems(), me?.user?.permissions ?? []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: closing the mobile menu is the reaction to a new pathname
  useEffect(() => close(), [pathname, close]);
  useFocusMainOnNavigation(mainRef, pathname);

  useEffect(() => {
    if (me?.user?.mustChangePassword && pathname !== CHANGE_PASSWORD_PATH) void navigate({ to: CHANGE_PASSWORD_PATH });
    // Then enrolment in two-factor authentication where the role requires it: the API refuses the rest until then.
    else if (me?.user?.twoFactorSetupRequired && !me.user.mustChangePassword && pathname !== TWO_FACTOR_SETUP_PATH) {
      void navigate({ to: TWO_FACTOR_SETUP_PATH, search: {} });
    }
  }, [me, pathname, navigate]);

  // A new version of the terms of use or access policy is accepted before anything else (after a password change).
  useEffect(() => {
    const user = me?.user;
    if (!user?.mustAcceptTerms || user.mustChangePassword || user.twoFactorSetupRequired) return;
    if (TERMS_PATHS.includes(pathname)) return;
    // Back to where the user was, except the first sign-in's steps: after the password change the user is
    // still on its page, and returning there after the terms read as if the change had failed.
    const back = ["/", CHANGE_PASSWORD_PATH, TWO_FACTOR_SETUP_PATH].includes(pathname) ? undefined : pathname;
    void navigate({ to: "/terms/accept", search: { redirect: back } });
  }, [me, pathname, navigate]);

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding={0}
    >
      <a href="#main" className="skip-link">
        {t("app.skipToContent")}
      </a>
      <AppShell.Header px={{ base: "xs", sm: "md" }} style={{ borderTop: "4px solid var(--mantine-color-unblue-8)" }}>
        <Group h="100%" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t(opened ? "nav.closeMenu" : "nav.openMenu")}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Brand />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Box visibleFrom="md" w={{ md: 220, lg: 300 }}>
              <SearchBox id="header-search" />
            </Box>
            <LanguageSwitch />
            {me?.user ? (
              <Suspense fallback={null}>
                <UserArea me={me} />
              </Suspense>
            ) : (
              <SignInLink />
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar id="main-navigation" p="xs" aria-label={t("nav.mainNavigation")} inert={!desktop && !opened}>
        <Stack gap={4}>
          <Box hiddenFrom="md" mb="xs">
            <SearchBox id="nav-search" onSubmitted={close} />
          </Box>
          {items.map((item) => (
            <NavEntry key={item.key} item={item} pathname={pathname} />
          ))}
        </Stack>
      </AppShell.Navbar>
      <div className="shell-body">
        <main id="main" ref={mainRef} tabIndex={-1} className="shell-main">
          <OfflineBanner />
          <Outlet />
        </main>
        <footer className="shell-footer">
          <Group justify="space-between" gap="xs">
            <Text size="sm">{t("footer.copyright", { year: new Date().getFullYear() })}</Text>
            <Anchor href="/api/docs" size="sm">
              {t("footer.apiDocs")}
            </Anchor>
          </Group>
        </footer>
      </div>
    </AppShell>
  );
}
