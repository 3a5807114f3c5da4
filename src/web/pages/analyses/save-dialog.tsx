import { Alert, Button, Group, type MantineSpacing, Modal, Stack, TextInput, type TextInputProps } from "@mantine/core";
import type { FormEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { DialogButtons } from "../../components/dialog-buttons.js";

/**
 * The dialog that saves something from an analysis (the analysis itself, or it onto a dashboard): its form
 * (`children`: the errors, then the fields) above Cancel and the action; once saved, what was done and a link
 * to it in the form's place.
 */
export function SaveDialog({
  opened,
  onClose,
  title,
  saved,
  onSubmit,
  submit,
  pending,
  buttonsMt,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** Once saved: the confirmation, and the link to what was saved. */
  saved: { message: string; link: ReactNode } | undefined;
  onSubmit: (e: FormEvent) => void;
  /** The action's label, and whether it is under way. */
  submit: string;
  pending: boolean;
  buttonsMt?: MantineSpacing;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} closeButtonProps={{ "aria-label": t("analyses.close") }}>
      {saved ? (
        <Stack gap="sm">
          <Alert color="green" variant="light" role="status">
            {saved.message}
          </Alert>
          <Group justify="flex-end">
            {saved.link}
            <Button onClick={onClose}>{t("analyses.close")}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            {children}
            <DialogButtons
              cancel={t("analyses.cancel")}
              onCancel={onClose}
              confirm={submit}
              pending={pending}
              gap="sm"
              mt={buttonsMt}
            />
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** The name of what is saved (an analysis, a dashboard): required, at most 200 characters; other props go to the box. */
export function NameField({
  value,
  onChange,
  ...input
}: Omit<TextInputProps, "value" | "onChange" | "required" | "maxLength"> & {
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextInput {...input} required maxLength={200} value={value} onChange={(e) => onChange(e.currentTarget.value)} />
  );
}
