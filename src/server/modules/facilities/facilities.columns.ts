import { type ColumnMapping, IMPORT_FIELDS, type ImportField } from "../../../common/facilities.js";
import { normalizeHeader } from "../../platform/tabular.js";

/**
 * Column headers the import recognises, per target field: our template's own keys, the English and Russian
 * labels of the template, and the headers of public treatment locators (name, city, state, zip, phone,
 * website, latitude, longitude, services separated by ";").
 */
export const ALIASES: Record<ImportField, readonly string[]> = {
  name_en: [
    "name_en",
    "name",
    "facility name",
    "facility",
    "name1",
    "program name",
    "name (english)",
    "название (англ.)",
  ],
  name_ru: ["name_ru", "name (russian)", "название", "наименование", "название учреждения", "название (рус.)"],
  name_original: ["name_original", "original name", "name (original)", "local name", "название на языке оригинала"],
  org_type: [
    "org_type",
    "organization type",
    "type of organization",
    "ownership",
    "тип организации",
    "форма собственности",
  ],
  country: ["country", "country code", "iso3", "страна"],
  region: ["region", "state", "state or region", "province", "oblast", "регион", "область"],
  city: ["city", "town", "locality", "город", "населенный пункт"],
  address: ["address", "street", "street1", "street address", "адрес"],
  postcode: ["postcode", "zip", "zip code", "postal code", "post code", "индекс", "почтовый индекс"],
  latitude: ["latitude", "lat", "y", "широта"],
  longitude: ["longitude", "lon", "lng", "long", "x", "долгота"],
  phone: ["phone", "telephone", "phone number", "intake phone", "телефон"],
  email: ["email", "e-mail", "email address", "электронная почта", "эл. почта"],
  website: ["website", "web site", "url", "web", "сайт", "веб-сайт"],
  contact_person: ["contact_person", "contact", "contact person", "контактное лицо"],
  modalities: ["modalities", "modality", "treatment modalities", "type of care", "модальности", "виды помощи"],
  services: ["services", "services offered", "service", "услуги"],
  populations: ["populations", "populations served", "special programs", "target groups", "целевые группы"],
  languages: ["languages", "language", "языки"],
  capacity: ["capacity", "beds", "places", "number of beds", "мощность", "койки", "количество мест"],
  patients_per_year: ["patients_per_year", "patients per year", "clients per year", "пациентов в год"],
  accreditation: ["accreditation", "license", "licence", "аккредитация", "лицензия"],
  last_verified: ["last_verified", "last verified", "verified", "дата проверки"],
  sharing: ["sharing", "visibility", "доступ"],
};

const INDEX = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) for (const alias of ALIASES[field]) INDEX.set(normalizeHeader(alias), field);

export const ALL_ALIASES: string[] = Object.values(ALIASES).flat();

/** Suggests the column of each field the header row names (field → header); a field takes the first header naming it. */
export function suggestMapping(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const header of headers) {
    const field = header ? INDEX.get(normalizeHeader(header)) : undefined;
    if (field && !mapping[field]) mapping[field] = header;
  }
  return mapping;
}

/** Our template has its field keys as headers; a locator has name, coordinates and a services list but no country. */
export function detectLayout(headers: string[]): "template" | "treatment-locator" | "custom" {
  const normalized = new Set(headers.map(normalizeHeader));
  const keys = IMPORT_FIELDS.filter((f) => normalized.has(normalizeHeader(f))).length;
  if (keys >= 5 && normalized.has("nameen") && normalized.has("country")) return "template";
  const mapped = suggestMapping(headers);
  if (mapped.name_en && mapped.latitude && mapped.longitude && mapped.services) {
    return "treatment-locator";
  }
  return "custom";
}

/** Template headers, in order, for the downloadable template. */
export const TEMPLATE_HEADERS: readonly ImportField[] = IMPORT_FIELDS;
