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
