import { SegmentedControl, VisuallyHidden } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Language } from "../../common/localized.js";
import { setLanguage, useLanguage } from "../i18n/index.js";

const OPTIONS: { value: Language; short: string; name: string }[] = [
  { value: "en", short: "EN", name: "English" },
  { value: "ru", short: "RU", name: "Русский" },
];

export function LanguageSwitch() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const queryClient = useQueryClient();
  const change = async (value: string) => {
    if (value !== "en" && value !== "ru") return;
    await setLanguage(value);
    // Server messages and some texts depend on Accept-Language: refetch what is on screen.
    await queryClient.invalidateQueries();
  };
  return (
    <fieldset className="bare-fieldset">
      <legend className="visually-hidden">{t("language.label")}</legend>
      <SegmentedControl
        size="xs"
        value={lang}
        onChange={change}
        withItemsBorders={false}
        data={OPTIONS.map((o) => ({
          value: o.value,
          label: (
            <span lang={o.value}>
              <span aria-hidden="true">{o.short}</span>
              <VisuallyHidden>{o.name}</VisuallyHidden>
            </span>
          ),
        }))}
      />
    </fieldset>
  );
}
