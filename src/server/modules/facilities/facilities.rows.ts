import countries from "i18n-iso-countries";
import type { FacilitySharing, FacilityValueField, ImportField, OrgType } from "../../../common/facilities.js";
import { languageName } from "../../../common/format.js";
import type { ImportIssue } from "../../../common/imports.js";
import type { FieldError } from "../../http/errors.js";
import { moduleIssues } from "../../platform/imports/pipeline.js";
import { checkFacility } from "./facilities.checks.js";
import { FACILITY_REFERENCE, lookupLabel, normalizeLabel } from "./facilities.reference.js";
import type { FacilityValues } from "./facilities.repository.js";

/**
 * Messages of the facility import's own issue codes, in both languages; the codes every import shares (`required`,
 * `unknown_country`, `invalid_date`, `too_long`, …) are the platform's (`platform/import-messages.ts`).
 */
export const MESSAGES: Record<string, { en: string; ru: string }> = {
  name_required: {
    en: "The facility needs a name (English, Russian or original).",
    ru: "Нужно название учреждения (на английском, русском или языке оригинала).",
  },
  country_required: {
    en: "No country: add a country column or choose the country of the file.",
    ru: "Не указана страна: добавьте столбец страны или выберите страну для файла.",
  },
  country_not_in_scope: {
    en: "You may not enter facilities for this country.",
    ru: "Вы не можете вносить учреждения этой страны.",
  },
  invalid_number: { en: "Not a whole number ≥ 0.", ru: "Не целое неотрицательное число." },
  invalid_coordinate: { en: "Not a valid coordinate.", ru: "Недопустимая координата." },
  outside_country: {
    en: "The coordinates are not inside the facility's country.",
    ru: "Координаты находятся за пределами страны учреждения.",
  },
  invalid_org_type: {
    en: "Organization type must be public, NGO or private.",
    ru: "Тип организации: государственная, НПО или частная.",
  },
  invalid_email: { en: "Not an e-mail address.", ru: "Неверный адрес электронной почты." },
  invalid_url: { en: "Not a web address.", ru: "Неверный веб-адрес." },
  invalid_sharing: {
    en: "Sharing must be public or restricted.",
    ru: "Доступ: открытый (public) или ограниченный (restricted).",
  },
  duplicate_row: {
    en: "The same facility (name, city, country) appears earlier in the file.",
    ru: "То же учреждение (название, город, страна) уже встречается выше в файле.",
  },
  duplicate_in_file: {
    en: "Repeats a facility of an earlier row (same name, city and country, coordinates within 100 m): merge the repeats or keep both.",
    ru: "Повторяет учреждение из строки выше (то же название, город и страна, координаты в пределах 100 м): объедините повторы или сохраните оба.",
  },
  no_name_column: {
    en: "No column is mapped to a facility name.",
    ru: "Ни один столбец не сопоставлен с названием учреждения.",
  },
  unknown_layout: {
    en: "The columns of the file were not recognised: map them to the facility fields (a name at least) and check again.",
    ru: "Столбцы файла не распознаны: сопоставьте их с полями учреждения (хотя бы название) и проверьте снова.",
  },
};

export const issue = moduleIssues(MESSAGES);

const ORG_TYPES: Record<string, OrgType> = {};
for (const [type, labels] of Object.entries({
  public: ["public", "government", "state", "governmental", "государственная", "государственный", "муниципальная"],
  ngo: ["ngo", "non-profit", "nonprofit", "non-governmental", "нпо", "нко", "общественная", "неправительственная"],
  private: ["private", "for-profit", "private for-profit", "частная", "частный", "коммерческая"],
}))
  for (const label of labels) ORG_TYPES[normalizeLabel(label)] = type as OrgType;
// The reference's own labels ("Неправительственная организация"), as the export writes them.
for (const { code, label } of FACILITY_REFERENCE.orgTypes)
  for (const text of [label.en, label.ru]) if (text) ORG_TYPES[normalizeLabel(text)] = code;

export interface RowContext {
  /** Spreadsheet row number. */
  row: number;
  /** Header → cell value of the mapped columns. */
  cells: Map<ImportField, { column: string; value: string }>;
  defaultCountry: string | undefined;
  defaultSharing: FacilitySharing;
  /**
   * The pipeline's value-mapping step for a value the reference does not know (`platform/imports/values.ts`): the
   * code it was mapped to, null for "not available", undefined when nobody has mapped it yet (listed for the step).
   */
  mapValue: (field: FacilityValueField, value: string, at: { source: string | null; column: string }) => MappedValue;
}

type MappedValue = string | null | undefined;

const SHARING_LEVELS: readonly FacilitySharing[] = ["public", "restricted"];
const LABEL_CODES = new Set<string>([
  ...FACILITY_REFERENCE.modalities.map((m) => `modality:${m.code}`),
  ...FACILITY_REFERENCE.services.map((m) => `service:${m.code}`),
  ...FACILITY_REFERENCE.populations.map((m) => `population:${m.code}`),
]);

