import { Alert, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.js";
import { errorMessage } from "../../components/error-alert.js";
import { TONES } from "./tones.js";

/** The error of a form as a whole (not of one field), with the request id for support. */
export function FormError({ error, children }: { error: unknown; children?: ReactNode }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color={TONES.danger} variant="light" role="alert" title={t("errors.title")}>
      {errorMessage(t, error)}
      {error instanceof ApiError && error.problem?.requestId && (
        <Text size="xs" c="dimmed" mt={4}>
          {t("errors.requestId", { id: error.problem.requestId })}
        </Text>
      )}
      {children}
    </Alert>
  );
}
