import { Badge, Card, Group, SegmentedControl, Stack, Table, Tabs, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Partner, PartnerKind } from "../../../common/partners.js";
import { partnersQuery } from "../../api/queries.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { IconArrowDown, IconArrowUp, IconSearch } from "../../components/icons.js";
import { useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";
import { normalizeForFilter, partnerSince, regionLabel } from "./partner-format.js";
import { PartnerAnchor } from "./partner-link.js";
import { PartnersMap } from "./partners-map.js";

type SortDir = "asc" | "desc";

function useVisiblePartners(items: Partner[] | undefined, kind: PartnerKind, q: string, dir: SortDir) {
  const text = useLocalizedText();
  const lang = useLanguage();
  return useMemo(() => {
    const collator = new Intl.Collator(lang, { sensitivity: "base" });
    const needle = normalizeForFilter(q.trim());
    const rows = (items ?? []).filter((p) => {
      if (p.kind !== kind) return false;
      if (!needle) return true;
      const hay = [p.name.en, p.name.ru, p.code, p.listedAs].filter(Boolean).join(" ");
      return normalizeForFilter(hay).includes(needle);
    });
    rows.sort((a, b) => collator.compare(text(a.name), text(b.name)) * (dir === "asc" ? 1 : -1));
    return rows;
  }, [items, kind, q, dir, text, lang]);
}

function PartnerTable({
  rows,
  kind,
  dir,
  onSort,
}: {
  rows: Partner[];
  kind: PartnerKind;
  dir: SortDir;
  onSort: () => void;
}) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const SortIcon = dir === "asc" ? IconArrowUp : IconArrowDown;
  return (
    <Table striped highlightOnHover verticalSpacing="xs" visibleFrom="sm">
      <Table.Caption className="visually-hidden">
        {t(kind === "country" ? "partners.countries" : "partners.organizations")}
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th aria-sort={dir === "asc" ? "ascending" : "descending"}>
            <button type="button" className="sort-button" onClick={onSort}>
              {t("partners.columns.name")}
              <SortIcon size={14} aria-hidden="true" />
              <span className="visually-hidden">{t(dir === "asc" ? "partners.sortDesc" : "partners.sortAsc")}</span>
            </button>
          </Table.Th>
          <Table.Th>{t("partners.columns.code")}</Table.Th>
          {kind === "country" && <Table.Th>{t("partners.columns.region")}</Table.Th>}
          <Table.Th>{t("partners.columns.since")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((p) => (
          <Table.Tr key={p.code}>
            <Table.Td>
              <PartnerAnchor code={p.code} fw={500}>
                {text(p.name)}
              </PartnerAnchor>
            </Table.Td>
            {/* The code people write in import files (a country column reads TJK); the name is beside it. */}
            <Table.Td data-code-column>
              <Text component="span" ff="monospace" size="sm">
                {p.code}
              </Text>
            </Table.Td>
            {kind === "country" && <Table.Td>{regionLabel(t, p.region)}</Table.Td>}
            <Table.Td>{partnerSince(t, p.sinceThirdMinisterialConference)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function PartnerCards({ rows }: { rows: Partner[] }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  return (
    <Stack gap="xs" hiddenFrom="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
      {rows.map((p) => (
        <li key={p.code}>
          <Card withBorder padding="sm" radius="md">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <PartnerAnchor code={p.code} fw={600}>
                {text(p.name)}
              </PartnerAnchor>
              <Badge variant="outline" color="slate.8" style={{ flexShrink: 0 }} data-code-column>
                {p.code}
              </Badge>
            </Group>
            {p.region && (
              <Text size="sm" mt={4}>
                {regionLabel(t, p.region)}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              {partnerSince(t, p.sinceThirdMinisterialConference)}
            </Text>
          </Card>
        </li>
      ))}
    </Stack>
  );
}

export function PartnersPage() {
  const { t } = useTranslation();
  usePageTitle(t("partners.title"));
  const search = useSearch({ from: "/partners" });
  const navigate = useNavigate({ from: "/partners" });
  const kind: PartnerKind = search.kind ?? "country";
  const [q, setQ] = useState(search.q ?? "");
  const [dir, setDir] = useState<SortDir>("asc");
  const [view, setView] = useState<"list" | "map">("list");
  const { data, error, isPending, refetch } = useQuery(partnersQuery);
  const rows = useVisiblePartners(data?.items, kind, q, dir);

  const setKind = (value: string | null) =>
    void navigate({
      search: (s) => ({ ...s, kind: value === "organization" ? "organization" : undefined }),
      replace: true,
    });
  const setFilter = (value: string) => {
    setQ(value);
    void navigate({ search: (s) => ({ ...s, q: value.trim() || undefined }), replace: true });
  };
  const counts = data?.counts;

  return (
    <Stack gap="md">
      <Title order={1}>{t("partners.title")}</Title>
      <Text maw={820}>{t("partners.intro")}</Text>
      <Tabs value={kind} onChange={setKind} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="country">
            {counts ? t("partners.countriesCount", { count: counts.country }) : t("partners.countries")}
          </Tabs.Tab>
          <Tabs.Tab value="organization">
            {counts ? t("partners.organizationsCount", { count: counts.organization }) : t("partners.organizations")}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value={kind} pt="md">
          <Stack gap="sm">
            <TextInput
              label={t("partners.filterLabel")}
              placeholder={t("partners.filterPlaceholder")}
              // The example names a partner code beside the name: the filter finds partners by the code in the table.
              data-code-column
              value={q}
              onChange={(e) => setFilter(e.currentTarget.value)}
              leftSection={<IconSearch size={16} aria-hidden="true" />}
              maw={420}
              type="search"
            />
            {kind === "country" && (
              <SegmentedControl
                size="xs"
                value={view}
                onChange={(v) => setView(v === "map" ? "map" : "list")}
                aria-label={t("partners.countries")}
                data={[
                  { value: "list", label: t("viz.partners.list") },
                  { value: "map", label: t("viz.partners.map") },
                ]}
                style={{ alignSelf: "flex-start" }}
              />
            )}
            {isPending ? (
              <ListSkeleton rows={8} height={36} />
            ) : error ? (
              <ErrorAlert error={error} onRetry={() => void refetch()} />
            ) : rows.length === 0 ? (
              <Empty title={q ? t("partners.noMatch") : t("common.empty")} />
            ) : (
              <>
                <Text size="sm" c="dimmed" aria-live="polite">
                  {t("partners.shown", { count: rows.length })}
                </Text>
                {kind === "country" && view === "map" ? (
                  <PartnersMap rows={rows} />
                ) : (
                  <>
                    <PartnerTable
                      rows={rows}
                      kind={kind}
                      dir={dir}
                      onSort={() => setDir(dir === "asc" ? "desc" : "asc")}
                    />
                    <PartnerCards rows={rows} />
                  </>
                )}
              </>
            )}
          </Stack>
        </Tabs.Panel>
      </Tabs>
      <Text size="sm" c="dimmed">
        {t("partners.sinceNote")}
      </Text>
    </Stack>
  );
}
