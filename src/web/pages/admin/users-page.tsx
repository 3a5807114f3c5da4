import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "../../../common/platform.js";
import type { UserSort, UserStatus, UserSummary } from "../../../common/users.js";
import { USERS_PAGE_SIZE, type UserFilters, usersQuery } from "../../api/users.js";
import { IconArrowDown, IconArrowsSort, IconArrowUp, IconUserPlus } from "../../components/icons.js";
import { pageParam } from "../../components/lists/list-pagination.js";
import { PagedList } from "../../components/lists/paged-list.js";
import { ScrollTable } from "../../components/lists/scroll-table.js";
import { SearchForm } from "../../components/lists/search-form.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import { usePartnerNames } from "../partners/use-partner-names.js";
import { roleLabel, roleOptions, STATUS_COLORS, STATUSES, statusLabel, useDateTime } from "./admin-format.js";
import { CreateUserDialog } from "./create-user-dialog.js";
import { PartnerSelect } from "./partner-select.js";

function SortHeader({
  column,
  label,
  filters,
  onSort,
}: {
  column: UserSort;
  label: string;
  filters: UserFilters;
  onSort: (column: UserSort) => void;
}) {
  const { t } = useTranslation();
  const active = (filters.sort ?? "name") === column;
  const order = filters.order ?? "asc";
  const Icon = !active ? IconArrowsSort : order === "asc" ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th aria-sort={active ? (order === "asc" ? "ascending" : "descending") : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}
        <Icon size={14} aria-hidden="true" />
        <span className="visually-hidden">
          {t(active && order === "asc" ? "admin.users.sortDesc" : "admin.users.sortAsc")}
        </span>
      </button>
    </Table.Th>
  );
}

function UserRow({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  const when = useDateTime();
  const { name: partnerName } = usePartnerNames();
  const format = useFormat();
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor fw={600} renderRoot={(props) => <Link to="/admin/users/$id" params={{ id: user.id }} {...props} />}>
          {user.displayName}
        </Anchor>
        <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {user.email}
        </Text>
      </Table.Td>
      <Table.Td>
        {roleLabel(t, user.role)}
        {user.countryScopes.length > 0 && (
          <Text size="xs" c="dimmed">
            {format.list(user.countryScopes.map((c) => partnerName(c)))}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{user.partnerCode ? partnerName(user.partnerCode) : "—"}</Table.Td>
      <Table.Td>
        <Badge variant="filled" color={STATUS_COLORS[user.status]}>
          {statusLabel(t, user.status)}
        </Badge>
      </Table.Td>
      <Table.Td>{user.lastSignInAt ? when(user.lastSignInAt) : t("admin.users.never")}</Table.Td>
      <Table.Td>{when(user.createdAt)}</Table.Td>
    </Table.Tr>
  );
}

function Filters({ filters, onChange }: { filters: UserFilters; onChange: (next: Partial<UserFilters>) => void }) {
  const { t } = useTranslation();
  return (
    <SearchForm texts="admin.users" applied={filters.q} onSearch={(q) => onChange({ q })} width={260}>
      <Select
        label={t("admin.users.role")}
        placeholder={t("admin.users.allRoles")}
        data={roleOptions(t)}
        value={filters.role ?? null}
        onChange={(v) => onChange({ role: (v as Role | null) ?? undefined })}
        clearable
        clearButtonProps={{ "aria-label": t("admin.users.clearRole") }}
        w={{ base: "100%", sm: 200 }}
      />
      <PartnerSelect
        label={t("admin.users.partner")}
        placeholder={t("admin.users.allPartners")}
        value={filters.partner ?? null}
        onChange={(v) => onChange({ partner: v ?? undefined })}
        w={{ base: "100%", sm: 240 }}
      />
      <Select
        label={t("admin.users.status")}
        placeholder={t("admin.users.allStatuses")}
        data={STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))}
        value={filters.status ?? null}
        onChange={(v) => onChange({ status: (v as UserStatus | null) ?? undefined })}
        clearable
        clearButtonProps={{ "aria-label": t("admin.users.clearStatus") }}
        w={{ base: "100%", sm: 180 }}
      />
    </SearchForm>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t("admin.users.title"));
  const filters = useSearch({ from: "/admin/users" });
  const navigate = useNavigate({ from: "/admin/users" });
  const [creating, setCreating] = useState(false);
  const list = useQuery(usersQuery(filters));
  const page = filters.page ?? 1;
  const filtered = Boolean(filters.q || filters.role || filters.partner || filters.status);

  const update = (next: Partial<UserFilters>) =>
    void navigate({ search: (s) => ({ ...s, ...next, page: undefined }), replace: true });
  const sortBy = (column: UserSort) =>
    update({
      sort: column === "name" ? undefined : column,
      order: (filters.sort ?? "name") === column && (filters.order ?? "asc") === "asc" ? "desc" : undefined,
    });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Title order={1}>{t("admin.users.title")}</Title>
        <Button leftSection={<IconUserPlus size={18} aria-hidden="true" />} onClick={() => setCreating(true)}>
          {t("admin.users.create")}
        </Button>
      </Group>
      <Text maw={820}>{t("admin.users.intro")}</Text>
      <Filters filters={filters} onChange={update} />
      <PagedList
        query={list}
        skeleton={{ rows: 6 }}
        empty={
          <Empty title={t(filtered ? "admin.users.noMatch" : "admin.users.empty")}>
            {filtered && (
              <Button variant="light" onClick={() => void navigate({ search: {}, replace: true })}>
                {t("admin.users.clearFilters")}
              </Button>
            )}
          </Empty>
        }
        count={(data) => (
          <Text size="sm" role="status" aria-live="polite">
            {t("admin.users.count", { count: data.total })}
          </Text>
        )}
        pages={{
          size: USERS_PAGE_SIZE,
          page,
          onChange: (p) => void navigate({ search: (s) => ({ ...s, page: pageParam(p) }) }),
          numbered: true,
        }}
      >
        {(data) => (
          <>
            <ScrollTable
              label={t("admin.users.title")}
              minWidth={760}
              busy={list.isFetching}
              striped
              highlightOnHover
              verticalSpacing="xs"
            >
              <Table.Thead>
                <Table.Tr>
                  <SortHeader column="name" label={t("admin.users.columns.name")} filters={filters} onSort={sortBy} />
                  <Table.Th>{t("admin.users.columns.role")}</Table.Th>
                  <Table.Th>{t("admin.users.columns.partner")}</Table.Th>
                  <Table.Th>{t("admin.users.columns.status")}</Table.Th>
                  <SortHeader
                    column="lastSignIn"
                    label={t("admin.users.columns.lastSignIn")}
                    filters={filters}
                    onSort={sortBy}
                  />
                  <SortHeader
                    column="created"
                    label={t("admin.users.columns.created")}
                    filters={filters}
                    onSort={sortBy}
                  />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((u) => (
                  <UserRow key={u.id} user={u} />
                ))}
              </Table.Tbody>
            </ScrollTable>
          </>
        )}
      </PagedList>
      <CreateUserDialog opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
