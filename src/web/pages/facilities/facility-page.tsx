import { Alert, Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Facility } from "../../../common/facilities.js";
import { useMe } from "../../api/auth.js";
import {
  archiveFacility,
  facilityAssessmentsQuery,
  facilityHistoryQuery,
  facilityQuery,
} from "../../api/facilities.js";
import { AtlasMap } from "../../components/atlas-map.js";
import { ChartPanel } from "../../components/chart-panel.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { Localized, useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { safeHref } from "../../components/safe-href.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import { useLanguage } from "../../i18n/index.js";
import { formatScore, useCountries, useFacilityLabels } from "./facility-format.js";

function Details({ f }: { f: Facility }) {
  const { t } = useTranslation();
  const _lang = useLanguage();
  const { label } = useFacilityLabels();
  const countries = useCountries();
  const format = useFormat();
  const rows: [string, React.ReactNode][] = [
    [t("facilities.fields.orgType"), f.orgType ? label("orgTypes", f.orgType) : null],
    [t("facilities.fields.country"), countries.name(f.country)],
    [t("facilities.fields.region"), f.region],
    [t("facilities.fields.city"), f.city],
    [t("facilities.fields.address"), f.address],
    [t("facilities.fields.postcode"), f.postcode],
    [t("facilities.fields.phone"), f.phone],
    [
      t("facilities.fields.email"),
      f.email ? (
        <Anchor key="email" href={`mailto:${f.email}`}>
          {f.email}
        </Anchor>
      ) : null,
    ],
    [
      t("facilities.fields.website"),
      f.website ? (
        <Anchor key="website" href={safeHref(f.website)} target="_blank" rel="noopener noreferrer">
          {f.website}
        </Anchor>
      ) : null,
    ],
    [t("facilities.fields.contactPerson"), f.contactPerson],
    [t("facilities.fields.languages"), f.languages.length ? format.list(f.languages.map(format.language)) : null],
    [t("facilities.fields.capacity"), f.capacity === null ? null : format.int(f.capacity)],
    [t("facilities.fields.patientsPerYear"), f.patientsPerYear === null ? null : format.int(f.patientsPerYear)],
    [t("facilities.fields.accreditation"), f.accreditation],
    [t("facilities.fields.lastVerified"), f.lastVerified ? format.date(f.lastVerified) : null],
    [t("facilities.fields.nameOriginal"), f.nameOriginal],
  ];
  return (
    <Table variant="vertical" layout="fixed" withTableBorder>
      <Table.Tbody>
        {rows
          .filter(([, v]) => v !== null && v !== "")
          .map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th w={{ base: 130, sm: 200 }}>{k}</Table.Th>
              <Table.Td style={{ overflowWrap: "anywhere" }}>{v}</Table.Td>
            </Table.Tr>
          ))}
      </Table.Tbody>
    </Table>
  );
}

