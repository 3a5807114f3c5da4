import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Group,
  List,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Role, SYSTEM_ROLE } from "../../../common/platform.js";
import type { UserDetail, UserSummary, UserUpdate } from "../../../common/users.js";
import { useMe } from "../../api/auth.js";
import { ApiError } from "../../api/client.js";
import { updateUser, userQuery } from "../../api/users.js";
import { errorMessage } from "../../components/error-alert.js";
import { DetailStates } from "../../components/lists/detail-states.js";
import { usePageTitle } from "../../components/page-title.js";
import { RecordTable } from "../../components/record-table.js";
import { Empty } from "../../components/states.js";
import { NotFoundPage } from "../not-found-page.js";
import {
  adminFieldErrors,
  ROLES,
  roleLabel,
  roleOptions,
  STATUS_COLORS,
  statusLabel,
  useDateTime,
} from "./admin-format.js";
import { actionLabel, ChangeList } from "./audit-format.js";
import { CountryScopesSelect } from "./country-scopes-select.js";
import { PartnerSelect } from "./partner-select.js";

type EditableStatus = "active" | "suspended" | "archived";

interface Draft {
  displayName: string;
  role: Role;
  partnerCode: string | null;
  countryScopes: string[];
  status: UserDetail["status"];
}

const draftOf = (u: UserDetail): Draft => ({
  displayName: u.displayName,
  role: u.role,
  partnerCode: u.partnerCode,
  countryScopes: u.countryScopes,
  status: u.status,
});

/** Only what the editor changed, with the version they read. */
function changesOf(user: UserDetail, draft: Draft): UserUpdate | null {
  const out: UserUpdate = { version: user.version };
  if (draft.displayName.trim() !== user.displayName) out.displayName = draft.displayName.trim();
  if (draft.role !== user.role) out.role = draft.role;
  if (draft.partnerCode !== user.partnerCode) out.partnerCode = draft.partnerCode;
  if (draft.role === "liaison_officer" && draft.countryScopes.join() !== user.countryScopes.join()) {
    out.countryScopes = draft.countryScopes;
  }
  if (draft.status !== user.status && draft.status !== "pending") out.status = draft.status as EditableStatus;
  return Object.keys(out).length > 1 ? out : null;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </div>
  );
}

/** The 409 answer: the other person's version, and a way to start again from it. */
function ConflictAlert({ current, onReload }: { current: UserSummary | undefined; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" variant="light" role="alert" title={t("admin.user.conflictTitle")}>
      <Text size="sm">{t("admin.user.conflictText")}</Text>
      {current && (
        <List size="sm" mt="xs" spacing={2}>
          <List.Item>
            {t("admin.user.fields.displayName")}: {current.displayName}
          </List.Item>
          <List.Item>
            {t("admin.user.fields.role")}: {roleLabel(t, current.role)}
          </List.Item>
          <List.Item>
            {t("admin.user.fields.partner")}: {current.partnerCode ?? "—"}
          </List.Item>
          <List.Item>
            {t("admin.user.fields.status")}: {statusLabel(t, current.status)}
          </List.Item>
          {current.countryScopes.length > 0 && (
            <List.Item>
              {t("admin.user.fields.countryScopes")}: {current.countryScopes.join(", ")}
            </List.Item>
          )}
          <List.Item>{t("admin.user.versionOf", { version: current.version })}</List.Item>
        </List>
      )}
      <Button size="xs" mt="sm" variant="outline" color="orange.9" onClick={onReload}>
        {t("admin.user.reload")}
      </Button>
    </Alert>
  );
}

