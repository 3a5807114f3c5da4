import { Anchor, Breadcrumbs, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.js";
import { pillarQuery } from "../../api/queries.js";
import { DetailStates } from "../../components/lists/detail-states.js";
import { Localized, useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty } from "../../components/states.js";
import { NotFoundPage } from "../not-found-page.js";

export function PillarPage() {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const { number } = useParams({ from: "/pillars/$number" });
  const n = Number(number);
  const valid = Number.isInteger(n) && n >= 1 && n <= 4;
  const query = useQuery({ ...pillarQuery(n), enabled: valid });
  const { data, error } = query;
  const heading = data ? `${t("pillars.pillarNumber", { roman: data.roman })}. ${text(data.title)}` : undefined;
  usePageTitle(heading ?? t("pillars.title"));

  if (!valid || (error instanceof ApiError && error.status === 404)) return <NotFoundPage />;
  return (
    <Stack gap="md">
      <Breadcrumbs separator="›">
        <Anchor component={Link} to="/pillars" activeOptions={{ exact: true }} size="sm">
          {t("pillars.title")}
        </Anchor>
        <Text size="sm" c="dimmed">
          {data ? t("pillars.pillarNumber", { roman: data.roman }) : "…"}
        </Text>
      </Breadcrumbs>
      <DetailStates query={query} loading={{ titleWidth: "60%", rows: 6 }} errorTitle={t("pillars.title")}>
        {(data) => (
          <>
            <Title order={1} fz={{ base: "h2", sm: "h1" }}>
              <Text component="span" display="block" fz="sm" fw={700} c="unblue.8" tt="uppercase" mb={4}>
                {t("pillars.pillarNumber", { roman: data.roman })}
                <span className="visually-hidden">: </span>
              </Text>
              <Localized value={data.title} />
            </Title>
            <section aria-labelledby="pillar-aims">
              <Title order={2} id="pillar-aims" fz="h3" mb="xs">
                {t("pillars.aims")}
              </Title>
              <Text maw={860}>
                <Localized value={data.aims} />
              </Text>
            </section>
            <section aria-labelledby="pillar-commitments">
              <Title order={2} id="pillar-commitments" fz="h3" mb="xs">
                {t("pillars.commitments")}{" "}
                <Text component="span" c="dimmed" fz="md" fw={400}>
                  ({data.commitments.length})
                </Text>
              </Title>
              {data.commitments.length === 0 ? (
                <Empty title={t("pillars.noCommitments")} />
              ) : (
                <ol className="commitments">
                  {[...data.commitments]
                    .sort((a, b) => a.number - b.number)
                    .map((c) => (
                      <li key={c.code} id={`commitment-${c.code}`}>
                        <Text fw={700} c="unblue.8">
                          {c.code}
                        </Text>
                        <Text maw={820}>
                          <Localized value={c.text} />
                        </Text>
                      </li>
                    ))}
                </ol>
              )}
            </section>
          </>
        )}
      </DetailStates>
    </Stack>
  );
}
