import { Alert, Button, Card, Checkbox, Divider, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { meQuery, useMe } from "../../api/auth.js";
import { acceptTerms, termsQuery } from "../../api/registrations.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { Empty, ListSkeleton } from "../../components/states.js";
import { TermsMeta } from "./terms-page.js";
import { TermsDocument } from "./terms-text.js";

/** Where a signed-in user is sent while a current version of the terms or the access policy is not accepted. */
export function AcceptTermsPage() {
  const { t } = useTranslation();
  usePageTitle(t("registration.terms.acceptTitle"));
  const { redirect } = useSearch({ from: "/terms/accept" });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const terms = useQuery(termsQuery);
  const [checked, setChecked] = useState(false);
  const [missing, setMissing] = useState(false);
  const mutation = useMutation({
    mutationFn: acceptTerms,
    onSuccess: async () => {
      await queryClient.fetchQuery({ ...meQuery, staleTime: 0 });
      void navigate({ to: redirect ?? "/" });
    },
  });
  const submit = () => {
    if (!checked) {
      setMissing(true);
      return;
    }
    if (terms.data) mutation.mutate(terms.data.map((d) => d.id));
  };
  const pending = me?.user?.mustAcceptTerms ?? false;

  return (
    <Stack gap="md" maw={900}>
      <Title order={1}>{t("registration.terms.acceptTitle")}</Title>
      {pending ? (
        <Alert color="orange" variant="light">
          {t("registration.terms.acceptIntro")}
        </Alert>
      ) : (
        <Alert color="green" variant="light" role="status">
          {t("registration.terms.nothingPending")}
        </Alert>
      )}
      {terms.isPending ? (
        <ListSkeleton rows={6} height={60} />
      ) : terms.error ? (
        <ErrorAlert error={terms.error} onRetry={() => void terms.refetch()} />
      ) : terms.data.length === 0 ? (
        <Empty />
      ) : (
        <>
          {terms.data.map((doc, i) => (
            <Stack key={doc.id} gap={0}>
              {i > 0 && <Divider my="md" />}
              <TermsDocument doc={doc} meta={<TermsMeta version={doc.version} publishedAt={doc.publishedAt} />} />
            </Stack>
          ))}
          {pending && (
            <Card withBorder radius="md" padding="md">
              <Stack gap="sm">
                {mutation.error && <ErrorAlert error={mutation.error} />}
                <Checkbox
                  label={t("registration.terms.acceptCheckbox")}
                  checked={checked}
                  onChange={(e) => {
                    setChecked(e.currentTarget.checked);
                    setMissing(false);
                  }}
                  error={missing ? t("registration.register.termsRequired") : undefined}
                />
                <div>
                  <Button onClick={submit} loading={mutation.isPending}>
                    {t("registration.terms.acceptSubmit")}
                  </Button>
                </div>
                <Text size="xs" c="dimmed">
                  {t("registration.terms.acceptNote")}
                </Text>
              </Stack>
            </Card>
          )}
        </>
      )}
    </Stack>
  );
}
