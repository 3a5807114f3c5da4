import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  COORD_PRECISIONS,
  PLACE_TYPES,
  SEIZURE_ROUTES,
  SEXES,
  type Seizure,
  type SeizureInput,
  SHARING_LEVELS,
  SOURCE_TYPES,
  TRANSPORT_MODES,
  UNITS,
} from "../../../common/seizures.js";
import { ApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { IconTrash } from "../../components/icons.js";
import { useCountries, useDrugs } from "./seizure-format.js";

type Arrest = { nationality: string; sex: (typeof SEXES)[number]; count: string };

interface FormState {
  seizureDate: string;
  datePrecision: "day" | "month" | "year";
  country: string;
  adminRegion: string;
  place: string;
  latitude: string;
  longitude: string;
  coordPrecision: string;
  drug: string;
  quantity: string;
  unit: string;
  purity: string;
  agency: string;
  placeType: string;
  transportMode: string;
  conveyance: string;
  concealment: string;
  originCountries: string[];
  departureCountry: string;
  transitCountries: string[];
  destinationCountries: string[];
  route: string;
  arrests: Arrest[];
  sourceType: string;
  sourceReference: string;
  sharing: string;
}

function initial(s?: Seizure): FormState {
  return {
    seizureDate: s?.seizureDate ?? "",
    datePrecision: s?.datePrecision ?? "day",
    country: s?.country ?? "",
    adminRegion: s?.adminRegion ?? "",
    place: s?.place ?? "",
    latitude: s?.latitude?.toString() ?? "",
    longitude: s?.longitude?.toString() ?? "",
    coordPrecision: s?.coordPrecision ?? "",
    drug: s?.drug ?? "",
    quantity: s?.quantity?.toString() ?? "",
    unit: s?.unit ?? "kg",
    purity: s?.purity?.toString() ?? "",
    agency: s?.agency ?? "",
    placeType: s?.placeType ?? "",
    transportMode: s?.transportMode ?? "",
    conveyance: s?.conveyance ?? "",
    concealment: s?.concealment ?? "",
    originCountries: s?.originCountries ?? [],
    departureCountry: s?.departureCountry ?? "",
    transitCountries: s?.transitCountries ?? [],
    destinationCountries: s?.destinationCountries ?? [],
    route: s?.route ?? "",
    arrests: (s?.arrests ?? []).map((a) => ({ ...a, count: String(a.count) })),
    sourceType: s?.sourceType ?? "official",
    sourceReference: s?.sourceReference ?? "",
    sharing: s?.sharing ?? "members",
  };
}

const num = (v: string) => (v.trim() === "" ? null : Number(v.replace(",", ".")));
const opt = (v: string) => (v.trim() === "" ? null : v.trim());

function toInput(f: FormState, confirmWarnings: string[]): SeizureInput {
  return {
    seizureDate: f.seizureDate,
    datePrecision: f.datePrecision,
    country: f.country,
    adminRegion: opt(f.adminRegion),
    place: opt(f.place),
    latitude: num(f.latitude),
    longitude: num(f.longitude),
    coordPrecision: (opt(f.coordPrecision) as SeizureInput["coordPrecision"]) ?? null,
    drug: f.drug,
    quantity: num(f.quantity) ?? 0,
    unit: f.unit as SeizureInput["unit"],
    purity: num(f.purity),
    agency: opt(f.agency),
    placeType: (opt(f.placeType) as SeizureInput["placeType"]) ?? null,
    transportMode: (opt(f.transportMode) as SeizureInput["transportMode"]) ?? null,
    conveyance: opt(f.conveyance),
    concealment: opt(f.concealment),
    originCountries: f.originCountries,
    departureCountry: opt(f.departureCountry),
    transitCountries: f.transitCountries,
    destinationCountries: f.destinationCountries,
    route: (opt(f.route) as SeizureInput["route"]) ?? null,
    arrests: f.arrests
      .filter((a) => a.nationality)
      .map((a) => ({ nationality: a.nationality, sex: a.sex, count: Number(a.count) || 1 })),
    sourceType: f.sourceType as SeizureInput["sourceType"],
    sourceReference: opt(f.sourceReference),
    sharing: f.sharing as SeizureInput["sharing"],
    confirmWarnings,
  };
}

/** A native fieldset with its legend (screen readers announce the group), styled like a card. */
function Section({ legend, children }: { legend: string; children: React.ReactNode }) {
  return (
    <fieldset
      style={{
        border: "1px solid var(--mantine-color-default-border)",
        borderRadius: "var(--mantine-radius-md)",
        padding: "var(--mantine-spacing-sm) var(--mantine-spacing-md) var(--mantine-spacing-md)",
        margin: 0,
        minWidth: 0,
      }}
    >
      <legend style={{ fontWeight: 600, padding: "0 var(--mantine-spacing-xs)" }}>{legend}</legend>
      {children}
    </fieldset>
  );
}

/**
 * The seizure form (new, edit, correction). Unusual values come back as warnings the user confirms; errors are
 * shown on their fields in the UI language.
 */
export function SeizureForm({
  seizure,
  initialInput,
  submitLabel,
  onSubmit,
  pending,
  error,
  extra,
}: {
  seizure?: Seizure;
  /** Values to start from instead of a record's (an entry of the offline queue being corrected). */
  initialInput?: SeizureInput;
  submitLabel: string;
  onSubmit: (input: SeizureInput) => void;
  pending: boolean;
  error: unknown;
  extra?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const countries = useCountries();
  const drugs = useDrugs();
  // A SeizureInput has the record's field names, each optional: `initial` reads it alike.
  const [f, setF] = useState<FormState>(() => initial(seizure ?? (initialInput as Seizure | undefined)));
  const [confirmed, setConfirmed] = useState(false);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setF((prev) => ({ ...prev, [key]: value }));
  const problem = error instanceof ApiError ? error : null;
  const warnings =
    problem?.code === "confirmation_required"
      ? ((problem.problem?.details?.warnings as { code: string; field: string }[] | undefined) ?? [])
      : [];
  const fieldErrors = problem?.fieldErrors() ?? {};
  const err = (field: string) => {
    const e = fieldErrors[field];
    return e ? t(`seizures.rules.${e.code}`, { defaultValue: e.message }) : undefined;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const already = seizure?.warningsConfirmed ?? initialInput?.confirmWarnings ?? [];
    onSubmit(toInput(f, confirmed ? warnings.map((w) => w.code) : already));
  };
  const countrySelect = { data: countries.options, searchable: true };
  const label = (k: string) => t(`seizures.fields.${k}`);
  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel}>
      <Stack gap="md">
        <Section legend={t("seizures.form.when")}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              type="date"
              required
              label={label("seizureDate")}
              value={f.seizureDate}
              onChange={(e) => set("seizureDate", e.currentTarget.value)}
              error={err("seizureDate")}
              max={new Date().toISOString().slice(0, 10)}
            />
            <Select
              label={label("datePrecision")}
              data={["day", "month", "year"].map((v) => ({ value: v, label: t(`seizures.precision.${v}`) }))}
              value={f.datePrecision}
              onChange={(v) => set("datePrecision", (v ?? "day") as FormState["datePrecision"])}
              allowDeselect={false}
            />
            <Select
              required
              label={label("country")}
              {...countrySelect}
              value={f.country || null}
              onChange={(v) => set("country", v ?? "")}
              error={err("country")}
            />
            <TextInput
              label={label("adminRegion")}
              value={f.adminRegion}
              onChange={(e) => set("adminRegion", e.currentTarget.value)}
            />
            <TextInput label={label("place")} value={f.place} onChange={(e) => set("place", e.currentTarget.value)} />
            <Select
              label={label("placeType")}
              data={PLACE_TYPES.map((v) => ({ value: v, label: t(`seizures.placeTypes.${v}`) }))}
              value={f.placeType || null}
              onChange={(v) => set("placeType", v ?? "")}
              clearable
            />
            <TextInput
              label={label("latitude")}
              inputMode="decimal"
              value={f.latitude}
              onChange={(e) => set("latitude", e.currentTarget.value)}
              error={err("latitude")}
            />
            <TextInput
              label={label("longitude")}
              inputMode="decimal"
              value={f.longitude}
              onChange={(e) => set("longitude", e.currentTarget.value)}
              error={err("longitude")}
            />
            <Select
              label={label("coordPrecision")}
              data={COORD_PRECISIONS.map((v) => ({ value: v, label: t(`seizures.coordPrecisions.${v}`) }))}
              value={f.coordPrecision || null}
              onChange={(v) => set("coordPrecision", v ?? "")}
              disabled={!f.latitude.trim() && !f.longitude.trim()}
              clearable
            />
          </SimpleGrid>
        </Section>
        <Section legend={t("seizures.form.what")}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              required
              label={label("drug")}
              data={drugs.drugOptions}
              searchable
              value={f.drug || null}
              onChange={(v) => set("drug", v ?? "")}
              error={err("drug")}
            />
            <TextInput
              required
              label={label("quantity")}
              inputMode="decimal"
              value={f.quantity}
              onChange={(e) => set("quantity", e.currentTarget.value)}
              error={err("quantity")}
            />
            <Select
              required
              label={label("unit")}
              data={UNITS.map((u) => ({ value: u, label: t(`seizures.units.${u}`) }))}
              value={f.unit}
              onChange={(v) => set("unit", v ?? "kg")}
              allowDeselect={false}
              error={err("unit")}
            />
            <TextInput
              label={label("purity")}
              inputMode="decimal"
              value={f.purity}
              onChange={(e) => set("purity", e.currentTarget.value)}
              error={err("purity")}
            />
            <TextInput
              label={label("agency")}
              value={f.agency}
              onChange={(e) => set("agency", e.currentTarget.value)}
            />
          </SimpleGrid>
        </Section>
        <Section legend={t("seizures.form.how")}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={label("transportMode")}
              data={TRANSPORT_MODES.map((v) => ({ value: v, label: t(`seizures.transport.${v}`) }))}
              value={f.transportMode || null}
              onChange={(v) => set("transportMode", v ?? "")}
              clearable
            />
            <TextInput
              label={label("conveyance")}
              value={f.conveyance}
              onChange={(e) => set("conveyance", e.currentTarget.value)}
            />
            <Textarea
              label={label("concealment")}
              value={f.concealment}
              onChange={(e) => set("concealment", e.currentTarget.value)}
              autosize
              minRows={1}
            />
            <Select
              label={label("route")}
              data={SEIZURE_ROUTES.map((v) => ({ value: v, label: t(`seizures.routes.${v}`) }))}
              value={f.route || null}
              onChange={(v) => set("route", v ?? "")}
              clearable
            />
            <MultiSelect
              label={label("originCountries")}
              {...countrySelect}
              value={f.originCountries}
              onChange={(v) => set("originCountries", v)}
              error={err("originCountries")}
            />
            <Select
              label={label("departureCountry")}
              {...countrySelect}
              value={f.departureCountry || null}
              onChange={(v) => set("departureCountry", v ?? "")}
              clearable
            />
            <MultiSelect
              label={label("transitCountries")}
              description={t("seizures.form.transitOrder")}
              {...countrySelect}
              value={f.transitCountries}
              onChange={(v) => set("transitCountries", v)}
              error={err("transitCountries")}
            />
            <MultiSelect
              label={label("destinationCountries")}
              {...countrySelect}
              value={f.destinationCountries}
              onChange={(v) => set("destinationCountries", v)}
              error={err("destinationCountries")}
            />
          </SimpleGrid>
        </Section>
        <Section legend={label("arrests")}>
          <Stack gap="xs">
            {f.arrests.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id
              <Group key={i} gap="xs" align="flex-end" wrap="wrap">
                <Select
                  label={t("seizures.form.nationality")}
                  {...countrySelect}
                  value={a.nationality || null}
                  onChange={(v) =>
                    set(
                      "arrests",
                      f.arrests.map((x, j) => (j === i ? { ...x, nationality: v ?? "" } : x)),
                    )
                  }
                  w={200}
                />
                <Select
                  label={t("seizures.form.sex")}
                  data={SEXES.map((s) => ({ value: s, label: t(`seizures.sex.${s}`) }))}
                  value={a.sex}
                  onChange={(v) =>
                    set(
                      "arrests",
                      f.arrests.map((x, j) => (j === i ? { ...x, sex: (v ?? "unknown") as Arrest["sex"] } : x)),
                    )
                  }
                  allowDeselect={false}
                  w={140}
                />
                <TextInput
                  label={t("seizures.form.count")}
                  inputMode="numeric"
                  value={a.count}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    set(
                      "arrests",
                      f.arrests.map((x, j) => (j === i ? { ...x, count: v } : x)),
                    );
                  }}
                  w={90}
                />
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  size="lg"
                  aria-label={t("seizures.form.removeArrest")}
                  onClick={() =>
                    set(
                      "arrests",
                      f.arrests.filter((_, j) => j !== i),
                    )
                  }
                >
                  <IconTrash size={18} aria-hidden="true" />
                </ActionIcon>
              </Group>
            ))}
            <Button
              variant="light"
              size="xs"
              w="fit-content"
              onClick={() => set("arrests", [...f.arrests, { nationality: "", sex: "male", count: "1" }])}
            >
              {t("seizures.form.addArrest")}
            </Button>
          </Stack>
        </Section>
        <Section legend={t("seizures.form.source")}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={label("sourceType")}
              data={SOURCE_TYPES.map((v) => ({ value: v, label: t(`seizures.sources.${v}`) }))}
              value={f.sourceType}
              onChange={(v) => set("sourceType", v ?? "official")}
              allowDeselect={false}
            />
            <TextInput
              label={label("sourceReference")}
              value={f.sourceReference}
              onChange={(e) => set("sourceReference", e.currentTarget.value)}
            />
            <Select
              label={label("sharing")}
              data={SHARING_LEVELS.map((v) => ({ value: v, label: t(`seizures.sharing.${v}`) }))}
              value={f.sharing}
              onChange={(v) => set("sharing", v ?? "members")}
              allowDeselect={false}
            />
          </SimpleGrid>
        </Section>
        {extra}
        {warnings.length > 0 && (
          <Alert color="orange" variant="light" title={t("seizures.form.warningsTitle")} role="alert">
            <Stack gap="xs">
              {warnings.map((w) => (
                <span key={w.code}>{t(`seizures.rules.${w.code}`)}</span>
              ))}
              <Checkbox
                label={t("seizures.form.confirm")}
                checked={confirmed}
                onChange={(e) => setConfirmed(e.currentTarget.checked)}
              />
            </Stack>
          </Alert>
        )}
        {error != null && warnings.length === 0 ? <ErrorAlert error={error} /> : null}
        <Button type="submit" loading={pending} w="fit-content">
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
