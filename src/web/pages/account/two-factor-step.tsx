import { Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../../common/platform.js";
import { ApiError } from "../../api/client.js";
import { loadAccountContracts, signInSecondStep } from "./account-api.js";
import { FormError } from "./form-error.js";

/** Second step of signing in: a code from the authenticator app, or one of the recovery codes. */
export function TwoFactorStep({ onSignedIn, onRestart }: { onSignedIn: (me: Me) => void; onRestart: () => void }) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState("");
  const [clientError, setClientError] = useState<string | null>(null);
  const mutation = useMutation({ mutationFn: signInSecondStep, onSuccess: onSignedIn });
  // The pending sign-in expired or ran out of attempts: the password must be given again.
  const expired = mutation.error instanceof ApiError && mutation.error.code === "unauthenticated";

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { RecoveryCodeSchema, TotpCodeSchema } = await loadAccountContracts();
    const parsed = (useRecovery ? RecoveryCodeSchema : TotpCodeSchema).safeParse(value);
    if (!parsed.success) {
      setClientError(t(useRecovery ? "security.signIn.recoveryInvalid" : "security.codeInvalid"));
      return;
    }
    setClientError(null);
    mutation.mutate(useRecovery ? { recoveryCode: parsed.data } : { code: parsed.data });
  };

  const switchMode = () => {
    setUseRecovery(!useRecovery);
    setValue("");
    setClientError(null);
    mutation.reset();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t(useRecovery ? "security.signIn.recoveryIntro" : "security.signIn.codeIntro")}</Text>
        {expired ? (
          <Stack gap="xs" role="alert">
            <Text size="sm">{t("security.signIn.expired")}</Text>
            <Button variant="outline" onClick={onRestart}>
              {t("security.signIn.restart")}
            </Button>
          </Stack>
        ) : (
          <FormError error={mutation.error} />
        )}
        <TextInput
          key={useRecovery ? "recovery" : "code"}
          label={t(useRecovery ? "security.signIn.recoveryLabel" : "security.codeLabel")}
          autoComplete="one-time-code"
          inputMode={useRecovery ? "text" : "numeric"}
          autoCapitalize="off"
          spellCheck={false}
          maxLength={useRecovery ? 40 : 7}
          required
          autoFocus
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          error={clientError ?? undefined}
          disabled={expired}
        />
        <Button type="submit" loading={mutation.isPending} disabled={expired} fullWidth>
          {t("security.signIn.verify")}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={switchMode} ta="start">
          {t(useRecovery ? "security.signIn.useCode" : "security.signIn.useRecovery")}
        </Anchor>
      </Stack>
    </form>
  );
}
