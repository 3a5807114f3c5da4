import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { countryOptions } from "../../../common/countries.js";
import { type MappableField, mappingTargets, REQUIRED_IMPORT_FIELDS } from "../../../common/seizures.js";
import { type Choice, NOT_AVAILABLE, type ValueVocabulary } from "../../components/import/value-mapping.js";
import { useLanguage } from "../../i18n/index.js";
import { useDrugs } from "./seizure-format.js";

/** i18n keys of each mappable field's codes (drugs and countries have their own names). */
const CODE_KEYS: Partial<Record<MappableField, string>> = {
  unit: "seizures.units",
  placeType: "seizures.placeTypes",
  transportMode: "seizures.transport",
  route: "seizures.routes",
  sourceType: "seizures.sources",
  sharing: "seizures.sharing",
  datePrecision: "seizures.precision",
  coordPrecision: "seizures.coordPrecisions",
};

/** What a value of each field may be mapped to, named in the UI language. */
function useTargets(): (field: MappableField) => Choice[] {
  const { t } = useTranslation();
  const lang = useLanguage();
  const drugs = useDrugs();
  return useMemo(() => {
    return (field: MappableField) => {
      const targets = mappingTargets(field);
      let choices: Choice[];
      if (field === "drug") choices = drugs.drugOptions;
      else if (targets === "country") choices = countryOptions(lang);
      else choices = targets.map((code) => ({ value: code, label: t(`${CODE_KEYS[field]}.${code}`) }));
      return REQUIRED_IMPORT_FIELDS.includes(field)
        ? choices
        : [{ value: NOT_AVAILABLE, label: t("importReport.values.notAvailable") }, ...choices];
    };
  }, [t, lang, drugs]);
}

/** The seizures' fields and codes for the shared value-mapping step of the import. */
export function useSeizureVocabulary(): ValueVocabulary {
  const { t } = useTranslation();
  const targets = useTargets();
  return useMemo(
    () => ({
      fieldLabel: (field: string) => t(`seizures.fields.${field}`),
      targets: (field: string) => targets(field as MappableField),
    }),
    [t, targets],
  );
}
