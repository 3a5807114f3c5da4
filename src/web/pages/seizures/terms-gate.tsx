import { Alert, Button, Card, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { acceptDmpTerms, dmpTermsQuery } from "../../api/seizures.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { ListSkeleton } from "../../components/states.js";
import { useLanguage } from "../../i18n/index.js";

/** Individual records open only after the DMP terms of use are accepted (once per version). */
export function TermsGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const queryClient = useQueryClient();
  const terms = useQuery(dmpTermsQuery);
  const accept = useMutation({
    mutationFn: acceptDmpTerms,
    onSuccess: (data) => {
      queryClient.setQueryData(dmpTermsQuery.queryKey, data);
      void queryClient.invalidateQueries({ queryKey: ["seizures"] });
    },
  });
  if (terms.isPending) return <ListSkeleton rows={3} />;
  if (terms.error) return <ErrorAlert error={terms.error} onRetry={() => void terms.refetch()} />;
  if (terms.data.accepted) return <>{children}</>;
  const [heading, ...lines] = terms.data.text[lang].split("\n");
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="dmp-terms-title" maw={760}>
      <Stack gap="sm">
        <Title order={2} fz="h3" id="dmp-terms-title">
          {heading}
        </Title>
        <Alert color="blue" variant="light">
          {t("seizures.terms.intro")}
        </Alert>
        {lines
          .filter((l) => l.trim())
          .map((l) => (
            <Text key={l} size="sm">
              {l}
            </Text>
          ))}
        {accept.error && <ErrorAlert error={accept.error} />}
        <Button onClick={() => accept.mutate()} loading={accept.isPending} w="fit-content">
          {t("seizures.terms.accept")}
        </Button>
      </Stack>
    </Card>
  );
}
