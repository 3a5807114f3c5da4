import { Anchor, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { newsItemQuery } from "../../api/meetings.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { Localized, useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { ListSkeleton } from "../../components/states.js";

export function NewsItemPage(): ReactElement {
  const { t } = useTranslation();
  const { id } = useParams({ from: "/news/$id" });
  const text = useLocalizedText();
  const { data, error, isPending, refetch } = useQuery(newsItemQuery(id));
  usePageTitle(data ? text(data.title) : t("meetings.news.title"));
  if (isPending) return <ListSkeleton rows={4} />;
  if (error || !data) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  return (
    <Stack gap="md" maw={820}>
      <Anchor component={Link} to="/news" size="sm">
        {t("meetings.news.back")}
      </Anchor>
      <Title order={1}>
        <Localized value={data.title} queue={{ module: "news", id: data.id }} />
      </Title>
      <Text size="sm" c="dimmed">
        {data.publishedAt.slice(0, 10)}
        {data.authorName ? ` · ${data.authorName}` : ""}
      </Text>
      <Text style={{ whiteSpace: "pre-line" }}>
        <Localized value={data.body} queue={{ module: "news", id: data.id }} />
      </Text>
      {data.meetingId && (
        <Anchor renderRoot={(props) => <Link to="/meetings/$id" params={{ id: data.meetingId }} {...props} />}>
          {t("meetings.news.meeting")}
        </Anchor>
      )}
    </Stack>
  );
}
