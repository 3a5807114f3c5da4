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
import { type FormEvent, Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FormSection, SeizureField } from "../../../common/seizure-fields.js";
import { SEIZURE_FIELDS, SEXES, type Seizure, type SeizureInput } from "../../../common/seizures.js";
import { ApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { IconTrash } from "../../components/icons.js";
import { useCountries, useDrugs } from "./seizure-format.js";

type Arrest = { nationality: string; sex: (typeof SEXES)[number]; count: string };

/** The registry's fields the form edits, in its order; `custom` ones are laid out below by name. */
const FORM_FIELDS = Object.entries(SEIZURE_FIELDS as Record<string, SeizureField>).flatMap(([key, field]) =>
  field.form && key !== "arrests" ? [{ key, field, form: field.form }] : [],
);
const SECTIONS: { section: FormSection; cols: number }[] = [
  { section: "when", cols: 3 },
  { section: "what", cols: 3 },
  { section: "how", cols: 2 },
  { section: "source", cols: 3 },
];

/** The form's values: each field's text (country lists: codes), and the arrests' rows. */
interface FormState {
  v: Record<string, string | string[]>;
  arrests: Arrest[];
}

function initial(s?: Seizure): FormState {
  const record = (s ?? {}) as Record<string, unknown>;
  const v: Record<string, string | string[]> = {};
  for (const { key, form } of FORM_FIELDS) {
    const value = record[key];
    v[key] =
      form.control === "countries"
        ? ((value as string[] | undefined) ?? [])
        : value === null || value === undefined
          ? (form.default ?? "")
          : String(value);
  }
  return { v, arrests: ((s?.arrests ?? []) as Seizure["arrests"]).map((a) => ({ ...a, count: String(a.count) })) };
}

const num = (v: string) => (v.trim() === "" ? null : Number(v.replace(",", ".")));
const opt = (v: string) => (v.trim() === "" ? null : v.trim());

function toInput(f: FormState, confirmWarnings: string[]): SeizureInput {
  const input: Record<string, unknown> = {};
  for (const { key, form } of FORM_FIELDS) {
    const value = f.v[key] as string;
    input[key] =
      form.control === "countries"
        ? f.v[key]
        : form.control === "decimal"
          ? (num(value) ?? (form.required ? 0 : null))
          : form.control === "date" || form.required
            ? value
            : (opt(value) ?? form.default ?? null);
  }
  input.arrests = f.arrests
    .filter((a) => a.nationality)
    .map((a) => ({ nationality: a.nationality, sex: a.sex, count: Number(a.count) || 1 }));
  input.confirmWarnings = confirmWarnings;
  return input as unknown as SeizureInput;
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
  const str = (key: string) => f.v[key] as string;
  const set = (key: string, value: string | string[]) => setF((prev) => ({ ...prev, v: { ...prev.v, [key]: value } }));
  const setArrests = (arrests: Arrest[]) => setF((prev) => ({ ...prev, arrests }));
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
  /** One field's control: simple ones from the registry, the drug and the coordinates' precision by name. */
  const control = ({ key, field, form }: (typeof FORM_FIELDS)[number]) => {
    const common = {
      label: label(key),
      required: form.required,
      error: err(key),
      description: form.description ? t(form.description) : undefined,
    };
    // A box typed into (text, number, date, long text): the field's text as it stands.
    const typed = {
      ...common,
      value: str(key),
      onChange: (e: { currentTarget: { value: string } }) => set(key, e.currentTarget.value),
    };
    const options = (field.options ?? []).map((v) => ({ value: v, label: t(`${field.labels}.${v}`) }));
    if (key === "drug")
      return (
        <Select
          {...common}
          data={drugs.drugOptions}
          searchable
          value={str(key) || null}
          onChange={(v) => set(key, v ?? "")}
        />
      );
    if (key === "coordPrecision")
      return (
        <Select
          {...common}
          data={options}
          value={str(key) || null}
          onChange={(v) => set(key, v ?? "")}
          disabled={!str("latitude").trim() && !str("longitude").trim()}
          clearable
        />
      );
    switch (form.control) {
      case "date":
        return <TextInput {...typed} type="date" max={new Date().toISOString().slice(0, 10)} />;
      case "decimal":
        return <TextInput {...typed} inputMode="decimal" />;
      case "textarea":
        return <Textarea {...typed} autosize minRows={1} />;
      case "select":
        return (
          <Select
            {...common}
            data={options}
            value={str(key) || null}
            onChange={(v) => set(key, v ?? form.default ?? "")}
            allowDeselect={!form.default}
            clearable={!form.default && !form.required}
          />
        );
      case "country":
        return (
          <Select
            {...common}
            {...countrySelect}
            value={str(key) || null}
            onChange={(v) => set(key, v ?? "")}
            clearable={!form.required}
          />
        );
      case "countries":
        return (
          <MultiSelect {...common} {...countrySelect} value={f.v[key] as string[]} onChange={(v) => set(key, v)} />
        );
      default:
        return <TextInput {...typed} />;
    }
  };
  /** A section of the registry's fields, under its legend. */
  const fieldset = ({ section, cols }: (typeof SECTIONS)[number]) => (
    <Section key={section} legend={t(`seizures.form.${section}`)}>
      <SimpleGrid cols={{ base: 1, sm: cols }}>
        {FORM_FIELDS.filter((x) => x.form.section === section).map((x) => (
          <Fragment key={x.key}>{control(x)}</Fragment>
        ))}
      </SimpleGrid>
    </Section>
  );
  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel}>
      <Stack gap="md">
        {SECTIONS.filter((x) => x.section !== "source").map(fieldset)}
        <Section legend={label("arrests")}>
          <Stack gap="xs">
            {f.arrests.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id
              <Group key={i} gap="xs" align="flex-end" wrap="wrap">
                <Select
                  label={t("seizures.form.nationality")}
                  {...countrySelect}
                  value={a.nationality || null}
                  onChange={(v) => setArrests(f.arrests.map((x, j) => (j === i ? { ...x, nationality: v ?? "" } : x)))}
                  w={200}
                />
                <Select
                  label={t("seizures.form.sex")}
                  data={SEXES.map((s) => ({ value: s, label: t(`seizures.sex.${s}`) }))}
                  value={a.sex}
                  onChange={(v) =>
                    setArrests(
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
                    setArrests(f.arrests.map((x, j) => (j === i ? { ...x, count: v } : x)));
                  }}
                  w={90}
                />
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  size="lg"
                  aria-label={t("seizures.form.removeArrest")}
                  onClick={() => setArrests(f.arrests.filter((_, j) => j !== i))}
                >
                  <IconTrash size={18} aria-hidden="true" />
                </ActionIcon>
              </Group>
            ))}
            <Button
              variant="light"
              size="xs"
              w="fit-content"
              onClick={() => setArrests([...f.arrests, { nationality: "", sex: "male", count: "1" }])}
            >
              {t("seizures.form.addArrest")}
            </Button>
          </Stack>
        </Section>
        {SECTIONS.filter((x) => x.section === "source").map(fieldset)}
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
