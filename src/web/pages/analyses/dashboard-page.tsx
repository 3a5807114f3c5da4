import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams } from "@tanstack/react-router";
import { type DragEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Analysis, type Dashboard, TILE_MAX } from "../../../common/analyses.js";
import { archiveDashboard, dashboardQuery, pickableAnalysesQuery, updateDashboard } from "../../api/analyses.js";
import { ApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/error-alert.js";
import {
  IconChevronLeft,
  IconChevronRight,
  IconGripVertical,
  IconMinus,
  IconPlus,
  IconTrash,
} from "../../components/icons.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { AnalysisFigure, NotAvailable } from "./analysis-figure.js";
import { moveTile, resizeTile } from "./dashboard-layout.js";
import { ReportSchedules } from "./report-schedules.js";
import { ConfirmArchive, NameVisibilityForm } from "./save-analysis.js";
import "./analyses.css";

/** A tile as the page edits it: an existing one keeps its id; a new one names its analysis. */
interface Tile {
  key: string;
  id?: string;
  analysisId?: string;
  analysis: Analysis | null;
  width: number;
  height: number;
}

const ROW_PX = 400;
const tilesOf = (d: Dashboard): Tile[] =>
  d.tiles.map((x) => ({ key: x.id, id: x.id, analysis: x.analysis, width: x.width, height: x.height }));

function TileControls({
  tile,
  index,
  count,
  onMove,
  onResize,
  onRemove,
}: {
  tile: Tile;
  index: number;
  count: number;
  onMove: (to: number) => void;
  onResize: (dw: number, dh: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const name = tile.analysis?.name ?? t("analyses.tile.hidden");
  const btn = (label: string, icon: React.ReactNode, onClick: () => void, disabled: boolean) => (
    <ActionIcon variant="default" size="sm" aria-label={label} title={label} onClick={onClick} disabled={disabled}>
      {icon}
    </ActionIcon>
  );
  return (
    <Group gap={4} wrap="wrap" role="toolbar" aria-label={t("analyses.tile.toolbar", { name })}>
      <IconGripVertical size={16} aria-hidden="true" style={{ cursor: "grab" }} />
      {btn(t("analyses.tile.moveLeft", { name }), <IconChevronLeft size={14} />, () => onMove(index - 1), index === 0)}
      {btn(
        t("analyses.tile.moveRight", { name }),
        <IconChevronRight size={14} />,
        () => onMove(index + 1),
        index === count - 1,
      )}
      {btn(t("analyses.tile.narrower", { name }), <IconMinus size={14} />, () => onResize(-1, 0), tile.width <= 1)}
      {btn(t("analyses.tile.wider", { name }), <IconPlus size={14} />, () => onResize(1, 0), tile.width >= TILE_MAX)}
      <Button
        size="compact-xs"
        variant="default"
        onClick={() => onResize(0, -1)}
        disabled={tile.height <= 1}
        aria-label={t("analyses.tile.shorter", { name })}
      >
        {t("analyses.tile.shorterShort")}
      </Button>
      <Button
        size="compact-xs"
        variant="default"
        onClick={() => onResize(0, 1)}
        disabled={tile.height >= TILE_MAX}
        aria-label={t("analyses.tile.taller", { name })}
      >
        {t("analyses.tile.tallerShort")}
      </Button>
      {btn(t("analyses.tile.remove", { name }), <IconTrash size={14} />, onRemove, false)}
    </Group>
  );
}

function AddTile({ onAdd, present }: { onAdd: (a: Analysis) => void; present: Set<string> }) {
  const { t } = useTranslation();
  const q = useQuery(pickableAnalysesQuery);
  const [choice, setChoice] = useState<string | null>(null);
  const options = (q.data?.items ?? []).filter((a) => !present.has(a.id));
  return (
    <Group gap="xs" align="flex-end">
      <Select
        label={t("analyses.tile.add")}
        placeholder={t("analyses.tile.choose")}
        data={options.map((a) => ({ value: a.id, label: a.name }))}
        value={choice}
        onChange={setChoice}
        searchable
        nothingFoundMessage={t("analyses.tile.noneToAdd")}
        w={320}
        comboboxProps={{ withinPortal: true }}
      />
      <Button
        variant="light"
        disabled={!choice}
        onClick={() => {
          const a = options.find((x) => x.id === choice);
          if (a) onAdd(a);
          setChoice(null);
        }}
      >
        {t("analyses.tile.addButton")}
      </Button>
    </Group>
  );
}

function Settings({ dashboard, onDone }: { dashboard: Dashboard; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <NameVisibilityForm
      name={dashboard.name}
      visibility={dashboard.visibility}
      nameLabel={t("analyses.dashboards.name")}
      save={(input) => updateDashboard(dashboard.id, { ...input, version: dashboard.version })}
      onSaved={(d) => {
        queryClient.setQueryData(dashboardQuery(d.id).queryKey, d);
        void queryClient.invalidateQueries({ queryKey: ["dashboards", "list"] });
      }}
      onDone={onDone}
      notice={(visibility) =>
        dashboard.defaultFor.length > 0 &&
        visibility !== "members" && (
          <Alert color="yellow" variant="light">
            {t("analyses.dashboards.defaultDropped")}
          </Alert>
        )
      }
    />
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const q = useQuery(dashboardQuery(id));
  usePageTitle(q.data?.name ?? t("analyses.dashboards.title"));
  const [tiles, setTiles] = useState<Tile[]>([]);
  const [dirty, setDirty] = useState(false);
  const [announce, setAnnounce] = useState("");
  const [dragged, setDragged] = useState<number | null>(null);
  const [settings, setSettings] = useState(false);
  const [confirmArchive, setConfirmArchive] = useState(false);
  useEffect(() => {
    if (q.data && !dirty) setTiles(tilesOf(q.data));
  }, [q.data, dirty]);

  const save = useMutation({
    mutationFn: () =>
      updateDashboard(id, {
        version: q.data?.version ?? 0,
        tiles: tiles.map((x) =>
          x.id
            ? { id: x.id, width: x.width, height: x.height }
            : { analysisId: x.analysisId ?? "", width: x.width, height: x.height },
        ),
      }),
    onSuccess: (d) => {
      queryClient.setQueryData(dashboardQuery(d.id).queryKey, d);
      void queryClient.invalidateQueries({ queryKey: ["dashboards", "list"] });
      setDirty(false);
      setTiles(tilesOf(d));
      setAnnounce(t("analyses.tile.saved"));
    },
  });
  const archive = useMutation({
    mutationFn: () => archiveDashboard(id, q.data?.version ?? 0),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["dashboards"] });
      void navigate({ to: "/dashboards" });
    },
  });

  if (q.isPending) return <ListSkeleton rows={4} height={120} />;
  if (q.error) {
    return q.error instanceof ApiError && q.error.status === 404 ? (
      <Stack>
        <Title order={1}>{t("analyses.dashboards.title")}</Title>
        <Alert color="gray" variant="light">
          {t("analyses.dashboards.notFound")}
        </Alert>
      </Stack>
    ) : (
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
    );
  }
  const d = q.data;
  const edit = (next: Tile[], message: string) => {
    setTiles(next);
    setDirty(true);
    setAnnounce(message);
  };
  const nameOf = (x: Tile) => x.analysis?.name ?? t("analyses.tile.hidden");
  const move = (from: number, to: number) => {
    const next = moveTile(tiles, from, to);
    const x = tiles[from];
    if (next && x) edit(next, t("analyses.tile.moved", { name: nameOf(x), position: to + 1, count: next.length }));
  };
  const resize = (i: number, dw: number, dh: number) => {
    const next = resizeTile(tiles, i, dw, dh);
    const x = next?.[i];
    if (next && x) edit(next, t("analyses.tile.resized", { name: nameOf(x), width: x.width, height: x.height }));
  };
  const onDrop = (to: number) => (e: DragEvent) => {
    e.preventDefault();
    if (dragged !== null) move(dragged, to);
    setDragged(null);
  };
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{d.name}</Title>
          <Group gap="xs">
            <Badge variant="light" color={d.visibility === "private" ? "gray" : "blue"}>
              {t(`analyses.visibilityShort.${d.visibility}`)}
            </Badge>
            {d.defaultFor.map((r) => (
              <Badge key={r} variant="outline">
                {t("analyses.dashboards.defaultOf", { role: t(`analyses.roles.${r}`) })}
              </Badge>
            ))}
            {!d.mine && (
              <Text size="sm" c="dimmed">
                {t("analyses.byOwner", { owner: d.owner.displayName })}
              </Text>
            )}
          </Group>
        </Stack>
        {d.mine && (
          <Group gap="xs">
            <Button variant="light" onClick={() => setSettings(true)}>
              {t("analyses.dashboards.settings")}
            </Button>
            <Button variant="subtle" color="red" onClick={() => setConfirmArchive(true)}>
              {t("analyses.archive")}
            </Button>
          </Group>
        )}
      </Group>
      <VisuallyHidden role="status" aria-live="polite">
        {announce}
      </VisuallyHidden>
      {d.mine && (
        <Card withBorder radius="md" padding="sm">
          <Group justify="space-between" align="flex-end" gap="sm">
            <AddTile
              present={new Set(tiles.map((x) => x.analysis?.id ?? ""))}
              onAdd={(a) =>
                edit(
                  [...tiles, { key: `new-${a.id}-${Date.now()}`, analysisId: a.id, analysis: a, width: 1, height: 1 }],
                  t("analyses.tile.added", { name: a.name }),
                )
              }
            />
            <Group gap="xs">
              {dirty && (
                <Text size="sm" c="dimmed">
                  {t("analyses.tile.unsaved")}
                </Text>
              )}
              <Button
                variant="default"
                disabled={!dirty}
                onClick={() => {
                  setDirty(false);
                  setTiles(tilesOf(d));
                }}
              >
                {t("analyses.tile.discard")}
              </Button>
              <Button disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>
                {t("analyses.tile.saveLayout")}
              </Button>
            </Group>
          </Group>
          {save.error && <ErrorAlert error={save.error} />}
          <Text size="xs" c="dimmed" mt="xs">
            {t("analyses.tile.help")}
          </Text>
        </Card>
      )}
      {tiles.length === 0 ? (
        <Empty title={t("analyses.dashboards.noTiles")} description={t("analyses.dashboards.noTilesHint")} />
      ) : (
        <div
          className="pact-dashboard-grid"
          style={{ ["--row" as string]: `${ROW_PX}px` }}
          data-testid="dashboard-grid"
        >
          {tiles.map((x, i) => (
            <Card
              key={x.key}
              withBorder
              radius="md"
              padding="xs"
              className="pact-dashboard-tile"
              data-testid="dashboard-tile"
              data-width={x.width}
              data-height={x.height}
              style={{ ["--tile-width" as string]: x.width, ["--tile-height" as string]: x.height }}
              draggable={d.mine}
              onDragStart={() => setDragged(i)}
              onDragOver={(e: DragEvent) => d.mine && e.preventDefault()}
              onDrop={onDrop(i)}
              aria-label={t("analyses.tile.label", { name: nameOf(x), position: i + 1, count: tiles.length })}
              component="section"
            >
              {d.mine && (
                <TileControls
                  tile={x}
                  index={i}
                  count={tiles.length}
                  onMove={(to) => move(i, to)}
                  onResize={(dw, dh) => resize(i, dw, dh)}
                  onRemove={() =>
                    edit(
                      tiles.filter((_, j) => j !== i),
                      t("analyses.tile.removed", { name: nameOf(x) }),
                    )
                  }
                />
              )}
              {x.analysis ? (
                <AnalysisFigure analysis={x.analysis} height={x.height * ROW_PX - 210} headingOrder={2} />
              ) : (
                <NotAvailable />
              )}
            </Card>
          ))}
        </div>
      )}
      {d.can.schedule && <ReportSchedules type="dashboard" id={d.id} />}
      <Modal
        opened={settings}
        onClose={() => setSettings(false)}
        title={t("analyses.dashboards.settings")}
        closeButtonProps={{ "aria-label": t("analyses.close") }}
      >
        {settings && <Settings dashboard={d} onDone={() => setSettings(false)} />}
      </Modal>
      <ConfirmArchive
        opened={confirmArchive}
        name={d.name}
        pending={archive.isPending}
        error={archive.error}
        onConfirm={() => archive.mutate()}
        onClose={() => setConfirmArchive(false)}
      />
    </Stack>
  );
}
