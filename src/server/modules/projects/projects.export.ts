import type { Language } from "../../../common/localized.js";
import type { Pivot, ProjectSummary } from "../../../common/projects.js";
import projectsEn from "../../../web/i18n/modules/projects.en.json" with { type: "json" };
import projectsRu from "../../../web/i18n/modules/projects.ru.json" with { type: "json" };
import {
  type Bilingual,
  countryNames,
  dateCell,
  type ExportColumn,
  labelsFrom,
  localizeColumns,
  numberCell,
} from "../../platform/export-labels.js";
import type { TableColumn } from "../../platform/tabular.js";

const label = labelsFrom(projectsEn, projectsRu);

/** The project list export: the reader's language for headers and every value but the project's own code. */
export const PROJECT_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { key: "code", header: { en: "Project code", ru: "Код проекта" }, width: 18, kind: "code" },
  { key: "title_en", header: { en: "Title (English)", ru: "Название (английский)" }, width: 50 },
  { key: "title_ru", header: { en: "Title (Russian)", ru: "Название (русский)" }, width: 50 },
  { key: "partner", header: { en: "Partner", ru: "Партнер" }, width: 30 },
  { key: "workflow", header: { en: "Status", ru: "Статус" }, width: 14 },
  { key: "stage", header: { en: "Stage", ru: "Этап" }, width: 16 },
  { key: "start", header: { en: "Planned start", ru: "Плановое начало" }, width: 14, kind: "date" },
  { key: "end", header: { en: "Planned end", ru: "Плановое окончание" }, width: 14, kind: "date" },
  { key: "countries", header: { en: "Countries", ru: "Страны" }, width: 30 },
  { key: "donors", header: { en: "Donors", ru: "Доноры" }, width: 30 },
  { key: "themes", header: { en: "Themes", ru: "Темы" }, width: 30 },
  { key: "pillars", header: { en: "Pillars", ru: "Направления" }, width: 12 },
  { key: "usd", header: { en: "Total, USD", ru: "Всего, долл. США" }, width: 16, kind: "money" },
  {
    key: "unconverted",
    header: { en: "Not converted (no rate)", ru: "Не пересчитано (нет курса)" },
    width: 20,
    kind: "code",
  },
];

export function projectExport(
  items: readonly ProjectSummary[],
  names: ReadonlyMap<string, { en: string; ru: string }>,
  lang: Language,
): { columns: TableColumn[]; rows: Record<string, unknown>[]; sheet: string } {
  const name = (code: string) => names.get(code)?.[lang] ?? (code.length === 3 ? countryNames(code, lang) : code);
  return {
    sheet: lang === "ru" ? "Проекты" : "Projects",
    columns: localizeColumns(PROJECT_EXPORT_COLUMNS, lang),
    rows: items.map((p) => ({
      code: p.code,
      title_en: p.title.en ?? "",
      title_ru: p.title.ru ?? "",
      partner: name(p.partnerCode),
      workflow: label("projects.workflow", p.workflow, lang),
      stage: label("projects.stage", p.stage, lang),
      start: dateCell(p.plannedStart),
      end: dateCell(p.plannedEnd),
      countries: countryNames(p.countries, lang),
      // Donors by their name in the list, in the reader's language; a donor not yet mapped as written.
      donors: p.donors.map(name).join("; "),
      themes: p.themes.map((t) => label("projects.theme", t, lang)).join("; "),
      pillars: p.pillars.join("; "),
      usd: numberCell(p.totalUsd),
      // Currency codes (ISO 4217) are what finance people read: kept as codes.
      unconverted: p.unconvertedCurrencies.join("; "),
    })),
  };
}

