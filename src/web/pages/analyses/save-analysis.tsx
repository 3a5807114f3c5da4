import { Alert, Anchor, Button, Modal, Radio, Select, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  ANALYSIS_VIEWS,
  ANALYSIS_VISIBILITIES,
  type AnalysisKind,
  type AnalysisVisibility,
} from "../../../common/analyses.js";
import { saveAnalysis } from "../../api/analyses.js";
import { useMe } from "../../api/auth.js";
import { ApiError } from "../../api/client.js";
import { DialogButtons } from "../../components/dialog-buttons.js";
import { ErrorAlert } from "../../components/error-alert.js";
import { problemFieldErrors } from "../../components/form-errors.js";
import { IconBookmark } from "../../components/icons.js";
import { type BreakdownConfig, DmpBreakdownFields } from "./dmp-breakdown.js";
import { NameField, SaveDialog } from "./save-dialog.js";

/**
 * Renaming and re-sharing a saved analysis or dashboard: its name and visibility, saved at the version read (a
 * stale one is the server's 409, shown like any error). `notice` shows what a visibility choice would change.
 */
export function NameVisibilityForm<T>(props: {
  name: string;
  visibility: AnalysisVisibility;
  nameLabel: string;
  save: (input: { name: string; visibility: AnalysisVisibility }) => Promise<T>;
  onSaved: (saved: T) => void;
  onDone: () => void;
  notice?: (visibility: AnalysisVisibility) => ReactNode;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(props.name);
  const [visibility, setVisibility] = useState<AnalysisVisibility>(props.visibility);
  const mutation = useMutation({
    mutationFn: () => props.save({ name: name.trim(), visibility }),
    onSuccess: (saved) => {
      props.onSaved(saved);
      props.onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) mutation.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {mutation.error && <ErrorAlert error={mutation.error} />}
        <NameField
          label={props.nameLabel}
          value={name}
          onChange={setName}
          error={name.trim() ? undefined : t("fieldErrors.required")}
        />
        <VisibilityRadios value={visibility} onChange={setVisibility} />
        {props.notice?.(visibility)}
        <DialogButtons
          cancel={t("analyses.cancel")}
          onCancel={props.onDone}
          confirm={t("analyses.saveChanges")}
          pending={mutation.isPending}
        />
      </Stack>
    </form>
  );
}

/** Asks before archiving a saved analysis or dashboard (named in the question); the archive's error shows here. */
export function ConfirmArchive(props: {
  opened: boolean;
  name: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t("analyses.archiveTitle")}
      closeButtonProps={{ "aria-label": t("analyses.close") }}
    >
      <Stack gap="sm">
        <Text>{t("analyses.archiveConfirm", { name: props.name })}</Text>
        {props.error ? <ErrorAlert error={props.error} /> : null}
        <DialogButtons
          cancel={t("analyses.cancel")}
          onCancel={props.onClose}
          confirm={t("analyses.archive")}
          onConfirm={props.onConfirm}
          pending={props.pending}
          color="red"
        />
      </Stack>
    </Modal>
  );
}

/** Visibility choices; "partner" only for a user who belongs to one. */
export function VisibilityRadios({
  value,
  onChange,
  error,
}: {
  value: AnalysisVisibility;
  onChange: (v: AnalysisVisibility) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const partner = me.data?.user?.partnerCode ?? null;
  return (
    <Radio.Group
      label={t("analyses.visibility.label")}
      value={value}
      onChange={(v) => onChange(v as AnalysisVisibility)}
      error={error}
    >
      <Stack gap={6} mt={6}>
        {ANALYSIS_VISIBILITIES.map((v) => (
          <Radio
            key={v}
            value={v}
            disabled={v === "partner" && !partner}
            label={t(`analyses.visibility.${v}`, { partner: partner ?? "" })}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}

/** The breakdown's filters without its grouping (a view that groups by itself keeps only the filters). */
const withoutGrouping = ({ groupBy: _, ...filters }: BreakdownConfig) => filters;

/**
 * "Save analysis": keeps the current configuration (never the figures) with a name and who may open it. Whoever
 * opens it later runs it with their own access.
 */
export function SaveAnalysisButton({
  kind,
  config,
  defaultName,
  defaultView,
}: {
  kind: AnalysisKind;
  config: Record<string, string>;
  defaultName: string;
  defaultView?: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const views = ANALYSIS_VIEWS[kind] as readonly string[];
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState(defaultName);
  const [view, setView] = useState(defaultView ?? views[0] ?? "");
  const [visibility, setVisibility] = useState<AnalysisVisibility>("private");
  const [missing, setMissing] = useState<string | undefined>();
  // The DMP breakdown's grouping and filters on fields outside the monthly figures (issue 20, part 5).
  const [breakdown, setBreakdown] = useState<BreakdownConfig>({});
  const withBreakdown = kind === "dmp.dashboard" && view === "breakdown";
  // The seizure map is saved with the same filters on the fields outside the monthly figures, without a grouping.
  const withRecordFilters = withBreakdown || kind === "dmp.map";
  const mutation = useMutation({
    mutationFn: saveAnalysis,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["analyses"] }),
  });
  const open = () => {
    mutation.reset();
    setName(defaultName);
    setView(defaultView ?? views[0] ?? "");
    setMissing(undefined);
    setOpened(true);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setMissing(t("fieldErrors.required"));
      return;
    }
    setMissing(undefined);
    mutation.mutate({
      name: name.trim(),
      kind,
      view,
      config: withRecordFilters ? { ...config, ...(withBreakdown ? breakdown : withoutGrouping(breakdown)) } : config,
      visibility,
    });
  };
  const fields = problemFieldErrors(t, mutation.error);
  const general =
    mutation.error && !(mutation.error instanceof ApiError && mutation.error.code === "validation_failed")
      ? mutation.error
      : null;
  const configErrors =
    mutation.error instanceof ApiError
      ? (mutation.error.problem?.errors ?? []).filter((e) => e.path.startsWith("body.config"))
      : [];
  return (
    <>
      <Button variant="light" leftSection={<IconBookmark size={16} aria-hidden="true" />} onClick={open}>
        {t("analyses.save.button")}
      </Button>
      <SaveDialog
        opened={opened}
        onClose={() => setOpened(false)}
        title={t("analyses.save.title")}
        saved={
          mutation.data && {
            message: t("analyses.save.saved", { name: mutation.data.name }),
            link: (
              <Anchor renderRoot={(props) => <Link to="/analyses/$id" params={{ id: mutation.data.id }} {...props} />}>
                {t("analyses.save.open")}
              </Anchor>
            ),
          }
        }
        onSubmit={submit}
        submit={t("analyses.save.submit")}
        pending={mutation.isPending}
        buttonsMt="sm"
      >
        {general && <ErrorAlert error={general} />}
        {configErrors.length > 0 && (
          <Alert color="red" variant="light" role="alert" title={t("analyses.save.badConfig")}>
            {configErrors.map((e) => e.message).join("; ")}
          </Alert>
        )}
        <NameField
          label={t("analyses.name")}
          value={name}
          onChange={setName}
          error={missing ?? fields.name}
          data-autofocus
        />
        <Select
          label={t("analyses.view.label")}
          data={views.map((v) => ({ value: v, label: t(`analyses.view.${v}`) }))}
          value={view}
          onChange={(v) => setView(v ?? view)}
          allowDeselect={false}
          error={fields.view}
          comboboxProps={{ withinPortal: true }}
        />
        {withRecordFilters && <DmpBreakdownFields value={breakdown} onChange={setBreakdown} grouping={withBreakdown} />}
        <VisibilityRadios value={visibility} onChange={setVisibility} error={fields.visibility} />
      </SaveDialog>
    </>
  );
}
