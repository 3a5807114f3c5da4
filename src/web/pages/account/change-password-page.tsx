import { Alert, Button, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { changePassword, meQuery, useMe } from "../../api/auth.js";
import { ApiError } from "../../api/client.js";
import { loadPlatformContracts } from "../../components/contracts.js";
import { issuesToFieldErrors } from "../../components/form-errors.js";
import { FormPanel } from "../../components/forms/form-panel.js";
import { NewPasswordFields, PasswordField } from "../../components/forms/password-field.js";
import { usePageTitle } from "../../components/page-title.js";
import { securityFieldErrors } from "./account-api.js";
import { FormError } from "./form-error.js";
import { TONES } from "./tones.js";

export function ChangePasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t("auth.changePassword"));
  const queryClient = useQueryClient();
  const me = useMe().data;
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [confirm, setConfirm] = useState("");
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: async () => {
      setCurrent("");
      setNew("");
      setConfirm("");
      await queryClient.fetchQuery({ ...meQuery, staleTime: 0 });
    },
  });

  useEffect(() => void loadPlatformContracts(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { ChangePasswordSchema } = await loadPlatformContracts();
    const parsed = ChangePasswordSchema.safeParse({ currentPassword, newPassword });
    const errors = parsed.success ? {} : issuesToFieldErrors(t, parsed.error.issues);
    if (!errors.confirm && confirm !== newPassword) errors.confirm = t("auth.mismatch");
    setClientErrors(errors);
    if (!parsed.success || Object.keys(errors).length > 0) return;
    mutation.mutate(parsed.data);
  };

  const serverErrors = securityFieldErrors(t, mutation.error);
  const fieldError = (f: string) => clientErrors[f] ?? serverErrors[f];
  const formError =
    mutation.error &&
    !(
      mutation.error instanceof ApiError &&
      mutation.error.code === "validation_failed" &&
      Object.keys(serverErrors).length > 0
    )
      ? mutation.error
      : null;

  return (
    <Stack maw={480} mx="auto" gap="md" py="md">
      <Title order={1}>{t("auth.changePassword")}</Title>
      {me?.user?.mustChangePassword && (
        <Alert color={TONES.warning} variant="light" title={t("auth.mustChangeTitle")}>
          {t("auth.mustChange")}
        </Alert>
      )}
      {mutation.isSuccess ? (
        <Alert color={TONES.success} variant="light" role="status" title={t("auth.changed")}>
          <Text size="sm" mb="sm">
            {t("auth.changedText")}
          </Text>
          <Button component={Link} to="/" activeOptions={{ exact: true }} size="xs">
            {t("auth.continue")}
          </Button>
        </Alert>
      ) : (
        <FormPanel onSubmit={submit}>
          <FormError error={formError} />
          <PasswordField
            label={t("auth.currentPassword")}
            autoComplete="current-password"
            value={currentPassword}
            onChange={setCurrent}
            error={fieldError("currentPassword")}
          />
          <NewPasswordFields
            password={newPassword}
            onPassword={setNew}
            confirm={confirm}
            onConfirm={setConfirm}
            errors={{ password: fieldError("newPassword"), confirm: fieldError("confirm") }}
          />
          <Button type="submit" loading={mutation.isPending}>
            {t("auth.changePasswordSubmit")}
          </Button>
        </FormPanel>
      )}
    </Stack>
  );
}
