import { Button, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { IconDownload } from "../../components/icons.js";
import { CopyValueButton } from "./security-form.js";

function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** Recovery codes, shown once: copy them or download them as a .txt file. */
export function RecoveryCodesPanel({ codes, email, order = 2 }: { codes: string[]; email: string; order?: 2 | 3 }) {
  const { t } = useTranslation();
  const text = [
    t("security.recovery.fileTitle", { email }),
    "",
    ...codes,
    "",
    t("security.recovery.fileNote"),
    "",
  ].join("\n");
  return (
    <Paper withBorder radius="md" p="md" role="region" aria-labelledby="recovery-codes-title">
      <Stack gap="sm">
        <Title order={order} size="h4" id="recovery-codes-title">
          {t("security.recovery.title")}
        </Title>
        <Text size="sm">{t("security.recovery.intro", { count: codes.length })}</Text>
        <List
          aria-label={t("security.recovery.listLabel")}
          listStyleType="none"
          spacing={4}
          ff="monospace"
          fz="md"
          style={{ columns: "2 9rem" }}
        >
          {codes.map((code) => (
            <List.Item key={code}>{code}</List.Item>
          ))}
        </List>
        <Group gap="xs">
          <CopyValueButton value={text} label={t("security.recovery.copy")} iconSize={16} />
          <Button
            size="xs"
            variant="outline"
            onClick={() => download(text, "paris-pact-recovery-codes.txt")}
            leftSection={<IconDownload size={16} aria-hidden="true" />}
          >
            {t("security.recovery.download")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
