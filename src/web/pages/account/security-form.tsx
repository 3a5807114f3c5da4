import { Button, type ButtonProps, CopyButton, Stack, Text, TextInput, Title } from "@mantine/core";
import type { FormEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { IconCopy } from "../../components/icons.js";
import { FormError } from "./form-error.js";

/**
 * One of the security page's small forms: named by its heading (`id` ties them), an optional intro, the form's
 * own error, then its fields and buttons.
 */
export function SecurityForm({
  id,
  title,
  intro,
  error,
  gap = "xs",
  onSubmit,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  error: unknown;
  gap?: "xs" | "sm";
  onSubmit: (e: FormEvent) => void;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={id}>
      <Stack gap={gap}>
        <Title order={3} size="h5" id={id}>
          {title}
        </Title>
        {intro !== undefined && <Text size="sm">{intro}</Text>}
        <FormError error={error} />
        {children}
      </Stack>
    </form>
  );
}

/** The six-digit code from the authenticator app (seven characters allow "123 456"). */
export function CodeField({
  value,
  onChange,
  error,
  description,
  maw,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string | null;
  description?: string;
  maw?: number;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t("security.codeLabel")}
      description={description}
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={7}
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      maw={maw}
    />
  );
}

/** A small button that copies a secret (codes, a token, the TOTP key) and says so once it has. */
export function CopyValueButton({
  value,
  label,
  variant = "outline",
  iconSize = 14,
}: {
  value: string;
  label: string;
  variant?: ButtonProps["variant"];
  iconSize?: number;
}) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button
          size="xs"
          variant={variant}
          onClick={copy}
          leftSection={<IconCopy size={iconSize} aria-hidden="true" />}
        >
          {copied ? t("security.copied") : label}
        </Button>
      )}
    </CopyButton>
  );
}
