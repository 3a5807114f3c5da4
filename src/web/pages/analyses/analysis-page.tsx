import { Alert, Badge, Button, Card, Group, Modal, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Analysis } from "../../../common/analyses.js";
import { analysisQuery, archiveAnalysis, copyAnalysis, updateAnalysis } from "../../api/analyses.js";
import { ApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { IconCopy, IconTrash } from "../../components/icons.js";
import { usePageTitle } from "../../components/page-title.js";
import { ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import { AddToDashboardButton } from "./add-to-dashboard.js";
import { AnalysisFigure } from "./analysis-figure.js";
import { ReportSchedules } from "./report-schedules.js";
import { ConfirmArchive, NameVisibilityForm } from "./save-analysis.js";

/** Name and visibility, for the owner (states the version it read). */
function EditForm({ analysis, onDone }: { analysis: Analysis; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <NameVisibilityForm
      name={analysis.name}
      visibility={analysis.visibility}
      nameLabel={t("analyses.name")}
      save={(input) => updateAnalysis(analysis.id, { ...input, version: analysis.version })}
      onSaved={(a) => {
        queryClient.setQueryData(analysisQuery(a.id).queryKey, a);
        void queryClient.invalidateQueries({ queryKey: ["analyses", "list"] });
      }}
      onDone={onDone}
    />
  );
}

export function AnalysisPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id } = useParams({ strict: false }) as { id: string };
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const q = useQuery(analysisQuery(id));
  usePageTitle(q.data?.name ?? t("analyses.title"));
  const [editing, setEditing] = useState(false);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const copy = useMutation({
    mutationFn: () => copyAnalysis(id, { name: t("analyses.copyOf", { name: q.data?.name ?? "" }) }),
    onSuccess: (a) => {
      void queryClient.invalidateQueries({ queryKey: ["analyses", "list"] });
      void navigate({ to: "/analyses/$id", params: { id: a.id } });
    },
  });
  const archive = useMutation({
    mutationFn: () => archiveAnalysis(id, q.data?.version ?? 0),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["analyses"] });
      void navigate({ to: "/analyses" });
    },
  });
  if (q.isPending) return <ListSkeleton rows={4} />;
  if (q.error) {
    return q.error instanceof ApiError && q.error.status === 404 ? (
      <Stack>
        <Title order={1}>{t("analyses.title")}</Title>
        <Alert color="gray" variant="light">
          {t("analyses.notFound")}
        </Alert>
      </Stack>
    ) : (
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
    );
  }
  const a = q.data;
  return (
    <Stack gap="md">
      <Title order={1}>{a.name}</Title>
      <Group gap="xs">
        <Badge variant="light">{t(`analyses.kind.${a.kind}`)}</Badge>
        <Badge variant="light" color={a.visibility === "private" ? "gray" : "blue"}>
          {t(`analyses.visibilityShort.${a.visibility}`)}
        </Badge>
        <Text size="sm" c="dimmed">
          {t("analyses.byOn", {
            owner: a.mine ? t("analyses.me") : a.owner.displayName,
            date: format.dateTime(a.updatedAt),
          })}
        </Text>
      </Group>
      <Group gap="xs">
        {a.mine && (
          <Button variant="light" onClick={() => setEditing(true)}>
            {t("analyses.edit")}
          </Button>
        )}
        <Button
          variant="light"
          leftSection={<IconCopy size={16} aria-hidden="true" />}
          loading={copy.isPending}
          onClick={() => copy.mutate()}
        >
          {t("analyses.saveAs")}
        </Button>
        <AddToDashboardButton analysis={a} />
        {a.mine && (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} aria-hidden="true" />}
            onClick={() => setConfirmArchive(true)}
          >
            {t("analyses.archive")}
          </Button>
        )}
      </Group>
      {copy.error && <ErrorAlert error={copy.error} />}
      <Text size="sm" c="dimmed" maw={820}>
        {t("analyses.rerunNote")}
      </Text>
      <Card withBorder radius="md" padding={0}>
        <AnalysisFigure analysis={a} height={420} headingOrder={2} />
      </Card>
      {a.can.schedule && <ReportSchedules type="analysis" id={a.id} />}
      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t("analyses.edit")}
        closeButtonProps={{ "aria-label": t("analyses.close") }}
      >
        {editing && <EditForm analysis={a} onDone={() => setEditing(false)} />}
      </Modal>
      <ConfirmArchive
        opened={confirmArchive}
        name={a.name}
        pending={archive.isPending}
        error={archive.error}
        onConfirm={() => archive.mutate()}
        onClose={() => setConfirmArchive(false)}
      />
    </Stack>
  );
}
