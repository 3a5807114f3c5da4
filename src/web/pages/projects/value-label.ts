import { useTranslation } from "react-i18next";
import type { Pivot } from "../../../common/projects.js";
import { useFormat } from "../../i18n/format.js";
import { useLanguage } from "../../i18n/index.js";
import { usePartnerNames } from "../partners/use-partner-names.js";
import { themeLabel } from "./projects-nav.js";

/**
 * Labels of a pivot's keys: donors by their name in the reader's language (the pivot carries both). Its own module,
 * shared by the statistics page and saved analyses, so that the statistics page stays one chunk.
 */
export function useValueLabel() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const format = useFormat();
  const partners = usePartnerNames();
  return (dim: string | undefined, value: string, labels?: Pivot["labels"]) =>
    dim === "donor" && labels?.[value]
      ? labels[value][lang]
      : dim === "country" && value !== "—"
        ? format.country(value)
        : dim === "partner" && value !== "—"
          ? partners.name(value)
          : dim === "theme"
            ? themeLabel(t, value)
            : dim === "pillar" && value !== "—"
              ? t("projects.pillar", { number: value })
              : dim === "stage"
                ? t(`projects.stage.${value}`, { defaultValue: value })
                : value;
}
