import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiToken, CreatedApiToken } from "../../../common/accounts.js";
import { isScope } from "../../../common/platform.js";
import { useMe } from "../../api/auth.js";
import { useLanguage } from "../../i18n/index.js";
import {
  createToken,
  formatWhen,
  formLevelError,
  revokeToken,
  securityFieldErrors,
  tokensQuery,
} from "./account-api.js";
import { FormError } from "./form-error.js";
import { CopyValueButton, SecurityForm } from "./security-form.js";
import { SecurityListSection } from "./security-list-section.js";
import { TONES } from "./tones.js";

/** Permissions are named "area:action"; the i18n keys use "area_action" (":" separates namespaces in i18next). */
const permissionLabel = (t: TFunction, p: string) =>
  t(`security.permissions.${p.replace(/[^\w]/g, "_")}`, { defaultValue: p });

const EXPIRY_DAYS = ["7", "30", "90", "180", "365"] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

function NewTokenValue({ created, onDone }: { created: CreatedApiToken; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color={TONES.success}
      variant="light"
      role="status"
      title={t("security.tokens.createdTitle", { name: created.token.name })}
    >
      <Stack gap="xs">
        <Text size="sm">{t("security.tokens.createdOnce")}</Text>
        <Code block style={{ wordBreak: "break-all" }} aria-label={t("security.tokens.valueLabel")}>
          {created.value}
        </Code>
        <Group gap="xs">
          <CopyValueButton value={created.value} label={t("security.tokens.copy")} />
          <Button size="xs" variant="subtle" onClick={onDone}>
            {t("security.tokens.done")}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t("security.tokens.usage")}
        </Text>
      </Stack>
    </Alert>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (c: CreatedApiToken) => void }) {
  const { t } = useTranslation();
  // Scopes (every partner, every country) follow the role: a token is not given them.
  const permissions = (useMe().data?.user?.permissions ?? []).filter((p) => !isScope(p));
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [days, setDays] = useState<string>("90");
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: createToken,
    onSuccess: (created) => {
      setName("");
      setChosen([]);
      onCreated(created);
    },
  });
  const fieldErrors = securityFieldErrors(t, mutation.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!name.trim()) errors.name = t("fieldErrors.required");
    if (chosen.length === 0) errors.permissions = t("security.tokens.choosePermission");
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const expiresAt = new Date(Date.now() + Number(days) * DAY_MS).toISOString();
    mutation.mutate({ name: name.trim(), permissions: chosen, expiresAt });
  };
  return (
    <SecurityForm
      id="new-token-title"
      title={t("security.tokens.newTitle")}
      error={formLevelError(mutation.error, fieldErrors)}
      gap="sm"
      onSubmit={submit}
    >
      <TextInput
        label={t("security.tokens.name")}
        description={t("security.tokens.nameHint")}
        required
        maxLength={100}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={clientErrors.name ?? fieldErrors.name}
        maw={420}
      />
      <Checkbox.Group
        label={t("security.tokens.permissions")}
        description={t("security.tokens.permissionsHint")}
        value={chosen}
        onChange={setChosen}
        error={clientErrors.permissions ?? fieldErrors.permissions}
        required
      >
        <Stack gap={6} mt={6}>
          {permissions.map((p) => (
            <Checkbox key={p} value={p} label={permissionLabel(t, p)} />
          ))}
        </Stack>
      </Checkbox.Group>
      <NativeSelect
        label={t("security.tokens.expiry")}
        value={days}
        onChange={(e) => setDays(e.currentTarget.value)}
        data={EXPIRY_DAYS.map((d) => ({ value: d, label: t("security.tokens.days", { count: Number(d) }) }))}
        error={fieldErrors.expiresAt}
        maw={240}
      />
      <Group>
        <Button type="submit" loading={mutation.isPending}>
          {t("security.tokens.create")}
        </Button>
      </Group>
    </SecurityForm>
  );
}

function tokenState(token: ApiToken): "revoked" | "expired" | "active" {
  if (token.revokedAt) return "revoked";
  return new Date(token.expiresAt) <= new Date() ? "expired" : "active";
}

function TokenRow({ token, onRevoke, busy }: { token: ApiToken; onRevoke: (t: ApiToken) => void; busy: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const state = tokenState(token);
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {token.name}
        </Text>
        <Code>{token.prefix}…</Code>
      </Table.Td>
      <Table.Td>
        <Text size="xs">{token.permissions.map((p) => permissionLabel(t, p)).join(", ")}</Text>
      </Table.Td>
      <Table.Td>
        <time dateTime={token.expiresAt}>{formatWhen(lang, token.expiresAt)}</time>
      </Table.Td>
      <Table.Td>
        {token.lastUsedAt ? (
          <time dateTime={token.lastUsedAt}>{formatWhen(lang, token.lastUsedAt)}</time>
        ) : (
          t("security.tokens.neverUsed")
        )}
      </Table.Td>
      <Table.Td>
        {state === "active" ? (
          <Button
            size="compact-xs"
            variant="outline"
            color="red.9"
            onClick={() => onRevoke(token)}
            disabled={busy}
            aria-label={t("security.tokens.revokeLabel", { name: token.name })}
          >
            {t("security.tokens.revoke")}
          </Button>
        ) : (
          <Badge size="sm" variant="light" color="gray">
            {t(`security.tokens.${state}`)}
          </Badge>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Personal API tokens: create one (its value shown once), see them, revoke them. */
export function TokensSection() {
  const queryClient = useQueryClient();
  const tokens = useQuery(tokensQuery);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => revokeToken(token.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQuery.queryKey }),
  });
  const onCreated = (c: CreatedApiToken) => {
    setCreated(c);
    void queryClient.invalidateQueries({ queryKey: tokensQuery.queryKey });
  };
  return (
    <SecurityListSection
      name="tokens"
      before={created && <NewTokenValue created={created} onDone={() => setCreated(null)} />}
      list={tokens}
      columns={["name", "permissions", "expires", "lastUsed"]}
      minWidth={600}
      row={(token) => (
        <TokenRow key={token.id} token={token} onRevoke={(x) => revoke.mutate(x)} busy={revoke.isPending} />
      )}
    >
      <FormError error={revoke.error} />
      <CreateTokenForm onCreated={onCreated} />
    </SecurityListSection>
  );
}
