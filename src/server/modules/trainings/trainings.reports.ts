import { formatPercent } from "../../../common/format.js";
import type { Language } from "../../../common/localized.js";
import type { Report } from "../../../common/trainings.js";
import { type DisclosureRule, protectWithin } from "../../platform/disclosure.js";
import { type Bilingual, countryNames, localizeColumns } from "../../platform/export-labels.js";
import { writeCsv, writeXlsx } from "../../platform/tabular.js";
import type { TrainingsRepository } from "./trainings.repository.js";

/** Rows under this many persons are withheld in reports anyone may read (no one is singled out). */
export const SUPPRESS_BELOW = 3;
const RULE: DisclosureRule = { minCases: SUPPRESS_BELOW, dominance: null };

type Dimension = Report["by"];

/**
 * People trained by country, agency, sex, topic or year, with the repeat-training rates; aggregated only.
 *
 * Anyone may read these reports, while a training's participants are open only to its organizers and to
 * coordinators (`trainings:personal`), so every figure goes through the disclosure control (platform/disclosure.ts,
 * issue 17). The five groupings are one-way tables of the same people under one grand total (persons and
 * participations, published in full): a withheld row would be the total less the published rows of its table, and
 * the totals of two tables published as sums of their own rows would differ by what each withholds. So the grand
 * total stays whole and each table gets complementary suppression (`protectWithin`): rows under 3 persons are
 * withheld together with the smallest others until the withheld rows add up to at least 3 persons. The rates are
 * shares of everyone trained, not of any row.
 */
export async function buildReport(repo: TrainingsRepository, by: Dimension): Promise<Report> {
  const rows = await repo.reportRows();
  const groups = new Map<string, { persons: Set<string>; participations: number }>();
  const perPerson = new Map<string, number>();
  const perPersonCourse = new Map<string, number>();
  for (const r of rows) {
    const person = r.person_id ?? r.id;
    perPerson.set(person, (perPerson.get(person) ?? 0) + 1);
    const course = `${person}|${r.topic}|${r.level}`;
    perPersonCourse.set(course, (perPersonCourse.get(course) ?? 0) + 1);
    const key = String((by === "year" ? r.year : r[by]) ?? "—");
    const group = groups.get(key) ?? { persons: new Set<string>(), participations: 0 };
    group.persons.add(person);
    group.participations++;
    groups.set(key, group);
  }
  const persons = perPerson.size;
  const repeated = [...perPerson.values()].filter((n) => n > 1).length;
  const sameCourse = new Set([...perPersonCourse].filter(([, n]) => n > 1).map(([k]) => k.split("|")[0])).size;
  const cells = [...groups].map(([key, g]) => ({
    key,
    cases: g.persons.size,
    magnitude: g.participations,
    largest: 0,
    participations: g.participations,
  }));
  const withheld = protectWithin(cells, RULE);
  return {
    by,
    rows: cells
      .map((c, i) =>
        withheld[i]
          ? { key: c.key, persons: null, participations: null }
          : { key: c.key, persons: c.cases, participations: c.participations },
      )
      .sort((a, b) => (b.persons ?? 0) - (a.persons ?? 0) || a.key.localeCompare(b.key)),
    withheld: withheld.filter(Boolean).length,
    totals: {
      persons,
      participations: rows.length,
      repeatRate: persons ? repeated / persons : 0,
      sameCourseRepeatRate: persons ? sameCourse / persons : 0,
    },
    suppressedBelow: SUPPRESS_BELOW,
  };
}

const DIMENSION_HEADERS: Record<Dimension, Bilingual> = {
  country: { en: "Country", ru: "Страна" },
  agency: { en: "Agency", ru: "Ведомство" },
  sex: { en: "Sex", ru: "Пол" },
  topic: { en: "Topic", ru: "Тема" },
  year: { en: "Year", ru: "Год" },
};
const SEXES: Record<string, Bilingual> = { F: { en: "Female", ru: "Женский" }, M: { en: "Male", ru: "Мужской" } };

/**
 * The report as CSV or XLSX in the reader's language: headers, country names, sexes and notes; counts as numbers, a
 * withheld row's counts empty with the word that says so.
 */
export async function exportReport(report: Report, format: "csv" | "xlsx", lang: Language = "en"): Promise<Buffer> {
  const ru = lang === "ru";
  const columns = localizeColumns(
    [
      { key: "key", header: DIMENSION_HEADERS[report.by], width: 30 },
      { key: "persons", header: { en: "Persons", ru: "Человек" }, width: 12, kind: "integer" },
      { key: "participations", header: { en: "Participations", ru: "Участий" }, width: 16, kind: "integer" },
    ],
    lang,
  );
  const withheld = ru ? "скрыто" : "withheld";
  const name = (key: string) =>
    report.by === "country" && key !== "—"
      ? countryNames(key, lang)
      : report.by === "sex"
        ? (SEXES[key]?.[lang] ?? key)
        : key;
  const rows = report.rows.map((r) => ({
    key: name(r.key),
    persons: r.persons ?? withheld,
    participations: r.participations ?? "",
  }));
  if (format === "csv") return writeCsv(columns, rows);
  const by = DIMENSION_HEADERS[report.by][lang].toLowerCase();
  const percent = (share: number) => formatPercent(share, lang, 1);
  return writeXlsx(
    [
      {
        name: ru ? `Обучено, ${by}` : `Trained by ${by}`,
        columns,
        rows,
        preamble: [ru ? `Прошедшие обучение: ${by}` : `People trained by ${by}`],
        notes: ru
          ? [
              `Человек: ${report.totals.persons}; участий: ${report.totals.participations}`,
              `Обучались более одного раза: ${percent(report.totals.repeatRate)}; повторно та же тема и уровень: ${percent(report.totals.sameCourseRepeatRate)}`,
              `Группы менее ${report.suppressedBelow} человек скрыты, как и группы, скрытые вместе с ними, чтобы их нельзя было вычислить из итогов.`,
            ]
          : [
              `Persons: ${report.totals.persons}; participations: ${report.totals.participations}`,
              `Repeat-training rate: ${percent(report.totals.repeatRate)}; same topic and level: ${percent(report.totals.sameCourseRepeatRate)}`,
              `Rows under ${report.suppressedBelow} persons are withheld, with as many others as it takes for the total less the published rows not to give any of them.`,
            ],
      },
    ],
    { title: ru ? "База данных обучения Парижского пакта" : "Paris Pact training database" },
  );
}
