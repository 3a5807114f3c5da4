import { Alert, Anchor, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { SeizureInput } from "../../../common/seizures.js";
import { ApiError } from "../../api/client.js";
import { createSeizure } from "../../api/seizures.js";
import { usePageTitle } from "../../components/page-title.js";
import { isOffline, keepOffline, useOutbox } from "../../offline/outbox-controller.js";
import { OfflineNotice, OutboxPanel } from "./outbox-panel.js";
import { SeizureForm } from "./seizure-form.js";
import { TermsGate } from "./terms-gate.js";

export function NewSeizurePage() {
  const { t } = useTranslation();
  usePageTitle(t("seizures.form.newTitle"));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const outbox = useOutbox();
  // A new, empty form after each entry kept offline: the officer enters the next seizure.
  const [formKey, setFormKey] = useState(0);
  const [kept, setKept] = useState(false);
  const [keepError, setKeepError] = useState<unknown>(null);
  const keep = async (input: SeizureInput) => {
    try {
      await keepOffline(input);
      setKept(true);
      setKeepError(null);
      setFormKey((k) => k + 1);
    } catch (err) {
      setKeepError(err);
    }
  };
  const create = useMutation({
    mutationFn: (input: SeizureInput) => createSeizure(input),
    onSuccess: (s) => {
      void queryClient.invalidateQueries({ queryKey: ["seizures"] });
      void navigate({ to: "/seizures/records/$id", params: { id: s.id } });
    },
    // The connection dropped on the way: the entry is kept rather than lost.
    onError: (err, input) => {
      if (err instanceof ApiError && err.status === 0 && outbox.hasKey) void keep(input);
    },
  });
  const submit = (input: SeizureInput) => {
    setKept(false);
    if (isOffline()) void keep(input);
    else create.mutate(input);
  };
  const networkError = create.error instanceof ApiError && create.error.status === 0 && outbox.hasKey;
  return (
    <Stack gap="md" maw={1000}>
      <Title order={1}>{t("seizures.form.newTitle")}</Title>
      <Text c="dimmed">{t("seizures.form.newIntro")}</Text>
      <OfflineNotice />
      {kept && outbox.entries.length > 0 && (
        <Alert color="green" variant="light" role="status" data-testid="kept-offline">
          {t("seizures.offline.kept")}{" "}
          <Anchor renderRoot={(props) => <Link to="/seizures/outbox" {...props} />}>
            {t("seizures.offline.waitingCount", { count: outbox.entries.length })}
          </Anchor>
        </Alert>
      )}
      {keepError != null && (
        <Alert color="red" variant="light" role="alert">
          {t("seizures.offline.noKey")}
        </Alert>
      )}
      <TermsGate>
        <SeizureForm
          key={formKey}
          submitLabel={t("seizures.form.save")}
          onSubmit={submit}
          pending={create.isPending}
          error={networkError || kept ? null : create.error}
        />
      </TermsGate>
      {outbox.entries.length + outbox.sent.length + outbox.unreadable > 0 && <OutboxPanel />}
    </Stack>
  );
}

/** The officer's entries kept on this device, waiting to send (same chunk as the form: it opens offline too). */
export function SeizureOutboxPage() {
  const { t } = useTranslation();
  usePageTitle(t("seizures.offline.title"));
  return (
    <Stack gap="md" maw={1000}>
      <OfflineNotice />
      <OutboxPanel page />
      <Anchor renderRoot={(props) => <Link to="/seizures/records/new" {...props} />}>
        {t("seizures.offline.newEntry")}
      </Anchor>
    </Stack>
  );
}
