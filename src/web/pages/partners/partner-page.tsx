import { Anchor, Badge, Breadcrumbs, Card, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { PartnerDetail } from "../../../common/partners.js";
import { ApiError } from "../../api/client.js";
import { partnerQuery } from "../../api/queries.js";
import { InternalLink } from "../../components/internal-link.js";
import { DetailStates } from "../../components/lists/detail-states.js";
import { Localized, useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty } from "../../components/states.js";
import { NotFoundPage } from "../not-found-page.js";
import { partnerSince, placeLabel, regionLabel } from "./partner-format.js";
import { usePartnerNames } from "./use-partner-names.js";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

function Block({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="h4" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Overview({ partner }: { partner: PartnerDetail }) {
  const { t } = useTranslation();
  const { name } = usePartnerNames();
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
      <Block id="partner-routes" title={t("partner.routes")}>
        {partner.routes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("partner.noRoutes")}
          </Text>
        ) : (
          <Group gap="xs">
            {partner.routes.map((r) => (
              <Badge
                key={r.code}
                component={Link}
                to="/routes"
                hash={`route-${r.code}`}
                variant="light"
                size="lg"
                style={{ cursor: "pointer", textTransform: "none" }}
              >
                <Localized value={r.name} badge={false} />
              </Badge>
            ))}
          </Group>
        )}
      </Block>
      <Block id="partner-liaison" title={t("partner.liaisonPosts")}>
        {partner.liaisonPosts.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("partner.noLiaisonPosts")}
          </Text>
        ) : (
          <List size="sm" spacing={4}>
            {partner.liaisonPosts.map((p) => (
              <List.Item key={p.code}>
                <Text span fw={600} size="sm">
                  <Localized value={p.dutyStation} />
                </Text>
                {p.covers.length > 0 && (
                  <Text span size="sm">
                    {" "}
                    — {t("programme.covers")}: {p.covers.map((c) => placeLabel(t, name, c)).join(", ")}
                  </Text>
                )}
                {p.since && (
                  <Text span size="sm" c="dimmed">
                    {" "}
                    ({t("programme.since", { year: p.since })})
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        )}
      </Block>
      <Block id="partner-donor" title={t("partner.donorYears")}>
        {partner.donorYears.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("partner.noDonorYears")}
          </Text>
        ) : (
          <Group gap={6}>
            {[...partner.donorYears].sort().map((y) => (
              <Badge key={y} variant="outline" color="slate.8">
                {y}
              </Badge>
            ))}
          </Group>
        )}
      </Block>
    </SimpleGrid>
  );
}

function Sections({ partner }: { partner: PartnerDetail }) {
  const { t } = useTranslation();
  if (partner.sections.length === 0)
    return <Empty title={t("partner.noSections")} description={t("partner.noSectionsHint")} />;
  return (
    <Stack gap="md">
      {partner.sections.map((s) => (
        <Block
          key={s.key}
          id={`section-${s.key}`}
          title={
            <>
              <Localized value={s.title} />{" "}
              <Text span c="dimmed" fw={400} fz="sm">
                ({s.total})
              </Text>
            </>
          }
        >
          {s.items.length === 0 ? (
            <Empty title={t("partner.sectionEmpty")} />
          ) : (
            <>
              <List size="sm" spacing={6}>
                {s.items.map((item, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: items have no id of their own
                  <List.Item key={i}>
                    {item.href ? (
                      <InternalLink href={item.href} size="sm">
                        <Localized value={item.label} />
                      </InternalLink>
                    ) : (
                      <Localized value={item.label} />
                    )}
                    {item.detail && (
                      <Text span size="sm" c="dimmed">
                        {" "}
                        — {item.detail}
                      </Text>
                    )}
                  </List.Item>
                ))}
              </List>
              {s.total > s.items.length && (
                <Text size="xs" c="dimmed" mt="xs">
                  {t("partner.showingOf", { shown: s.items.length, total: s.total })}
                </Text>
              )}
            </>
          )}
        </Block>
      ))}
    </Stack>
  );
}

export function PartnerPage() {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const { code } = useParams({ from: "/partners/$code" });
  const query = useQuery(partnerQuery(code));
  const { data, error } = query;
  usePageTitle(data ? text(data.name) : t("partners.title"));
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;

  return (
    <Stack gap="lg">
      <Breadcrumbs separator="›">
        <Anchor
          size="sm"
          renderRoot={(props) => (
            <Link
              to="/partners"
              search={data?.kind === "organization" ? { kind: "organization" } : {}}
              activeOptions={{ exact: true }}
              {...props}
            />
          )}
        >
          {t("partners.title")}
        </Anchor>
        <Text size="sm" c="dimmed" aria-current="page">
          {data ? text(data.name) : code}
        </Text>
      </Breadcrumbs>
      <DetailStates query={query} loading={{ titleWidth: "50%", rows: 4, height: 80 }} errorTitle={code}>
        {(data) => (
          <>
            <Stack gap="xs">
              <Title order={1}>
                <Localized value={data.name} />
              </Title>
              {data.listedAs && data.listedAs !== data.name.en && (
                <Text c="dimmed" size="sm" lang="en">
                  {data.listedAs}
                </Text>
              )}
            </Stack>
            <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="md" m={0}>
              <Fact label={t("partner.kind")}>
                {t(data.kind === "country" ? "partner.kindCountry" : "partner.kindOrganization")}
              </Fact>
              <Fact label={t("partners.columns.code")}>
                {/* The code people write in import files, under the name in the heading. */}
                <span data-code-column>{data.code}</span>
              </Fact>
              {data.kind === "country" && (
                <Fact label={t("partners.columns.region")}>{regionLabel(t, data.region)}</Fact>
              )}
              <Fact label={t("partners.columns.since")}>{partnerSince(t, data.sinceThirdMinisterialConference)}</Fact>
            </SimpleGrid>
            <Overview partner={data} />
            <Sections partner={data} />
          </>
        )}
      </DetailStates>
    </Stack>
  );
}
