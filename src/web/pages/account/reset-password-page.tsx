import { Alert, Anchor, Button, Stack, Text, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { Link, useSearch } from "@tanstack/react-router";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { issuesToFieldErrors } from "../../components/form-errors.js";
import { FormPanel } from "../../components/forms/form-panel.js";
import { NewPasswordFields } from "../../components/forms/password-field.js";
import { usePageTitle } from "../../components/page-title.js";
import { completePasswordReset, formLevelError, loadAccountContracts, securityFieldErrors } from "./account-api.js";
import { FormError } from "./form-error.js";
import { TONES } from "./tones.js";

function LinkProblem({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <Alert color={TONES.warning} variant="light" role="alert" title={t("security.reset.badLinkTitle")}>
      <Text size="sm" mb="sm">
        {text}
      </Text>
      <Button component={Link} to="/forgot-password" size="xs">
        {t("security.reset.askAgain")}
      </Button>
    </Alert>
  );
}

/** Sets a new password with the token from the e-mailed link; every session of the account ends. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t("security.reset.title"));
  const { token } = useSearch({ from: "/reset-password" });
  const [newPassword, setNew] = useState("");
  const [confirm, setConfirm] = useState("");
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({ mutationFn: completePasswordReset });
  const fieldErrors = securityFieldErrors(t, mutation.error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!token) return;
    const { PasswordResetCompleteSchema } = await loadAccountContracts();
    const parsed = PasswordResetCompleteSchema.safeParse({ token, newPassword });
    const errors = parsed.success ? {} : issuesToFieldErrors(t, parsed.error.issues);
    if (!errors.confirm && confirm !== newPassword) errors.confirm = t("auth.mismatch");
    setClientErrors(errors);
    if (parsed.success && Object.keys(errors).length === 0) mutation.mutate(parsed.data);
  };

  let body: ReactNode;
  if (!token) body = <LinkProblem text={t("security.reset.noToken")} />;
  else if (fieldErrors.token) body = <LinkProblem text={t("security.reset.invalidToken")} />;
  else if (mutation.isSuccess) {
    body = (
      <Alert color={TONES.success} variant="light" role="status" title={t("security.reset.doneTitle")}>
        <Text size="sm" mb="sm">
          {t("security.reset.done")}
        </Text>
        <Button component={Link} to="/sign-in" size="xs">
          {t("auth.signIn")}
        </Button>
      </Alert>
    );
  } else {
    body = (
      <FormPanel onSubmit={submit}>
        <FormError error={formLevelError(mutation.error, fieldErrors)} />
        <NewPasswordFields
          password={newPassword}
          onPassword={setNew}
          confirm={confirm}
          onConfirm={setConfirm}
          errors={{ password: clientErrors.newPassword ?? fieldErrors.newPassword, confirm: clientErrors.confirm }}
        />
        <Button type="submit" loading={mutation.isPending} fullWidth>
          {t("security.reset.submit")}
        </Button>
      </FormPanel>
    );
  }

  return (
    <Stack maw={440} mx="auto" gap="md" py="md">
      <Title order={1}>{t("security.reset.title")}</Title>
      {body}
      <Anchor component={Link} to="/sign-in" size="sm">
        {t("security.backToSignIn")}
      </Anchor>
    </Stack>
  );
}
