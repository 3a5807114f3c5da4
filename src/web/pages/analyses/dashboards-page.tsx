import {
  Anchor,
  Badge,
  Button,
  Card,
  CloseButton,
  Group,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AnalysisVisibility, DashboardSummary } from "../../../common/analyses.js";
import { ROLES, type Role } from "../../../common/platform.js";
import { ANALYSES_PAGE_SIZE, createDashboard, dashboardsQuery, setRoleDefault } from "../../api/analyses.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import type { ListSearch } from "./analyses.routes.js";
import { ScopeSwitch } from "./analyses-page.js";
import { VisibilityRadios } from "./save-analysis.js";

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
          <TextInput
            label={t("analyses.dashboards.name")}
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={missing}
            maw={480}
          />
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

export function DashboardsPage() {
  const { t } = useTranslation();
  usePageTitle(t("analyses.dashboards.title"));
  const format = useFormat();
  const me = useMe();
  const coordinator = hasPermission(me.data, "users:manage");
  const search = useSearch({ strict: false }) as ListSearch;
  const navigate = useNavigate();
  const scope = search.scope ?? "all";
  const page = search.page ?? 1;
  const q = useQuery(dashboardsQuery(scope, page));
  const go = (next: Partial<ListSearch>) =>
    void navigate({ to: "/dashboards", search: { scope, page, ...next } as ListSearch });
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
      <Group gap="sm">
        <ScopeSwitch value={scope} onChange={(s) => go({ scope: s, page: undefined })} />
        <Anchor renderRoot={(props) => <Link to="/analyses" {...props} />}>{t("analyses.title")}</Anchor>
      </Group>
      {q.error ? (
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <ListSkeleton rows={4} />
      ) : q.data.items.length === 0 ? (
        <Empty title={t("analyses.dashboards.empty.title")} description={t("analyses.dashboards.empty.description")} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>{t("analyses.dashboards.count", { count: q.data.total })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("analyses.dashboards.name")}</Table.Th>
                  <Table.Th>{t("analyses.dashboards.tiles")}</Table.Th>
                  <Table.Th>{t("analyses.visibility.label")}</Table.Th>
                  <Table.Th>{t("analyses.owner")}</Table.Th>
                  <Table.Th>{t("analyses.updated")}</Table.Th>
                  <Table.Th>{t("analyses.dashboards.defaultFor")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.items.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>
                      <Anchor renderRoot={(props) => <Link to="/dashboards/$id" params={{ id: d.id }} {...props} />}>
                        {d.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{d.tileCount}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={d.visibility === "private" ? "gray" : "blue"}>
                        {t(`analyses.visibilityShort.${d.visibility}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{d.mine ? t("analyses.me") : d.owner.displayName}</Table.Td>
                    <Table.Td>{format.dateTime(d.updatedAt)}</Table.Td>
                    <Table.Td>
                      <Stack gap={4}>
                        <Group gap={4}>
                          {d.defaultFor.map((r) => (
                            <Badge
                              key={r}
                              variant="outline"
                              rightSection={
                                coordinator ? <ClearDefault role={r} label={t(`analyses.roles.${r}`)} /> : undefined
                              }
                            >
                              {t(`analyses.roles.${r}`)}
                            </Badge>
                          ))}
                        </Group>
                        {coordinator && <RoleDefault dashboard={d} />}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {q.data.total > ANALYSES_PAGE_SIZE && (
            <Pagination
              total={Math.ceil(q.data.total / ANALYSES_PAGE_SIZE)}
              value={page}
              onChange={(p) => go({ page: p > 1 ? p : undefined })}
              size="sm"
              getControlProps={(control) => ({ "aria-label": t(`pagination.${control}`) })}
            />
          )}
        </>
      )}
      <NewDashboard />
    </Stack>
  );
}
