import { Alert, Anchor, Button, Stack, Text, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { Link, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { unsubscribeDigest } from "../../api/digests.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";

/**
 * Where a digest's unsubscribe link leads: no sign-in. The link only opens this page; the button sends the
 * signed token, so a mail scanner that follows links unsubscribes nobody.
 */
export function UnsubscribePage() {
  const { t } = useTranslation();
  usePageTitle(t("digests.unsubscribe.title"));
  const { token } = useSearch({ from: "/digest/unsubscribe" });
  const unsubscribe = useMutation({ mutationFn: () => unsubscribeDigest(token ?? "") });
  return (
    <Stack maw={560} mx="auto" gap="md" py="xl">
      <Title order={1}>{t("digests.unsubscribe.title")}</Title>
      {!token ? (
        <Alert color="red" variant="light" role="alert">
          {t("errors.unsubscribe_link_invalid")}
        </Alert>
      ) : unsubscribe.isSuccess ? (
        <Alert color="green" variant="light" role="status">
          {t("digests.unsubscribe.done", { email: unsubscribe.data.email })}
        </Alert>
      ) : (
        <>
          <Text>{t("digests.unsubscribe.question")}</Text>
          {unsubscribe.error && <ErrorAlert error={unsubscribe.error} />}
          <Button w="fit-content" onClick={() => unsubscribe.mutate()} loading={unsubscribe.isPending}>
            {t("digests.unsubscribe.confirm")}
          </Button>
        </>
      )}
      <Anchor component={Link} to="/account/digest" size="sm" w="fit-content">
        {t("digests.unsubscribe.settings")}
      </Anchor>
    </Stack>
  );
}
