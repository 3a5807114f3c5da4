import { countryName as countryNameIn } from "../../../common/countries.js";
import type { ChartData, FactsheetContent, Indicator, IndicatorLine } from "../../../common/factsheets.js";
import type { LocalizedText } from "../../../common/localized.js";
import { DRUG_GROUP_NAMES } from "../../../common/seizures.js";
import { countryName } from "../partners/partners.service.js";
import { completeness, KIND_LABEL } from "./factsheets.completeness.js";
import {
  type DecidedCell,
  type ProtectedSum,
  publicSeizureFigures,
  seizureLines,
  sumOf,
} from "./factsheets.disclosure.js";
import { presentIndicator, presentTotal, round } from "./factsheets.present.js";
import type { FactsheetsRepository } from "./factsheets.repository.js";
import type { SeizureReader } from "./seizure-reader.js";

/** Treatment-facility statistics of countries (issue 9), when that module provides them. */
export type FacilitiesStats = (countries: string[]) => Promise<FactsheetContent["facilities"]>;

export interface ContentSubject {
  scope: "country" | "region";
  subject: string;
  title: LocalizedText;
  year: number;
  countries: string[];
  notes: { en?: string; ru?: string };
  sources: string[];
}

const TREND_YEARS = 5;

const change = (value: number | null, previous: number | null) =>
  value !== null && previous !== null && previous !== 0 ? round((value - previous) / previous, 4) : null;

const indicatorKey = (i: Pick<Indicator, "country" | "kind" | "drug" | "market" | "unit" | "currency">) =>
  [i.country, i.kind, i.drug, i.market, i.unit, i.currency].join("|");

const kgOf = (cells: readonly DecidedCell[]) => sumOf(cells, (c) => c.kg);
const casesOf = (cells: readonly DecidedCell[]) => sumOf(cells, (c) => c.cases);

/**
 * Builds everything a fact sheet shows from the indicators, the reported totals and the seizure records. A fact
 * sheet is public once published: its seizure figures come from the public basis through the disclosure control
 * (factsheets.disclosure.ts), never from the records the ARQ pages count.
 */
