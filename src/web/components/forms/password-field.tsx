import { PasswordInput, type PasswordInputProps } from "@mantine/core";
import { useTranslation } from "react-i18next";

type Props = Omit<PasswordInputProps, "value" | "onChange" | "required" | "visibilityToggleButtonProps"> & {
  /** Which password the browser may fill in or offer to save. */
  autoComplete: "current-password" | "new-password";
  value: string;
  /** Gets the text as typed. */
  onChange: (value: string) => void;
};

/** A password box, always required, whose show/hide button is named in the user's language. */
export function PasswordField({ onChange, ...props }: Props) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      {...props}
      required
      onChange={(e) => onChange(e.currentTarget.value)}
      visibilityToggleButtonProps={{ "aria-label": t("auth.showPassword") }}
    />
  );
}

/**
 * A new password and its confirmation, as setting or changing a password asks for them: the first box states the
 * length rule; both let the browser offer a generated password.
 */
export function NewPasswordFields({
  password,
  onPassword,
  confirm,
  onConfirm,
  errors,
}: {
  password: string;
  onPassword: (value: string) => void;
  confirm: string;
  onConfirm: (value: string) => void;
  errors: { password?: string; confirm?: string };
}) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordField
        label={t("auth.newPassword")}
        description={t("security.passwordRule", { min: 12 })}
        autoComplete="new-password"
        value={password}
        onChange={onPassword}
        error={errors.password}
      />
      <PasswordField
        label={t("auth.confirmPassword")}
        autoComplete="new-password"
        value={confirm}
        onChange={onConfirm}
        error={errors.confirm}
      />
    </>
  );
}
