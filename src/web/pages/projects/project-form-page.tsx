import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { isIso3 } from "../../../common/countries.js";
import { PROJECT_STAGES, type Project, type ProjectInput, THEMES } from "../../../common/projects.js";
import { useMe } from "../../api/auth.js";
import { ApiError } from "../../api/client.js";
import { createProject, partiesQuery, projectQuery, ratesQuery, updateProject } from "../../api/projects.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { problemFieldErrors } from "../../components/form-errors.js";
import { usePageTitle } from "../../components/page-title.js";
import { ListSkeleton } from "../../components/states.js";
import { useFormat } from "../../i18n/format.js";
import { useLanguage } from "../../i18n/index.js";
import { ProjectsNav, themeLabel } from "./projects-nav.js";
import { TransactionsEditor } from "./transactions-editor.js";
import {
  blankDonor,
  type DonorGroup,
  flattenTransactions,
  groupTransactions,
  serverTransactionErrors,
  validateTransactions,
} from "./transactions-model.js";

interface Row {
  [key: string]: string;
}
interface FormState {
  titleEn: string;
  titleRu: string;
  summaryEn: string;
  summaryRu: string;
  donorRef: string;
  iatiIdentifier: string;
  stage: string;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string;
  actualEnd: string;
  themes: string[];
  pillars: string[];
  dacCodes: string;
  /** Commitments, disbursements and expenditures, per donor. */
  donors: DonorGroup[];
  locations: Row[];
  organizations: Row[];
}

const EMPTY: FormState = {
  titleEn: "",
  titleRu: "",
  summaryEn: "",
  summaryRu: "",
  donorRef: "",
  iatiIdentifier: "",
  stage: "implementation",
  plannedStart: "",
  plannedEnd: "",
  actualStart: "",
  actualEnd: "",
  themes: [],
  pillars: [],
  dacCodes: "16063",
  donors: [blankDonor()],
  locations: [{ code: "", share: "" }],
  organizations: [{ role: "implementing", name: "", code: "" }],
};

function fromProject(p: Project): FormState {
  return {
    titleEn: p.title.en ?? "",
    titleRu: p.title.ru ?? "",
    summaryEn: p.summary.en ?? "",
    summaryRu: p.summary.ru ?? "",
    donorRef: p.donorRef ?? "",
    iatiIdentifier: p.iatiIdentifier ?? "",
    stage: p.stage,
    plannedStart: p.plannedStart ?? "",
    plannedEnd: p.plannedEnd ?? "",
    actualStart: p.actualStart ?? "",
    actualEnd: p.actualEnd ?? "",
    themes: p.themes,
    pillars: p.pillars.map(String),
    dacCodes: p.dacCodes.join(", "),
    donors: groupTransactions(p.transactions),
    locations: p.locations.map((l) => ({ code: l.code, share: l.share === null ? "" : String(l.share) })),
    organizations: p.organizations.map((o) => ({ role: o.role, name: o.name, code: o.code ?? "" })),
  };
}

const opt = (v: string) => (v.trim() ? v.trim() : undefined);

/**
 * The input of the form. A donor is chosen from the controlled list (its code); the name sent with it is the one
 * the project already had for that donor, else the list's name in the form's language. The funding goes as
 * `transactions` (commitments, disbursements and expenditures), so it replaces all of the project's.
 */
function toInput(s: FormState, partnerCode: string | undefined, donorName: (code: string) => string): ProjectInput {
  const localized = (en: string, ru: string) => ({
    ...(opt(en) ? { en: en.trim() } : {}),
    ...(opt(ru) ? { ru: ru.trim() } : {}),
  });
  return {
    ...(partnerCode ? { partnerCode } : {}),
    title: localized(s.titleEn, s.titleRu),
    ...(opt(s.summaryEn) || opt(s.summaryRu) ? { summary: localized(s.summaryEn, s.summaryRu) } : {}),
    donorRef: opt(s.donorRef) ?? null,
    iatiIdentifier: opt(s.iatiIdentifier) ?? null,
    stage: s.stage as ProjectInput["stage"],
    plannedStart: opt(s.plannedStart) ?? null,
    plannedEnd: opt(s.plannedEnd) ?? null,
    actualStart: opt(s.actualStart) ?? null,
    actualEnd: opt(s.actualEnd) ?? null,
    themes: s.themes as ProjectInput["themes"],
    pillars: s.pillars.map(Number),
    dacCodes: s.dacCodes.split(/[\s,;]+/).filter(Boolean),
    // Every transaction of the project (it replaces them all), never `fundings` as well.
    transactions: flattenTransactions(s.donors, donorName).items,
    locations: s.locations
      .filter((l) => opt(l.code ?? ""))
      .map((l) => ({
        code: (l.code ?? "").trim().toUpperCase(),
        kind: isIso3((l.code ?? "").trim().toUpperCase()) ? ("country" as const) : ("region" as const),
        share: opt(l.share ?? "") ? Number(l.share) : null,
      })),
    organizations: s.organizations
      .filter((o) => opt(o.name ?? ""))
      .map((o) => ({
        role: o.role === "beneficiary" ? ("beneficiary" as const) : ("implementing" as const),
        name: (o.name ?? "").trim(),
        // Chosen from the list: its code; typed (proposed): none, and the name waits in the coordinators' review list.
        ...(opt(o.code ?? "") ? { code: o.code } : {}),
      })),
  };
}

