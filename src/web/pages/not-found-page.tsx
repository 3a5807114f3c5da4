import { Button, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../components/page-title.js";

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t("notFound.title"));
  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>{t("notFound.title")}</Title>
      <Text>{t("notFound.text")}</Text>
      <div>
        <Button component={Link} to="/" activeOptions={{ exact: true }}>
          {t("notFound.home")}
        </Button>
      </div>
    </Stack>
  );
}
