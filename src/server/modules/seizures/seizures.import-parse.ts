import countries from "i18n-iso-countries";
import {
  COORD_PRECISIONS,
  DATE_PRECISIONS,
  DRUGS,
  IMPORT_FIELDS,
  type ImportField,
  MAPPABLE_FIELDS,
  type MappableField,
  mappingTargets,
  SEIZURE_FIELDS,
  SEIZURE_ROUTES,
  type SEXES,
  type SeizureInputParsed,
  SHARING_LEVELS,
  UNITS,
  type Unit,
} from "../../../common/seizures.js";
import {
  IDS_DRUGS,
  IDS_PLACES,
  IDS_TRANSPORT_MODES,
  IDS_UNITS,
  UNODC_SEIZURE_TABLE_DRUGS,
} from "../../../common/vocabularies/unodc-ids.js";
import { type ImportLayout, moduleIssues } from "../../platform/imports/pipeline.js";
import type { ImportVocabulary } from "../../platform/imports/values.js";
import { normalizeHeader } from "../../platform/tabular.js";
import { isCalendarDay, RULE_MESSAGES } from "./seizures.rules.js";

/**
 * Reading the cells of a seizure file: the two layouts we recognise (UNODC's public IDS export and our own
 * template), placeholders such as "Data not available", numbers stored as text with either decimal mark,
 * dates in the forms spreadsheets produce, and the vocabularies' many spellings.
 */

/**
 * UNODC's public IDS export, columns exactly as the export names them: the field registry's `ids` headers, and
 * the columns we read otherwise (the country's name) or not at all.
 */
export const IDS_COLUMNS: Record<string, ImportField | null> = {
  ...Object.fromEntries(
    IMPORT_FIELDS.flatMap((f) => {
      const ids = (SEIZURE_FIELDS[f].import as { ids?: string }).ids;
      return ids ? [[ids, f]] : [];
    }),
  ),
  "Country/Territory of Seizure": null,
  Region: null,
  Subregion: null,
};
export const IDS_COUNTRY_NAME = "Country/Territory of Seizure";

/** Our template: one column per field, headed by its column's name. */
export const TEMPLATE_HEADERS: Record<ImportField, string> = Object.fromEntries(
  IMPORT_FIELDS.map((f) => [f, SEIZURE_FIELDS[f].column]),
) as Record<ImportField, string>;

/** Number cells (the quantity and the registry's number fields): they decide the file's decimal separator. */
function isNumberField(f: ImportField): boolean {
  return f === "quantity" || SEIZURE_FIELDS[f].import.read === "number";
}

/** The columns the layouts find: the import's fields, and IDS columns read otherwise (the country's name) or not. */
export type LayoutColumn = ImportField | "countryName" | "region" | "subregion";
const IDS_OTHER_COLUMNS: Record<string, LayoutColumn> = {
  [IDS_COUNTRY_NAME]: "countryName",
  Region: "region",
  Subregion: "subregion",
};

/**
 * The layouts the seizure import recognises, found by the platform's pipeline (`findLayout`): UNODC's IDS export
 * (six of its headers) and our template (four of its headers); a file of neither is mapped by the person importing.
 */
export const SEIZURE_LAYOUTS: readonly ImportLayout<LayoutColumn>[] = [
  {
    name: "unodc-ids",
    minMatches: 6,
    columns: Object.entries(IDS_COLUMNS).map(([header, field]) => ({
      field: field ?? (IDS_OTHER_COLUMNS[header] as LayoutColumn),
      headers: [header],
      ...(field && isNumberField(field) ? { number: true } : {}),
    })),
  },
  {
    name: "template",
    minMatches: 4,
    columns: IMPORT_FIELDS.map((f) => ({
      field: f,
      headers: [TEMPLATE_HEADERS[f]],
      ...(isNumberField(f) ? { number: true } : {}),
    })),
  },
];