export async function buildContent(
  subject: ContentSubject,
  deps: { repo: FactsheetsRepository; reader: SeizureReader; facilities: FacilitiesStats | null },
): Promise<FactsheetContent> {
  const { year, countries } = subject;
  const years = Array.from({ length: TREND_YEARS }, (_, i) => year - TREND_YEARS + 1 + i);
  const { reader } = deps;
  const [figures, indicatorRows, totalRows, facilities] = await Promise.all([
    publicSeizureFigures(reader, countries, years, year),
    deps.repo.listIndicators({ countries, years }),
    deps.repo.listTotals({ countries, years: [year] }),
    deps.facilities ? deps.facilities(countries).catch(() => null) : Promise.resolve(null),
  ]);
  const { cells } = figures;
  const thisYear = cells.filter((r) => r.year === year);
  const lastYear = cells.filter((r) => r.year === year - 1);
  const seizures = seizureLines(thisYear, reader);
  const nameOf = (drug: string): LocalizedText => {
    const code = reader.canonicalDrug(drug);
    if (code) return reader.drugName(code);
    // Indicators are often reported for a whole drug group (prevalence of opiates, say).
    const group = DRUG_GROUP_NAMES[drug as keyof typeof DRUG_GROUP_NAMES];
    return group ?? (drug ? { en: drug, ru: drug } : { en: "—", ru: "—" });
  };
  const indicators = indicatorLines(indicatorRows.map(presentIndicator), year, nameOf);
  const byDrug = [...new Set(seizures.filter((s) => s.kg !== null).map((s) => s.drug))];
  const topDrugs = byDrug.slice(0, 5);
  const ofDrug = (list: DecidedCell[], drug: string) => list.filter((r) => r.drug === drug);
  const persons = (list: DecidedCell[]) => sumOf(list, (c) => c.persons);

  const headlines: FactsheetContent["headlines"] = [
    headline("seized_kg", { en: "Drugs seized", ru: "Изъято наркотиков" }, kgOf(thisYear), kgOf(lastYear), "kg"),
    headline("cases", { en: "Seizure cases", ru: "Случаи изъятия" }, casesOf(thisYear), casesOf(lastYear), ""),
    headline(
      "persons_arrested",
      { en: "Persons arrested", ru: "Задержано лиц" },
      persons(thisYear),
      persons(lastYear),
      "",
    ),
    ...topDrugs
      .slice(0, 3)
      .map((drug) =>
        headline(`kg:${drug}`, reader.drugName(drug), kgOf(ofDrug(thisYear, drug)), kgOf(ofDrug(lastYear, drug)), "kg"),
      ),
  ];
  const price = indicators.find((i) => i.kind === "price" && i.market === "retail" && i.usdTypical !== null);
  if (price)
    headlines.push({
      key: `price:${price.drug}`,
      label: {
        en: `Retail price of ${(price.drugName.en ?? price.drug).toLowerCase()} (USD/${price.unit})`,
        ru: `Розничная цена: ${(price.drugName.ru ?? price.drug).toLowerCase()} (USD/${price.unit === "g" ? "г" : price.unit})`,
      },
      value: price.usdTypical,
      unit: "USD",
      previous:
        price.previousTypical !== null && price.usdTypical !== null && price.typical
          ? round((price.previousTypical * price.usdTypical) / price.typical, 4)
          : null,
      change: price.change,
    });
  const treatment = indicators.filter((i) => i.kind === "treatment" && i.typical !== null);
  if (treatment.length)
    headlines.push(
      headline(
        "treatment",
        KIND_LABEL.treatment,
        { value: treatment.reduce((s, i) => s + (i.typical ?? 0), 0), withheld: 0 },
        {
          value: treatment.every((i) => i.previousTypical !== null)
            ? treatment.reduce((s, i) => s + (i.previousTypical ?? 0), 0)
            : null,
          withheld: 0,
        },
        "",
      ),
    );

  const charts: ChartData[] = [];
  // One bar per drug: every published cell that converts to mass, summed in kg.
  if (byDrug.length)
    charts.push({
      key: "seizures_by_drug",
      title: { en: `Seizures by drug, ${year} (kg)`, ru: `Изъятия по наркотикам, ${year} (кг)` },
      kind: "bar",
      unit: "kg",
      categories: byDrug.map((d) => reader.drugName(d)),
      series: [
        {
          name: { en: String(year), ru: String(year) },
          values: byDrug.map((d) => kgOf(ofDrug(thisYear, d)).value),
        },
      ],
    });
  if (topDrugs.length)
    charts.push({
      key: "seizures_trend",
      title: { en: `Seizures ${years[0]}–${year} (kg)`, ru: `Изъятия, ${years[0]}–${year} (кг)` },
      kind: "line",
      unit: "kg",
      categories: years.map((y) => ({ en: String(y), ru: String(y) })),
      series: topDrugs.map((drug) => ({
        name: reader.drugName(drug),
        values: years.map((y) => kgOf(cells.filter((r) => r.drug === drug && r.year === y)).value),
      })),
    });
  for (const market of ["retail", "wholesale"] as const) {
    const series = priceTrend(indicatorRows.map(presentIndicator), years, market, nameOf);
    if (!series.length) continue;
    charts.push({
      key: `prices_${market}`,
      title:
        market === "retail"
          ? { en: "Retail prices (USD per gram, typical)", ru: "Розничные цены (USD за грамм, типичные)" }
          : { en: "Wholesale prices (USD per kilogram, typical)", ru: "Оптовые цены (USD за килограмм, типичные)" },
      kind: "line",
      unit: market === "retail" ? "USD/g" : "USD/kg",
      categories: years.map((y) => ({ en: String(y), ru: String(y) })),
      series,
    });
  }
  const byCountry = countries.map((c) => {
    const own = thisYear.filter((r) => r.country === c);
    const cases = casesOf(own);
    return { country: c, name: countryName(c), kg: kgOf(own).value, cases: cases.value, withheld: cases.withheld };
  });
  if (subject.scope === "region")
    charts.push({
      key: "by_country",
      title: { en: `Seizures by country, ${year} (kg)`, ru: `Изъятия по странам, ${year} (кг)` },
      kind: "bar",
      unit: "kg",
      categories: byCountry.map((c) => c.name),
      series: [{ name: { en: String(year), ru: String(year) }, values: byCountry.map((c) => c.kg) }],
    });

  return {
    scope: subject.scope,
    subject: subject.subject,
    title: subject.title,
    year,
    countries: countries.map((c) => ({ code: c, name: countryName(c) })),
    generatedAt: new Date().toISOString(),
    headlines,
    seizures,
    personsArrested: persons(thisYear).value,
    origins: figures.origins,
    transportModes: figures.transportModes,
    byCountry,
    indicators: indicators.filter((i) => i.year === year).map(({ year: _y, ...rest }) => rest),
    reported: totalRows
      .map(presentTotal)
      .map((t) => ({ country: t.country, drug: t.drug, unit: t.unit, quantity: t.quantity, cases: t.cases })),
    charts,
    completeness: completeness(subject, {
      reader,
      thisYear,
      months: figures.months,
      indicators,
      totals: totalRows.length,
      byCountry,
    }),
    facilities,
    notes: subject.notes,
    sources: subject.sources,
    disclosure: {
      basis: "published_public",
      minCases: reader.publicRule.minCases,
      dominance: reader.publicRule.dominance,
      withheld: thisYear.filter((c) => c.withheld).length,
    },
  };
}