function EditForm({ user, onReload }: { user: UserDetail; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const me = useMe().data?.user;
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(user));
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new stored version (after save or reload) resets the form
  useEffect(() => setDraft(draftOf(user)), [user.version, user.id]);
  const mutation = useMutation({
    mutationFn: (input: UserUpdate) => updateUser(user.id, input),
    onSuccess: (saved) => {
      queryClient.setQueryData(userQuery(user.id).queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: ["users", "list"] });
    },
  });

  const self = me?.id === user.id;
  const systemManager = !!me?.permissions.includes("system:manage");
  const adminOnly = user.role === SYSTEM_ROLE && !systemManager;
  const roles = systemManager ? ROLES : ROLES.filter((r) => r !== SYSTEM_ROLE);
  const changes = changesOf(user, draft);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    if (mutation.isSuccess) mutation.reset();
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (changes) mutation.mutate(changes);
  };
  const reload = async () => {
    mutation.reset();
    await onReload();
  };

  const errors = adminFieldErrors(t, mutation.error);
  const conflict = mutation.error instanceof ApiError && mutation.error.code === "version_conflict";
  const current = conflict
    ? ((mutation.error as ApiError).problem?.details?.current as UserSummary | undefined)
    : undefined;
  const otherError =
    mutation.error && !conflict && !(mutation.error instanceof ApiError && mutation.error.code === "validation_failed")
      ? mutation.error
      : null;

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="user-edit-title">
      <Title order={2} fz="h3" id="user-edit-title" mb="sm">
        {t("admin.user.editTitle")}
      </Title>
      {adminOnly && (
        <Alert color="gray" variant="light" mb="sm">
          {t("admin.user.adminOnlyHint")}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={560}>
          {conflict && <ConflictAlert current={current} onReload={() => void reload()} />}
          {otherError && (
            <Alert color="red" variant="light" role="alert" title={t("errors.title")}>
              {errorMessage(t, otherError)}
            </Alert>
          )}
          {mutation.isSuccess && !changes && (
            <Alert color="unblue" variant="light" role="status">
              {t("admin.user.saved")}
            </Alert>
          )}
          <TextInput
            label={t("admin.user.fields.displayName")}
            required
            maxLength={200}
            value={draft.displayName}
            onChange={(e) => set("displayName", e.currentTarget.value)}
            error={errors.displayName ?? (draft.displayName.trim() ? undefined : t("fieldErrors.required"))}
            disabled={adminOnly}
          />
          <Select
            label={t("admin.user.fields.role")}
            description={self ? t("admin.user.ownAccountHint") : undefined}
            data={roleOptions(t, roles.includes(user.role) ? roles : [...roles, user.role])}
            value={draft.role}
            onChange={(v) => v && set("role", v as Role)}
            allowDeselect={false}
            error={errors.role}
            disabled={adminOnly || self}
          />
          <PartnerSelect
            label={t("admin.user.fields.partner")}
            value={draft.partnerCode}
            onChange={(v) => set("partnerCode", v)}
            error={errors.partnerCode}
            disabled={adminOnly}
          />
          {draft.role === "liaison_officer" && (
            <CountryScopesSelect
              label={t("admin.user.fields.countryScopes")}
              value={draft.countryScopes}
              onChange={(v) => set("countryScopes", v)}
              error={errors.countryScopes}
              disabled={adminOnly}
            />
          )}
          {user.role === "liaison_officer" && draft.role !== "liaison_officer" && user.countryScopes.length > 0 && (
            <Text size="sm" c="dimmed">
              {t("admin.user.scopesDropped")}
            </Text>
          )}
          <Select
            label={t("admin.user.fields.status")}
            description={
              user.status === "pending"
                ? t("admin.user.pendingHint")
                : self
                  ? t("admin.user.ownAccountHint")
                  : t("admin.user.statusHint")
            }
            data={(user.status === "pending"
              ? (["pending"] as const)
              : (["active", "suspended", "archived"] as const)
            ).map((s) => ({ value: s, label: statusLabel(t, s) }))}
            value={draft.status}
            onChange={(v) => v && set("status", v as Draft["status"])}
            allowDeselect={false}
            error={errors.status}
            disabled={adminOnly || self || user.status === "pending"}
          />
          <Group gap="sm" mt="xs">
            <Button type="submit" loading={mutation.isPending} disabled={!changes || !draft.displayName.trim()}>
              {t("admin.user.save")}
            </Button>
            <Button variant="default" disabled={!changes} onClick={() => setDraft(draftOf(user))}>
              {t("admin.user.discard")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function Activity({ user }: { user: UserDetail }) {
  const { t } = useTranslation();
  const when = useDateTime();
  return (
    <section aria-labelledby="user-activity">
      <Title order={2} fz="h3" id="user-activity" mb="xs">
        {t("admin.user.activity")}
      </Title>
      {user.recentAudit.length === 0 ? (
        <Empty title={t("admin.user.noActivity")} />
      ) : (
        <RecordTable
          minWidth={560}
          regionLabel={t("admin.user.activity")}
          columns={[
            t("admin.audit.columns.time"),
            t("admin.audit.columns.action"),
            t("admin.audit.columns.actor"),
            t("admin.audit.columns.details"),
          ]}
          rows={user.recentAudit}
          rowKey={(e) => e.id}
          verticalSpacing="xs"
          striped
        >
          {(e) => (
            <>
              <Table.Td>
                <time dateTime={e.at}>{when(e.at)}</time>
              </Table.Td>
              <Table.Td>{actionLabel(t, e.action)}</Table.Td>
              <Table.Td>{e.actorName ?? e.actorLabel ?? t("admin.audit.system")}</Table.Td>
              <Table.Td>
                <ChangeList details={e.details} />
              </Table.Td>
            </>
          )}
        </RecordTable>
      )}
    </section>
  );
}

export function UserPage() {
  const { t } = useTranslation();
  const when = useDateTime();
  const { id } = useParams({ from: "/admin/users/$id" });
  const query = useQuery(userQuery(id));
  const { data, error } = query;
  usePageTitle(data?.displayName ?? t("admin.users.title"));
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return <NotFoundPage />;

  return (
    <Stack gap="lg">
      <Breadcrumbs separator="›">
        <Anchor size="sm" renderRoot={(props) => <Link to="/admin/users" {...props} />}>
          {t("admin.users.title")}
        </Anchor>
        <Text size="sm" c="dimmed" aria-current="page">
          {data?.displayName ?? "…"}
        </Text>
      </Breadcrumbs>
      <DetailStates query={query} loading={{ titleWidth: "40%", rows: 5 }} errorTitle={t("admin.users.title")}>
        {(data) => (
          <>
            <Group gap="sm" align="center">
              <Title order={1}>{data.displayName}</Title>
              <Badge variant="filled" color={STATUS_COLORS[data.status]}>
                {statusLabel(t, data.status)}
              </Badge>
            </Group>
            <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 4 }} spacing="md" m={0}>
              <Fact label={t("admin.user.fields.email")}>{data.email}</Fact>
              <Fact label={t("admin.user.fields.language")}>{t(`admin.languages.${data.language}`)}</Fact>
              <Fact label={t("admin.users.columns.lastSignIn")}>
                {data.lastSignInAt ? when(data.lastSignInAt) : t("admin.users.never")}
              </Fact>
              <Fact label={t("admin.users.columns.created")}>{when(data.createdAt)}</Fact>
              {data.lockedUntil && new Date(data.lockedUntil) > new Date() && (
                <Fact label={t("admin.user.lockedUntil")}>{when(data.lockedUntil)}</Fact>
              )}
              {data.mustChangePassword && (
                <Fact label={t("admin.user.password")}>{t("admin.user.mustChangePassword")}</Fact>
              )}
              <Fact label={t("admin.user.version")}>{data.version}</Fact>
            </SimpleGrid>
            <EditForm user={data} onReload={() => query.refetch()} />
            <Activity user={data} />
          </>
        )}
      </DetailStates>
    </Stack>
  );
}
