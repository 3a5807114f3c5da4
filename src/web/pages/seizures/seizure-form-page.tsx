import { Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { SeizureInput } from "../../../common/seizures.js";
import { createSeizure } from "../../api/seizures.js";
import { usePageTitle } from "../../components/page-title.js";
import { SeizureForm } from "./seizure-form.js";
import { TermsGate } from "./terms-gate.js";

export function NewSeizurePage() {
  const { t } = useTranslation();
  usePageTitle(t("seizures.form.newTitle"));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (input: SeizureInput) => createSeizure(input),
    onSuccess: (s) => {
      void queryClient.invalidateQueries({ queryKey: ["seizures"] });
      void navigate({ to: "/seizures/records/$id", params: { id: s.id } });
    },
  });
  return (
    <Stack gap="md" maw={1000}>
      <Title order={1}>{t("seizures.form.newTitle")}</Title>
      <Text c="dimmed">{t("seizures.form.newIntro")}</Text>
      <TermsGate>
        <SeizureForm
          submitLabel={t("seizures.form.save")}
          onSubmit={(i) => create.mutate(i)}
          pending={create.isPending}
          error={create.error}
        />
      </TermsGate>
    </Stack>
  );
}
