import { Anchor, Badge, Button, Card, CloseButton, Group, Select, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AnalysisVisibility, DashboardSummary } from "../../../common/analyses.js";
import { ROLES, type Role } from "../../../common/platform.js";
import { createDashboard, dashboardsQuery, setRoleDefault } from "../../api/analyses.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { VisibilityRadios } from "./save-analysis.js";
import { NameField } from "./save-dialog.js";
import { SavedList, useSavedListSearch } from "./saved-list.js";

function NewDashboard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [visibility, setVisibility] = useState<AnalysisVisibility>("private");
  const [missing, setMissing] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: () => createDashboard({ name: name.trim(), visibility, tiles: [] }),
    onSuccess: (d) => void navigate({ to: "/dashboards/$id", params: { id: d.id } }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setMissing(t("fieldErrors.required"));
    setMissing(undefined);
    mutation.mutate();
  };
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="new-dashboard-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} fz="h3" id="new-dashboard-title">
            {t("analyses.dashboards.new")}
          </Title>
          {mutation.error && <ErrorAlert error={mutation.error} />}
          <NameField label={t("analyses.dashboards.name")} value={name} onChange={setName} error={missing} maw={480} />
          <VisibilityRadios value={visibility} onChange={setVisibility} />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t("analyses.dashboards.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** Coordinators: make a dashboard shared with every member the default of a role. */
function RoleDefault({ dashboard }: { dashboard: DashboardSummary }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role | null>(null);
  const mutation = useMutation({
    mutationFn: (r: Role) => setRoleDefault(r, dashboard.id),
    onSuccess: () => {
      setRole(null);
      void queryClient.invalidateQueries({ queryKey: ["dashboards"] });
    },
  });
  if (dashboard.visibility !== "members") return null;
  return (
    <Group gap={4} wrap="nowrap">
      <Select
        size="xs"
        placeholder={t("analyses.dashboards.defaultFor")}
        aria-label={t("analyses.dashboards.defaultForOf", { name: dashboard.name })}
        data={ROLES.filter((r) => !dashboard.defaultFor.includes(r)).map((r) => ({
          value: r,
          label: t(`analyses.roles.${r}`),
        }))}
        value={role}
        onChange={(v) => setRole(v as Role | null)}
        w={170}
        comboboxProps={{ withinPortal: true }}
      />
      <Button
        size="xs"
        variant="light"
        disabled={!role}
        loading={mutation.isPending}
        onClick={() => role && mutation.mutate(role)}
      >
        {t("analyses.dashboards.setDefault")}
      </Button>
      {mutation.error && <ErrorAlert error={mutation.error} />}
    </Group>
  );
}

/** Coordinators: the role has no default dashboard any more. */
function ClearDefault({ role, label }: { role: Role; label: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => setRoleDefault(role, null),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["dashboards"] }),
  });
  return (
    <CloseButton
      size="xs"
      aria-label={t("analyses.dashboards.clearDefault", { role: label })}
      disabled={mutation.isPending}
      onClick={() => mutation.mutate()}
    />
  );
}

/** The roles a dashboard is the default of; a coordinator can clear one or make it another role's default. */
function DefaultFor({ dashboard: d, coordinator }: { dashboard: DashboardSummary; coordinator: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Group gap={4}>
        {d.defaultFor.map((r) => (
          <Badge
            key={r}
            variant="outline"
            rightSection={coordinator ? <ClearDefault role={r} label={t(`analyses.roles.${r}`)} /> : undefined}
          >
            {t(`analyses.roles.${r}`)}
          </Badge>
        ))}
      </Group>
      {coordinator && <RoleDefault dashboard={d} />}
    </Stack>
  );
}

export function DashboardsPage() {
  const { t } = useTranslation();
  usePageTitle(t("analyses.dashboards.title"));
  const me = useMe();
  const coordinator = hasPermission(me.data, "users:manage");
  const search = useSavedListSearch("/dashboards");
  const q = useQuery(dashboardsQuery(search.scope, search.page));
  const myDefault = q.data?.myDefault;
  return (
    <Stack gap="md">
      <Title order={1}>{t("analyses.dashboards.title")}</Title>
      <Text c="dimmed" maw={820}>
        {t("analyses.dashboards.intro")}
      </Text>
      {myDefault && (
        <Card withBorder radius="md" data-testid="role-default">
          <Text size="sm" c="dimmed">
            {t("analyses.dashboards.yourDefault")}
          </Text>
          <Anchor
            fw={700}
            renderRoot={(props) => <Link to="/dashboards/$id" params={{ id: myDefault.id }} {...props} />}
          >
            {myDefault.name}
          </Anchor>
        </Card>
      )}
      <SavedList
        list={q}
        search={search}
        other={{ to: "/analyses", label: t("analyses.title") }}
        itemPath="/dashboards/$id"
        empty={{ title: t("analyses.dashboards.empty.title"), description: t("analyses.dashboards.empty.description") }}
        caption={t("analyses.dashboards.count", { count: q.data?.total ?? 0 })}
        nameHeader={t("analyses.dashboards.name")}
        what={{ header: t("analyses.dashboards.tiles"), cell: (d) => d.tileCount }}
        trailing={[
          {
            header: t("analyses.dashboards.defaultFor"),
            cell: (d) => <DefaultFor dashboard={d} coordinator={coordinator} />,
          },
        ]}
        minWidth={720}
      />
      <NewDashboard />
    </Stack>
  );
}
