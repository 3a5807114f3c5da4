import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams } from "@tanstack/react-router";
import type { ReactElement } from "react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  FIGURE_QUALIFIERS,
  type FigureQualifier,
  MEETING_KINDS,
  type MeetingDetail,
  type MeetingInput,
} from "../../../common/meetings.js";
import { createMeeting, meetingQuery, updateMeeting } from "../../api/meetings.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { problemFieldErrors } from "../../components/form-errors.js";
import { CardForm, FormActions } from "../../components/forms/card-form.js";
import { usePageTitle } from "../../components/page-title.js";
import { ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import { usePillarOptions } from "./meeting-format.js";

const localized = (en: string, ru: string) =>
  en.trim() || ru.trim() ? { ...(en.trim() ? { en: en.trim() } : {}), ...(ru.trim() ? { ru: ru.trim() } : {}) } : null;
const n = (x: number | null | undefined) => (x === null || x === undefined ? "" : x);

type Doc = { titleEn: string; titleRu: string; url: string };

function valuesOf(m?: MeetingDetail) {
  return {
    kind: m?.kind ?? "ewg",
    number: n(m?.number) as string | number,
    titleEn: m?.title.en ?? "",
    titleRu: m?.title.ru ?? "",
    themeEn: m?.theme?.en ?? "",
    themeRu: m?.theme?.ru ?? "",
    pillars: (m?.pillars ?? []).map(String),
    hostEn: m?.host?.en ?? "",
    hostRu: m?.host?.ru ?? "",
    cityEn: m?.city?.en ?? "",
    cityRu: m?.city?.ru ?? "",
    country: m?.country ?? "",
    lat: n(m?.lat) as string | number,
    lon: n(m?.lon) as string | number,
    startDate: m?.startDate ?? "",
    endDate: m?.endDate ?? "",
    format: m?.format ?? "in_person",
    participants: n(m?.enteredAttendance.participants) as string | number,
    inPerson: n(m?.enteredAttendance.inPersonParticipants) as string | number,
    participantsQualifier: m?.enteredAttendance.participantsQualifier ?? "exact",
    inPersonQualifier: m?.enteredAttendance.inPersonQualifier ?? "exact",
    countries: n(m?.enteredAttendance.countries) as string | number,
    organizations: n(m?.enteredAttendance.organizations) as string | number,
    agendaEn: m?.agenda?.en ?? "",
    agendaRu: m?.agenda?.ru ?? "",
    outcomeEn: m?.outcome?.en ?? "",
    outcomeRu: m?.outcome?.ru ?? "",
    documents: (m?.documents ?? []).map((d) => ({
      titleEn: d.title.en ?? "",
      titleRu: d.title.ru ?? "",
      url: d.url ?? "",
    })) as Doc[],
    membersOnly: m?.visibility === "members",
  };
}

function MeetingForm({ meeting }: { meeting?: MeetingDetail }) {
  const { t } = useTranslation();
  const pillarOptions = usePillarOptions();
  const format = useFormat();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [v, setV] = useState(() => valuesOf(meeting));
  const set = (patch: Partial<typeof v>) => setV((s) => ({ ...s, ...patch }));
  const num = (x: string | number) => (x === "" ? null : Number(x));
  const save = useMutation({
    mutationFn: () => {
      const input: Partial<MeetingInput> = {
        kind: v.kind as MeetingInput["kind"],
        number: num(v.number),
        title: localized(v.titleEn, v.titleRu) ?? { en: "" },
        theme: localized(v.themeEn, v.themeRu),
        pillars: v.pillars.map(Number),
        host: localized(v.hostEn, v.hostRu),
        city: localized(v.cityEn, v.cityRu),
        country: v.country.trim() || null,
        lat: num(v.lat),
        lon: num(v.lon),
        startDate: v.startDate,
        endDate: v.endDate || null,
        format: v.format as MeetingInput["format"],
        participants: num(v.participants),
        inPersonParticipants: num(v.inPerson),
        participantsQualifier: v.participantsQualifier,
        inPersonQualifier: v.inPersonQualifier,
        countries: num(v.countries),
        organizations: num(v.organizations),
        agenda: localized(v.agendaEn, v.agendaRu),
        outcome: localized(v.outcomeEn, v.outcomeRu),
        documents: v.documents
          .filter((d) => d.url.trim())
          .map((d) => ({ title: localized(d.titleEn, d.titleRu) ?? { en: d.url.trim() }, url: d.url.trim() })),
        visibility: v.membersOnly ? "members" : "public",
      };
      return meeting ? updateMeeting(meeting.id, { ...input, version: meeting.version }) : createMeeting(input);
    },
    onSuccess: async (m) => {
      await client.invalidateQueries({ queryKey: ["meetings"] });
      void navigate({ to: "/meetings/$id", params: { id: m.id } });
    },
  });
  const e = problemFieldErrors(t, save.error);
  const pair = (key: "title" | "theme" | "host" | "city" | "agenda" | "outcome", long = false) => {
    const C = long ? Textarea : TextInput;
    return (
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <C
          label={`${t(`meetings.fields.${key}`)} (EN)`}
          value={v[`${key}En`]}
          onChange={(x) => set({ [`${key}En`]: x.currentTarget.value })}
          error={e[`body.${key}`] ?? e[`body.${key}.en`]}
          required={key === "title"}
        />
        <C
          label={`${t(`meetings.fields.${key}`)} (RU)`}
          lang="ru"
          value={v[`${key}Ru`]}
          onChange={(x) => set({ [`${key}Ru`]: x.currentTarget.value })}
          error={e[`body.${key}.ru`]}
        />
      </SimpleGrid>
    );
  };
  const setDoc = (i: number, patch: Partial<Doc>) =>
    set({ documents: v.documents.map((d, j) => (j === i ? { ...d, ...patch } : d)) });
  return (
    <CardForm onSubmit={() => save.mutate()}>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          label={t("meetings.fields.kind")}
          required
          data={MEETING_KINDS.map((k) => ({ value: k, label: t(`meetings.kinds.${k}`) }))}
          value={v.kind}
          onChange={(x) => set({ kind: (x ?? "ewg") as typeof v.kind })}
          allowDeselect={false}
        />
        <NumberInput
          label={t("meetings.fields.number")}
          min={1}
          value={v.number}
          onChange={(x) => set({ number: x })}
          error={e["body.number"]}
        />
        <MultiSelect
          label={t("meetings.fields.pillars")}
          data={pillarOptions}
          value={v.pillars}
          onChange={(x) => set({ pillars: x })}
        />
      </SimpleGrid>
      {pair("title")}
      {pair("theme")}
      {pair("host")}
      {pair("city")}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          label={t("meetings.fields.country")}
          data={format.countryOptions}
          value={v.country || null}
          onChange={(x) => set({ country: x ?? "" })}
          error={e["body.country"]}
          clearable
          searchable
        />
        <NumberInput
          label={t("meetings.fields.lat")}
          decimalScale={4}
          min={-90}
          max={90}
          value={v.lat}
          onChange={(x) => set({ lat: x })}
          error={e["body.lat"]}
        />
        <NumberInput
          label={t("meetings.fields.lon")}
          decimalScale={4}
          min={-180}
          max={180}
          value={v.lon}
          onChange={(x) => set({ lon: x })}
          error={e["body.lon"]}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput
          type="date"
          label={t("meetings.fields.startDate")}
          required
          value={v.startDate}
          onChange={(x) => set({ startDate: x.currentTarget.value })}
          error={e["body.startDate"]}
        />
        <TextInput
          type="date"
          label={t("meetings.fields.endDate")}
          value={v.endDate}
          onChange={(x) => set({ endDate: x.currentTarget.value })}
          error={e["body.endDate"]}
        />
        <Select
          label={t("meetings.fields.format")}
          data={["in_person", "hybrid", "virtual"].map((f) => ({ value: f, label: t(`meetings.format.${f}`) }))}
          value={v.format}
          onChange={(x) => set({ format: (x ?? "in_person") as typeof v.format })}
          allowDeselect={false}
        />
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {t("meetings.form.attendanceHint")}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <NumberInput
          label={t("meetings.fields.participants")}
          min={0}
          value={v.participants}
          onChange={(x) => set({ participants: x })}
        />
        <NumberInput
          label={t("meetings.form.inPerson")}
          min={0}
          value={v.inPerson}
          onChange={(x) => set({ inPerson: x })}
        />
        <NumberInput
          label={t("meetings.fields.countries")}
          min={0}
          value={v.countries}
          onChange={(x) => set({ countries: x })}
        />
        <NumberInput
          label={t("meetings.fields.organizations")}
          min={0}
          value={v.organizations}
          onChange={(x) => set({ organizations: x })}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {(["participantsQualifier", "inPersonQualifier"] as const).map((key) => (
          <Select
            key={key}
            label={t(`meetings.form.${key}`)}
            data={FIGURE_QUALIFIERS.map((q) => ({ value: q, label: t(`meetings.form.qualifier.${q}`) }))}
            value={v[key]}
            onChange={(x) => set({ [key]: (x ?? "exact") as FigureQualifier })}
            allowDeselect={false}
          />
        ))}
      </SimpleGrid>
      {pair("agenda", true)}
      {pair("outcome", true)}
      <Title order={2} size="h5">
        {t("meetings.fields.documents")}
      </Title>
      {v.documents.map((d, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
        <Group key={i} align="flex-end" wrap="wrap" gap="xs">
          <TextInput
            label={`${t("meetings.form.docTitle")} (EN)`}
            value={d.titleEn}
            onChange={(x) => setDoc(i, { titleEn: x.currentTarget.value })}
          />
          <TextInput
            label={`${t("meetings.form.docTitle")} (RU)`}
            lang="ru"
            value={d.titleRu}
            onChange={(x) => setDoc(i, { titleRu: x.currentTarget.value })}
          />
          <TextInput
            label={t("meetings.form.docUrl")}
            type="url"
            value={d.url}
            onChange={(x) => setDoc(i, { url: x.currentTarget.value })}
            error={e[`body.documents.${i}.url`]}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t("meetings.form.removeDoc")}
            onClick={() => set({ documents: v.documents.filter((_, j) => j !== i) })}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="subtle"
        w="fit-content"
        onClick={() => set({ documents: [...v.documents, { titleEn: "", titleRu: "", url: "" }] })}
      >
        {t("meetings.form.addDoc")}
      </Button>
      <Checkbox
        label={t("meetings.membersOnly")}
        checked={v.membersOnly}
        onChange={(x) => set({ membersOnly: x.currentTarget.checked })}
      />
      {save.error && <ErrorAlert error={save.error} />}
      <FormActions
        submit={t("meetings.save")}
        pending={save.isPending}
        cancel={{
          label: t("meetings.cancel"),
          onClick: () =>
            void (meeting
              ? navigate({ to: "/meetings/$id", params: { id: meeting.id } })
              : navigate({ to: "/meetings" })),
        }}
      />
    </CardForm>
  );
}

/** A coordinator records a meeting (past or planned). */
export function MeetingFormPage(): ReactElement {
  const { t } = useTranslation();
  usePageTitle(t("meetings.add"));
  return (
    <Stack gap="md" maw={960}>
      <Title order={1}>{t("meetings.add")}</Title>
      <MeetingForm />
    </Stack>
  );
}

/** A coordinator corrects a meeting; a stale version answers 409 and the form says so. */
export function MeetingEditPage(): ReactElement {
  const { t } = useTranslation();
  const { id } = useParams({ from: "/meetings/$id/edit" });
  const { data, error, isPending, refetch } = useQuery(meetingQuery(id));
  usePageTitle(t("meetings.edit"));
  if (isPending) return <ListSkeleton rows={8} />;
  if (error || !data) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  return (
    <Stack gap="md" maw={960}>
      <Title order={1}>{t("meetings.edit")}</Title>
      <MeetingForm key={data.version} meeting={data} />
    </Stack>
  );
}
