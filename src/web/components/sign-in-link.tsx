import { ActionIcon, Button } from "@mantine/core";
import { Link, useRouterState } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { IconLogin, IconUserPlus } from "./icons.js";

/** Sign-in entry of the header (with "Register" beside it); brings the visitor back to the current page afterwards. */
export function SignInLink() {
  const { t } = useTranslation();
  const href = useRouterState({ select: (s) => s.location.href });
  const search: { redirect?: string } = href.startsWith("/sign-in") || href === "/" ? {} : { redirect: href };
  return (
    <>
      <Button
        renderRoot={(props) => <Link to="/register" {...props} />}
        size="xs"
        variant="subtle"
        visibleFrom="sm"
        leftSection={<IconUserPlus size={16} aria-hidden="true" />}
      >
        {t("registration.registerLink")}
      </Button>
      <Button
        renderRoot={(props) => <Link to="/sign-in" search={search} {...props} />}
        size="xs"
        variant="filled"
        visibleFrom="sm"
        leftSection={<IconLogin size={16} aria-hidden="true" />}
      >
        {t("auth.signIn")}
      </Button>
      <ActionIcon
        renderRoot={(props) => <Link to="/sign-in" search={search} {...props} />}
        size="lg"
        variant="filled"
        hiddenFrom="sm"
        aria-label={t("auth.signIn")}
      >
        <IconLogin size={18} aria-hidden="true" />
      </ActionIcon>
    </>
  );
}
