import { Alert, Button, Loader, Stack, Text, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { Link, useSearch } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.js";
import { confirmRegistration } from "../../api/registrations.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { HomeLink } from "../../components/forms/home-link.js";
import { usePageTitle } from "../../components/page-title.js";
import { TONES } from "../account/tones.js";

/** Opened from the link in the confirmation e-mail: confirms once, then says what happens next. */
export function ConfirmRegistrationPage() {
  const { t } = useTranslation();
  usePageTitle(t("registration.confirm.title"));
  const { token } = useSearch({ from: "/register/confirm" });
  const mutation = useMutation({ mutationFn: confirmRegistration });
  const started = useRef(false);

  useEffect(() => {
    // Once only: the link is single-use, and React may run effects twice in development.
    if (!token || started.current) return;
    started.current = true;
    mutation.mutate(token);
  }, [token, mutation]);

  const reason =
    mutation.error instanceof ApiError && mutation.error.code === "registration_link_invalid"
      ? String(mutation.error.problem?.details?.reason ?? "unknown")
      : null;

  return (
    <Stack maw={640} mx="auto" gap="md" py="md">
      <Title order={1}>{t("registration.confirm.title")}</Title>
      {!token ? (
        <Alert color="orange" variant="light" role="alert">
          {t("registration.confirm.missingToken")}
        </Alert>
      ) : mutation.isSuccess ? (
        <Alert color={TONES.success} variant="light" role="status" title={t("registration.confirm.successTitle")}>
          <Text size="sm">{t("registration.confirm.successText", { hours: mutation.data.targetHours })}</Text>
        </Alert>
      ) : reason ? (
        <Alert color="red" variant="light" role="alert" title={t("registration.confirm.invalidTitle")}>
          <Text size="sm">
            {t(`registration.confirm.${reason === "used" ? "used" : reason === "expired" ? "expired" : "unknown"}`)}
          </Text>
        </Alert>
      ) : mutation.isError ? (
        <ErrorAlert error={mutation.error} onRetry={() => token && mutation.mutate(token)} />
      ) : (
        <Stack align="center" gap="xs" py="lg" role="status">
          <Loader size="sm" aria-hidden="true" />
          <Text size="sm">{t("registration.confirm.working")}</Text>
        </Stack>
      )}
      {(reason === "expired" || reason === "unknown" || !token) && (
        <div>
          <Button component={Link} to="/register" variant="outline">
            {t("registration.confirm.registerAgain")}
          </Button>
        </div>
      )}
      <HomeLink />
    </Stack>
  );
}
