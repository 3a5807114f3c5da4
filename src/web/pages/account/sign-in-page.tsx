import { Alert, Anchor, Button, Card, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../../common/platform.js";
import { useMe } from "../../api/auth.js";
import { ApiError } from "../../api/client.js";
import { loadPlatformContracts } from "../../components/contracts.js";
import { issuesToFieldErrors, problemFieldErrors } from "../../components/form-errors.js";
import { EmailField } from "../../components/forms/email-field.js";
import { FormPanel } from "../../components/forms/form-panel.js";
import { HomeLink } from "../../components/forms/home-link.js";
import { PasswordField } from "../../components/forms/password-field.js";
import { usePageTitle } from "../../components/page-title.js";
import { signInWithPassword } from "./account-api.js";
import { FormError } from "./form-error.js";
import { TwoFactorStep } from "./two-factor-step.js";

export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t("auth.signInTitle"));
  const { redirect } = useSearch({ from: "/sign-in" });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  // With two-factor authentication on, a right password leads to a second step before any session exists.
  const [secondStep, setSecondStep] = useState(false);

  const finish = async ({ authenticated, csrfToken, user }: Me) => {
    queryClient.setQueryData(["me"], { authenticated, csrfToken, user });
    // What a visitor saw (partner pages, search) may show more to a member: refetch all but "me".
    await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== "me" });
    if (user?.mustChangePassword) void navigate({ to: "/account/password" });
    else if (user?.twoFactorSetupRequired) void navigate({ to: "/account/two-factor", search: { redirect } });
    else void navigate({ to: redirect ?? "/" });
  };

  const mutation = useMutation({
    mutationFn: signInWithPassword,
    onSuccess: async (next) => {
      if (next.twoFactorRequired) {
        setPassword("");
        setSecondStep(true);
      } else await finish(next);
    },
  });

  useEffect(() => void loadPlatformContracts(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { SignInSchema } = await loadPlatformContracts();
    const parsed = SignInSchema.safeParse({ email: email.trim(), password });
    if (!parsed.success) {
      const errors = issuesToFieldErrors(t, parsed.error.issues);
      if (!email.trim()) errors.email = t("fieldErrors.required");
      setClientErrors(errors);
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  };

  const serverErrors = problemFieldErrors(t, mutation.error);
  const fieldError = (f: string) => clientErrors[f] ?? serverErrors[f];
  const formError =
    mutation.error && !(mutation.error instanceof ApiError && mutation.error.code === "validation_failed")
      ? mutation.error
      : null;

  return (
    <Stack maw={440} mx="auto" gap="md" py="md">
      <Title order={1}>{t("auth.signInTitle")}</Title>
      {me?.user && (
        <Alert color="unblue" variant="light" role="status">
          {t("auth.alreadySignedIn", { name: me.user.displayName })}
        </Alert>
      )}
      {secondStep ? (
        <Card withBorder radius="md" padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t("security.signIn.secondStepTitle")}
          </Title>
          <TwoFactorStep
            onSignedIn={finish}
            onRestart={() => {
              mutation.reset();
              setSecondStep(false);
            }}
          />
        </Card>
      ) : (
        <FormPanel onSubmit={submit}>
          <FormError error={formError} />
          <EmailField
            label={t("auth.email")}
            autoComplete="username"
            value={email}
            onChange={setEmail}
            error={fieldError("email")}
          />
          <PasswordField
            label={t("auth.password")}
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={fieldError("password")}
          />
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t("security.forgot.link")}
          </Anchor>
          <Button type="submit" loading={mutation.isPending} fullWidth>
            {t("auth.signIn")}
          </Button>
        </FormPanel>
      )}
      <Text size="sm">{t("auth.noAccount")}</Text>
      <HomeLink />
    </Stack>
  );
}
