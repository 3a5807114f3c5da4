import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { TFunction } from "i18next";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RegistrationInput } from "../../../common/registrations.js";
import { ApiError } from "../../api/client.js";
import { partnersQuery } from "../../api/queries.js";
import { submitRegistration, termsQuery } from "../../api/registrations.js";
import { errorMessage } from "../../components/error-alert.js";
import { issuesToFieldErrors } from "../../components/form-errors.js";
import { EmailField } from "../../components/forms/email-field.js";
import { FormPanel } from "../../components/forms/form-panel.js";
import { HomeLink } from "../../components/forms/home-link.js";
import { PasswordField } from "../../components/forms/password-field.js";
import { useLocalizedText } from "../../components/localized.js";
import { usePageTitle } from "../../components/page-title.js";
import { useLanguage } from "../../i18n/index.js";

// The zod contract is fetched once the page is on screen, so the page itself stays light on slow links.
let contracts: Promise<typeof import("../../../common/registrations.js")> | null = null;
const loadContracts = () => {
  contracts ??= import("../../../common/registrations.js");
  return contracts;
};

const HONEYPOT_STYLE = {
  position: "absolute",
  insetInlineStart: "-10000px",
  width: 1,
  height: 1,
  overflow: "hidden",
} as const;

type Fields = Omit<RegistrationInput, "acceptedTerms" | "language" | "website"> & { confirm: string };
const EMPTY: Fields = {
  displayName: "",
  email: "",
  partnerCode: "",
  agency: "",
  position: "",
  workPhone: "",
  reason: "",
  password: "",
  confirm: "",
};

/** Server field errors by field, in our words when we know the code. */
function serverFieldErrors(t: TFunction, error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [field, e] of Object.entries(error.fieldErrors())) {
    out[field] = t(`registration.fieldErrors.${e.code}`, { defaultValue: e.message });
  }
  return out;
}

function PartnerSelect(props: { value: string; onChange: (v: string) => void; error?: string }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const partners = useQuery(partnersQuery);
  const items = (kind: "country" | "organization") =>
    (partners.data?.items ?? [])
      .filter((p) => p.kind === kind)
      .map((p) => ({ value: p.code, label: text(p.name) }))
      .sort((a, b) => a.label.localeCompare(b.label));
  return (
    <NativeSelect
      label={t("registration.register.partner")}
      required
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error ?? (partners.error ? errorMessage(t, partners.error) : undefined)}
      disabled={partners.isPending}
      data={[
        { value: "", label: partners.isPending ? t("common.loading") : t("registration.register.partnerPlaceholder") },
        { group: t("registration.register.countries"), items: items("country") },
        { group: t("registration.register.organizations"), items: items("organization") },
      ]}
    />
  );
}