/**
 * The codes each value field may be mapped to: a country's ISO3 (remembered for every source: "Киргизия" means KGZ in
 * any file), an organization type, a sharing level, and for a modality, service or population label its `kind:code`.
 */
export const FACILITY_VOCABULARIES = {
  country: { isTarget: (code: string) => /^[A-Z]{3}$/.test(code) && countries.isValid(code), anySource: true },
  org_type: { isTarget: (code: string) => FACILITY_REFERENCE.orgTypes.some((o) => o.code === code) },
  sharing: { isTarget: (code: string) => (SHARING_LEVELS as readonly string[]).includes(code) },
  labels: { isTarget: (code: string) => LABEL_CODES.has(code) },
} satisfies Record<FacilityValueField, { isTarget(code: string): boolean; anySource?: boolean }>;

export interface ParsedRow {
  row: number;
  values: FacilityValues;
}

function resolveCountry(value: string): string | null {
  const v = value.trim();
  if (/^[A-Za-z]{3}$/.test(v) && countries.isValid(v.toUpperCase())) return v.toUpperCase();
  if (/^[A-Za-z]{2}$/.test(v)) return countries.alpha2ToAlpha3(v.toUpperCase()) ?? null;
  return countries.getAlpha3Code(v, "en") ?? countries.getAlpha3Code(v, "ru") ?? null;
}

function isCyrillic(text: string): boolean {
  return /[\u0400-\u04ff]/.test(text);
}

/**
 * Languages a file may name instead of giving codes (a Russian export writes "русский; таджикский"): the languages
 * of the region and of the platform, by their English and Russian names. A name not in the list is kept as written.
 */
const LANGUAGE_CODES = (
  "ru en tg uz kk ky tk fa ps ur ar tr az hy ka uk be ro de fr es it zh hi mn sq sr bg el mk bs hr sl pl cs sk hu lt " +
  "lv et ku ug"
).split(" ");
const LANGUAGE_NAMES = new Map<string, string>();
for (const code of LANGUAGE_CODES)
  for (const lang of ["en", "ru"] as const) LANGUAGE_NAMES.set(normalizeLabel(languageName(code, lang)), code);
function languageCode(value: string): string {
  if (/^[a-z]{2,3}$/.test(value)) return value;
  return LANGUAGE_NAMES.get(normalizeLabel(value)) ?? value;
}

