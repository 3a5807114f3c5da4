import {
  type ChartData,
  type FactsheetContent,
  INDICATOR_KINDS,
  type Indicator,
  type IndicatorLine,
} from "../../../common/factsheets.js";
import type { LocalizedText } from "../../../common/localized.js";
import { countryName } from "../partners/partners.service.js";
import type { ArqService } from "./arq.service.js";
import { missingMonths } from "./arq.service.js";
import { presentIndicator, presentTotal, round } from "./factsheets.present.js";
import type { FactsheetsRepository } from "./factsheets.repository.js";
import type { SeizureAggregateRow, SeizureReader } from "./seizure-reader.js";

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

const KIND_LABEL: Record<(typeof INDICATOR_KINDS)[number], LocalizedText> = {
  price: { en: "Drug prices", ru: "Цены на наркотики" },
  purity: { en: "Purity", ru: "Чистота" },
  treatment: { en: "People in treatment", ru: "Лица, проходящие лечение" },
  prevalence: { en: "Prevalence", ru: "Распространённость" },
  precursor_seizure: { en: "Precursor seizures", ru: "Изъятия прекурсоров" },
  stopped_shipment: { en: "Stopped precursor shipments", ru: "Остановленные поставки прекурсоров" },
};

const change = (value: number | null, previous: number | null) =>
  value !== null && previous !== null && previous !== 0 ? round((value - previous) / previous, 4) : null;

const sumKg = (rows: SeizureAggregateRow[]) =>
  rows.some((r) => r.kg !== null) ? round(rows.reduce((s, r) => s + (r.kg ?? 0), 0)) : null;

const indicatorKey = (i: Pick<Indicator, "country" | "kind" | "drug" | "market" | "unit" | "currency">) =>
  [i.country, i.kind, i.drug, i.market, i.unit, i.currency].join("|");

/** Builds everything a fact sheet shows from the seizure records, the indicators and the reported totals. */
export async function buildContent(
  subject: ContentSubject,
  deps: { repo: FactsheetsRepository; arq: ArqService; reader: SeizureReader; facilities: FacilitiesStats | null },
): Promise<FactsheetContent> {
  const { year, countries } = subject;
  const years = Array.from({ length: TREND_YEARS }, (_, i) => year - TREND_YEARS + 1 + i);
  const { reader, arq } = deps;
  const [rows, indicatorRows, totalRows, persons, personsBefore, origins, transportModes, months, facilities] =
    await Promise.all([
      reader.aggregate(countries, years),
      deps.repo.listIndicators({ countries, years }),
      deps.repo.listTotals({ countries, years: [year] }),
      reader.personsArrested(countries, year),
      reader.personsArrested(countries, year - 1),
      arq.ranked(countries, year, "origin", 5),
      arq.ranked(countries, year, "transport", 5),
      reader.monthsWithRecords(countries, year),
      deps.facilities ? deps.facilities(countries).catch(() => null) : Promise.resolve(null),
    ]);
  const thisYear = rows.filter((r) => r.year === year);
  const lastYear = rows.filter((r) => r.year === year - 1);
  const seizures = arq.figuresFrom(thisYear);
  const nameOf = (drug: string): LocalizedText => {
    const code = reader.canonicalDrug(drug);
    return code ? reader.drugName(code) : drug ? { en: drug, ru: drug } : { en: "—", ru: "—" };
  };
  const indicators = indicatorLines(indicatorRows.map(presentIndicator), year, nameOf);
  const topDrugs = [...new Set(seizures.filter((s) => s.kg !== null).map((s) => s.drug))].slice(0, 5);

  const headlines: FactsheetContent["headlines"] = [
    headline("seized_kg", { en: "Drugs seized", ru: "Изъято наркотиков" }, sumKg(thisYear), sumKg(lastYear), "kg"),
    headline(
      "cases",
      { en: "Seizure cases", ru: "Случаи изъятия" },
      thisYear.length ? thisYear.reduce((n, r) => n + r.cases, 0) : null,
      lastYear.length ? lastYear.reduce((n, r) => n + r.cases, 0) : null,
      "",
    ),
    headline("persons_arrested", { en: "Persons arrested", ru: "Задержано лиц" }, persons, personsBefore, ""),
    ...topDrugs
      .slice(0, 3)
      .map((drug) =>
        headline(
          `kg:${drug}`,
          reader.drugName(drug),
          sumKg(thisYear.filter((r) => r.drug === drug)),
          sumKg(lastYear.filter((r) => r.drug === drug)),
          "kg",
        ),
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
        treatment.reduce((s, i) => s + (i.typical ?? 0), 0),
        treatment.every((i) => i.previousTypical !== null)
          ? treatment.reduce((s, i) => s + (i.previousTypical ?? 0), 0)
          : null,
        "",
      ),
    );

  const charts: ChartData[] = [];
  // One bar per drug: every unit that converts to mass summed in kg.
  const byDrug = topDrugs.length ? [...new Set(seizures.filter((s) => s.kg !== null).map((s) => s.drug))] : [];
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
          values: byDrug.map((d) => sumKg(thisYear.filter((r) => r.drug === d))),
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
        values: years.map((y) => sumKg(rows.filter((r) => r.drug === drug && r.year === y))),
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
    return { country: c, name: countryName(c), kg: sumKg(own), cases: own.reduce((n, r) => n + r.cases, 0) };
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
    personsArrested: persons,
    origins,
    transportModes,
    byCountry,
    indicators: indicators.filter((i) => i.year === year).map(({ year: _y, ...rest }) => rest),
    reported: totalRows
      .map(presentTotal)
      .map((t) => ({ country: t.country, drug: t.drug, unit: t.unit, quantity: t.quantity, cases: t.cases })),
    charts,
    completeness: completeness(subject, { reader, thisYear, months, indicators, totals: totalRows.length, byCountry }),
    facilities,
    notes: subject.notes,
    sources: subject.sources,
  };
}

