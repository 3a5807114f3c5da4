import type { ChartData, FactsheetContent } from "../../../common/factsheets.js";
import { formatUnit } from "../../../common/format.js";
import type { Language, LocalizedText } from "../../../common/localized.js";
import { countryNames } from "../../platform/export-labels.js";
import { type TableColumn, type TableSheet, writeXlsx } from "../../platform/tabular.js";
import { KIND_NAMES } from "./factsheets.render.js";

const MARKETS: Record<string, { en: string; ru: string }> = {
  retail: { en: "Retail", ru: "Розница" },
  wholesale: { en: "Wholesale", ru: "Опт" },
};

const pick = (t: LocalizedText | undefined, lang: Language) => (t ? (t[lang] ?? t.en ?? t.ru ?? "") : "");

/** The data behind one chart as a table: one row per category, one column per series. */
export function chartTable(
  chart: ChartData,
  lang: Language,
): { columns: TableColumn[]; rows: Record<string, unknown>[] } {
  const columns: TableColumn[] = [
    { key: "category", header: lang === "ru" ? "Категория" : "Category", width: 28 },
    ...chart.series.map((s, i) => ({
      key: `s${i}`,
      header: `${pick(s.name, lang)} (${formatUnit(chart.unit, lang)})`,
      width: 18,
      numFmt: "#,##0.###",
    })),
  ];
  const rows = chart.categories.map((c, ci) =>
    Object.fromEntries([["category", pick(c, lang)], ...chart.series.map((s, si) => [`s${si}`, s.values[ci] ?? null])]),
  );
  return { columns, rows };
}

/** Every table and chart of a fact sheet as one workbook: the downloadable data behind the page and the PDF. */
export function factsheetWorkbook(content: FactsheetContent, lang: Language): Promise<Buffer> {
  const ru = lang === "ru";
  const preamble = [
    `${pick(content.title, lang)} — ${content.year}`,
    `${ru ? "Сформировано" : "Generated"}: ${content.generatedAt}`,
  ];
  // Seizure figures under the disclosure control (issue 17): withheld lines have no figures, partial sums say so.
  const status = (withheld: number | undefined, none = false) =>
    none
      ? ru
        ? "скрыто"
        : "withheld"
      : withheld
        ? ru
          ? `неполные (скрыто: ${withheld})`
          : `partial (${withheld} withheld)`
        : "";
  const disclosureNote =
    content.disclosure?.basis === "published_public"
      ? [
          ru
            ? `Только опубликованные общедоступные записи; строки менее чем из ${content.disclosure.minCases} изъятий или с преобладанием одного изъятия скрыты.`
            : `Published records shared publicly only; lines of fewer than ${content.disclosure.minCases} seizures, or dominated by one seizure, are withheld.`,
        ]
      : [];
  const sheets: TableSheet[] = [
    {
      name: ru ? "Основные показатели" : "Headlines",
      preamble,
      columns: [
        { key: "label", header: ru ? "Показатель" : "Figure", width: 40 },
        { key: "value", header: String(content.year), width: 16 },
        { key: "previous", header: String(content.year - 1), width: 16 },
        { key: "unit", header: ru ? "Ед." : "Unit", width: 8 },
        { key: "status", header: ru ? "Примечание" : "Note", width: 22 },
      ],
      rows: content.headlines.map((h) => ({
        label: pick(h.label, lang),
        value: h.value,
        previous: h.previous,
        unit: formatUnit(h.unit, lang),
        status: status((h.withheld ?? 0) + (h.previousWithheld ?? 0)),
      })),
      notes: disclosureNote,
    },
    {
      name: ru ? "Изъятия" : "Seizures",
      preamble,
      columns: [
        { key: "drug", header: ru ? "Наркотик" : "Drug", width: 28 },
        { key: "quantity", header: ru ? "Количество" : "Quantity", width: 16 },
        { key: "unit", header: ru ? "Ед." : "Unit", width: 8 },
        { key: "kg", header: ru ? "кг" : "kg", width: 14 },
        { key: "cases", header: ru ? "Случаи" : "Cases", width: 10 },
        { key: "status", header: ru ? "Примечание" : "Note", width: 22 },
      ],
      rows: content.seizures.map((s) => ({
        drug: pick(s.drugName, lang),
        quantity: s.quantity,
        unit: formatUnit(s.unit, lang),
        kg: s.kg,
        cases: s.cases,
        status: status(s.withheld, s.cases === null),
      })),
      notes: disclosureNote,
    },
    {
      name: ru ? "Показатели" : "Indicators",
      preamble,
      columns: [
        { key: "country", header: ru ? "Страна" : "Country", width: 20 },
        { key: "kind", header: ru ? "Показатель" : "Indicator", width: 22 },
        { key: "drug", header: ru ? "Наркотик" : "Drug", width: 18 },
        { key: "market", header: ru ? "Рынок" : "Market", width: 10 },
        { key: "typical", header: ru ? "Типичное" : "Typical", width: 12 },
        { key: "min", header: ru ? "Мин." : "Min", width: 10 },
        { key: "max", header: ru ? "Макс." : "Max", width: 10 },
        { key: "unit", header: ru ? "Ед." : "Unit", width: 10 },
        { key: "currency", header: ru ? "Валюта" : "Currency", width: 8 },
        { key: "usd", header: ru ? "Долл. США" : "USD", width: 10 },
        { key: "previous", header: ru ? "Пред. год" : "Previous year", width: 12 },
        { key: "source", header: ru ? "Источник" : "Source", width: 30 },
      ],
      rows: content.indicators.map((i) => ({
        country: countryNames(i.country, lang),
        kind: pick(KIND_NAMES[i.kind], lang),
        drug: pick(i.drugName, lang),
        market: i.market ? (MARKETS[i.market]?.[lang] ?? i.market) : "",
        typical: i.typical,
        min: i.min,
        max: i.max,
        unit: formatUnit(i.unit, lang),
        // Currency codes (ISO 4217) are what people read in price tables: kept as codes.
        currency: i.currency,
        usd: i.usdTypical,
        previous: i.previousTypical,
        source: i.source,
      })),
    },
    ...content.charts.map((chart) => ({
      name: pick(chart.title, lang).slice(0, 31),
      preamble: [pick(chart.title, lang)],
      ...chartTable(chart, lang),
    })),
  ];
  return writeXlsx(sheets, { title: preamble[0] });
}