const splitList = (value: string) =>
  value
    .split(/[;\n|]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Parses and checks one row. Returns the record's values, or the issues that refuse it (errors), plus
 * warnings for labels that matched nothing.
 */
export function parseRow(ctx: RowContext): { parsed?: ParsedRow; errors: ImportIssue[] } {
  const errors: ImportIssue[] = [];
  // A value nobody has mapped yet: the row waits for the value-mapping step (not an error; the file is held).
  let pending = false;
  const mapped = (field: FacilityValueField, value: string, column: string, source: string | null) => {
    const target = ctx.mapValue(field, value, { source, column });
    if (target === undefined) pending = true;
    return target;
  };
  const get = (f: ImportField) => ctx.cells.get(f);
  const fail = (f: ImportField, code: string) => {
    const c = get(f);
    errors.push(issue(ctx.row, c?.column ?? null, c?.value ?? null, code));
  };
  const text = (f: ImportField, max: number): string | null => {
    const c = get(f);
    if (!c) return null;
    if (c.value.length > max) {
      fail(f, "too_long");
      return null;
    }
    return c.value;
  };
  const int = (f: ImportField): number | null => {
    const c = get(f);
    if (!c) return null;
    const n = Number(c.value.replace(/[\s\u00a0]/g, ""));
    if (!Number.isInteger(n) || n < 0 || n > 10_000_000) {
      fail(f, "invalid_number");
      return null;
    }
    return n;
  };
  const coordinate = (f: ImportField, limit: number): number | null => {
    const c = get(f);
    if (!c) return null;
    const n = Number(c.value.replace(",", "."));
    if (!Number.isFinite(n) || Math.abs(n) > limit) {
      fail(f, "invalid_coordinate");
      return null;
    }
    return n;
  };

  // Names: English and Russian when given; an original name alone fills the language its script shows.
  let en = text("name_en", 300);
  let ru = text("name_ru", 300);
  const original = text("name_original", 300);
  if (!en && !ru && original) {
    if (isCyrillic(original)) ru = original;
    else en = original;
  }
  if (!en && !ru && !errors.length) errors.push(issue(ctx.row, null, null, "name_required"));

  // A country the reference does not know is mapped once (to a country, or to "not available": the file's country).
  const countryCell = get("country");
  let country = countryCell
    ? (resolveCountry(countryCell.value) ?? mapped("country", countryCell.value, countryCell.column, null))
    : null;
  if (country === null) country = ctx.defaultCountry ?? null;
  if (country === null) errors.push(issue(ctx.row, countryCell?.column ?? null, null, "country_required"));
  // The memory of the other values is the source's: the rows' country.
  const source = country ?? null;

  let orgType: OrgType | null = null;
  const orgCell = get("org_type");
  if (orgCell)
    orgType =
      ORG_TYPES[normalizeLabel(orgCell.value)] ??
      ((mapped("org_type", orgCell.value, orgCell.column, source) ?? null) as OrgType | null);

  let sharing = ctx.defaultSharing;
  const sharingCell = get("sharing");
  if (sharingCell) {
    const s = normalizeLabel(sharingCell.value);
    // Compared normalized on both sides: the normalization drops the breve of "й" ("открытый" → "открытыи").
    if (["public", "публичный", "открытый"].map(normalizeLabel).includes(s)) sharing = "public";
    else if (["restricted", "ограниченный"].map(normalizeLabel).includes(s)) sharing = "restricted";
    else sharing = (mapped("sharing", sharingCell.value, sharingCell.column, source) as FacilitySharing) ?? sharing;
  }

  let email = text("email", 254);
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
    fail("email", "invalid_email");
    email = null;
  }
  let website = text("website", 500);
  if (website) {
    const withScheme = /^https?:\/\//i.test(website) ? website : `https://${website}`;
    try {
      const url = new URL(withScheme);
      if (!url.hostname.includes(".")) throw new Error("no host");
      website = url.toString();
    } catch {
      fail("website", "invalid_url");
      website = null;
    }
  }
  let lastVerified = text("last_verified", 40);
  if (lastVerified) {
    const d = lastVerified.slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d))) {
      fail("last_verified", "invalid_date");
      lastVerified = null;
    } else lastVerified = d;
  }

  // Modalities, services and populations: every label is looked up wherever it was written; a label the reference
  // does not know is mapped once to one of their codes (`kind:code`), or to "not available" (left out).
  const codes = { modality: new Set<string>(), service: new Set<string>(), population: new Set<string>() };
  for (const f of ["modalities", "services", "populations"] as const) {
    const c = get(f);
    if (!c) continue;
    for (const label of splitList(c.value)) {
      const targets = lookupLabel(label);
      if (targets.length === 0) {
        const [kind, code] = (mapped("labels", label, c.column, source) ?? "").split(":");
        if (code && (kind === "modality" || kind === "service" || kind === "population")) codes[kind].add(code);
      }
      for (const t of targets) codes[t.kind].add(t.code);
    }
  }

  const values: FacilityValues = {
    name: { ...(en ? { en } : {}), ...(ru ? { ru } : {}) },
    name_original: original,
    org_type: orgType,
    country: country ?? "",
    region: text("region", 200),
    city: text("city", 200),
    address: text("address", 500),
    postcode: text("postcode", 20),
    latitude: coordinate("latitude", 90),
    longitude: coordinate("longitude", 180),
    phone: text("phone", 60),
    email,
    website,
    contact_person: text("contact_person", 200),
    modalities: [...codes.modality],
    services: [...codes.service],
    populations: [...codes.population],
    languages: get("languages")
      ? splitList(get("languages")?.value ?? "")
          .slice(0, 20)
          .map(languageCode)
      : [],
    capacity: int("capacity"),
    patients_per_year: int("patients_per_year"),
    accreditation: text("accreditation", 500),
    last_verified: lastVerified,
    sharing,
    source: null,
    created_by: null,
  };
  if (errors.length || pending) return { errors };
  for (const e of checkFacility(values, "row")) errors.push(fromFieldError(ctx, e));
  if (errors.length) return { errors };
  return { parsed: { row: ctx.row, values }, errors };
}

const FIELD_OF_PATH: Record<string, ImportField> = {
  latitude: "latitude",
  longitude: "longitude",
  country: "country",
  lastVerified: "last_verified",
};

function fromFieldError(ctx: RowContext, e: FieldError): ImportIssue {
  const field = FIELD_OF_PATH[e.path.split(".")[1] ?? ""];
  const cell = field ? ctx.cells.get(field) : undefined;
  const value =
    e.code === "outside_country"
      ? `${ctx.cells.get("latitude")?.value ?? ""}, ${ctx.cells.get("longitude")?.value ?? ""}`
      : (cell?.value ?? null);
  return issue(ctx.row, cell?.column ?? null, value, e.code);
}

/** Key that tells two rows (or a row and a record) are the same facility. */
export function matchKey(v: {
  name: { en?: string; ru?: string };
  name_original?: string | null;
  city: string | null;
  country: string;
}) {
  const name = v.name.en ?? v.name.ru ?? v.name_original ?? "";
  return `${v.country}|${normalizeLabel(name)}|${normalizeLabel(v.city ?? "")}`;
}
