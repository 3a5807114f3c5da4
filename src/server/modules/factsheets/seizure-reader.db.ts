import type { Kysely } from "kysely";
import type { LocalizedText } from "../../../common/localized.js";
import { DRUGS, drugOf } from "../../../common/seizures.js";
import type { DB } from "../../db/schema.js";
import { normalizeHeader } from "../../platform/tabular.js";
import { countryName } from "../partners/partners.service.js";
import { aggregateSeizures, PUBLIC_RULE, PublicGrid } from "../seizures/seizures.aggregates.js";
import { SeizureFigures } from "../seizures/seizures.figures.js";
import type { RankDimension, SeizureReader } from "./seizure-reader.js";

const TRANSPORT: Record<string, LocalizedText> = {
  air: { en: "Air", ru: "Воздушный" },
  sea: { en: "Sea", ru: "Морской" },
  road: { en: "Road", ru: "Автомобильный" },
  rail: { en: "Rail", ru: "Железнодорожный" },
  postal: { en: "Postal / courier", ru: "Почта / курьер" },
  pedestrian: { en: "Pedestrian", ru: "Пешком" },
  other: { en: "Other", ru: "Другое" },
};

/** Conversions to kilograms as the seizure module applies them (common/seizures.ts, docs/seizures.md). */
const CONVERSIONS: { unit: string; rule: LocalizedText }[] = [
  { unit: "kg", rule: { en: "As reported", ru: "Как указано" } },
  { unit: "g", rule: { en: "Divided by 1,000", ru: "Делится на 1000" } },
  {
    unit: "l",
    rule: {
      en: "Litres × density of the substance (1 kg/l unless documented, e.g. acetic anhydride 1.08 kg/l)",
      ru: "Литры × плотность вещества (1 кг/л, если не указано иное, например уксусный ангидрид 1,08 кг/л)",
    },
  },
  {
    unit: "tablet",
    rule: {
      en: "Tablets × documented mass per tablet (e.g. “captagon” 0.17 g); otherwise reported as a count",
      ru: "Таблетки × масса одной таблетки (например, «каптагон» 0,17 г); иначе учитываются штуками",
    },
  },
  {
    unit: "dose",
    rule: {
      en: "Doses × documented mass per dose (e.g. heroin 0.03 g); otherwise reported as a count",
      ru: "Дозы × масса одной дозы (например, героин 0,03 г); иначе учитываются штуками",
    },
  },
  {
    unit: "plant",
    rule: { en: "Never converted to mass; reported as a count", ru: "В массу не пересчитываются; учитываются штуками" },
  },
  {
    unit: "unit",
    rule: { en: "Never converted to mass; reported as a count", ru: "В массу не пересчитываются; учитываются штуками" },
  },
];

const ALIASES = new Map<string, string>();
for (const d of DRUGS) {
  ALIASES.set(normalizeHeader(d.code), d.code);
  ALIASES.set(normalizeHeader(d.name.en), d.code);
  ALIASES.set(normalizeHeader(d.name.ru), d.code);
  for (const a of d.aliases) ALIASES.set(normalizeHeader(a), d.code);
}

/** The seizure records of this platform, read through the seizure module's read API (seizures.figures.ts). */
export function databaseSeizureReader(db: Kysely<DB>): SeizureReader {
  const repo = new SeizureFigures(db);
  // The public statistics' own grid and rule, on the primary (a published edition freezes what it shows), so a
  // fact sheet's drug lines split exactly the drug-group cells visitors get.
  const grid = new PublicGrid();
  return {
    available: true,
    aggregate: (countries, years) => repo.aggregate(countries, years),
    ranked: (countries, year, dimension, limit) => repo.ranked(countries, year, dimension, limit),
    personsArrested: (countries, year) => repo.personsArrested(countries, year),
    monthsWithRecords: (countries, year) => repo.monthsWithRecords(countries, year),
    records: (country, year, drugs, limit) => repo.records(country, year, drugs, limit),
    publicCells: (countries, years) => repo.publicCells(countries, years),
    publicGroups: async (countries, years) => {
      if (!countries.length || !years.length) return [];
      const rows = await aggregateSeizures(
        db,
        { countries, years, groupBy: ["country", "year", "drugGroup"], audience: { kind: "public" } },
        grid,
      );
      return rows.map((r) => ({
        country: String(r.country),
        year: Number(r.year),
        group: String(r.drugGroup),
        published: !r.suppressed,
      }));
    },
    publicBreakdown: (countries, year, dimension) => repo.publicBreakdown(countries, year, dimension),
    publicRule: PUBLIC_RULE,
    drugName: (code) => drugOf(code)?.name ?? { en: code },
    drugGroup: (code) => drugOf(code)?.group ?? null,
    codeName: (dimension: RankDimension, code) =>
      dimension === "transport" ? (TRANSPORT[code] ?? { en: code }) : countryName(code),
    conversions: () => CONVERSIONS,
    canonicalDrug: (name) => ALIASES.get(normalizeHeader(name)) ?? null,
  };
}
