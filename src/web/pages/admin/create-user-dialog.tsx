import { Alert, Button, Code, CopyButton, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Role, SYSTEM_ROLE } from "../../../common/platform.js";
import type { UserCreated } from "../../../common/users.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { ApiError } from "../../api/client.js";
import { createUser } from "../../api/users.js";
import { errorMessage } from "../../components/error-alert.js";
import { IconCheck, IconCopy } from "../../components/icons.js";
import { adminFieldErrors, ROLES, roleOptions } from "./admin-format.js";
import { CountryScopesSelect } from "./country-scopes-select.js";
import { PartnerSelect } from "./partner-select.js";

interface Draft {
  email: string;
  displayName: string;
  role: Role | null;
  partnerCode: string | null;
  language: "en" | "ru";
  countryScopes: string[];
}

const EMPTY: Draft = { email: "", displayName: "", role: null, partnerCode: null, language: "en", countryScopes: [] };

function OneTimePassword({ created, onDone }: { created: UserCreated; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert color="unblue" variant="light" role="status" title={t("admin.create.createdTitle")}>
        {t("admin.create.createdText", { name: created.user.displayName, email: created.user.email })}
      </Alert>
      <div>
        <Text fw={600} size="sm" id="one-time-password-label">
          {t("admin.create.oneTimePassword")}
        </Text>
        <Group gap="xs" wrap="nowrap" mt={4}>
          <Code
            fz="lg"
            aria-labelledby="one-time-password-label"
            style={{ userSelect: "all", overflowWrap: "anywhere" }}
            data-testid="one-time-password"
          >
            {created.oneTimePassword}
          </Code>
          <CopyButton value={created.oneTimePassword}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                variant="light"
                onClick={copy}
                leftSection={
                  copied ? <IconCheck size={14} aria-hidden="true" /> : <IconCopy size={14} aria-hidden="true" />
                }
              >
                {t(copied ? "admin.create.copied" : "admin.create.copy")}
              </Button>
            )}
          </CopyButton>
        </Group>
      </div>
      <Alert color="yellow" variant="light">
        {t("admin.create.oneTimeWarning")}
      </Alert>
      <Group justify="flex-end" gap="sm">
        <Button
          variant="default"
          renderRoot={(props) => <Link to="/admin/users/$id" params={{ id: created.user.id }} {...props} />}
          onClick={onDone}
        >
          {t("admin.create.openUser")}
        </Button>
        <Button onClick={onDone}>{t("admin.create.done")}</Button>
      </Group>
    </Stack>
  );
}

/** Creates an account; its one-time password is shown here once and never again. */
export function CreateUserDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const mobile = useMediaQuery("(max-width: 36em)");
  const queryClient = useQueryClient();
  const me = useMe().data;
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: createUser,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["users", "list"] }),
  });
  // A coordinator may not create an administrator: the server refuses it, so the choice is not offered.
  const roles = hasPermission(me, "system:manage") ? ROLES : ROLES.filter((r) => r !== SYSTEM_ROLE);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const close = () => {
    setDraft(EMPTY);
    setMissing({});
    mutation.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const required: Record<string, string> = {};
    if (!draft.email.trim()) required.email = t("fieldErrors.required");
    if (!draft.displayName.trim()) required.displayName = t("fieldErrors.required");
    if (!draft.role) required.role = t("fieldErrors.required");
    setMissing(required);
    if (Object.keys(required).length > 0 || !draft.role) return;
    mutation.mutate({
      email: draft.email.trim(),
      displayName: draft.displayName.trim(),
      role: draft.role,
      partnerCode: draft.partnerCode,
      language: draft.language,
      ...(draft.role === "liaison_officer" ? { countryScopes: draft.countryScopes } : {}),
    });
  };

  const serverErrors = adminFieldErrors(t, mutation.error);
  const fieldError = (f: string) => missing[f] ?? serverErrors[f];
  const emailTaken = mutation.error instanceof ApiError && mutation.error.code === "conflict";
  const formError =
    mutation.error &&
    !(mutation.error instanceof ApiError && mutation.error.code === "validation_failed") &&
    !emailTaken
      ? mutation.error
      : null;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t(mutation.data ? "admin.create.createdTitle" : "admin.create.title")}
      size="lg"
      fullScreen={mobile}
      closeButtonProps={{ "aria-label": t("admin.create.close") }}
    >
      {mutation.data ? (
        <OneTimePassword created={mutation.data} onDone={close} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {formError && (
              <Alert color="red" variant="light" role="alert" title={t("errors.title")}>
                {errorMessage(t, formError)}
              </Alert>
            )}
            <TextInput
              label={t("admin.create.email")}
              type="email"
              inputMode="email"
              autoComplete="off"
              required
              maxLength={254}
              value={draft.email}
              onChange={(e) => set("email", e.currentTarget.value)}
              error={fieldError("email") ?? (emailTaken ? t("admin.create.emailTaken") : undefined)}
            />
            <TextInput
              label={t("admin.create.displayName")}
              required
              maxLength={200}
              value={draft.displayName}
              onChange={(e) => set("displayName", e.currentTarget.value)}
              error={fieldError("displayName")}
            />
            <Select
              label={t("admin.create.role")}
              required
              data={roleOptions(t, roles)}
              value={draft.role}
              onChange={(v) => set("role", v as Role | null)}
              error={fieldError("role")}
              allowDeselect={false}
            />
            <PartnerSelect
              label={t("admin.create.partner")}
              description={t("admin.create.partnerHint")}
              value={draft.partnerCode}
              onChange={(v) => set("partnerCode", v)}
              error={fieldError("partnerCode")}
              comboboxProps={{ withinPortal: true }}
            />
            {draft.role === "liaison_officer" && (
              <CountryScopesSelect
                label={t("admin.create.countryScopes")}
                value={draft.countryScopes}
                onChange={(v) => set("countryScopes", v)}
                error={fieldError("countryScopes")}
                withinPortal
              />
            )}
            <Select
              label={t("admin.create.language")}
              data={[
                { value: "en", label: t("admin.languages.en") },
                { value: "ru", label: t("admin.languages.ru") },
              ]}
              value={draft.language}
              onChange={(v) => set("language", v === "ru" ? "ru" : "en")}
              allowDeselect={false}
            />
            <Group justify="flex-end" gap="sm" mt="sm">
              <Button variant="default" onClick={close}>
                {t("admin.create.cancel")}
              </Button>
              <Button type="submit" loading={mutation.isPending}>
                {t("admin.create.submit")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
