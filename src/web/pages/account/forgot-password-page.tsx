import { Alert, Anchor, Button, Stack, Text, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { EmailField } from "../../components/forms/email-field.js";
import { FormPanel } from "../../components/forms/form-panel.js";
import { usePageTitle } from "../../components/page-title.js";
import { formLevelError, loadAccountContracts, requestPasswordReset, securityFieldErrors } from "./account-api.js";
import { FormError } from "./form-error.js";
import { TONES } from "./tones.js";

/** Asks for a password-reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t("security.forgot.title"));
  const [email, setEmail] = useState("");
  const [clientError, setClientError] = useState<string | undefined>();
  const mutation = useMutation({ mutationFn: requestPasswordReset });
  const fieldErrors = securityFieldErrors(t, mutation.error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { PasswordResetRequestSchema } = await loadAccountContracts();
    const parsed = PasswordResetRequestSchema.safeParse({ email: email.trim() });
    setClientError(parsed.success ? undefined : t(email.trim() ? "fieldErrors.email" : "fieldErrors.required"));
    if (parsed.success) mutation.mutate(parsed.data.email);
  };

  return (
    <Stack maw={440} mx="auto" gap="md" py="md">
      <Title order={1}>{t("security.forgot.title")}</Title>
      {mutation.isSuccess ? (
        <Alert color={TONES.success} variant="light" role="status" title={t("security.forgot.sentTitle")}>
          <Text size="sm">{t("security.forgot.sent", { email: email.trim() })}</Text>
        </Alert>
      ) : (
        <FormPanel onSubmit={submit}>
          <Text size="sm">{t("security.forgot.intro")}</Text>
          <FormError error={formLevelError(mutation.error, fieldErrors)} />
          <EmailField
            label={t("auth.email")}
            autoComplete="username"
            value={email}
            onChange={setEmail}
            error={clientError ?? fieldErrors.email}
          />
          <Button type="submit" loading={mutation.isPending} fullWidth>
            {t("security.forgot.submit")}
          </Button>
        </FormPanel>
      )}
      <Anchor component={Link} to="/sign-in" size="sm">
        {t("security.backToSignIn")}
      </Anchor>
    </Stack>
  );
}