function headline(key: string, label: LocalizedText, value: ProtectedSum, previous: ProtectedSum, unit: string) {
  return {
    key,
    label,
    value: value.value,
    unit,
    previous: previous.value,
    change: change(value.value, previous.value),
    ...(value.withheld ? { withheld: value.withheld } : {}),
    ...(previous.withheld ? { previousWithheld: previous.withheld } : {}),
  };
}

/** This year's indicators, each with the same indicator's typical value of the year before. */
function indicatorLines(
  all: Indicator[],
  year: number,
  nameOf: (drug: string) => LocalizedText,
): (IndicatorLine & { year: number })[] {
  const previous = new Map(all.filter((i) => i.year === year - 1).map((i) => [indicatorKey(i), i]));
  return all
    .filter((i) => i.year === year)
    .map((i) => {
      const before = previous.get(indicatorKey(i))?.typical ?? null;
      return {
        year: i.year,
        country: i.country,
        kind: i.kind,
        drug: i.drug,
        drugName: nameOf(i.drug),
        market: i.market,
        unit: i.unit,
        currency: i.currency,
        typical: i.typical,
        min: i.min,
        max: i.max,
        usdTypical: i.usdTypical,
        source: i.source,
        note: i.note,
        previousTypical: before,
        change: change(i.typical, before),
      };
    });
}

/** Typical prices in USD per year, one series per country and drug, normalised to USD/g (retail) or USD/kg. */
function priceTrend(
  all: Indicator[],
  years: number[],
  market: "retail" | "wholesale",
  nameOf: (drug: string) => LocalizedText,
): ChartData["series"] {
  const perUnit: Record<string, number> = market === "retail" ? { g: 1, kg: 0.001 } : { kg: 1, g: 1000 };
  const keys = new Map<string, { name: LocalizedText; byYear: Map<number, number> }>();
  for (const i of all) {
    const factor = perUnit[i.unit];
    if (i.kind !== "price" || i.market !== market || i.usdTypical === null || factor === undefined) continue;
    const key = `${i.country}|${i.drug}`;
    const name = nameOf(i.drug);
    const entry = keys.get(key) ?? {
      // The country by name (issue 19: "Героин (UZB)" put a raw code on the chart, the PDF and the workbook).
      name: {
        en: `${name.en ?? i.drug} (${countryNameIn(i.country, "en")})`,
        ru: `${name.ru ?? i.drug} (${countryNameIn(i.country, "ru")})`,
      },
      byYear: new Map(),
    };
    entry.byYear.set(i.year, round(i.usdTypical * factor, 4));
    keys.set(key, entry);
  }
  return [...keys.values()]
    .slice(0, 8)
    .map((e) => ({ name: e.name, values: years.map((y) => e.byYear.get(y) ?? null) }));
}
