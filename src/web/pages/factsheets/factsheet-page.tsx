import { Alert, Anchor, Badge, Button, Card, Group, Menu, Select, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams, useSearch } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Factsheet } from "../../../common/factsheets.js";
import { dataUrl, factsheetQuery, pdfUrl, transitionFactsheet, updateFactsheet } from "../../api/factsheets.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { FormCard } from "../../components/form-card.js";
import { IconChevronLeft, IconDownload, IconFileSpreadsheet, IconFileTypePdf } from "../../components/icons.js";
import { useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { ListSkeleton } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";
import { formatDate, STATUS_COLORS, statusLabel } from "./factsheet-format.js";
import {
  Charts,
  Completeness,
  FacilitiesSection,
  FactsheetMap,
  Headlines,
  IndicatorTable,
  NotesAndSources,
  SeizureTables,
} from "./factsheet-sections.js";

function Downloads({ sheet, edition }: { sheet: Factsheet; edition: number | undefined }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="light" leftSection={<IconDownload size={16} aria-hidden="true" />}>
          {t("factsheets.sheet.download")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {(["en", "ru"] as const).map((lang) => (
          <Menu.Item
            key={lang}
            component="a"
            href={pdfUrl(sheet.id, lang, edition)}
            leftSection={<IconFileTypePdf size={16} aria-hidden="true" />}
          >
            {t(`factsheets.sheet.pdf.${lang}`)}
          </Menu.Item>
        ))}
        {(["en", "ru"] as const).map((lang) => (
          <Menu.Item
            key={`x${lang}`}
            component="a"
            href={dataUrl(sheet.id, lang, edition)}
            leftSection={<IconFileSpreadsheet size={16} aria-hidden="true" />}
          >
            {t(`factsheets.sheet.data.${lang}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function Workflow({ sheet }: { sheet: Factsheet }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [comment, setComment] = useState("");
  const move = useMutation({
    mutationFn: (action: "submit" | "return" | "publish" | "reopen") =>
      transitionFactsheet(sheet.id, {
        version: sheet.version,
        action,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      }),
    onSuccess: (next) => {
      setComment("");
      client.setQueryData(factsheetQuery(sheet.id).queryKey, next);
      void client.invalidateQueries({ queryKey: ["factsheets", "list"] });
    },
  });
  if (!sheet.can.edit) return null;
  const actions: { action: "submit" | "return" | "publish" | "reopen"; color?: string; variant?: string }[] = [];
  if (sheet.status === "draft") actions.push({ action: "submit" });
  if (sheet.status === "in_review" && sheet.can.publish)
    actions.push({ action: "publish" }, { action: "return", variant: "default" });
  if (sheet.status === "published") actions.push({ action: "reopen", variant: "default" });
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Text size="sm">{t(`factsheets.workflow.hint.${sheet.status}`)}</Text>
        {sheet.status === "in_review" && (
          <Textarea
            label={t("factsheets.workflow.comment")}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={1}
            maxLength={2000}
          />
        )}
        <Group gap="xs">
          {actions.map((a) => (
            <Button
              key={a.action}
              color={a.color}
              variant={a.variant ?? "filled"}
              loading={move.isPending && move.variables === a.action}
              onClick={() => move.mutate(a.action)}
            >
              {t(`factsheets.workflow.${a.action}`)}
            </Button>
          ))}
        </Group>
        {move.error && <ErrorAlert error={move.error} />}
      </Stack>
    </Card>
  );
}

function DraftEditor({ sheet }: { sheet: Factsheet }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [notes, setNotes] = useState({ en: sheet.notes.en ?? "", ru: sheet.notes.ru ?? "" });
  const [sources, setSources] = useState(sheet.sources.join("\n"));
  useEffect(() => {
    setNotes({ en: sheet.notes.en ?? "", ru: sheet.notes.ru ?? "" });
    setSources(sheet.sources.join("\n"));
  }, [sheet.notes.en, sheet.notes.ru, sheet.sources]);
  const save = useMutation({
    mutationFn: () =>
      updateFactsheet(sheet.id, {
        version: sheet.version,
        notes: { en: notes.en.trim(), ru: notes.ru.trim() },
        sources: sources
          .split("\n")
          .map((s) => s.trim())
          .filter(Boolean),
      }),
    onSuccess: (next) => client.setQueryData(factsheetQuery(sheet.id).queryKey, next),
  });
  if (!sheet.can.edit || sheet.status !== "draft") return null;
  return (
    <FormCard
      title={t("factsheets.editor.title")}
      order={2}
      saveLabel={t("factsheets.editor.save")}
      save={save}
      status={
        save.isSuccess &&
        !save.isPending && (
          <Text size="sm" c="green.9" role="status">
            {t("factsheets.editor.saved")}
          </Text>
        )
      }
    >
      {(["en", "ru"] as const).map((language) => (
        <Textarea
          key={language}
          label={t(language === "en" ? "factsheets.editor.notesEn" : "factsheets.editor.notesRu")}
          lang={language}
          value={notes[language]}
          onChange={(e) => setNotes({ ...notes, [language]: e.currentTarget.value })}
          autosize
          minRows={3}
          maxLength={20000}
        />
      ))}
      <Textarea
        label={t("factsheets.editor.sources")}
        description={t("factsheets.editor.sourcesHint")}
        value={sources}
        onChange={(e) => setSources(e.currentTarget.value)}
        autosize
        minRows={2}
      />
    </FormCard>
  );
}

export function FactsheetPage() {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const lang = useLanguage();
  const { id } = useParams({ from: "/factsheets/$id" });
  const { edition } = useSearch({ from: "/factsheets/$id" });
  const navigate = useNavigate({ from: "/factsheets/$id" });
  const query = useQuery(factsheetQuery(id, edition));
  const sheet = query.data;
  const title = sheet ? `${text(sheet.subjectName)} — ${sheet.year}` : t("factsheets.title");
  usePageTitle(title);
  if (query.isPending) return <ListSkeleton rows={6} height={80} />;
  if (query.error || !sheet) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const content = sheet.content;
  const live = sheet.can.edit && sheet.status !== "published" && !edition;
  const shownEdition = edition ?? (live ? undefined : sheet.edition);
  return (
    <Stack gap="lg">
      <Anchor size="sm" renderRoot={(props) => <Link to="/factsheets" {...props} />}>
        <IconChevronLeft size={14} aria-hidden="true" /> {t("factsheets.title")}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Text size="sm" c="blue" tt="uppercase" fw={600}>
            {t(sheet.scope === "region" ? "factsheets.sheet.kickerRegion" : "factsheets.sheet.kickerCountry")}
          </Text>
          <Title order={1}>{title}</Title>
          <Group gap="xs" mt={4}>
            <Badge color={STATUS_COLORS[live ? sheet.status : "published"]} variant="light">
              {statusLabel(t, live ? sheet.status : "published")}
            </Badge>
            {shownEdition ? (
              <Text size="sm" c="dimmed">
                {t("factsheets.sheet.edition", { edition: shownEdition })}
              </Text>
            ) : null}
            <Text size="sm" c="dimmed">
              {content.countries.map((c) => text(c.name)).join(", ")}
            </Text>
          </Group>
        </div>
        <Group gap="xs">
          {sheet.editions.length > 1 && (
            <Select
              aria-label={t("factsheets.sheet.editions")}
              w={220}
              value={edition ? String(edition) : null}
              placeholder={t("factsheets.sheet.currentEdition")}
              clearable
              onChange={(v) => void navigate({ search: { edition: v ? Number(v) : undefined } })}
              data={sheet.editions.map((e) => ({
                value: String(e.edition),
                label: `${t("factsheets.sheet.edition", { edition: e.edition })} · ${formatDate(lang, e.publishedAt)}`,
              }))}
            />
          )}
          <Downloads sheet={sheet} edition={shownEdition} />
        </Group>
      </Group>
      {live && (
        <Alert color="yellow" variant="light" title={t("factsheets.sheet.liveTitle")}>
          {t("factsheets.sheet.liveText")}
        </Alert>
      )}
      {sheet.reviewComment && live && (
        <Alert color="orange" variant="light" title={t("factsheets.workflow.reviewComment")}>
          {sheet.reviewComment}
        </Alert>
      )}
      <Workflow sheet={sheet} />
      <Headlines content={content} />
      <Charts content={content} source={t("factsheets.sheet.source")} />
      <FactsheetMap content={content} />
      <SeizureTables content={content} />
      <IndicatorTable content={content} />
      <FacilitiesSection content={content} />
      <Completeness content={content} />
      <NotesAndSources content={content} />
      <DraftEditor sheet={sheet} />
      <Text size="xs" c="dimmed">
        {t("factsheets.sheet.generated", { date: formatDate(lang, content.generatedAt) })}
      </Text>
    </Stack>
  );
}
