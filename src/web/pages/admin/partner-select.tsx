import { Select, type SelectProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { usePartnerOptions } from "./admin-format.js";

/**
 * A partner (country or organisation) chosen from the partners list, found by typing its name or code; it can be
 * cleared (`clearLabel` names that button: "Clear partner" unless said). Other props go to the select.
 */
export function PartnerSelect({
  clearLabel,
  ...select
}: Omit<SelectProps, "data" | "searchable" | "clearable" | "clearButtonProps" | "nothingFoundMessage"> & {
  clearLabel?: string;
}) {
  const { t } = useTranslation();
  const partners = usePartnerOptions();
  return (
    <Select
      {...select}
      data={partners.options}
      searchable
      clearable
      clearButtonProps={{ "aria-label": clearLabel ?? t("admin.users.clearPartner") }}
      nothingFoundMessage={t("admin.users.noPartnerMatch")}
    />
  );
}
