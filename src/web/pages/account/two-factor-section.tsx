import { Badge, Button, Card, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
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
import { FormError } from "./form-error.js";
import { RecoveryCodesPanel } from "./recovery-codes.js";
import { TONES } from "./tones.js";

function CodeField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t("security.codeLabel")}
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={7}
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      maw={220}
    />
  );
}

function RegenerateForm({ email }: { email: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState("");
  const [clientError, setClientError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: regenerateRecoveryCodes,
    onSuccess: () => {
      setCode("");
      void queryClient.invalidateQueries({ queryKey: twoFactorStatusQuery.queryKey });
    },
  });
  const fieldErrors = securityFieldErrors(t, mutation.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = (await loadAccountContracts()).TotpCodeSchema.safeParse(code);
    setClientError(parsed.success ? undefined : t("security.codeInvalid"));
    if (parsed.success) mutation.mutate(parsed.data);
  };
  if (mutation.data) return <RecoveryCodesPanel codes={mutation.data.recoveryCodes} email={email} order={3} />;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="regenerate-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="regenerate-title">
          {t("security.recovery.regenerateTitle")}
        </Title>
        <Text size="sm">{t("security.recovery.regenerateIntro")}</Text>
        <FormError error={formLevelError(mutation.error, fieldErrors)} />
        <CodeField value={code} onChange={setCode} error={clientError ?? fieldErrors.code} />
        <Group>
          <Button type="submit" variant="outline" loading={mutation.isPending}>
            {t("security.recovery.regenerate")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DisableForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [clientError, setClientError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: disableTwoFactor,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: twoFactorStatusQuery.queryKey });
      await queryClient.fetchQuery({ ...meQuery, staleTime: 0 });
    },
  });
  const fieldErrors = securityFieldErrors(t, mutation.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = (await loadAccountContracts()).TotpCodeSchema.safeParse(code);
    setClientError(parsed.success ? undefined : t("security.codeInvalid"));
    if (parsed.success && password) mutation.mutate({ password, code: parsed.data });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="disable-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="disable-title">
          {t("security.twoFactor.disableTitle")}
        </Title>
        <Text size="sm">{t("security.twoFactor.disableIntro")}</Text>
        <FormError error={formLevelError(mutation.error, fieldErrors)} />
        <PasswordField
          label={t("auth.currentPassword")}
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={fieldErrors.password}
          maw={360}
        />
        <CodeField value={code} onChange={setCode} error={clientError ?? fieldErrors.code} />
        <Group>
          <Button type="submit" color="red.9" variant="outline" loading={mutation.isPending}>
            {t("security.twoFactor.disable")}
          </Button>
        </Group>
      </Stack>
    </form>
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
