import { Anchor, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../components/page-title.js";
import { SessionsSection } from "./sessions-section.js";
import { TokensSection } from "./tokens-section.js";
import { TwoFactorSection } from "./two-factor-section.js";

/** Account security: two-factor authentication, sessions and personal API tokens. */
export function SecurityPage() {
  const { t } = useTranslation();
  usePageTitle(t("security.title"));
  return (
    <Stack maw={880} mx="auto" gap="xl" py="md">
      <Stack gap={4}>
        <Title order={1}>{t("security.title")}</Title>
        <Text size="sm" c="dimmed">
          {t("security.intro")}
        </Text>
        <Anchor component={Link} to="/account/password" size="sm" w="fit-content">
          {t("auth.changePassword")}
        </Anchor>
        <Anchor component={Link} to="/account/digest" size="sm" w="fit-content">
          {t("digests.menu")}
        </Anchor>
      </Stack>
      <TwoFactorSection />
      <SessionsSection />
      <TokensSection />
    </Stack>
  );
}