export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t("registration.register.title"));
  const ui = useLanguage();
  const terms = useQuery(termsQuery);
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [language, setLanguage] = useState<"en" | "ru">(ui);
  const [accepted, setAccepted] = useState(false);
  const [website, setWebsite] = useState("");
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({ mutationFn: submitRegistration });

  useEffect(() => void loadContracts(), []);
  const set = (name: keyof Fields) => (value: string) => setFields((f) => ({ ...f, [name]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { RegistrationInputSchema } = await loadContracts();
    const input = {
      ...fields,
      displayName: fields.displayName.trim(),
      email: fields.email.trim(),
      language,
      acceptedTerms: terms.data?.map((d) => d.id) ?? [],
      website,
    };
    const parsed = RegistrationInputSchema.safeParse(input);
    const errors = parsed.success ? {} : issuesToFieldErrors(t, parsed.error.issues);
    if (!parsed.success && parsed.error.issues.some((i) => i.path[0] === "workPhone")) {
      errors.workPhone = t("registration.fieldErrors.phone");
    }
    for (const [name, value] of Object.entries(fields)) {
      if (!value.trim()) errors[name] = t("fieldErrors.required");
    }
    if (!errors.confirm && fields.confirm !== fields.password) errors.confirm = t("registration.register.mismatch");
    if (!accepted) errors.acceptedTerms = t("registration.register.termsRequired");
    else delete errors.acceptedTerms;
    setClientErrors(errors);
    if (!parsed.success || Object.keys(errors).length > 0) return;
    mutation.mutate(parsed.data);
  };

  const serverErrors = serverFieldErrors(t, mutation.error);
  const fieldError = (f: string) => clientErrors[f] ?? serverErrors[f];
  const formError = mutation.error && Object.keys(serverErrors).length === 0 ? mutation.error : null;

  if (mutation.isSuccess) {
    return (
      <Stack maw={640} mx="auto" gap="md" py="md">
        <Title order={1}>{t("registration.register.successTitle")}</Title>
        <Alert color="green" variant="light" role="status">
          <Text size="sm">{t("registration.register.successText", { email: fields.email.trim() })}</Text>
        </Alert>
        <Text size="sm">{t("registration.register.successNext")}</Text>
        <HomeLink />
      </Stack>
    );
  }

  return (
    <Stack maw={720} mx="auto" gap="md" py="md">
      <Title order={1}>{t("registration.register.title")}</Title>
      <Text>{t("registration.register.intro")}</Text>
      <FormPanel onSubmit={submit}>
        {formError && (
          <Alert color="red" variant="light" role="alert" title={t("errors.title")}>
            {errorMessage(t, formError)}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t("registration.register.displayName")}
            autoComplete="name"
            required
            maxLength={200}
            value={fields.displayName}
            onChange={(e) => set("displayName")(e.currentTarget.value)}
            error={fieldError("displayName")}
          />
          <EmailField
            label={t("registration.register.email")}
            description={t("registration.register.emailHint")}
            autoComplete="email"
            value={fields.email}
            onChange={set("email")}
            error={fieldError("email")}
          />
        </SimpleGrid>
        <PartnerSelect value={fields.partnerCode} onChange={set("partnerCode")} error={fieldError("partnerCode")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t("registration.register.agency")}
            autoComplete="organization"
            required
            maxLength={300}
            value={fields.agency}
            onChange={(e) => set("agency")(e.currentTarget.value)}
            error={fieldError("agency")}
          />
          <TextInput
            label={t("registration.register.position")}
            autoComplete="organization-title"
            required
            maxLength={200}
            value={fields.position}
            onChange={(e) => set("position")(e.currentTarget.value)}
            error={fieldError("position")}
          />
          <TextInput
            label={t("registration.register.workPhone")}
            description={t("registration.register.workPhoneHint")}
            type="tel"
            autoComplete="tel"
            required
            maxLength={30}
            value={fields.workPhone}
            onChange={(e) => set("workPhone")(e.currentTarget.value)}
            error={fieldError("workPhone")}
          />
          <NativeSelect
            label={t("registration.register.language")}
            description={t("registration.register.languageHint")}
            value={language}
            onChange={(e) => setLanguage(e.currentTarget.value === "ru" ? "ru" : "en")}
            data={[
              { value: "en", label: "English" },
              { value: "ru", label: "Русский" },
            ]}
          />
        </SimpleGrid>
        <Textarea
          label={t("registration.register.reason")}
          description={t("registration.register.reasonHint", { min: 20, count: fields.reason.trim().length })}
          required
          autosize
          minRows={3}
          maxRows={10}
          maxLength={2000}
          value={fields.reason}
          onChange={(e) => set("reason")(e.currentTarget.value)}
          error={fieldError("reason")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <PasswordField
            label={t("registration.register.password")}
            description={t("registration.register.passwordHint", { min: 12 })}
            autoComplete="new-password"
            value={fields.password}
            onChange={set("password")}
            error={fieldError("password")}
          />
          <PasswordField
            label={t("registration.register.confirmPassword")}
            autoComplete="new-password"
            value={fields.confirm}
            onChange={set("confirm")}
            error={fieldError("confirm")}
          />
        </SimpleGrid>
        {/* Honeypot: invisible to people and to screen readers, irresistible to form-filling bots. */}
        <div style={HONEYPOT_STYLE} aria-hidden="true">
          <label htmlFor="registration-website">{t("registration.register.website")}</label>
          <input
            id="registration-website"
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={website}
            onChange={(e) => setWebsite(e.currentTarget.value)}
          />
        </div>
        <Stack gap={4}>
          <Checkbox
            label={t("registration.register.acceptTerms")}
            checked={accepted}
            onChange={(e) => setAccepted(e.currentTarget.checked)}
            error={fieldError("acceptedTerms")}
            disabled={!terms.data}
          />
          <Text size="sm" pl={32}>
            <Anchor href="/terms" target="_blank" rel="noopener">
              {t("registration.register.readTerms")}
            </Anchor>
          </Text>
          {terms.error && (
            <Text size="sm" c="red.8" role="alert">
              {errorMessage(t, terms.error)}
            </Text>
          )}
        </Stack>
        <Button type="submit" loading={mutation.isPending} disabled={!terms.data}>
          {t("registration.register.submit")}
        </Button>
      </FormPanel>
      <Text size="sm">
        {t("registration.register.haveAccount")}{" "}
        <Link to="/sign-in" search={{}}>
          {t("auth.signIn")}
        </Link>
      </Text>
    </Stack>
  );
}