function Rows({
  legend,
  rows,
  columns,
  onChange,
  errors,
  prefix,
}: {
  legend: string;
  rows: Row[];
  columns: {
    key: string;
    label: string;
    options?: { value: string; label: string }[];
    width?: number;
    /** A searchable list; choosing a value clears these keys of the row (a donor's old name, say). */
    searchable?: boolean;
    clears?: string[];
    /** A field of its own (the organization picker): it changes the row through `update`. */
    custom?: (row: Row, update: (patch: Row) => void, error: string | undefined) => ReactNode;
  }[];
  onChange: (rows: Row[]) => void;
  errors: Record<string, string>;
  prefix: string;
}) {
  const { t } = useTranslation();
  const blank = Object.fromEntries(columns.map((c) => [c.key, c.searchable ? "" : (c.options?.[0]?.value ?? "")]));
  return (
    <fieldset style={{ border: "1px solid var(--mantine-color-gray-4)", borderRadius: 8, padding: 12 }}>
      <legend style={{ fontWeight: 700, padding: "0 4px" }}>{legend}</legend>
      <Stack gap="xs">
        {rows.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
          <Group key={i} align="flex-end" gap="xs" wrap="wrap">
            {columns.map((c) =>
              c.custom ? (
                <div key={c.key}>
                  {c.custom(
                    row,
                    (patch) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r))),
                    errors[`${prefix}.${i}.${c.key}`] ?? errors[`${prefix}.${i}.name`] ?? errors[`${prefix}.${i}`],
                  )}
                </div>
              ) : c.options ? (
                <Select
                  key={c.key}
                  label={c.label}
                  data={c.options}
                  value={row[c.key] || null}
                  allowDeselect={false}
                  searchable={c.searchable}
                  error={c.searchable ? errors[`${prefix}.${i}.${c.key}`] : undefined}
                  description={c.clears && !row[c.key] && row[c.clears[0] ?? ""] ? row[c.clears[0] ?? ""] : undefined}
                  onChange={(v) =>
                    onChange(
                      rows.map((r, j) =>
                        j === i
                          ? { ...r, ...Object.fromEntries((c.clears ?? []).map((k) => [k, ""])), [c.key]: v ?? "" }
                          : r,
                      ),
                    )
                  }
                  w={c.width ?? 160}
                />
              ) : (
                <TextInput
                  key={c.key}
                  label={c.label}
                  value={row[c.key] ?? ""}
                  error={errors[`${prefix}.${i}.${c.key}`] ?? errors[`${prefix}.${i}`]}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    onChange(rows.map((r, j) => (j === i ? { ...r, [c.key]: value } : r)));
                  }}
                  w={c.width ?? 200}
                />
              ),
            )}
            <ActionIcon
              variant="subtle"
              color="red.8"
              aria-label={t("projects.form.remove", { n: i + 1 })}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
              mb={4}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        {errors[prefix] && (
          <Text c="red.8" size="sm">
            {errors[prefix]}
          </Text>
        )}
        <Button variant="default" size="xs" w="fit-content" onClick={() => onChange([...rows, { ...blank }])}>
          {t("projects.form.add")}
        </Button>
      </Stack>
    </fieldset>
  );
}

/**
 * An organization from the controlled list (partners and the other bodies of /projects/parties): typing offers the
 * list's names in the reader's language, and choosing one takes its code. A name the list does not have is
 * proposed: it is saved as typed and waits in the coordinators' review list (/projects/parties/unmapped) until
 * they map it to an entry or add one.
 */
