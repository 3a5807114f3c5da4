import { MultiSelect } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCountryOptions } from "./admin-format.js";

/** The countries a liaison officer covers: one control for the create dialog and the user page. */
export function CountryScopesSelect(props: {
  label: string;
  value: string[];
  onChange: (codes: string[]) => void;
  error?: string | undefined;
  disabled?: boolean;
  /** Inside a modal the dropdown must render in a portal so it is not clipped. */
  withinPortal?: boolean;
}) {
  const { t } = useTranslation();
  const countries = useCountryOptions(props.value);
  return (
    <MultiSelect
      label={props.label}
      description={t("admin.create.countryScopesHint")}
      data={countries.options}
      value={props.value}
      onChange={props.onChange}
      searchable
      clearable
      clearButtonProps={{ "aria-label": t("admin.create.clearCountries") }}
      nothingFoundMessage={t("admin.create.noCountryMatch")}
      error={props.error}
      disabled={props.disabled ?? false}
      {...(props.withinPortal ? { comboboxProps: { withinPortal: true } } : {})}
    />
  );
}