export const PLACEHOLDERS = new Set(
  [
    "data not available",
    "not available",
    "n/a",
    "na",
    "-",
    "--",
    "..",
    "...",
    "unknown",
    "nil",
    "none",
    "нет данных",
    "неизвестно",
  ].map((s) => s.toLowerCase()),
);

/** Longer than any placeholder: cannot be one (the common case, checked without allocating). */
const LONGEST_PLACEHOLDER = Math.max(...[...PLACEHOLDERS].map((p) => p.length));

/** First characters a placeholder can start with (after spaces): any other cell is not one, checked at once. */
const PLACEHOLDER_STARTS = new Set([...PLACEHOLDERS].flatMap((p) => [p[0], p[0]?.toUpperCase()]));

export function isBlank(value: string | undefined): boolean {
  if (value === undefined || value === "") return true;
  if (value.length > LONGEST_PLACEHOLDER + 8) return false;
  const first = value[0] as string;
  if (first !== " " && first !== "\t" && first !== "\u00a0" && !PLACEHOLDER_STARTS.has(first)) return false;
  return isPlaceholder(value);
}

/**
 * A pure function of a cell's text, remembered: a file repeats the same few drugs, units and countries on every
 * row, and normalising them again for each of a million rows is most of an import's time.
 */
function memo<T>(fn: (text: string) => T, limit = 20_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined && !cache.has(text)) {
      value = fn(text);
      if (cache.size >= limit) cache.clear();
      cache.set(text, value);
    }
    return value as T;
  };
}

const norm = memo((s: string) => normalizeHeader(s));
const isPlaceholder = memo((value: string) => {
  const v = value.trim();
  return v === "" || PLACEHOLDERS.has(v.toLowerCase());
});

const DRUG_INDEX = new Map<string, string>();
for (const d of DRUGS) {
  for (const alias of [d.code, d.name.en, d.name.ru, ...d.aliases]) DRUG_INDEX.set(norm(alias), d.code);
}
// UNODC's labels, as published (its seizure table's, then its IDS export's), win over any synonym of ours spelled alike.
for (const [label, code] of Object.entries(UNODC_SEIZURE_TABLE_DRUGS)) DRUG_INDEX.set(norm(label), code);
for (const [label, code] of Object.entries(IDS_DRUGS)) DRUG_INDEX.set(norm(label), code);

