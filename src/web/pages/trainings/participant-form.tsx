import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ParticipantInput } from "../../../common/trainings.js";
import { addParticipant, suggestPersons } from "../../api/trainings.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { useFormat } from "../../i18n/format.js";
import { LinkageJobProgress } from "./linkage-job.js";

const EMPTY = {
  fullName: "",
  fullNameNative: "",
  dateOfBirth: "",
  sex: "",
  country: "",
  agency: "",
  unit: "",
  position: "",
  contact: "",
};

/** Entry form: as the name is typed, likely existing persons are shown so a repeat is seen before saving. */
export function ParticipantForm({ trainingId }: { trainingId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(EMPTY);
  const [completed, setCompleted] = useState(false);
  const [saved, setSaved] = useState<{ name: string; jobId: string; alerts: number | null } | null>(null);
  const typed = [values.fullName, values.fullNameNative].filter(Boolean).join(" ").trim();
  const [name] = useDebouncedValue(typed, 350);
  const suggestions = useQuery({
    queryKey: ["trainings", "suggest", name],
    queryFn: ({ signal }) => suggestPersons(name, signal),
    enabled: name.length >= 3,
  });
  const save = useMutation({
    mutationFn: (input: ParticipantInput) => addParticipant(trainingId, input),
    onSuccess: (result) => {
      setSaved({
        name: result.participant.fullName ?? result.participant.fullNameNative ?? "",
        jobId: result.linkageJobId,
        alerts: null,
      });
      setValues(EMPTY);
      setCompleted(false);
      void queryClient.invalidateQueries({ queryKey: ["trainings"] });
    },
  });
  const field = (key: keyof typeof EMPTY) => ({
    value: values[key],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [key]: value }));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const or = (v: string) => v.trim() || null;
    save.mutate({
      fullName: or(values.fullName),
      fullNameNative: or(values.fullNameNative),
      dateOfBirth: or(values.dateOfBirth),
      sex: (or(values.sex) as "F" | "M" | null) ?? null,
      country: or(values.country),
      agency: or(values.agency),
      unit: or(values.unit),
      position: or(values.position),
      contact: or(values.contact),
      attended: true,
      completed,
    });
  };
  const items = suggestions.data?.items ?? [];
  return (
    <form onSubmit={submit} aria-label={t("trainings.participants.add")}>
      <Stack gap="sm" maw={860}>
        {saved && (
          <Alert color={saved.alerts ? "orange" : "unblue"} variant="light" role="status">
            {saved.alerts
              ? t("trainings.participants.savedWithAlert", { name: saved.name })
              : t("trainings.participants.saved", { name: saved.name })}
          </Alert>
        )}
        {saved && (
          <LinkageJobProgress
            key={saved.jobId}
            jobId={saved.jobId}
            onDone={(run) => setSaved((s) => (s && s.jobId === saved.jobId ? { ...s, alerts: run.alerts } : s))}
          />
        )}
        {save.error && <ErrorAlert error={save.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t("trainings.field.fullName")}
            description={t("trainings.field.fullNameHint")}
            {...field("fullName")}
          />
          <TextInput label={t("trainings.field.fullNameNative")} {...field("fullNameNative")} />
        </SimpleGrid>
        {name.length >= 3 && items.length > 0 && (
          <Paper withBorder p="sm" aria-live="polite" data-testid="suggestions">
            <Text size="sm" fw={600}>
              {t("trainings.suggest.title")}
            </Text>
            <Stack gap={4} mt={4}>
              {items.map((s) => (
                <Group key={s.personId} gap="xs">
                  <Anchor
                    size="sm"
                    renderRoot={(p) => <Link to="/trainings/persons/$id" params={{ id: s.personId }} {...p} />}
                  >
                    {[s.fullName, s.fullNameNative].filter(Boolean).join(" / ")}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {[s.dateOfBirth, s.country && format.country(s.country), s.agency].filter(Boolean).join(" · ")} ·{" "}
                    {t("trainings.suggest.trainings", { count: s.trainings })}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Paper>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t("trainings.field.dateOfBirth")} placeholder="1980-04-12" {...field("dateOfBirth")} />
          <Select
            label={t("trainings.field.sex")}
            data={[
              { value: "F", label: t("trainings.sex.F") },
              { value: "M", label: t("trainings.sex.M") },
            ]}
            value={values.sex || null}
            onChange={(v) => setValues((x) => ({ ...x, sex: v ?? "" }))}
            clearable
          />
          <Select
            label={t("trainings.field.country")}
            searchable
            clearable
            data={format.countryOptions}
            value={values.country || null}
            onChange={(c) => setValues((x) => ({ ...x, country: c ?? "" }))}
          />
          <TextInput label={t("trainings.field.agency")} {...field("agency")} />
          <TextInput label={t("trainings.field.unit")} {...field("unit")} />
          <TextInput label={t("trainings.field.position")} {...field("position")} />
        </SimpleGrid>
        <TextInput label={t("trainings.field.contact")} {...field("contact")} />
        <Checkbox
          label={t("trainings.field.completed")}
          checked={completed}
          onChange={(e) => setCompleted(e.currentTarget.checked)}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("trainings.participants.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
