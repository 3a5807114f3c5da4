import { Anchor, Badge, Card, Group, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { DirectoryEntry } from "../../../common/users.js";
import { directoryQuery } from "../../api/users.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { IconMail } from "../../components/icons.js";
import { SearchForm } from "../../components/lists/search-form.js";
import { useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { roleLabel } from "../admin/admin-format.js";
import { PartnerSelect } from "../admin/partner-select.js";
import { PartnerAnchor } from "../partners/partner-link.js";

function Person({ person }: { person: DirectoryEntry }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  return (
    <Card component="li" withBorder radius="md" padding="md">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
          <Text fw={700} style={{ overflowWrap: "anywhere" }}>
            {person.displayName}
          </Text>
          <Badge
            variant="filled"
            color={person.role === "focal_point" ? "unblue.8" : "teal.9"}
            style={{ maxWidth: "100%" }}
          >
            {roleLabel(t, person.role)}
          </Badge>
        </Group>
        {person.partnerCode && (
          <Text size="sm">
            {t("directory.partner")}:{" "}
            <PartnerAnchor code={person.partnerCode} size="sm">
              {person.partnerName ? text(person.partnerName) : person.partnerCode}
            </PartnerAnchor>
          </Text>
        )}
        {person.role === "liaison_officer" && (
          <Text size="sm">
            {t("directory.countries")}:{" "}
            {person.countries.length > 0
              ? person.countries.map((c) => text(c.name)).join(", ")
              : t("directory.noCountries")}
          </Text>
        )}
        <Group gap={6} wrap="nowrap">
          <IconMail size={16} aria-hidden="true" style={{ flexShrink: 0 }} />
          <Anchor href={`mailto:${person.email}`} size="sm" style={{ overflowWrap: "anywhere" }}>
            {person.email}
          </Anchor>
        </Group>
        <Text size="xs" c="dimmed">
          {t("directory.language", { language: t(`admin.languages.${person.language}`) })}
        </Text>
      </Stack>
    </Card>
  );
}

export function DirectoryPage() {
  const { t } = useTranslation();
  usePageTitle(t("directory.title"));
  const filters = useSearch({ from: "/directory" });
  const navigate = useNavigate({ from: "/directory" });
  const { data, error, isPending, isFetching, refetch } = useQuery(directoryQuery(filters));
  const update = (next: Partial<typeof filters>) =>
    void navigate({ search: (s) => ({ ...s, ...next }), replace: true });

  return (
    <Stack gap="md">
      <Title order={1}>{t("directory.title")}</Title>
      <Text maw={820}>{t("directory.intro")}</Text>
      <SearchForm texts="directory" applied={filters.q} onSearch={(q) => update({ q })} width={260}>
        <PartnerSelect
          label={t("directory.partner")}
          placeholder={t("directory.allPartners")}
          value={filters.partner ?? null}
          onChange={(v) => update({ partner: v ?? undefined })}
          clearLabel={t("directory.clearPartner")}
          w={{ base: "100%", sm: 260 }}
        />
        <Select
          label={t("directory.role")}
          placeholder={t("directory.allRoles")}
          data={[
            { value: "focal_point", label: roleLabel(t, "focal_point") },
            { value: "liaison_officer", label: roleLabel(t, "liaison_officer") },
          ]}
          value={filters.role ?? null}
          onChange={(v) => update({ role: v === "focal_point" || v === "liaison_officer" ? v : undefined })}
          clearable
          clearButtonProps={{ "aria-label": t("directory.clearRole") }}
          w={{ base: "100%", sm: 240 }}
        />
      </SearchForm>
      {isPending ? (
        <ListSkeleton rows={4} height={120} />
      ) : error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : data.items.length === 0 ? (
        <Empty title={t("directory.empty")} description={t("directory.emptyHint")} />
      ) : (
        <>
          <Text size="sm" role="status" aria-live="polite">
            {t("directory.count", { count: data.total })}
          </Text>
          <SimpleGrid
            component="ul"
            cols={{ base: 1, sm: 2, lg: 3 }}
            spacing="sm"
            p={0}
            m={0}
            style={{ listStyle: "none" }}
            aria-busy={isFetching}
          >
            {data.items.map((p) => (
              <Person key={p.id} person={p} />
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
