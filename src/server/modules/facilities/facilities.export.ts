import { type FacilityReference, IMPORT_FIELDS, type ImportField } from "../../../common/facilities.js";
import { languageName } from "../../../common/format.js";
import type { Language } from "../../../common/localized.js";
import {
  type Bilingual,
  countryNames,
  dateCell,
  type ExportKind,
  localizeColumns,
  numberCell,
} from "../../platform/export-labels.js";
import type { TableColumn, TableSheet } from "../../platform/tabular.js";
import type { FacilityRow } from "./facilities.repository.js";

/** Export columns are the template's: an exported file can be corrected and imported again. */
export function facilityExportColumns(): TableColumn[] {
  return IMPORT_FIELDS.map((key) => ({ key, header: key, width: key.startsWith("name") ? 40 : 16 }));
}

export function facilityExportRows(rows: FacilityRow[]): Record<string, unknown>[] {
  return rows.map((r) => ({
    name_en: r.name.en ?? null,
    name_ru: r.name.ru ?? null,
    name_original: r.name_original,
    org_type: r.org_type,
    country: r.country,
    region: r.region,
    city: r.city,
    address: r.address,
    postcode: r.postcode,
    latitude: r.latitude,
    longitude: r.longitude,
    phone: r.phone,
    email: r.email,
    website: r.website,
    contact_person: r.contact_person,
    modalities: r.modalities.join("; "),
    services: r.services.join("; "),
    populations: r.populations.join("; "),
    languages: r.languages.join("; "),
    capacity: r.capacity,
    patients_per_year: r.patients_per_year,
    accreditation: r.accreditation,
    last_verified: r.last_verified,
    sharing: r.sharing,
  }));
}

/**
 * The export's headers in the reader's language. Each is one the import recognises (facilities.columns.ts), and
 * every value is written the way the import reads it back (country names, EN/RU labels, language names), so a
 * Russian export can be corrected and imported again.
 */
const HEADERS: Record<ImportField, Bilingual> = {
  name_en: { en: "Name (English)", ru: "Название (англ.)" },
  name_ru: { en: "Name (Russian)", ru: "Название (рус.)" },
  name_original: { en: "Name (original)", ru: "Название на языке оригинала" },
  org_type: { en: "Organization type", ru: "Тип организации" },
  country: { en: "Country", ru: "Страна" },
  region: { en: "Region", ru: "Регион" },
  city: { en: "City", ru: "Город" },
  address: { en: "Address", ru: "Адрес" },
  postcode: { en: "Postcode", ru: "Почтовый индекс" },
  latitude: { en: "Latitude", ru: "Широта" },
  longitude: { en: "Longitude", ru: "Долгота" },
  phone: { en: "Phone", ru: "Телефон" },
  email: { en: "Email", ru: "Электронная почта" },
  website: { en: "Website", ru: "Сайт" },
  contact_person: { en: "Contact person", ru: "Контактное лицо" },
  modalities: { en: "Modalities", ru: "Виды помощи" },
  services: { en: "Services", ru: "Услуги" },
  populations: { en: "Populations", ru: "Целевые группы" },
  languages: { en: "Languages", ru: "Языки" },
  capacity: { en: "Capacity", ru: "Количество мест" },
  patients_per_year: { en: "Patients per year", ru: "Пациентов в год" },
  accreditation: { en: "Accreditation", ru: "Аккредитация" },
  last_verified: { en: "Last verified", ru: "Дата проверки" },
  sharing: { en: "Sharing", ru: "Доступ" },
};
const KINDS: Partial<Record<ImportField, ExportKind>> = {
  latitude: "decimal",
  longitude: "decimal",
  capacity: "integer",
  patients_per_year: "integer",
  last_verified: "date",
};
const SHARING: Record<string, Bilingual> = {
  public: { en: "Public", ru: "Открытый" },
  restricted: { en: "Restricted", ru: "Ограниченный" },
};

export function localizedFacilityColumns(lang: Language): TableColumn[] {
  return localizeColumns(
    IMPORT_FIELDS.map((key) => ({
      key,
      header: HEADERS[key],
      width: key.startsWith("name") ? 40 : 16,
      ...(KINDS[key] ? { kind: KINDS[key] } : {}),
    })),
    lang,
  );
}

/** The facilities in the reader's language: names of countries, organization types, lists and languages. */
export function localizedFacilityRows(
  rows: FacilityRow[],
  reference: FacilityReference,
  lang: Language,
): Record<string, unknown>[] {
  const labels = new Map<string, string>();
  for (const item of [...reference.modalities, ...reference.services, ...reference.populations, ...reference.orgTypes])
    labels.set(item.code, item.label[lang] ?? item.label.en ?? item.code);
  const named = (codes: readonly string[]) => codes.map((c) => labels.get(c) ?? c).join("; ");
  return facilityExportRows(rows).map((r, i) => {
    const row = rows[i] as FacilityRow;
    return {
      ...r,
      org_type: row.org_type ? (labels.get(row.org_type) ?? row.org_type) : null,
      country: countryNames(row.country, lang),
      latitude: numberCell(row.latitude as number | string | null),
      longitude: numberCell(row.longitude as number | string | null),
      modalities: named(row.modalities),
      services: named(row.services),
      populations: named(row.populations),
      languages: row.languages.map((l) => (/^[a-z]{2,3}$/.test(l) ? languageName(l, lang) : l)).join("; "),
      capacity: numberCell(row.capacity as number | string | null),
      patients_per_year: numberCell(row.patients_per_year as number | string | null),
      last_verified: dateCell(row.last_verified as string | null),
      sharing: SHARING[row.sharing]?.[lang] ?? row.sharing,
    };
  });
}

/** The import template: an example row, then one sheet per code list with English and Russian labels. */
export function templateColumns(reference: FacilityReference): TableSheet[] {
  const example: Record<string, unknown> = {
    name_en: "Republican Clinical Centre of Narcology",
    name_ru: "Республиканский клинический центр наркологии",
    org_type: "public",
    country: "TJK",
    region: "Dushanbe",
    city: "Dushanbe",
    latitude: 38.5598,
    longitude: 68.787,
    modalities: "outpatient; short_term_inpatient",
    services: "opioid_agonist_therapy; withdrawal_management; hiv_testing",
    populations: "adults; women",
    languages: "tg; ru",
    capacity: 120,
    last_verified: "2025-01-15",
    sharing: "public",
  };
  const codes = (name: string, items: { code: string; label: { en?: string; ru?: string } }[]): TableSheet => ({
    name,
    columns: [
      { key: "code", header: "code", width: 30 },
      { key: "en", header: "English", width: 60 },
      { key: "ru", header: "Русский", width: 60 },
    ],
    rows: items.map((i) => ({ code: i.code, en: i.label.en, ru: i.label.ru })),
  });
  return [
    {
      name: "Facilities",
      columns: facilityExportColumns(),
      rows: [example],
      notes: ["Lists are separated by ';'. Codes or English/Russian labels are accepted; see the other sheets."],
    },
    codes("modalities", reference.modalities),
    codes("services", reference.services),
    codes("populations", reference.populations),
    codes(
      "org_type",
      reference.orgTypes.map((o) => ({ code: o.code, label: o.label })),
    ),
  ];
}
