import { Anchor, Button, Card, FileButton, Group, Image, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { Project, ProjectDocument } from "../../../common/projects.js";
import { hasPermission, useMe } from "../../api/auth.js";
import { uploadFile } from "../../api/client.js";
import {
  addDocumentVersion,
  alertsQuery,
  attachDocument,
  documentsQuery,
  documentUrl,
  projectHistoryQuery,
  projectQuery,
  transitionProject,
} from "../../api/projects.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { IconUpload } from "../../components/icons.js";
import { Localized, useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { safeHref } from "../../components/safe-href.js";
import { ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import { usePartnerNames } from "../partners/use-partner-names.js";
import { AlertCard } from "./alert-card.js";
import { ProjectFunding } from "./funding-chart.js";
import { describeRevision } from "./project-history.js";
import { ProjectsNav, ScrollRegion, themeLabel, WorkflowBadge } from "./projects-nav.js";

const NEXT: Record<string, { to: string; key: string; coordinator?: boolean }[]> = {
  draft: [
    { to: "submitted", key: "submit" },
    { to: "archived", key: "archive" },
  ],
  submitted: [
    { to: "published", key: "publish", coordinator: true },
    { to: "draft", key: "returnToDraft" },
  ],
  published: [
    { to: "draft", key: "returnToDraft", coordinator: true },
    { to: "archived", key: "archive", coordinator: true },
  ],
  archived: [{ to: "draft", key: "returnToDraft", coordinator: true }],
};

function Workflow({ project }: { project: Project }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const move = useMutation({
    mutationFn: (to: string) => transitionProject(project.id, to, project.version),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["projects"] }),
  });
  const steps = (NEXT[project.workflow] ?? []).filter((s) => (s.coordinator ? project.can.review : project.can.edit));
  if (!steps.length) return null;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {steps.map((s) => (
          <Button
            key={s.to}
            size="sm"
            variant={s.to === "archived" ? "default" : "filled"}
            loading={move.isPending && move.variables === s.to}
            onClick={() => move.mutate(s.to)}
          >
            {t(`projects.detail.${s.key}`)}
          </Button>
        ))}
      </Group>
      {move.error && <ErrorAlert error={move.error} />}
    </Stack>
  );
}

