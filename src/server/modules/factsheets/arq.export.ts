import type { NationalFigures, Reconciliation } from "../../../common/factsheets.js";
import { unitSymbol } from "../../../common/format.js";
import type { Language, LocalizedText } from "../../../common/localized.js";
import { DRUG_GROUP_NAMES } from "../../../common/seizures.js";
import { type TableSheet, writeXlsx } from "../../platform/tabular.js";

/**
 * The ARQ seizure tables as an XLSX workbook laid out like the questionnaire's drug-supply part: one table of
 * seizures per drug and unit (quantity, unit, number of cases), then trafficking (origin, transit,
 * destination), modes of transport, persons arrested, and the reconciliation with the reported totals.
 */
const T = {
  en: {
    title: "Annual Report Questionnaire — Part III: Drug supply — seizures",
    country: "Country",
    year: "Year",
    generated: "Generated",
    basis: "Computed from the validated and published individual seizure records of the Drugs Monitoring Platform.",
    seizures: "Seizures",
    trafficking: "Trafficking",
    transport: "Transport",
    arrests: "Persons arrested",
    reconciliation: "Reconciliation",
    group: "Drug group",
    drug: "Drug/substance",
    quantity: "Quantity seized",
    unit: "Unit",
    kg: "Quantity in kg",
    cases: "Number of cases",
    role: "Role",
    rank: "Rank",
    iso3: "ISO3",
    name: "Country",
    mode: "Mode of transport",
    persons: "Persons arrested",
    origin: "Origin",
    transit: "Transit",
    destination: "Destination",
    records: "From records",
    reported: "Officially reported",
    difference: "Difference",
    explanation: "Explanation",
    conversions: "Conversions to kg:",
    none: "No data",
  },
  ru: {
    title: "Вопросник к ежегодному докладу — часть III: предложение наркотиков — изъятия",
    country: "Страна",
    year: "Год",
    generated: "Сформировано",
    basis: "Рассчитано по проверенным и опубликованным записям об отдельных изъятиях Платформы мониторинга наркотиков.",
    seizures: "Изъятия",
    trafficking: "Незаконный оборот",
    transport: "Транспорт",
    arrests: "Задержанные",
    reconciliation: "Сверка",
    group: "Группа наркотиков",
    drug: "Наркотик/вещество",
    quantity: "Изъятое количество",
    unit: "Единица",
    kg: "Количество в кг",
    cases: "Число случаев",
    role: "Роль",
    rank: "Место",
    iso3: "ISO3",
    name: "Страна",
    mode: "Вид транспорта",
    persons: "Задержано лиц",
    origin: "Происхождение",
    transit: "Транзит",
    destination: "Назначение",
    records: "По записям",
    reported: "Официально сообщено",
    difference: "Разница",
    explanation: "Пояснение",
    conversions: "Пересчёт в кг:",
    none: "Нет данных",
  },
} as const;

const pick = (text: LocalizedText, lang: Language) => text[lang] ?? text.en ?? text.ru ?? "";

export async function arqWorkbook(
  figures: NationalFigures,
  reconciliation: Reconciliation,
  lang: Language,
): Promise<Buffer> {
  const t = T[lang];
  const preamble = [
    t.title,
    `${t.country}: ${pick(figures.countryName, lang)}`,
    `${t.year}: ${figures.year}`,
    `${t.generated}: ${new Date().toISOString().slice(0, 10)}`,
    t.basis,
  ];
  const sheets: TableSheet[] = [
    {
      name: t.seizures,
      preamble,
      columns: [
        { key: "group", header: t.group, width: 22 },
        { key: "drug", header: t.drug, width: 30 },
        { key: "quantity", header: t.quantity, width: 18, numFmt: "#,##0.###" },
        { key: "unit", header: t.unit, width: 10 },
        { key: "kg", header: t.kg, width: 18, numFmt: "#,##0.###" },
        { key: "cases", header: t.cases, width: 16, numFmt: "#,##0" },
      ],
      rows: figures.seizures.map((s) => ({
        // Names, not codes (issue 19): the drug group and the unit in the reader's language.
        group: s.group ? (DRUG_GROUP_NAMES[s.group as keyof typeof DRUG_GROUP_NAMES]?.[lang] ?? s.group) : "",
        drug: pick(s.drugName, lang),
        quantity: s.quantity,
        unit: unitSymbol(s.unit, lang),
        kg: s.kg,
        cases: s.cases,
      })),
      notes: [t.conversions, ...figures.conversions.map((c) => `${unitSymbol(c.unit, lang)}: ${pick(c.rule, lang)}`)],
    },
    {
      name: t.trafficking,
      preamble,
      columns: [
        { key: "role", header: t.role, width: 16 },
        { key: "rank", header: t.rank, width: 8 },
        { key: "name", header: t.name, width: 30 },
        { key: "iso3", header: t.iso3, width: 8 },
        { key: "cases", header: t.cases, width: 16 },
      ],
      rows: (
        [
          ["origin", figures.origins],
          ["transit", figures.transit],
          ["destination", figures.destinations],
        ] as const
      ).flatMap(([role, list]) =>
        list.map((r, i) => ({ role: t[role], rank: i + 1, name: pick(r.name, lang), iso3: r.code, cases: r.cases })),
      ),
    },
    {
      name: t.transport,
      preamble,
      columns: [
        { key: "rank", header: t.rank, width: 8 },
        { key: "mode", header: t.mode, width: 26 },
        { key: "cases", header: t.cases, width: 16 },
      ],
      rows: figures.transportModes.map((r, i) => ({ rank: i + 1, mode: pick(r.name, lang), cases: r.cases })),
    },
    {
      name: t.arrests,
      preamble,
      columns: [
        { key: "label", header: t.persons, width: 30 },
        { key: "value", header: "", width: 14 },
      ],
      rows: [
        { label: t.persons, value: figures.personsArrested ?? t.none },
        { label: t.cases, value: figures.totalCases },
      ],
    },
    {
      name: t.reconciliation,
      preamble,
      columns: [
        { key: "drug", header: t.drug, width: 26 },
        { key: "unit", header: t.unit, width: 10 },
        { key: "records", header: t.records, width: 16, numFmt: "#,##0.###" },
        { key: "reported", header: t.reported, width: 18, numFmt: "#,##0.###" },
        { key: "difference", header: t.difference, width: 14, numFmt: "#,##0.###" },
        { key: "explanation", header: t.explanation, width: 80 },
      ],
      rows: reconciliation.lines.map((l) => ({
        drug: pick(l.drugName, lang) || l.drug,
        unit: unitSymbol(l.unit, lang),
        records: l.recordsQuantity,
        reported: l.reportedQuantity,
        difference: l.difference,
        explanation: l.explanations.map((e) => pick(e, lang)).join(" "),
      })),
    },
  ];
  return writeXlsx(sheets, { title: `${t.title} — ${pick(figures.countryName, lang)} ${figures.year}` });
}
