import type { Report } from "../../../common/trainings.js";
import { type TableColumn, writeCsv, writeXlsx } from "../../platform/tabular.js";
import type { TrainingsRepository } from "./trainings.repository.js";

/** Cells under this many persons are suppressed in reports anyone may read (no one is singled out). */
export const SUPPRESS_BELOW = 3;

type Dimension = Report["by"];

/** People trained by country, agency, sex, topic or year, with the repeat-training rates; aggregated only. */
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
  return {
    by,
    rows: [...groups]
      .map(([key, g]) => {
        const small = g.persons.size < SUPPRESS_BELOW;
        return { key, persons: small ? null : g.persons.size, participations: small ? null : g.participations };
      })
      .sort((a, b) => (b.persons ?? 0) - (a.persons ?? 0) || a.key.localeCompare(b.key)),
    totals: {
      persons,
      participations: rows.length,
      repeatRate: persons ? repeated / persons : 0,
      sameCourseRepeatRate: persons ? sameCourse / persons : 0,
    },
    suppressedBelow: SUPPRESS_BELOW,
  };
}

export async function exportReport(report: Report, format: "csv" | "xlsx"): Promise<Buffer> {
  const columns: TableColumn[] = [
    { key: "key", header: report.by, width: 30 },
    { key: "persons", header: "persons", width: 12 },
    { key: "participations", header: "participations", width: 16 },
  ];
  const rows = report.rows.map((r) => ({
    ...r,
    persons: r.persons ?? `<${report.suppressedBelow}`,
    participations: r.participations ?? "",
  }));
  if (format === "csv") return writeCsv(columns, rows);
  return writeXlsx(
    [
      {
        name: `Trained by ${report.by}`,
        columns,
        rows,
        preamble: [`People trained by ${report.by}`],
        notes: [
          `Persons: ${report.totals.persons}; participations: ${report.totals.participations}`,
          `Repeat-training rate: ${(report.totals.repeatRate * 100).toFixed(1)}%; same topic and level: ${(report.totals.sameCourseRepeatRate * 100).toFixed(1)}%`,
          `Cells under ${report.suppressedBelow} persons are suppressed.`,
        ],
      },
    ],
    { title: "Paris Pact training database" },
  );
}
