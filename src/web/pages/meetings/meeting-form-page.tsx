import {
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MEETING_KINDS, type MeetingInput } from "../../../common/meetings.js";
import { createMeeting } from "../../api/meetings.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { problemFieldErrors } from "../../components/form-errors.js";
import { usePageTitle } from "../../components/page-title.js";

const localized = (en: string, ru: string) =>
  en.trim() || ru.trim() ? { ...(en.trim() ? { en: en.trim() } : {}), ...(ru.trim() ? { ru: ru.trim() } : {}) } : null;

/** A coordinator records a meeting (past or planned); the other fields are edited on its page. */
export function MeetingFormPage() {
  const { t } = useTranslation();
  usePageTitle(t("meetings.add"));
  const navigate = useNavigate();
  const [v, setV] = useState({
    kind: "ewg",
    number: "" as string | number,
    titleEn: "",
    titleRu: "",
    themeEn: "",
    themeRu: "",
    pillars: [] as string[],
    hostEn: "",
    hostRu: "",
    cityEn: "",
    cityRu: "",
    country: "",
    lat: "" as string | number,
    lon: "" as string | number,
    startDate: "",
    endDate: "",
    format: "in_person",
    participants: "" as string | number,
    countries: "" as string | number,
    organizations: "" as string | number,
    outcomeEn: "",
    outcomeRu: "",
    membersOnly: false,
  });
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
        countries: num(v.countries),
        organizations: num(v.organizations),
        outcome: localized(v.outcomeEn, v.outcomeRu),
        visibility: v.membersOnly ? "members" : "public",
      };
      return createMeeting(input);
    },
    onSuccess: (m) => void navigate({ to: "/meetings/$id", params: { id: m.id } }),
  });
  const e = problemFieldErrors(t, save.error);
  const pair = (key: "title" | "theme" | "host" | "city" | "outcome", long = false) => {
    const C = long ? Textarea : TextInput;
    return (
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <C
          label={`${t(`meetings.fields.${key}`)} (EN)`}
          value={v[`${key}En`]}
          onChange={(x) => set({ [`${key}En`]: x.currentTarget.value })}
          error={e[`body.${key}`] ?? e[`body.${key}.en`]}
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
  return (
    <Stack gap="md" maw={900}>
      <Title order={1}>{t("meetings.add")}</Title>
      <Card
        withBorder
        component="form"
        onSubmit={(x) => {
          x.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Select
              label={t("meetings.fields.kind")}
              required
              data={MEETING_KINDS.map((k) => ({ value: k, label: t(`meetings.kinds.${k}`) }))}
              value={v.kind}
              onChange={(x) => set({ kind: x ?? "ewg" })}
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
              data={[1, 2, 3, 4].map((p) => ({ value: String(p), label: t(`meetings.pillars.${p}`) }))}
              value={v.pillars}
              onChange={(x) => set({ pillars: x })}
            />
          </SimpleGrid>
          {pair("title")}
          {pair("theme")}
          {pair("host")}
          {pair("city")}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label={t("meetings.fields.country")}
              description={t("meetings.filters.countryHint")}
              maxLength={3}
              value={v.country}
              onChange={(x) => set({ country: x.currentTarget.value.toUpperCase() })}
              error={e["body.country"]}
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
              onChange={(x) => set({ format: x ?? "in_person" })}
              allowDeselect={false}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NumberInput
              label={t("meetings.fields.participants")}
              min={0}
              value={v.participants}
              onChange={(x) => set({ participants: x })}
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
          {pair("outcome", true)}
          <Checkbox
            label={t("meetings.membersOnly")}
            checked={v.membersOnly}
            onChange={(x) => set({ membersOnly: x.currentTarget.checked })}
          />
          {save.error && <ErrorAlert error={save.error} />}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t("meetings.save")}
            </Button>
            <Button variant="subtle" onClick={() => void navigate({ to: "/meetings" })}>
              {t("meetings.cancel")}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
