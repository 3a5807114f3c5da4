import { TextInput, type TextInputProps } from "@mantine/core";

type Props = Omit<TextInputProps, "value" | "onChange" | "type" | "inputMode" | "required" | "maxLength"> & {
  /** "username" where the address signs in (the browser offers the saved account), "email" where it is new. */
  autoComplete: "username" | "email";
  value: string;
  /** Gets the text as typed. */
  onChange: (value: string) => void;
};

/** An e-mail address box: required, at most 254 characters, with the e-mail keyboard on phones. */
export function EmailField({ onChange, ...props }: Props) {
  return (
    <TextInput
      {...props}
      type="email"
      inputMode="email"
      required
      maxLength={254}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