function OrganizationPicker({
  label,
  parties,
  code,
  name,
  error,
  onChange,
}: {
  label: string;
  parties: { value: string; label: string }[];
  code: string;
  name: string;
  error: string | undefined;
  onChange: (code: string, name: string) => void;
}) {
  const { t } = useTranslation();
  const names = useMemo(() => [...new Set(parties.map((p) => p.label))], [parties]);
  const proposed = !!name.trim() && !code;
  return (
    <Autocomplete
      label={label}
      placeholder={t("projects.form.orgPlaceholder")}
      data={names}
      limit={40}
      value={name}
      error={error}
      description={proposed ? t("projects.form.orgProposed") : undefined}
      onChange={(text) => {
        const key = text.trim().toLowerCase();
        const entry = parties.find((p) => p.label.toLowerCase() === key);
        onChange(entry?.value ?? "", text);
      }}
      w={340}
    />
  );
}

function ProjectForm({ project }: { project?: Project }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { data: partyList } = useQuery(partiesQuery());
  const format = useFormat();
  const parties = (partyList?.items ?? []).map((p) => ({ value: p.code, label: p.name[lang] }));
  const donorName = (code: string) => partyList?.items.find((p) => p.code === code)?.name[lang] ?? code;
  const navigate = useNavigate();
  const client = useQueryClient();
  const { data: me } = useMe();
  const [state, setState] = useState<FormState>(project ? fromProject(project) : EMPTY);
  useEffect(() => {
    if (project) setState(fromProject(project));
  }, [project]);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setState((s) => ({ ...s, [key]: value }));
  const rates = useQuery(ratesQuery());
  const [txErrors, setTxErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () =>
      project
        ? updateProject(project.id, { ...toInput(state, undefined, donorName), version: project.version })
        : createProject(toInput(state, me?.user?.partnerCode ?? undefined, donorName)),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ["projects"] });
      void navigate({ to: "/projects/$id", params: { id: saved.id } });
    },
  });
  const { origins } = flattenTransactions(state.donors, donorName);
  const errors = {
    ...Object.fromEntries(
      Object.entries(problemFieldErrors(t, save.error)).map(([k, v]) => [k.replace(/^body\./, ""), v]),
    ),
    ...(save.error instanceof ApiError ? serverTransactionErrors(save.error.problem?.errors, origins) : {}),
    ...txErrors,
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The transactions are checked here first, so each error sits on its row in the reader's language.
    const flat = flattenTransactions(state.donors, donorName);
    const found = validateTransactions(flat.items, flat.origins);
    const messages = Object.fromEntries(Object.entries(found).map(([k, code]) => [k, t(`funding.errors.${code}`)]));
    setTxErrors(messages);
    if (Object.keys(messages).length) return;
    save.mutate();
  };
  const conflict = save.error instanceof ApiError && save.error.code === "version_conflict";
  const field = (key: keyof FormState, label: string, type = "text") => (
    <TextInput
      label={label}
      type={type}
      value={state[key] as string}
      error={errors[key]}
      onChange={(e) => set(key, e.currentTarget.value as never)}
    />
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t("projects.form.titleHint")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t("projects.field.titleEn")}
            lang="en"
            value={state.titleEn}
            error={errors["title.en"] ?? errors.title}
            onChange={(e) => set("titleEn", e.currentTarget.value)}
            maxLength={500}
          />
          <TextInput
            label={t("projects.field.titleRu")}
            lang="ru"
            value={state.titleRu}
            error={errors["title.ru"]}
            onChange={(e) => set("titleRu", e.currentTarget.value)}
            maxLength={500}
          />
          <Textarea
            label={t("projects.field.summaryEn")}
            lang="en"
            autosize
            minRows={3}
            value={state.summaryEn}
            onChange={(e) => set("summaryEn", e.currentTarget.value)}
          />
          <Textarea
            label={t("projects.field.summaryRu")}
            lang="ru"
            autosize
            minRows={3}
            value={state.summaryRu}
            onChange={(e) => set("summaryRu", e.currentTarget.value)}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {field("donorRef", t("projects.field.donorRef"))}
          {field("iatiIdentifier", t("projects.field.iati"))}
          <Select
            label={t("projects.field.stage")}
            data={PROJECT_STAGES.map((s) => ({ value: s, label: t(`projects.stage.${s}`) }))}
            value={state.stage}
            allowDeselect={false}
            onChange={(v) => set("stage", v ?? "implementation")}
          />
          {field("plannedStart", t("projects.field.plannedStart"), "date")}
          {field("plannedEnd", t("projects.field.plannedEnd"), "date")}
          {field("actualStart", t("projects.field.actualStart"), "date")}
          {field("actualEnd", t("projects.field.actualEnd"), "date")}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Checkbox.Group label={t("projects.field.themes")} value={state.themes} onChange={(v) => set("themes", v)}>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={4} mt={4}>
              {THEMES.map((th) => (
                <Checkbox key={th} value={th} label={themeLabel(t, th)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Checkbox.Group label={t("projects.field.pillars")} value={state.pillars} onChange={(v) => set("pillars", v)}>
            <Stack gap={4} mt={4}>
              {["1", "2", "3", "4"].map((n) => (
                <Checkbox key={n} value={n} label={t("projects.pillar", { number: n })} />
              ))}
            </Stack>
          </Checkbox.Group>
          <TextInput
            label={t("projects.field.dac")}
            value={state.dacCodes}
            error={errors.dacCodes}
            onChange={(e) => set("dacCodes", e.currentTarget.value)}
          />
        </SimpleGrid>
        <TransactionsEditor
          groups={state.donors}
          onChange={(donors) => {
            set("donors", donors);
            setTxErrors({});
          }}
          parties={parties}
          rates={rates.data?.items ?? []}
          ratesFailed={!!rates.error}
          projectStart={state.actualStart || state.plannedStart}
          errors={errors}
        />
        <Rows
          legend={t("projects.field.locations")}
          prefix="locations"
          errors={errors}
          rows={state.locations}
          onChange={(rows) => set("locations", rows)}
          columns={[
            {
              key: "code",
              label: t("projects.field.code"),
              width: 260,
              searchable: true,
              // Countries by name; a region an IATI file brought in stays offered as its code, so editing keeps it.
              options: [
                ...format.countryOptions,
                ...state.locations
                  .map((l) => l.code ?? "")
                  .filter((c) => c && !isIso3(c))
                  .map((c) => ({ value: c, label: c })),
              ],
            },
            { key: "share", label: t("projects.field.share"), width: 100 },
          ]}
        />
        <Rows
          legend={t("projects.field.organizations")}
          prefix="organizations"
          errors={errors}
          rows={state.organizations}
          onChange={(rows) => set("organizations", rows)}
          columns={[
            {
              key: "role",
              label: t("projects.field.orgRole"),
              options: [
                { value: "implementing", label: t("projects.field.implementing") },
                { value: "beneficiary", label: t("projects.field.beneficiary") },
              ],
            },
            {
              key: "code",
              label: t("projects.field.orgName"),
              custom: (row, update, error) => (
                <OrganizationPicker
                  label={t("projects.field.orgName")}
                  parties={parties}
                  code={row.code ?? ""}
                  name={row.name ?? ""}
                  error={error}
                  onChange={(code, name) => update({ code, name })}
                />
              ),
            },
          ]}
        />
        {Object.keys(txErrors).length > 0 && (
          <Alert color="red" role="alert">
            {t("funding.errors.summary")}
          </Alert>
        )}
        {conflict ? (
          <Alert color="orange">{t("projects.form.conflict")}</Alert>
        ) : save.error ? (
          <ErrorAlert error={save.error} />
        ) : null}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("projects.form.save")}
          </Button>
          <Button variant="default" component={Link} to={project ? `/projects/${project.id}` : "/projects"}>
            {t("projects.form.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function NewProjectPage() {
  const { t } = useTranslation();
  usePageTitle(t("projects.form.newTitle"));
  return (
    <Stack gap="md">
      <Title order={1}>{t("projects.form.newTitle")}</Title>
      <ProjectsNav />
      <Card withBorder>
        <ProjectForm />
      </Card>
    </Stack>
  );
}

export function EditProjectPage() {
  const { t } = useTranslation();
  const { id } = useParams({ from: "/projects/$id/edit" });
  const { data, error, isPending, refetch } = useQuery(projectQuery(id));
  const title = data ? t("projects.form.editTitle", { code: data.code }) : t("projects.form.newTitle");
  usePageTitle(title);
  return (
    <Stack gap="md">
      <Title order={1}>{title}</Title>
      <ProjectsNav />
      {error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : isPending ? (
        <ListSkeleton />
      ) : (
        <Card withBorder>{data && <ProjectForm project={data} />}</Card>
      )}
    </Stack>
  );
}