function headline(key: string, label: LocalizedText, value: number | null, previous: number | null, unit: string) {
  return { key, label, value, unit, previous, change: change(value, previous) };
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
      name: { en: `${name.en ?? i.drug} (${i.country})`, ru: `${name.ru ?? i.drug} (${i.country})` },
      byYear: new Map(),
    };
    entry.byYear.set(i.year, round(i.usdTypical * factor, 4));
    keys.set(key, entry);
  }
  return [...keys.values()]
    .slice(0, 8)
    .map((e) => ({ name: e.name, values: years.map((y) => e.byYear.get(y) ?? null) }));
}

function completeness(
  subject: ContentSubject,
  data: {
    reader: SeizureReader;
    thisYear: SeizureAggregateRow[];
    months: number[];
    indicators: { kind: string }[];
    totals: number;
    byCountry: { country: string; name: LocalizedText; cases: number }[];
  },
): FactsheetContent["completeness"] {
  const missing = missingMonths(data.months);
  const flags: FactsheetContent["completeness"] = [
    {
      key: "seizure_records",
      ok: data.thisYear.length > 0 && missing.length === 0,
      label: { en: "Seizure records for every month", ru: "Записи об изъятиях за каждый месяц" },
      detail: !data.reader.available
        ? { en: "The seizure module is not available.", ru: "Модуль изъятий недоступен." }
        : data.thisYear.length === 0
          ? { en: "No validated seizure records for the year.", ru: "Нет проверенных записей об изъятиях за год." }
          : missing.length
            ? { en: `No records for months ${missing.join(", ")}.`, ru: `Нет записей за месяцы ${missing.join(", ")}.` }
            : null,
    },
    ...INDICATOR_KINDS.map((kind) => ({
      key: `indicator:${kind}`,
      ok: data.indicators.some((i) => i.kind === kind),
      label: KIND_LABEL[kind],
      detail: data.indicators.some((i) => i.kind === kind) ? null : { en: "Not entered.", ru: "Не введено." },
    })),
    {
      key: "reported_totals",
      ok: data.totals > 0,
      label: { en: "Officially reported national totals", ru: "Официально представленные национальные итоги" },
      detail: data.totals > 0 ? null : { en: "Not entered.", ru: "Не введено." },
    },
    {
      key: "notes_translated",
      ok: !!subject.notes.en && !!subject.notes.ru,
      label: { en: "Notes in English and Russian", ru: "Примечания на английском и русском" },
      detail:
        !subject.notes.en && !subject.notes.ru
          ? { en: "No notes.", ru: "Нет примечаний." }
          : !subject.notes.ru
            ? { en: "Russian missing.", ru: "Нет русского текста." }
            : !subject.notes.en
              ? { en: "English missing.", ru: "Нет английского текста." }
              : null,
    },
    {
      key: "sources",
      ok: subject.sources.length > 0,
      label: { en: "Sources listed", ru: "Указаны источники" },
      detail: subject.sources.length ? null : { en: "No sources.", ru: "Источники не указаны." },
    },
  ];
  if (subject.scope === "region") {
    const without = data.byCountry.filter((c) => c.cases === 0);
    flags.push({
      key: "countries_with_data",
      ok: without.length === 0,
      label: { en: "Seizure data from every country", ru: "Данные об изъятиях по всем странам" },
      detail: without.length
        ? {
            en: `No data: ${without.map((c) => c.name.en ?? c.country).join(", ")}.`,
            ru: `Нет данных: ${without.map((c) => c.name.ru ?? c.country).join(", ")}.`,
          }
        : null,
    });
  }
  return flags;
}
