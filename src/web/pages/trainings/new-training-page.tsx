import { Button, Group, Select, SimpleGrid, Stack, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { TRAINING_FORMATS, type TrainingInput } from "../../../common/trainings.js";
import { coursesQuery, createTraining } from "../../api/trainings.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { useFormat } from "../../i18n/format.js";

/** Records a training event; participants are then entered or imported on its page. */
export function NewTrainingPage() {
  const { t } = useTranslation();
  const format = useFormat();
  usePageTitle(t("trainings.new.title"));
  const localized = useLocalizedText();
  const navigate = useNavigate();
  const courses = useQuery(coursesQuery);
  const [v, setV] = useState({
    courseId: "",
    title: "",
    project: "",
    organizer: "",
    startsOn: "",
    endsOn: "",
    place: "",
    country: "",
    format: "in_person",
    trainers: "",
  });
  const create = useMutation({
    mutationFn: (input: TrainingInput) => createTraining(input),
    onSuccess: (tr) => void navigate({ to: "/trainings/$id", params: { id: tr.id } }),
  });
  const text = (key: keyof typeof v) => ({
    value: v[key],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setV((x) => ({ ...x, [key]: value }));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const or = (s: string) => s.trim() || null;
    create.mutate({
      courseId: v.courseId,
      title: v.title.trim(),
      project: or(v.project),
      organizer: or(v.organizer),
      startsOn: v.startsOn,
      endsOn: v.endsOn || v.startsOn,
      place: or(v.place),
      country: or(v.country.toUpperCase()),
      format: v.format as TrainingInput["format"],
      trainers: v.trainers
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm" maw={760}>
        <Title order={1}>{t("trainings.new.title")}</Title>
        {create.error && <ErrorAlert error={create.error} />}
        <Select
          label={t("trainings.field.course")}
          required
          searchable
          data={(courses.data?.items ?? []).map((c) => ({
            value: c.id,
            label: `${localized(c.title)} · ${t(`trainings.level.${c.level}`)}`,
          }))}
          value={v.courseId || null}
          onChange={(id) => setV((x) => ({ ...x, courseId: id ?? "" }))}
        />
        <TextInput label={t("trainings.field.title")} required {...text("title")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t("trainings.field.startsOn")} type="date" required {...text("startsOn")} />
          <TextInput label={t("trainings.field.endsOn")} type="date" {...text("endsOn")} />
          <TextInput label={t("trainings.field.place")} {...text("place")} />
          <Select
            label={t("trainings.field.country")}
            searchable
            clearable
            data={format.countryOptions}
            value={v.country || null}
            onChange={(c) => setV((x) => ({ ...x, country: c ?? "" }))}
          />
          <TextInput label={t("trainings.field.project")} {...text("project")} />
          <TextInput label={t("trainings.field.organizer")} {...text("organizer")} />
        </SimpleGrid>
        <Select
          label={t("trainings.field.format")}
          data={TRAINING_FORMATS.map((f) => ({ value: f, label: t(`trainings.format.${f}`) }))}
          value={v.format}
          onChange={(f) => setV((x) => ({ ...x, format: f ?? "in_person" }))}
        />
        <TextInput
          label={t("trainings.field.trainers")}
          description={t("trainings.field.trainersHint")}
          {...text("trainers")}
        />
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t("trainings.new.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