function Documents({ project }: { project: Project }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const client = useQueryClient();
  const { data, error, isPending, refetch } = useQuery(documentsQuery(project.id));
  const refresh = () => client.invalidateQueries({ queryKey: ["projects", "documents", project.id] });
  const upload = useMutation({
    mutationFn: async ({ file, documentId }: { file: File; documentId?: string }) => {
      const stored = await uploadFile(file);
      return documentId
        ? addDocumentVersion(project.id, documentId, stored.id)
        : attachDocument(project.id, stored.id, { en: file.name });
    },
    onSuccess: () => void refresh(),
  });
  const pictures = data?.items.filter((d) => d.kind === "picture") ?? [];
  const documents = data?.items.filter((d) => d.kind === "document") ?? [];
  const row = (d: ProjectDocument) => (
    <Table.Tr key={d.id}>
      <Table.Td style={{ overflowWrap: "anywhere" }}>
        <Anchor href={documentUrl(project.id, d.id)} aria-label={t("projects.detail.download", { name: d.fileName })}>
          {text(d.title) || d.fileName}
        </Anchor>
      </Table.Td>
      <Table.Td>
        {d.versions.length > 1 ? (
          <Group gap={4}>
            {d.versions.map((v) => (
              <Anchor key={v.version} size="sm" href={documentUrl(project.id, d.id, { version: v.version })}>
                v{v.version}
              </Anchor>
            ))}
          </Group>
        ) : (
          t("projects.detail.versions", { count: d.versions.length })
        )}
      </Table.Td>
      {project.can.edit && (
        <Table.Td>
          <FileButton onChange={(file) => file && upload.mutate({ file, documentId: d.id })}>
            {(props) => (
              <Button {...props} size="xs" variant="default">
                {t("projects.detail.newVersion")}
              </Button>
            )}
          </FileButton>
        </Table.Td>
      )}
    </Table.Tr>
  );
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">
            {t("projects.detail.documents")}
          </Title>
          {project.can.edit && (
            <FileButton
              onChange={(file) => file && upload.mutate({ file })}
              accept="image/png,image/jpeg,image/webp,application/pdf,.docx,.xlsx,.odt,.ods,.csv,.txt"
            >
              {(props) => (
                <Button {...props} leftSection={<IconUpload size={16} aria-hidden="true" />} loading={upload.isPending}>
                  {t("projects.detail.upload")}
                </Button>
              )}
            </FileButton>
          )}
        </Group>
        {upload.error && <ErrorAlert error={upload.error} />}
        {error ? (
          <ErrorAlert error={error} onRetry={() => void refetch()} />
        ) : isPending ? (
          <ListSkeleton rows={2} />
        ) : !data?.items.length ? (
          <Text c="dimmed">{t("projects.detail.noDocuments")}</Text>
        ) : (
          <>
            {pictures.length > 0 && (
              <section aria-label={t("projects.detail.gallery")}>
                <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
                  {pictures.map((p) => (
                    <a key={p.id} href={documentUrl(project.id, p.id)}>
                      <Image
                        src={documentUrl(project.id, p.id, { thumbnail: true })}
                        alt={text(p.title) || p.fileName}
                        radius="sm"
                        loading="lazy"
                      />
                    </a>
                  ))}
                </SimpleGrid>
              </section>
            )}
            {documents.length > 0 && (
              <ScrollRegion label={t("projects.stats.table")}>
                <Table>
                  <Table.Tbody>{documents.map(row)}</Table.Tbody>
                </Table>
              </ScrollRegion>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

function Alerts({ project }: { project: Project }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const canSee = hasPermission(me, "projects:write");
  const { data } = useQuery({ ...alertsQuery({ project: project.id }), enabled: canSee });
  if (!canSee) return null;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t("projects.detail.alerts")}
        </Title>
        {data?.items.length ? (
          <Stack component="ul" gap="sm" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {data.items.map((a) => (
              <AlertCard key={a.id} alert={a} canLabel />
            ))}
          </Stack>
        ) : (
          <Text c="dimmed">{t("projects.detail.noAlerts")}</Text>
        )}
      </Stack>
    </Card>
  );
}

function History({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data } = useQuery(projectHistoryQuery(id));
  if (!data?.items.length) return null;
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="sm">
        {t("projects.detail.history")}
      </Title>
      <Stack component="ol" gap={4} style={{ paddingLeft: 20, margin: 0 }}>
        {data.items.map((r) => (
          <li key={`${r.version}-${r.at}`}>
            <Text size="sm">
              {t("projects.history.version", { version: r.version })}: {describeRevision(t, r, format.list)} ·{" "}
              {t("projects.detail.changedBy", {
                who: r.actorName ?? t("projects.detail.system"),
                when: format.dateTime(r.at),
              })}
            </Text>
          </li>
        ))}
      </Stack>
    </Card>
  );
}

export function ProjectPage() {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const format = useFormat();
  const partners = usePartnerNames();
  const { id } = useParams({ from: "/projects/$id" });
  const { data: p, error, isPending, refetch } = useQuery(projectQuery(id));
  usePageTitle(p ? text(p.title) : t("projects.title"));
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (isPending || !p) return <ListSkeleton />;
  const facts: [string, string][] = [
    [t("projects.field.partner"), partners.name(p.partnerCode)],
    [t("projects.field.stage"), t(`projects.stage.${p.stage}`)],
    [t("projects.field.plannedStart"), format.date(p.plannedStart)],
    [t("projects.field.plannedEnd"), format.date(p.plannedEnd)],
    [
      t("projects.field.locations"),
      p.locations
        .map((l) => `${format.country(l.code)}${l.share !== null ? ` (${format.percent(l.share / 100)})` : ""}`)
        .join(", ") || "—",
    ],
    [t("projects.field.themes"), p.themes.map((th) => themeLabel(t, th)).join(", ") || "—"],
    [t("projects.field.pillars"), p.pillars.map((n) => t("projects.pillar", { number: n })).join(", ") || "—"],
    [t("projects.field.dac"), p.dacCodes.join(", ") || "—"],
    [t("projects.field.iati"), p.iatiIdentifier ?? "—"],
    [t("projects.field.organizations"), p.organizations.map((o) => o.name).join("; ") || "—"],
  ];
  return (
    <Stack gap="md">
      <ProjectsNav />
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={1} style={{ overflowWrap: "anywhere" }}>
            <Localized value={p.title} queue={{ module: "projects", id: p.id }} />
          </Title>
          <Group gap="xs">
            <Text c="dimmed">{p.code}</Text>
            <WorkflowBadge workflow={p.workflow} />
          </Group>
        </Stack>
        {p.can.edit && (
          <Button component={Link} to={`/projects/${p.id}/edit`} variant="default">
            {t("projects.detail.edit")}
          </Button>
        )}
      </Group>
      <Workflow project={p} />
      {(p.summary.en || p.summary.ru) && (
        <Text style={{ whiteSpace: "pre-wrap" }}>
          <Localized value={p.summary} queue={{ module: "projects", id: p.id }} />
        </Text>
      )}
      <Card withBorder>
        <ScrollRegion label={t("projects.stats.table")}>
          <Table>
            <Table.Tbody>
              {facts.map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Th scope="row" w="35%">
                    {k}
                  </Table.Th>
                  <Table.Td style={{ overflowWrap: "anywhere" }}>{v}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      </Card>
      <ProjectFunding project={p} />
      <Documents project={p} />
      <Alerts project={p} />
      {p.externalDocuments.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h3" mb="sm">
            {t("projects.detail.external")}
          </Title>
          <Stack gap={4}>
            {p.externalDocuments.map((d) => (
              <Anchor key={d.url} href={safeHref(d.url)} rel="noopener noreferrer" target="_blank">
                {d.title || d.url}
              </Anchor>
            ))}
          </Stack>
        </Card>
      )}
      <History id={p.id} />
    </Stack>
  );
}
