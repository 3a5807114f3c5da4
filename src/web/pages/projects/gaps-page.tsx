import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { MONEY_MEASURES, type MoneyMeasure, MoneyMeasureSchema, PRIORITIES, THEMES } from "../../../common/projects.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { createNeed, gapsQuery } from "../../api/projects.js";
import { AtlasMap } from "../../components/atlas-map.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { problemFieldErrors } from "../../components/form-errors.js";
import { Localized, TranslationBadge } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { RecordTable } from "../../components/record-table.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import { useLanguage } from "../../i18n/index.js";
import { usePartnerNames } from "../partners/use-partner-names.js";
import { formatUsd, ProjectsNav, ScrollRegion, themeLabel } from "./projects-nav.js";

const COVERAGE_COLOR = { covered: "teal.9", partly_covered: "orange.9", open: "red.9" } as const;

function NeedForm() {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const { data: me } = useMe();
  const [s, setS] = useState({
    country: me?.user?.partnerCode?.length === 3 ? me.user.partnerCode : "",
    pillar: "1",
    theme: "border_control",
    en: "",
    ru: "",
    priority: "high",
    periodStart: "",
    periodEnd: "",
  });
  const set = (k: keyof typeof s, v: string) => setS((x) => ({ ...x, [k]: v }));
  const save = useMutation({
    mutationFn: () =>
      createNeed({
        country: s.country.trim().toUpperCase(),
        pillar: Number(s.pillar),
        theme: s.theme,
        description: { ...(s.en.trim() ? { en: s.en.trim() } : {}), ...(s.ru.trim() ? { ru: s.ru.trim() } : {}) },
        priority: s.priority,
        periodStart: s.periodStart,
        periodEnd: s.periodEnd,
      }),
    onSuccess: () => {
      setS((x) => ({ ...x, en: "", ru: "" }));
      void client.invalidateQueries({ queryKey: ["projects"] });
    },
  });
  const errors = Object.fromEntries(
    Object.entries(problemFieldErrors(t, save.error)).map(([k, v]) => [k.replace(/^body\./, ""), v]),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Card withBorder>
      <form onSubmit={submit} noValidate aria-labelledby="need-form-title">
        <Stack gap="sm">
          <Title order={2} size="h3" id="need-form-title">
            {t("projects.gaps.newNeed")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t("projects.gaps.country")}
              data={format.countryOptions}
              value={s.country || null}
              error={errors.country}
              onChange={(v) => set("country", v ?? "")}
              searchable
            />
            <Select
              label={t("projects.field.pillars")}
              data={["1", "2", "3", "4"].map((n) => ({ value: n, label: t("projects.pillar", { number: n }) }))}
              value={s.pillar}
              allowDeselect={false}
              onChange={(v) => set("pillar", v ?? "1")}
            />
            <Select
              label={t("projects.field.themes")}
              data={THEMES.map((th) => ({ value: th, label: themeLabel(t, th) }))}
              value={s.theme}
              allowDeselect={false}
              onChange={(v) => set("theme", v ?? "border_control")}
            />
            <Select
              label={t("projects.gaps.priority")}
              data={PRIORITIES.map((p) => ({ value: p, label: t(`projects.gaps.priorityValue.${p}`) }))}
              value={s.priority}
              allowDeselect={false}
              onChange={(v) => set("priority", v ?? "high")}
            />
            <TextInput
              type="date"
              label={t("projects.gaps.start")}
              value={s.periodStart}
              error={errors.periodStart}
              onChange={(e) => set("periodStart", e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t("projects.gaps.end")}
              value={s.periodEnd}
              error={errors.periodEnd}
              onChange={(e) => set("periodEnd", e.currentTarget.value)}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea
              label={t("projects.gaps.descriptionEn")}
              lang="en"
              value={s.en}
              error={errors.description}
              onChange={(e) => set("en", e.currentTarget.value)}
            />
            <Textarea
              label={t("projects.gaps.descriptionRu")}
              lang="ru"
              value={s.ru}
              onChange={(e) => set("ru", e.currentTarget.value)}
            />
          </SimpleGrid>
          {save.error && <ErrorAlert error={save.error} />}
          <Button type="submit" w="fit-content" loading={save.isPending}>
            {t("projects.form.save")}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

export function GapsPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const format = useFormat();
  const partners = usePartnerNames();
  usePageTitle(t("projects.gaps.title"));
  const { data: me } = useMe();
  const [measure, setMeasure] = useState<MoneyMeasure>("usd");
  const { data, error, isPending, refetch } = useQuery(gapsQuery(measure));
  const openByCountry = Object.fromEntries(
    (data?.byCountry ?? []).filter((c) => /^[A-Z]{3}$/.test(c.country)).map((c) => [c.country, c.open]),
  );
  const summary = (
    rows: {
      needs: number;
      covered: number;
      partly: number;
      open: number;
      projects: number;
      usd: string;
      unconverted: { currency: string; amount: string }[];
    }[],
    key: (i: number) => string,
    head: string,
    label: (i: number) => string = key,
  ) => (
    <ScrollRegion label={t("projects.stats.table")}>
      <RecordTable
        striped
        withTableBorder
        th={{ scope: "col" }}
        columns={[
          head,
          t("projects.gaps.needs"),
          t("projects.gaps.coverage.covered"),
          t("projects.gaps.coverage.partly_covered"),
          t("projects.gaps.coverage.open"),
          t("projects.gaps.projects"),
          t("funding.gaps.column", { measure: data?.measure ?? measure }),
        ]}
        rows={rows}
      >
        {(r, i) => (
          <Table.Tr key={key(i)}>
            <Table.Th scope="row">{label(i)}</Table.Th>
            <Table.Td>{r.needs}</Table.Td>
            <Table.Td>{r.covered}</Table.Td>
            <Table.Td>{r.partly}</Table.Td>
            <Table.Td>{r.open}</Table.Td>
            <Table.Td>{r.projects}</Table.Td>
            <Table.Td>
              {formatUsd(lang, r.usd)}
              {r.unconverted.length > 0 &&
                ` ${t("projects.gaps.unconverted", {
                  amounts: r.unconverted.map((u) => `${format.number(Number(u.amount))} ${u.currency}`).join(", "),
                })}`}
            </Table.Td>
          </Table.Tr>
        )}
      </RecordTable>
    </ScrollRegion>
  );
  return (
    <Stack gap="md">
      <Title order={1}>{t("projects.gaps.title")}</Title>
      <Text maw={820}>{t("projects.gaps.intro")}</Text>
      <ProjectsNav />
      {hasPermission(me, "projects:write") && <NeedForm />}
      <Stack gap={4}>
        <Text fw={500} size="sm" id="gaps-measure-label">
          {t("funding.gaps.measure")}
        </Text>
        <SegmentedControl
          w="fit-content"
          value={measure}
          onChange={(v) => setMeasure(MoneyMeasureSchema.catch("usd").parse(v))}
          aria-labelledby="gaps-measure-label"
          aria-describedby="gaps-measure-hint"
          data={MONEY_MEASURES.map((m) => ({ value: m, label: t(`funding.gaps.${m}`) }))}
          data-testid="gaps-measure"
        />
        <Text size="xs" c="dimmed" id="gaps-measure-hint">
          {t("funding.gaps.measureHint")}
        </Text>
      </Stack>
      {error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : isPending || !data ? (
        <ListSkeleton />
      ) : (
        <>
          <Card withBorder>
            <Title order={2} size="h3" mb="sm">
              {t("projects.gaps.needs")}
            </Title>
            {data.needs.length === 0 ? (
              <Empty title={t("projects.gaps.none")} />
            ) : (
              <Stack component="ul" gap="xs" style={{ listStyle: "none", padding: 0, margin: 0 }} data-testid="needs">
                {data.needs.map((n) => (
                  <Card key={n.id} component="li" withBorder padding="xs" data-coverage={n.coverage}>
                    <Group justify="space-between" wrap="wrap" gap="xs">
                      <Text fw={700}>
                        {format.country(n.country)} · {t("projects.pillar", { number: n.pillar })} ·{" "}
                        {themeLabel(t, n.theme)}
                      </Text>
                      <Badge color={COVERAGE_COLOR[n.coverage]}>{t(`projects.gaps.coverage.${n.coverage}`)}</Badge>
                    </Group>
                    <Text size="sm">
                      <Localized value={n.description} badge={false} />
                      <TranslationBadge value={n.description} queue={{ module: "needs", id: n.id }} />
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`projects.gaps.priorityValue.${n.priority}`)} · {format.date(n.periodStart)} –{" "}
                      {format.date(n.periodEnd)} · {partners.name(n.partnerCode)}
                    </Text>
                    {n.matchingProjects.length > 0 && (
                      <Text size="sm">
                        {t("projects.gaps.matching")}:{" "}
                        {n.matchingProjects.map((p, i) => (
                          <span key={p.id}>
                            {i > 0 && ", "}
                            <Anchor component={Link} to={`/projects/${p.id}`} size="sm">
                              {p.code}
                            </Anchor>
                          </span>
                        ))}
                      </Text>
                    )}
                  </Card>
                ))}
              </Stack>
            )}
          </Card>
          <Card withBorder>
            <Title order={2} size="h3" mb="sm">
              {t("projects.gaps.openNeeds")}
            </Title>
            <AtlasMap
              ariaLabel={t("projects.gaps.mapLabel")}
              choropleth={{ values: openByCountry, title: t("projects.gaps.openNeeds") }}
              height={340}
            />
          </Card>
          <Card withBorder>
            <Title order={2} size="h3" mb="sm">
              {t("projects.gaps.byCountry")}
            </Title>
            {summary(
              data.byCountry,
              (i) => data.byCountry[i]?.country ?? "",
              t("projects.gaps.country"),
              (i) => format.country(data.byCountry[i]?.country),
            )}
          </Card>
          <Card withBorder>
            <Title order={2} size="h3" mb="sm">
              {t("projects.gaps.byPillar")}
            </Title>
            {summary(
              data.byPillar,
              (i) => t("projects.pillar", { number: data.byPillar[i]?.pillar ?? 0 }),
              t("projects.field.pillars"),
            )}
          </Card>
          {data.unrequested.length > 0 && (
            <Card withBorder>
              <Title order={2} size="h3" mb="sm">
                {t("projects.gaps.unrequested")}
              </Title>
              <Stack component="ul" gap={2} style={{ margin: 0 }}>
                {data.unrequested.map((u) => (
                  <Text component="li" key={`${u.country}-${u.pillar}`} size="sm">
                    {format.country(u.country)} · {t("projects.pillar", { number: u.pillar })}:{" "}
                    {t("projects.count", { count: u.projects })}
                  </Text>
                ))}
              </Stack>
            </Card>
          )}
        </>
      )}
    </Stack>
  );
}
