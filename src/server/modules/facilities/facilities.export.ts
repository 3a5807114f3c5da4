import { type FacilityReference, IMPORT_FIELDS } from "../../../common/facilities.js";
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
