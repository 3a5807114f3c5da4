import { Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../../api/auth.js";
import { partnersQuery, pillarsQuery, programmeQuery } from "../../api/queries.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { Localized } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { StatTile } from "../../components/stat-tile.js";
import { Empty, ListSkeleton } from "../../components/states.js";

function Intro() {
  const { t } = useTranslation();
  const partners = useQuery(partnersQuery);
  const pillars = useQuery(pillarsQuery);
  const counts = partners.data?.counts;
  const pillarCount = pillars.data?.items.length;
  const commitments = pillars.data?.items.reduce((sum, p) => sum + p.commitmentCount, 0);
  return (
    <Stack gap="md">
      <Text size="lg" maw={820}>
        {t("home.intro")}
      </Text>
      {counts ? (
        <Text maw={820}>{t("home.membership", { countries: counts.country, organizations: counts.organization })}</Text>
      ) : partners.isError ? (
        <ErrorAlert error={partners.error} onRetry={() => void partners.refetch()} />
      ) : (
        <Skeleton height={20} maw={600} />
      )}
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" maw={900}>
        <StatTile fz={32} value={counts?.country} label={t("home.stats.countries", { count: counts?.country ?? 0 })} />
        <StatTile
          fz={32}
          value={counts?.organization}
          label={t("home.stats.organizations", { count: counts?.organization ?? 0 })}
        />
        <StatTile fz={32} value={pillarCount} label={t("home.stats.pillars", { count: pillarCount ?? 0 })} />
        <StatTile fz={32} value={commitments} label={t("home.stats.commitments", { count: commitments ?? 0 })} />
      </SimpleGrid>
    </Stack>
  );
}

function PillarCards() {
  const { t } = useTranslation();
  const { data, error, isPending, refetch } = useQuery(pillarsQuery);
  if (isPending) return <ListSkeleton rows={2} height={120} />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (data.items.length === 0) return <Empty />;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
      {data.items.map((p) => (
        <Link key={p.number} to="/pillars/$number" params={{ number: String(p.number) }} className="card-link">
          <Card withBorder padding="md" radius="md" h="100%">
            <Group justify="space-between" mb="xs">
              <Badge variant="filled" size="lg">
                {t("pillars.pillarNumber", { roman: p.roman })}
              </Badge>
              <Text size="xs" c="dimmed">
                {t("pillars.commitmentCount", { count: p.commitmentCount })}
              </Text>
            </Group>
            <Text fw={600} component="h3" fz="md" m={0}>
              <Localized value={p.title} />
            </Text>
          </Card>
        </Link>
      ))}
    </SimpleGrid>
  );
}

function Components() {
  const { data, error, isPending, refetch } = useQuery(programmeQuery);
  if (isPending) return <ListSkeleton rows={3} height={90} />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (data.components.length === 0) return <Empty />;
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
      {data.components.map((c, i) => (
        <Card key={c.code} withBorder padding="md" radius="md">
          <Text fw={600} component="h3" fz="md" m={0} mb={6}>
            {i + 1}. <Localized value={c.name} />
          </Text>
          <Text size="sm" lineClamp={6}>
            <Localized value={c.description} />
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** A section of the home page: its heading, with a link to the page that says more beside it. */
function HomeSection({
  id,
  title,
  to,
  more,
  children,
}: {
  id: string;
  title: string;
  to: "/pillars" | "/programme";
  more: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <Group justify="space-between" mb="sm" align="baseline">
        <Title order={2} id={id}>
          {title}
        </Title>
        <Button component={Link} to={to} variant="subtle" size="compact-sm">
          {more}
        </Button>
      </Group>
      {children}
    </section>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const signedIn = Boolean(useMe().data?.user);
  usePageTitle(t("home.title"));
  return (
    <Stack gap="xl">
      <Stack gap="md">
        <Title order={1}>{t("home.title")}</Title>
        <Intro />
      </Stack>
      <HomeSection id="home-pillars" title={t("home.pillarsTitle")} to="/pillars" more={t("home.allPillars")}>
        <PillarCards />
      </HomeSection>
      <HomeSection id="home-programme" title={t("home.programmeTitle")} to="/programme" more={t("home.aboutProgramme")}>
        <Components />
      </HomeSection>
      <section aria-labelledby="home-access">
        <Title order={2} id="home-access" mb="sm">
          {t("home.accessTitle")}
        </Title>
        <Stack gap="sm" maw={820}>
          <Text>{t("home.accessPublic")}</Text>
          <Text>{t("home.accessProtected")}</Text>
          {!signedIn && (
            <Group gap="sm">
              <Button component={Link} to="/register">
                {t("registration.registerLink")}
              </Button>
              <Button component={Link} to="/sign-in" variant="outline">
                {t("auth.signIn")}
              </Button>
            </Group>
          )}
        </Stack>
      </section>
    </Stack>
  );
}