function Codes({
  title,
  kind,
  codes,
  scores,
}: {
  title: string;
  kind: "modalities" | "services" | "populations";
  codes: string[];
  scores?: Record<string, number>;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { label } = useFacilityLabels();
  return (
    <Card withBorder padding="sm">
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {codes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("facilities.none")}
        </Text>
      ) : (
        <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {codes.map((c) => (
            <Group key={c} component="li" gap="xs" justify="space-between" wrap="nowrap">
              <Text size="sm">{label(kind, c)}</Text>
              {scores?.[c] !== undefined && (
                <Badge variant="outline" color="teal.9" style={{ flexShrink: 0, textTransform: "none" }}>
                  {t("facilities.scoreBadge", { score: formatScore(scores[c], lang) })}
                </Badge>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function Assessments({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { label } = useFacilityLabels();
  const { data, error, isPending, refetch } = useQuery(facilityAssessmentsQuery(id));
  if (isPending) return <ListSkeleton rows={3} />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (data.items.length === 0) return <Empty title={t("facilities.assessments.empty")} />;
  const modalities = [...new Set(data.items.map((a) => a.modality))];
  const dates = [...new Set(data.items.map((a) => a.assessedOn))].sort();
  return (
    <Stack gap="sm">
      {dates.length > 1 && (
        <ChartPanel
          title={t("facilities.assessments.chartTitle")}
          subtitle={t("facilities.assessments.chartSubtitle")}
          data={{
            kind: "line",
            categoryType: "date",
            categories: dates,
            series: modalities.map((m) => ({
              name: label("modalities", m),
              values: dates.map((d) => {
                const a = data.items.find((x) => x.modality === m && x.assessedOn === d);
                return a?.score === null || a?.score === undefined ? null : Math.round(a.score * 100);
              }),
            })),
          }}
          valueFormat={{ maximumFractionDigits: 0 }}
          height={240}
        />
      )}
      <Table striped>
        <Table.Caption>{t("facilities.assessments.caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("facilities.assessments.date")}</Table.Th>
            <Table.Th>{t("facilities.fields.modality")}</Table.Th>
            <Table.Th>{t("facilities.assessments.score")}</Table.Th>
            <Table.Th visibleFrom="sm">{t("facilities.assessments.by")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{new Date(a.assessedOn).toLocaleDateString(lang, { timeZone: "UTC" })}</Table.Td>
              <Table.Td>{label("modalities", a.modality)}</Table.Td>
              <Table.Td>
                {formatScore(a.score, lang)}{" "}
                <Text span size="xs" c="dimmed">
                  {t("facilities.assessments.metOf", { met: a.met, applicable: a.applicable })}
                </Text>
              </Table.Td>
              <Table.Td visibleFrom="sm">{a.assessedBy ?? "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function History({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { data, error, isPending } = useQuery(facilityHistoryQuery(id));
  if (isPending) return <ListSkeleton rows={2} />;
  if (error) return <ErrorAlert error={error} />;
  return (
    <Stack gap={4} component="ol" p={0} m={0} style={{ listStyle: "none" }}>
      {data.items.map((r) => (
        <Text key={r.version} component="li" size="sm">
          {new Date(r.at).toLocaleString(lang)} · {t(`facilities.history.${r.action}`, { defaultValue: r.action })} ·{" "}
          {r.actorName ?? t("facilities.history.system")}
          {Object.keys(r.changes).length > 0 && r.action === "update" ? ` · ${Object.keys(r.changes).join(", ")}` : ""}
        </Text>
      ))}
    </Stack>
  );
}

function ArchiveButton({ f }: { f: Facility }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => archiveFacility(f.id, f.version),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["facilities"] });
      void navigate({ to: "/facilities" });
    },
  });
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t("facilities.archive.button")}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("facilities.archive.title")}>
        <Stack>
          <Text>{t("facilities.archive.text")}</Text>
          {mutation.error && <ErrorAlert error={mutation.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t("facilities.cancel")}
            </Button>
            <Button color="red.9" loading={mutation.isPending} onClick={() => mutation.mutate()}>
              {t("facilities.archive.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

export function FacilityPage() {
  const { t } = useTranslation();
  const { id } = useParams({ from: "/facilities/$id" });
  const text = useLocalizedText();
  const me = useMe().data;
  const { data: f, error, isPending, refetch } = useQuery(facilityQuery(id));
  usePageTitle(f ? text(f.name) : t("facilities.title"));
  if (isPending) return <ListSkeleton rows={6} />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  return (
    <Stack gap="md">
      <Anchor renderRoot={(props) => <Link to="/facilities" {...props} />} size="sm">
        {t("facilities.back")}
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4}>
          <Title order={1}>
            <Localized value={f.name} queue={{ module: "facilities", id: f.id }} />
          </Title>
          <Group gap="xs">
            <Badge variant="outline" color={f.sharing === "public" ? "teal.9" : "red.9"}>
              {t(`facilities.sharing.${f.sharing}`)}
            </Badge>
          </Group>
        </Stack>
        {f.can.edit && (
          <Group gap="xs">
            <Button renderRoot={(props) => <Link to="/facilities/$id/edit" params={{ id }} {...props} />}>
              {t("facilities.edit")}
            </Button>
            <Button
              renderRoot={(props) => <Link to="/facilities/$id/assess" params={{ id }} {...props} />}
              variant="light"
            >
              {t("facilities.assessments.new")}
            </Button>
            <ArchiveButton f={f} />
          </Group>
        )}
      </Group>
      {f.sharing === "restricted" && (
        <Alert variant="light" color="orange">
          {t("facilities.restrictedNote")}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Details f={f} />
        {f.latitude !== null && f.longitude !== null ? (
          <AtlasMap
            ariaLabel={t("facilities.map.one", { name: text(f.name) })}
            points={{
              data: { lon: [f.longitude], lat: [f.latitude], id: [f.id] },
              label: text(f.name),
              cluster: false,
            }}
            fitTo={[f.country]}
            height={300}
            table={
              <Text size="sm">
                {t("facilities.coordinates", { lat: f.latitude.toFixed(4), lon: f.longitude.toFixed(4) })}
              </Text>
            }
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t("facilities.noCoordinates")}
          </Text>
        )}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Codes title={t("facilities.fields.modalities")} kind="modalities" codes={f.modalities} scores={f.scores} />
        <Codes title={t("facilities.fields.services")} kind="services" codes={f.services} />
        <Codes title={t("facilities.fields.populations")} kind="populations" codes={f.populations} />
      </SimpleGrid>
      <Title order={2}>{t("facilities.assessments.title")}</Title>
      <Assessments id={id} />
      {me?.user && (
        <>
          <Title order={2}>{t("facilities.history.title")}</Title>
          <History id={id} />
        </>
      )}
    </Stack>
  );
}
