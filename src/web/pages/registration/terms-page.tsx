import { Divider, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { termsQuery } from "../../api/registrations.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import { TermsDocument } from "./terms-text.js";

/** Dates of the registration pages, from the one formatting module (one date style across the app). */
export function useFormatDate() {
  const format = useFormat();
  return (iso: string, withTime = false) => (withTime ? format.dateTime(iso) : format.date(iso));
}

export function TermsMeta({ version, publishedAt }: { version: number; publishedAt: string }) {
  const { t } = useTranslation();
  const format = useFormatDate();
  return (
    <Text size="sm" c="dimmed" mb="sm">
      {t("registration.terms.version", { version, date: format(publishedAt) })}
    </Text>
  );
}

/** The current terms of use and access policy, public. */
export function TermsPage() {
  const { t } = useTranslation();
  usePageTitle(t("registration.terms.title"));
  const { data, error, isPending, refetch } = useQuery(termsQuery);
  const order = (kind: string) => (kind === "terms" ? 0 : 1);
  return (
    <Stack gap="md" maw={900}>
      <Title order={1}>{t("registration.terms.title")}</Title>
      <Text>{t("registration.terms.intro")}</Text>
      {isPending ? (
        <ListSkeleton rows={6} height={60} />
      ) : error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : data.length === 0 ? (
        <Empty />
      ) : (
        [...data]
          .sort((a, b) => order(a.kind) - order(b.kind))
          .map((doc, i) => (
            <Stack key={doc.id} gap={0}>
              {i > 0 && <Divider my="lg" />}
              <TermsDocument doc={doc} meta={<TermsMeta version={doc.version} publishedAt={doc.publishedAt} />} />
            </Stack>
          ))
      )}
    </Stack>
  );
}
