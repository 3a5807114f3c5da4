import { Alert, Button, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client.js";
import { IconAlertTriangle } from "./icons.js";

/** The message for an error: our own translation by `code`, else the server's localized title. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    const fallback = error.problem?.title ?? t("errors.unknown");
    return t(key, { defaultValue: fallback });
  }
  return t("errors.unknown");
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const requestId = error instanceof ApiError ? error.problem?.requestId : undefined;
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      title={t("errors.title")}
      icon={<IconAlertTriangle aria-hidden="true" />}
      my="md"
    >
      <Text size="sm">{errorMessage(t, error)}</Text>
      {requestId && (
        <Text size="xs" mt={4} c="dimmed">
          {t("errors.requestId", { id: requestId })}
        </Text>
      )}
      {onRetry && (
        <Button size="xs" variant="outline" color="red.9" mt="sm" onClick={onRetry}>
          {t("common.retry")}
        </Button>
      )}
    </Alert>
  );
}