const DIMENSIONS: Record<string, Bilingual> = {
  donor: { en: "Donor", ru: "Донор" },
  country: { en: "Country", ru: "Страна" },
  pillar: { en: "Pillar", ru: "Направление" },
  theme: { en: "Theme", ru: "Тема" },
  year: { en: "Year", ru: "Год" },
  stage: { en: "Stage", ru: "Этап" },
  partner: { en: "Partner", ru: "Партнер" },
};
const MEASURES: Record<Pivot["measure"], Bilingual> = {
  usd: { en: "committed, USD", ru: "обязательства, долл. США" },
  disbursed_usd: { en: "disbursed, USD", ru: "выплачено, долл. США" },
  spent_usd: { en: "spent, USD", ru: "израсходовано, долл. США" },
  count: { en: "number of projects", ru: "число проектов" },
};

/**
 * The pivot as a sheet in the reader's language: donors, partners, countries, themes and stages by name, cells as
 * numbers (USD with cents, counts as integers), notes on what the figures hold.
 */
export function pivotExport(
  table: Pivot,
  q: { rows: string; columns?: string | undefined; measure: Pivot["measure"] },
  lang: Language,
): { columns: TableColumn[]; rows: Record<string, unknown>[]; preamble: string[]; notes: string[]; sheet: string } {
  const ru = lang === "ru";
  const name = (dim: string | undefined, key: string): string => {
    // Without a column dimension the one column holds the measure itself.
    if (!dim) return MEASURES[q.measure][lang].replace(/^./, (c) => c.toUpperCase());
    if (table.labels[key]) return table.labels[key][lang];
    if (dim === "country" || dim === "partner" || dim === "donor") return countryNames(key, lang);
    if (dim === "theme") return label("projects.theme", key, lang);
    if (dim === "stage") return label("projects.stage", key, lang);
    return key;
  };
  const mark = (draft: boolean | undefined) => (draft ? " *" : "");
  const kind = q.measure === "count" ? "integer" : "money";
  const columns = localizeColumns(
    [
      { key: "row", header: DIMENSIONS[q.rows] ?? { en: q.rows, ru: q.rows }, width: 30 },
      ...table.columns.map(
        (c, i): ExportColumn => ({
          key: `c${i}`,
          header: {
            en: `${name(q.columns, c)}${mark(table.draftColumns[i])}`,
            ru: `${name(q.columns, c)}${mark(table.draftColumns[i])}`,
          },
          kind,
        }),
      ),
      { key: "total", header: { en: "Total", ru: "Итого" }, kind },
    ],
    lang,
  );
  const rows = table.rows.map((r, i) => ({
    row: `${name(q.rows, r)}${mark(table.draftRows[i])}`,
    ...Object.fromEntries((table.cells[i] ?? []).map((v, j) => [`c${j}`, v])),
    total: table.rowTotals[i],
  }));
  const by = [q.rows, q.columns]
    .filter((d): d is string => !!d)
    .map((d) => (DIMENSIONS[d] ?? { en: d, ru: d })[lang].toLowerCase())
    .join(" × ");
  const preamble = [`ADAM: ${MEASURES[q.measure][lang]} ${ru ? "по" : "by"} ${by}`];
  const notes = [
    table.includesDrafts
      ? ru
        ? `* включает черновики или проекты на рассмотрении (${table.draftProjects}); иначе только опубликованные проекты`
        : `* includes draft or submitted projects (${table.draftProjects}); published projects only otherwise`
      : ru
        ? "Только опубликованные проекты."
        : "Published projects only.",
    ...(table.duplicatesLeftOut
      ? [
          ru
            ? `Проекты, отмеченные как дублирование усилий, учтены один раз (не учтено: ${table.duplicatesLeftOut}).`
            : `Projects labelled duplicate effort counted once (${table.duplicatesLeftOut} left out).`,
        ]
      : []),
    ...table.unconverted.map((u) =>
      ru
        ? `Не пересчитано в доллары США (нет курса на дату операции): ${u.amount} ${u.currency}`
        : `Not in USD (no rate on the transaction's date): ${u.amount} ${u.currency}`,
    ),
  ];
  return { columns, rows, preamble, notes, sheet: ru ? "Сводная таблица" : "Pivot" };
}
