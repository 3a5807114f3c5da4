import { Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Programme } from "../../../common/partners.js";
import { programmeQuery } from "../../api/queries.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { Localized } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { RecordTable } from "../../components/record-table.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { placeLabel } from "../partners/partner-format.js";
import { PartnerAnchor } from "../partners/partner-link.js";
import { usePartnerNames } from "../partners/use-partner-names.js";

type Donor = Programme["donors"][number];

function PartnerRef({ code }: { code: string }) {
  const { name, isPartner } = usePartnerNames();
  if (!isPartner(code)) return <>{name(code)}</>;
  return <PartnerAnchor code={code}>{name(code)}</PartnerAnchor>;
}

function LiaisonPosts({ posts }: { posts: Programme["liaisonPosts"] }) {
  const { t } = useTranslation();
  const { name } = usePartnerNames();
  if (posts.length === 0) return <Empty />;
  return (
    <RecordTable
      minWidth={560}
      columns={[t("programme.dutyStation"), t("programme.country"), t("programme.covers"), t("programme.sinceColumn")]}
      rows={posts}
      rowKey={(p) => p.code}
      striped
      verticalSpacing="xs"
    >
      {(p) => (
        <>
          <Table.Td>
            <Text fw={600} size="sm">
              <Localized value={p.dutyStation} />
            </Text>
            {"en" in p.note || "ru" in p.note ? (
              <Text size="xs" c="dimmed">
                <Localized value={p.note} />
              </Text>
            ) : null}
          </Table.Td>
          <Table.Td>
            <PartnerRef code={p.country} />
          </Table.Td>
          <Table.Td>{p.covers.length ? p.covers.map((c) => placeLabel(t, name, c)).join(", ") : "—"}</Table.Td>
          <Table.Td>{p.since ?? "—"}</Table.Td>
        </>
      )}
    </RecordTable>
  );
}

function Donors({ donors }: { donors: Donor[] }) {
  const { t } = useTranslation();
  const byYear = useMemo(() => {
    const map = new Map<number, Donor[]>();
    for (const d of donors) map.set(d.year, [...(map.get(d.year) ?? []), d]);
    return [...map.entries()].sort(([a], [b]) => b - a);
  }, [donors]);
  if (byYear.length === 0) return <Empty />;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
      {byYear.map(([year, list]) => (
        <Card key={year} withBorder radius="md" padding="md">
          <Group justify="space-between" mb="xs">
            <Title order={3} fz="h4">
              {year}
            </Title>
            <Text size="sm" c="dimmed">
              {t("programme.donorCount", { count: list.length })}
            </Text>
          </Group>
          <Text component="ul" size="sm" m={0} pl="md">
            {list.map((d, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a donor may appear without a partner code
              <li key={i}>{d.partnerCode ? <PartnerRef code={d.partnerCode} /> : <Localized value={d.name} />}</li>
            ))}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** A section of the page: its heading and a sentence that introduces it, then its content. */
function IntroducedSection({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} id={id} mb="xs">
        {title}
      </Title>
      <Text size="sm" mb="sm" maw={820}>
        {intro}
      </Text>
      {children}
    </section>
  );
}

export function ProgrammePage() {
  const { t } = useTranslation();
  usePageTitle(t("programme.title"));
  const { data, error, isPending, refetch } = useQuery(programmeQuery);
  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Title order={1}>{t("programme.title")}</Title>
        <Text maw={820}>{t("programme.intro")}</Text>
      </Stack>
      {isPending ? (
        <ListSkeleton rows={5} height={90} />
      ) : error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          <section aria-labelledby="programme-components">
            <Title order={2} id="programme-components" mb="sm">
              {t("programme.components")}
            </Title>
            {data.components.length === 0 ? (
              <Empty />
            ) : (
              <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
                {data.components.map((c, i) => (
                  <Card key={c.code} withBorder radius="md" padding="md">
                    <Title order={3} fz="h4" mb={6}>
                      {i + 1}. <Localized value={c.name} />
                    </Title>
                    <Text size="sm">
                      <Localized value={c.description} />
                    </Text>
                  </Card>
                ))}
              </SimpleGrid>
            )}
          </section>
          <IntroducedSection
            id="programme-liaison"
            title={t("programme.liaisonPosts")}
            intro={t("programme.liaisonIntro")}
          >
            <LiaisonPosts posts={data.liaisonPosts} />
          </IntroducedSection>
          <IntroducedSection id="programme-donors" title={t("programme.donors")} intro={t("programme.donorsIntro")}>
            <Donors donors={data.donors} />
          </IntroducedSection>
        </>
      )}
    </Stack>
  );
}