const UNIT_ALIASES: Record<string, { unit: Unit; factor: number }> = {};
for (const [unit, factor, aliases] of [
  ["g", 1, ["g", "gr", "gram", "grams", "gramme", "grammes", "г", "гр", "грамм", "граммы"]],
  ["kg", 1, ["kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "кг", "килограмм", "килограммы"]],
  ["kg", 1000, ["t", "ton", "tons", "tonne", "tonnes", "т", "тонна", "тонны"]],
  ["l", 1, ["l", "lt", "litre", "litres", "liter", "liters", "л", "литр", "литры"]],
  ["l", 0.001, ["ml", "millilitre", "millilitres", "milliliter", "milliliters", "мл"]],
  ["tablet", 1, ["tablet", "tablets", "tab", "tabs", "pill", "pills", "таблетка", "таблетки", "таб"]],
  [
    "unit",
    1,
    ["unit", "units", "piece", "pieces", "item", "items", "pcs", "шт", "штука", "штуки", "единица", "единицы"],
  ],
  ["plant", 1, ["plant", "plants", "растение", "растения", "куст", "кусты"]],
  ["dose", 1, ["dose", "doses", "blotter", "blotters", "доза", "дозы"]],
] as const) {
  for (const a of aliases) UNIT_ALIASES[norm(a)] = { unit: unit as Unit, factor };
}
for (const [label, unit] of Object.entries(IDS_UNITS)) UNIT_ALIASES[norm(label)] = { unit, factor: 1 };

function aliasMap(entries: [string, readonly string[]][], published: Readonly<Record<string, string>> = {}) {
  const map = new Map<string, string>();
  for (const [code, aliases] of entries) for (const a of [code, ...aliases]) map.set(norm(a), code);
  for (const [label, code] of Object.entries(published)) map.set(norm(label), code);
  return map;
}

const PLACE_TYPES = aliasMap(
  [
    [
      "land_border",
      [
        "border",
        "land border",
        "border crossing",
        "border crossing point",
        "border checkpoint",
        "граница",
        "сухопутная граница",
        "пограничный пункт",
      ],
    ],
    ["airport", ["airport", "air port", "аэропорт"]],
    ["seaport", ["seaport", "sea port", "port", "harbour", "harbor", "морской порт", "порт"]],
    [
      "postal",
      ["postal", "mail", "mail centre", "mail center", "post office", "courier", "почта", "почтовое отправление"],
    ],
    ["inland", ["inland", "within country", "in country", "city", "внутри страны"]],
    ["road", ["road", "highway", "checkpoint", "road checkpoint", "дорога", "трасса"]],
    ["rail", ["rail", "railway", "train station", "железная дорога"]],
    ["other", ["other", "другое"]],
    ["dwelling", ["dwelling", "residence", "home", "house", "private dwelling", "жилище", "жилой дом", "квартира"]],
    ["outdoor", ["outdoor", "open air", "под открытым небом"]],
    ["prison", ["prison", "detention centre", "detention center", "тюрьма", "исправительное учреждение"]],
    ["warehouse", ["warehouse", "склад"]],
    ["healthcare", ["pharmacy", "hospital", "аптека", "больница"]],
    ["commercial", ["commercial premises", "shop", "store", "магазин"]],
    ["station", ["bus station", "railway station", "вокзал", "автовокзал"]],
    ["hotel", ["hotel", "гостиница"]],
    ["education", ["school", "university", "school university library", "школа", "университет"]],
    ["territorial_waters", ["territorial waters", "территориальные воды"]],
    ["international_waters", ["international waters", "международные воды"]],
  ],
  IDS_PLACES,
);

const TRANSPORT_MODES = aliasMap(
  [
    ["air", ["air", "aircraft", "plane", "air passenger", "air cargo", "воздушный", "самолет"]],
    ["sea", ["sea", "maritime", "vessel", "ship", "boat", "container", "морской", "судно"]],
    ["road", ["road", "land", "vehicle", "private vehicle", "commercial vehicle", "автомобильный"]],
    ["rail", ["rail", "train", "railway", "поезд", "железнодорожный"]],
    ["postal", ["postal", "mail", "post", "parcel", "courier", "почта", "посылка"]],
    ["pedestrian", ["pedestrian", "on foot", "foot", "body carrier", "bicycle", "пешком", "пешеход"]],
    ["other", ["other", "другое"]],
    ["car", ["car", "motorcycle", "автомобиль", "легковой автомобиль", "мотоцикл"]],
    ["truck", ["truck", "lorry", "van", "грузовик", "фургон"]],
    ["train_bus", ["bus", "train or bus", "автобус"]],
  ],
  IDS_TRANSPORT_MODES,
);

const enumMap = (values: readonly string[]) => aliasMap(values.map((v) => [v, [v.replace(/_/g, " ")]]));
const ROUTES = enumMap(SEIZURE_ROUTES);
const SHARING = enumMap(SHARING_LEVELS);
const SOURCES = aliasMap([
  ["official", ["official report", "official", "government", "ids", "arq"]],
  ["partner", ["partner"]],
  ["open_source", ["open source", "media", "press", "osint"]],
]);
const DATE_PRECISION = enumMap(DATE_PRECISIONS);
const COORD_PRECISION = enumMap(COORD_PRECISIONS);

/** A number written as text: "1,234.5", "1 234,5", "12.5 kg", "1.5e3". */
export function parseNumber(text: string): number | null {
  let t = text.replace(/[\s\u00a0\u202f']/g, "").replace(/[a-zа-яё]+\.?$/i, "");
  if (!t) return null;
  if (/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(t)) return Number(t);
  const lastComma = t.lastIndexOf(",");
  const lastDot = t.lastIndexOf(".");
  if (lastComma >= 0 && lastDot >= 0) {
    t = lastComma > lastDot ? t.replace(/\./g, "").replace(",", ".") : t.replace(/,/g, "");
  } else if (lastComma >= 0) {
    t = /^-?\d{1,3}(,\d{3})+$/.test(t) ? t.replace(/,/g, "") : t.replace(",", ".");
  } else if (/^-?\d{1,3}(\.\d{3}){2,}$/.test(t)) {
    t = t.replace(/\./g, "");
  }
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A date with its precision: ISO, D/M/Y or D.M.Y, "Mar 2021", "2021-03", "2021", or an Excel serial number.
 * Remembered: a file's seizures fall on a few thousand days at most.
 */
export const parseDate = memo(dateOf);

function dateOf(text: string): { date: string; precision: "day" | "month" | "year" } | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(t);
  if (m) return dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(t);
  if (m) return dayOf(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})[-/.](\d{1,2})$/.exec(t) ?? null;
  if (m)
    return Number(m[2]) >= 1 && Number(m[2]) <= 12
      ? { date: `${m[1]}-${pad(Number(m[2]))}-01`, precision: "month" }
      : null;
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m)
    return Number(m[1]) >= 1 && Number(m[1]) <= 12
      ? { date: `${m[2]}-${pad(Number(m[1]))}-01`, precision: "month" }
      : null;
  m = /^(\d{4})$/.exec(t);
  if (m) return { date: `${m[1]}-01-01`, precision: "year" };
  m = /^(\d{5})(\.\d+)?$/.exec(t);
  if (m) {
    const d = new Date(Date.UTC(1899, 11, 30) + Number(m[1]) * 86400000);
    return { date: d.toISOString().slice(0, 10), precision: "day" };
  }
  const parsed = Date.parse(`${t} UTC`);
  if (!Number.isNaN(parsed) && /[a-z]/i.test(t)) {
    const d = new Date(parsed);
    const precision = /\b\d{1,2}\b.*\d{4}|\d{4}.*\b\d{1,2}\b/.test(t.replace(/\d{4}/, "")) ? "day" : "month";
    return {
      date: precision === "day" ? d.toISOString().slice(0, 10) : `${d.toISOString().slice(0, 7)}-01`,
      precision,
    };
  }
  return null;
}

function dayOf(y: number, mo: number, d: number): { date: string; precision: "day" } | null {
  return isCalendarDay(y, mo, d) ? { date: `${y}-${pad(mo)}-${pad(d)}`, precision: "day" } : null;
}

export const parseCountry = memo(countryOf);

function countryOf(text: string): string | null {
  const t = text.trim();
  if (/^[A-Za-z]{3}$/.test(t) && countries.isValid(t.toUpperCase())) return t.toUpperCase();
  return countries.getAlpha3Code(t, "en") ?? countries.getAlpha3Code(t, "ru") ?? null;
}

/** The countries of a list cell, as written: "TJK; UZB", "Afghanistan > Iran", "AFG → TUR". */
export function splitCountryList(text: string): string[] {
  return text
    .split(/[;,|/]+|\s+>\s+|\s*→\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "TJK:M:2; AFG:F:1" → arrests by nationality and sex. */
export function parseArrests(text: string): SeizureInputParsed["arrests"] | null {
  const out: SeizureInputParsed["arrests"] = [];
  for (const part of text
    .split(/[;,]+/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [nat = "", sex = "", count = "1"] = part.split(":").map((s) => s.trim());
    const nationality = parseCountry(nat);
    const s =
      sex.toLowerCase().startsWith("f") || sex.toLowerCase().startsWith("ж")
        ? "female"
        : sex.toLowerCase().startsWith("m") || sex.toLowerCase().startsWith("м")
          ? "male"
          : "unknown";
    const n = Number(count);
    if (!nationality || !Number.isInteger(n) || n < 1) return null;
    out.push({ nationality, sex: s as (typeof SEXES)[number], count: n });
  }
  return out;
}

export const lookup = {
  drug: (t: string) => DRUG_INDEX.get(norm(t)) ?? null,
  unit: (t: string) => UNIT_ALIASES[norm(t)] ?? null,
  placeType: (t: string) => PLACE_TYPES.get(norm(t)) ?? null,
  transportMode: (t: string) => TRANSPORT_MODES.get(norm(t)) ?? null,
  route: (t: string) => ROUTES.get(norm(t)) ?? null,
  sharing: (t: string) => SHARING.get(norm(t)) ?? null,
  sourceType: (t: string) => SOURCES.get(norm(t)) ?? null,
  datePrecision: (t: string) => DATE_PRECISION.get(norm(t)) ?? null,
  coordPrecision: (t: string) => COORD_PRECISION.get(norm(t)) ?? null,
};

/** A code the value-mapping step gave, read as the field's value (null when it is not one of the field's codes). */
export function targetOf(field: MappableField, code: string): unknown {
  if (mappingTargets(field) === "country") return countries.isValid(code) ? code : null;
  if (field === "unit") return (UNITS as readonly string[]).includes(code) ? { unit: code as Unit, factor: 1 } : null;
  const targets = mappingTargets(field);
  return targets !== "country" && targets.includes(code) ? code : null;
}

/** The seizure import's name in the platform's value-mapping store (`import_value_mappings.kind`). */
export const IMPORT_KIND = "seizures";

/**
 * The seizure fields the value-mapping step of the platform (`platform/imports/values.ts`) asks about: the values a
 * country column holds mean the same whatever country's rows they are on (remembered for any source, '*'); the
 * others are remembered per country of the rows.
 */
export const VOCABULARIES: Readonly<Record<MappableField, ImportVocabulary>> = Object.fromEntries(
  MAPPABLE_FIELDS.map((f) => [
    f,
    { isTarget: (code: string) => targetOf(f, code) !== null, anySource: mappingTargets(f) === "country" },
  ]),
) as Record<MappableField, ImportVocabulary>;

export const ISSUE_MESSAGES: Record<string, { en: string; ru: string }> = {
  ...RULE_MESSAGES,
  not_positive: { en: "The quantity must be greater than zero.", ru: "Количество должно быть больше нуля." },
  unknown_drug: {
    en: "Not a drug or substance of the controlled list.",
    ru: "Это вещество отсутствует в контролируемом перечне.",
  },
  unknown_unit: {
    en: "Unknown unit (use g, kg, l, tablet, unit, plant or dose).",
    ru: "Неизвестная единица (используйте г, кг, л, таблетки, штуки, растения или дозы).",
  },
  invalid_list: {
    en: "List of ISO3 country codes expected (separated by ;).",
    ru: "Ожидается список кодов стран ISO3 (через ;).",
  },
  invalid_arrests: {
    en: "Arrests are written as NATIONALITY:SEX:COUNT, e.g. TJK:M:2; AFG:F:1.",
    ru: "Аресты записываются как ГРАЖДАНСТВО:ПОЛ:ЧИСЛО, например TJK:M:2; AFG:F:1.",
  },
  unknown_layout: {
    en: "The columns were not recognised. Map the file's columns to the fields, or use the template.",
    ru: "Столбцы не распознаны. Сопоставьте столбцы файла с полями или используйте шаблон.",
  },
  empty: { en: "The file has no seizure rows.", ru: "В файле нет строк с изъятиями." },
};

/** A problem of a seizure file: the seizure import's messages, then those of the pipeline and the platform. */
export const makeIssue = moduleIssues(ISSUE_MESSAGES);
