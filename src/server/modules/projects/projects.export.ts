import type { Language } from "../../../common/localized.js";
import type { ProjectSummary } from "../../../common/projects.js";
import projectsEn from "../../../web/i18n/modules/projects.en.json" with { type: "json" };
import projectsRu from "../../../web/i18n/modules/projects.ru.json" with { type: "json" };
import {
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
