import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Facility, FacilityInput, FacilitySharing, OrgType } from "../../../common/facilities.js";
import { createFacility, facilityQuery, updateFacility } from "../../api/facilities.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { usePageTitle } from "../../components/page-title.js";
import { ListSkeleton } from "../../components/states.js";
import { facilityFieldErrors } from "./facility-fields.js";
import { useCountries, useFacilityLabels } from "./facility-format.js";

type Draft = Record<
  | "nameEn"
  | "nameRu"
  | "nameOriginal"
  | "region"
  | "city"
  | "address"
  | "postcode"
  | "latitude"
  | "longitude"
  | "phone"
  | "email"
  | "website"
  | "contactPerson"
  | "languages"
  | "capacity"
  | "patientsPerYear"
  | "accreditation"
  | "lastVerified",
  string
> & {
  orgType: OrgType | null;
  country: string | null;
  modalities: string[];
  services: string[];
  populations: string[];
  sharing: FacilitySharing;
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap="xs" component="section">
      <Title order={2} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

function draftOf(f?: Facility): Draft {
  return {
    nameEn: str(f?.name.en),
    nameRu: str(f?.name.ru),
    nameOriginal: str(f?.nameOriginal),
    orgType: f?.orgType ?? null,
    country: f?.country ?? null,
    region: str(f?.region),
    city: str(f?.city),
    address: str(f?.address),
    postcode: str(f?.postcode),
    latitude: str(f?.latitude),
    longitude: str(f?.longitude),
    phone: str(f?.phone),
    email: str(f?.email),
    website: str(f?.website),
    contactPerson: str(f?.contactPerson),
    languages: (f?.languages ?? []).join(", "),
    capacity: str(f?.capacity),
    patientsPerYear: str(f?.patientsPerYear),
    accreditation: str(f?.accreditation),
    lastVerified: str(f?.lastVerified),
    modalities: f?.modalities ?? [],
    services: f?.services ?? [],
    populations: f?.populations ?? [],
    sharing: f?.sharing ?? "public",
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);
const num = (v: string) => (v.trim() ? Number(v.trim().replace(",", ".")) : null);

/** The body the API takes; local checks catch what needs no server (missing name, numbers). */
function toInput(d: Draft, t: (k: string) => string): { input?: FacilityInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!d.nameEn.trim() && !d.nameRu.trim()) errors.nameEn = t("facilities.fieldErrors.name_required");
  if (!d.country) errors.country = t("fieldErrors.required");
  for (const key of ["latitude", "longitude", "capacity", "patientsPerYear"] as const) {
    const n = num(d[key]);
    if (n !== null && !Number.isFinite(n)) errors[key] = t("fieldErrors.invalid");
  }
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    input: {
      name: {
        ...(d.nameEn.trim() ? { en: d.nameEn.trim() } : {}),
        ...(d.nameRu.trim() ? { ru: d.nameRu.trim() } : {}),
      },
      nameOriginal: orNull(d.nameOriginal),
      orgType: d.orgType,
      country: d.country as string,
      region: orNull(d.region),
      city: orNull(d.city),
      address: orNull(d.address),
      postcode: orNull(d.postcode),
      latitude: num(d.latitude),
      longitude: num(d.longitude),
      phone: orNull(d.phone),
      email: orNull(d.email),
      website: orNull(d.website),
      contactPerson: orNull(d.contactPerson),
      modalities: d.modalities,
      services: d.services,
      populations: d.populations,
      languages: d.languages
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter(Boolean),
      capacity: num(d.capacity),
      patientsPerYear: num(d.patientsPerYear),
      accreditation: orNull(d.accreditation),
      lastVerified: orNull(d.lastVerified),
      sharing: d.sharing,
    },
  };
}

