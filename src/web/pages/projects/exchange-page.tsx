import { Anchor, Card, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/auth.js";
import { iatiExportUrl } from "../../api/projects.js";
import { usePageTitle } from "../../components/page-title.js";
import { ReviewList } from "./figures-admin.js";
import { IatiImport } from "./iati-import.js";
import { ProjectsNav } from "./projects-nav.js";
import { RatesImport } from "./rates-import.js";
import { ProjectSheetImport } from "./sheet-import.js";

export function ExchangePage() {
  const { t } = useTranslation();
  usePageTitle(t("projects.exchange.title"));
  const { data: me } = useMe();
  const coordinator = hasPermission(me, "reference:manage");
  return (
    <Stack gap="md">
      <Title order={1}>{t("projects.exchange.title")}</Title>
      <Text maw={820}>{t("projects.exchange.intro")}</Text>
      <ProjectsNav />
      {hasPermission(me, "projects:write") && <IatiImport />}
      {hasPermission(me, "projects:write") && <ProjectSheetImport />}
      <Card withBorder>
        <Title order={2} size="h3" mb="sm">
          {t("projects.exchange.exportTitle")}
        </Title>
        <Anchor href={iatiExportUrl}>{t("projects.exchange.exportIati")}</Anchor>
      </Card>
      {coordinator && <RatesImport />}
      {coordinator && <ReviewList />}
    </Stack>
  );
}
