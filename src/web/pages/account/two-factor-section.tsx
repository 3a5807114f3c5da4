import { Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { meQuery, useMe } from "../../api/auth.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { PasswordField } from "../../components/forms/password-field.js";
import { ListSkeleton } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";
import {
  disableTwoFactor,
  formatWhen,
  formLevelError,
  loadAccountContracts,
  regenerateRecoveryCodes,
  securityFieldErrors,
  twoFactorStatusQuery,
} from "./account-api.js";
import { RecoveryCodesPanel } from "./recovery-codes.js";
import { CodeField, SecurityForm } from "./security-form.js";
import { TONES } from "./tones.js";

/**
 * A form that asks for the authenticator's code, after any other fields (`children`): the code is checked here
 * before `onCode` sends it; the server's errors come back on `mutation`. Its texts are `<texts>Title`,
 * `<texts>Intro` and, on its button, `<texts>`.
 */
function CodeForm({
  id,
  texts,
  mutation,
  onCode,
  submitColor,
  children,
}: {
  id: string;
  texts: string;
  mutation: { error: unknown; isPending: boolean };
  onCode: (code: string) => void;
  submitColor?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const [clientError, setClientError] = useState<string | undefined>();
  const fieldErrors = securityFieldErrors(t, mutation.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = (await loadAccountContracts()).TotpCodeSchema.safeParse(code);
    setClientError(parsed.success ? undefined : t("security.codeInvalid"));
    if (parsed.success) onCode(parsed.data);
  };
  return (
    <SecurityForm
      id={id}
      title={t(`${texts}Title`)}
      intro={t(`${texts}Intro`)}
      error={formLevelError(mutation.error, fieldErrors)}
      onSubmit={submit}
    >
      {children}
      <CodeField value={code} onChange={setCode} error={clientError ?? fieldErrors.code} maw={220} />
      <Group>
        <Button type="submit" color={submitColor} variant="outline" loading={mutation.isPending}>
          {t(texts)}
        </Button>
      </Group>
    </SecurityForm>
  );
}

function RegenerateForm({ email }: { email: string }) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: regenerateRecoveryCodes,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: twoFactorStatusQuery.queryKey }),
  });
  // Once regenerated, the new codes stand in the form's place.
  if (mutation.data) return <RecoveryCodesPanel codes={mutation.data.recoveryCodes} email={email} order={3} />;
  return (
    <CodeForm
      id="regenerate-title"
      texts="security.recovery.regenerate"
      mutation={mutation}
      onCode={(code) => mutation.mutate(code)}
    />
  );
}

function DisableForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState("");
  const mutation = useMutation({
    mutationFn: disableTwoFactor,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: twoFactorStatusQuery.queryKey });
      await queryClient.fetchQuery({ ...meQuery, staleTime: 0 });
    },
  });
  return (
    <CodeForm
      id="disable-title"
      texts="security.twoFactor.disable"
      mutation={mutation}
      onCode={(code) => password && mutation.mutate({ password, code })}
      submitColor="red.9"
    >
      <PasswordField
        label={t("auth.currentPassword")}
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={securityFieldErrors(t, mutation.error).password}
        maw={360}
      />
    </CodeForm>
  );
}

/** Two-factor status, recovery codes and (for roles that do not require it) turning it off. */
export function TwoFactorSection() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const email = useMe().data?.user?.email ?? "";
  const status = useQuery(twoFactorStatusQuery);
  return (
    <Card component="section" withBorder radius="md" padding="lg" aria-labelledby="two-factor-title">
      <Stack gap="md">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h3" id="two-factor-title">
            {t("security.twoFactor.title")}
          </Title>
          {status.data && (
            <Badge color={status.data.enabled ? TONES.success : TONES.warning} variant="filled">
              {t(status.data.enabled ? "security.twoFactor.on" : "security.twoFactor.off")}
            </Badge>
          )}
        </Group>
        {status.isPending && <ListSkeleton rows={2} />}
        {status.isError && <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />}
        {status.data && !status.data.enabled && (
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              {t(status.data.required ? "security.twoFactor.requiredOff" : "security.twoFactor.optionalOff")}
            </Text>
            <Button component={Link} to="/account/two-factor">
              {t("security.setup.start")}
            </Button>
          </Stack>
        )}
        {status.data?.enabled && (
          <>
            <Text size="sm">
              {status.data.enabledAt &&
                t("security.twoFactor.since", { when: formatWhen(lang, status.data.enabledAt) })}{" "}
              {t("security.recovery.remaining", { count: status.data.recoveryCodesRemaining })}
            </Text>
            {status.data.required && <Text size="sm">{t("security.twoFactor.requiredOn")}</Text>}
            <RegenerateForm email={email} />
            {!status.data.required && <DisableForm />}
          </>
        )}
      </Stack>
    </Card>
  );
}