function FacilityForm({ facility }: { facility?: Facility }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { options } = useFacilityLabels();
  const countries = useCountries();
  const [draft, setDraft] = useState<Draft>(() => draftOf(facility));
  const [local, setLocal] = useState<Record<string, string>>({});
  useEffect(() => setDraft(draftOf(facility)), [facility]);
  const mutation = useMutation({
    mutationFn: (input: FacilityInput) =>
      facility ? updateFacility(facility.id, { ...input, version: facility.version }) : createFacility(input),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ["facilities"] });
      void navigate({ to: "/facilities/$id", params: { id: saved.id } });
    },
  });
  const server = facilityFieldErrors(t, mutation.error);
  const err = (k: string) => local[k] ?? server[k];
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const text = (key: keyof Draft & string, labelKey: string, props: Record<string, unknown> = {}) => (
    <TextInput
      label={t(labelKey)}
      value={draft[key] as string}
      onChange={(e) => set(key, e.currentTarget.value as never)}
      error={err(key)}
      {...props}
    />
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { input, errors } = toInput(draft, t);
    setLocal(errors);
    if (input) mutation.mutate(input);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {mutation.error && <ErrorAlert error={mutation.error} />}
        <Section title={t("facilities.form.identity")}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {text("nameEn", "facilities.fields.nameEn", { lang: "en" })}
            {text("nameRu", "facilities.fields.nameRu", { lang: "ru" })}
            {text("nameOriginal", "facilities.fields.nameOriginal")}
            <Select
              label={t("facilities.fields.orgType")}
              data={options("orgTypes")}
              value={draft.orgType}
              onChange={(v) => set("orgType", (v as OrgType | null) ?? null)}
              clearable
            />
          </SimpleGrid>
        </Section>
        <Section title={t("facilities.form.location")}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t("facilities.fields.country")}
              data={countries.options}
              value={draft.country}
              onChange={(v) => set("country", v)}
              searchable
              required
              error={err("country")}
            />
            {text("region", "facilities.fields.region")}
            {text("city", "facilities.fields.city")}
            {text("address", "facilities.fields.address")}
            {text("postcode", "facilities.fields.postcode")}
            <Group grow gap="sm" align="flex-start">
              {text("latitude", "facilities.fields.latitude", { inputMode: "decimal" })}
              {text("longitude", "facilities.fields.longitude", { inputMode: "decimal" })}
            </Group>
          </SimpleGrid>
        </Section>
        <Section title={t("facilities.form.contacts")}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {text("phone", "facilities.fields.phone", { type: "tel" })}
            {text("email", "facilities.fields.email", { type: "email" })}
            {text("website", "facilities.fields.website", { type: "url", placeholder: "https://" })}
            {text("contactPerson", "facilities.fields.contactPerson")}
          </SimpleGrid>
        </Section>
        <Section title={t("facilities.form.care")}>
          <Stack gap="sm">
            <Checkbox.Group
              label={t("facilities.fields.modalities")}
              description={t("facilities.form.modalitiesHint")}
              value={draft.modalities}
              onChange={(v) => set("modalities", v)}
              error={err("modalities")}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={6}>
                {options("modalities").map((o) => (
                  <Checkbox key={o.value} value={o.value} label={o.label} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <MultiSelect
              label={t("facilities.fields.services")}
              data={options("services")}
              value={draft.services}
              onChange={(v) => set("services", v)}
              searchable
              error={err("services")}
            />
            <MultiSelect
              label={t("facilities.fields.populations")}
              data={options("populations")}
              value={draft.populations}
              onChange={(v) => set("populations", v)}
              searchable
              error={err("populations")}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              {text("capacity", "facilities.fields.capacity", { inputMode: "numeric" })}
              {text("patientsPerYear", "facilities.fields.patientsPerYear", { inputMode: "numeric" })}
              {text("languages", "facilities.fields.languages", { description: t("facilities.form.languagesHint") })}
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {text("accreditation", "facilities.fields.accreditation")}
              {text("lastVerified", "facilities.fields.lastVerified", { type: "date" })}
            </SimpleGrid>
          </Stack>
        </Section>
        <Stack gap={4}>
          <Text fw={500} size="sm" id="sharing-label">
            {t("facilities.fields.sharing")}
          </Text>
          <SegmentedControl
            aria-labelledby="sharing-label"
            value={draft.sharing}
            onChange={(v) => set("sharing", v === "restricted" ? "restricted" : "public")}
            data={[
              { value: "public", label: t("facilities.sharing.public") },
              { value: "restricted", label: t("facilities.sharing.restricted") },
            ]}
            style={{ alignSelf: "flex-start" }}
          />
          <Text size="xs" c="dimmed">
            {t("facilities.form.sharingHint")}
          </Text>
        </Stack>
        <Group justify="flex-end">
          {facility ? (
            <Button
              variant="default"
              renderRoot={(props) => <Link to="/facilities/$id" params={{ id: facility.id }} {...props} />}
            >
              {t("facilities.cancel")}
            </Button>
          ) : (
            <Button variant="default" renderRoot={(props) => <Link to="/facilities" {...props} />}>
              {t("facilities.cancel")}
            </Button>
          )}
          <Button type="submit" loading={mutation.isPending}>
            {t("facilities.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function FacilityNewPage() {
  const { t } = useTranslation();
  usePageTitle(t("facilities.form.newTitle"));
  return (
    <Stack gap="md" maw={960}>
      <Anchor renderRoot={(props) => <Link to="/facilities" {...props} />} size="sm">
        {t("facilities.back")}
      </Anchor>
      <Title order={1}>{t("facilities.form.newTitle")}</Title>
      <Alert variant="light">{t("facilities.form.scopeNote")}</Alert>
      <FacilityForm />
    </Stack>
  );
}

export function FacilityEditPage() {
  const { t } = useTranslation();
  usePageTitle(t("facilities.form.editTitle"));
  const { id } = useParams({ from: "/facilities/$id/edit" });
  const { data, error, isPending, refetch } = useQuery(facilityQuery(id));
  return (
    <Stack gap="md" maw={960}>
      <Anchor renderRoot={(props) => <Link to="/facilities/$id" params={{ id }} {...props} />} size="sm">
        {t("facilities.backToFacility")}
      </Anchor>
      <Title order={1}>{t("facilities.form.editTitle")}</Title>
      {isPending ? (
        <ListSkeleton rows={8} />
      ) : error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <FacilityForm facility={data} />
      )}
    </Stack>
  );
}
