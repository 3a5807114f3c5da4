import { Alert, Button, Card, Checkbox, Code, Group, List, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TwoFactorSetup } from "../../../common/accounts.js";
import { meQuery, useMe } from "../../api/auth.js";
import { usePageTitle } from "../../components/page-title.js";
import { ListSkeleton } from "../../components/states.js";
import {
  enableTwoFactor,
  formLevelError,
  loadAccountContracts,
  securityFieldErrors,
  startTwoFactorSetup,
} from "./account-api.js";
import { FormError } from "./form-error.js";
import { RecoveryCodesPanel } from "./recovery-codes.js";
import { CodeField, CopyValueButton } from "./security-form.js";
import { TONES } from "./tones.js";

/** The QR code from the API, as an image: the SVG is never put into the page as markup. */
function QrImage({ svg, alt }: { svg: string; alt: string }) {
  const src = `data:image/svg+xml;base64,${btoa(svg)}`;
  return (
    <img
      src={src}
      alt={alt}
      width={200}
      height={200}
      style={{ background: "#fff", maxWidth: "100%", height: "auto" }}
    />
  );
}

function ScanStep({
  setup,
  email,
  onEnabled,
}: {
  setup: TwoFactorSetup;
  email: string;
  onEnabled: (c: string[]) => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const [clientError, setClientError] = useState<string | null>(null);
  const mutation = useMutation({ mutationFn: enableTwoFactor, onSuccess: (r) => onEnabled(r.recoveryCodes) });
  const fieldErrors = securityFieldErrors(t, mutation.error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { TotpCodeSchema } = await loadAccountContracts();
    const parsed = TotpCodeSchema.safeParse(code);
    setClientError(parsed.success ? null : t("security.codeInvalid"));
    if (parsed.success) mutation.mutate(parsed.data);
  };

  return (
    <Stack gap="md">
      <List type="ordered" spacing="xs" size="sm">
        <List.Item>{t("security.setup.stepApp")}</List.Item>
        <List.Item>{t("security.setup.stepScan")}</List.Item>
        <List.Item>{t("security.setup.stepCode")}</List.Item>
      </List>
      <Group align="flex-start" gap="lg">
        <QrImage svg={setup.qrSvg} alt={t("security.setup.qrAlt", { email })} />
        <Stack gap={4} style={{ minWidth: 0, flex: "1 1 12rem" }}>
          <Text size="sm" fw={500} id="totp-secret-label">
            {t("security.setup.manual")}
          </Text>
          <Code block aria-labelledby="totp-secret-label" style={{ wordBreak: "break-all" }}>
            {setup.secret.replace(/(.{4})(?=.)/g, "$1 ")}
          </Code>
          <CopyValueButton value={setup.secret} label={t("security.setup.copySecret")} variant="subtle" />
        </Stack>
      </Group>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormError error={formLevelError(mutation.error, fieldErrors)} />
          <CodeField
            value={code}
            onChange={setCode}
            error={clientError ?? fieldErrors.code}
            description={t("security.setup.codeHint")}
          />
          <Button type="submit" loading={mutation.isPending}>
            {t("security.setup.enable")}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

/** Enrolment in two-factor authentication; required (and forced) for focal points, liaison officers, coordinators and administrators. */
export function TwoFactorSetupPage() {
  const { t } = useTranslation();
  usePageTitle(t("security.setup.title"));
  const { redirect } = useSearch({ from: "/account/two-factor" });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const meState = useMe();
  const user = meState.data?.user;
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [stored, setStored] = useState(false);
  const setup = useMutation({ mutationFn: startTwoFactorSetup });

  const finish = async () => {
    await queryClient.fetchQuery({ ...meQuery, staleTime: 0 });
    await queryClient.invalidateQueries();
    void navigate({ to: redirect ?? "/account/security" });
  };

  let content: ReactNode;
  if (meState.isPending) content = <ListSkeleton rows={3} />;
  else if (recoveryCodes) {
    content = (
      <Stack gap="md">
        <Alert color={TONES.success} variant="light" role="status" title={t("security.setup.doneTitle")}>
          {t("security.setup.done")}
        </Alert>
        <RecoveryCodesPanel codes={recoveryCodes} email={user?.email ?? ""} />
        <Checkbox
          label={t("security.recovery.stored")}
          checked={stored}
          onChange={(e) => setStored(e.currentTarget.checked)}
        />
        <Button onClick={finish} disabled={!stored}>
          {t("auth.continue")}
        </Button>
      </Stack>
    );
  } else if (user?.twoFactorEnabled) {
    content = (
      <Alert color={TONES.success} variant="light" title={t("security.twoFactor.on")}>
        <Text size="sm" mb="sm">
          {t("security.setup.alreadyOn")}
        </Text>
        <Button component={Link} to="/account/security" size="xs">
          {t("security.title")}
        </Button>
      </Alert>
    );
  } else if (setup.data) {
    content = <ScanStep setup={setup.data} email={user?.email ?? ""} onEnabled={setRecoveryCodes} />;
  } else {
    content = (
      <Stack gap="sm">
        <Text size="sm">{t("security.setup.intro")}</Text>
        <FormError error={setup.error} />
        <Button onClick={() => setup.mutate()} loading={setup.isPending}>
          {t("security.setup.start")}
        </Button>
      </Stack>
    );
  }

  return (
    <Stack maw={560} mx="auto" gap="md" py="md">
      <Title order={1}>{t("security.setup.title")}</Title>
      {user?.twoFactorSetupRequired && !recoveryCodes && (
        <Alert color={TONES.warning} variant="light" title={t("security.setup.requiredTitle")}>
          {t("security.setup.required")}
        </Alert>
      )}
      <Card withBorder radius="md" padding="lg">
        {content}
      </Card>
    </Stack>
  );
}
