import { Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { pillarsQuery } from "../../api/queries.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { Localized } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty, ListSkeleton } from "../../components/states.js";

export function PillarsPage() {
  const { t } = useTranslation();
  usePageTitle(t("pillars.title"));
  const { data, error, isPending, refetch } = useQuery(pillarsQuery);
  return (
    <Stack gap="md">
      <Title order={1}>{t("pillars.title")}</Title>
      <Text maw={820}>{t("pillars.intro")}</Text>
      {isPending ? (
        <ListSkeleton rows={4} height={120} />
      ) : error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : data.items.length === 0 ? (
        <Empty />
      ) : (
        <Stack gap="md" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {data.items.map((p) => (
            <li key={p.number}>
              <Card withBorder radius="md" padding="md">
                <Group gap="sm" mb="xs" wrap="nowrap" align="flex-start">
                  <Badge variant="filled" size="lg" style={{ flexShrink: 0 }}>
                    {p.roman}
                  </Badge>
                  <Title order={2} fz="lg">
                    <Link to="/pillars/$number" params={{ number: String(p.number) }}>
                      <Localized value={p.title} />
                    </Link>
                  </Title>
                </Group>
                <Text size="sm" lineClamp={3}>
                  <Localized value={p.aims} />
                </Text>
                <Text size="sm" c="dimmed" mt="xs">
                  {t("pillars.commitmentCount", { count: p.commitmentCount })}
                </Text>
              </Card>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
