import { describe, expect, it } from "vitest";
import type { Pivot } from "../../../common/projects.js";
import type { Dashboard } from "../../../common/seizures.js";
import { tablesOf } from "./reports.render.js";

const pivot = (rows: string[], columns: string[]): Pivot => ({
  rows,
  columns,
  cells: rows.map(() => columns.map(() => 1)),
  rowTotals: rows.map(() => columns.length),
  columnTotals: columns.map(() => rows.length),
  total: rows.length * columns.length,
  measure: "count",
  labels: {},
  includesDrafts: false,
  draftProjects: 0,
  draftCells: rows.map(() => columns.map(() => false)),
  draftRows: rows.map(() => false),
  draftColumns: columns.map(() => false),
  duplicatesLeftOut: 0,
  unconverted: [],
});

describe("report tables name codes in the recipient's language", () => {
  const dmp = {
    totals: { cases: 3, massKg: 12 },
    byCountry: [{ country: "TJK", cases: 3, massKg: 12 }],
    byDrug: [{ drug: "heroin", cases: 3, massKg: 12 }],
    byRoute: [
      { route: "northern", cases: 2, massKg: 10 },
      { route: "none", cases: 1, massKg: 2 },
    ],
  } as unknown as Dashboard;

  it("names drugs and routes of the DMP dashboard", () => {
    const en = tablesOf("dmp.dashboard", {}, dmp, "en");
    const ru = tablesOf("dmp.dashboard", {}, dmp, "ru");
    expect(en[2]?.rows).toEqual([["Heroin", 3, 12]]);
    expect(ru[2]?.rows[0]?.[0]).toBe("Героин");
    expect(en[3]?.rows.map((r) => r[0])).toEqual(["Northern route", "No route given"]);
    expect(ru[3]?.rows[0]?.[0]).toBe("Северный маршрут");
    expect(JSON.stringify(ru)).not.toMatch(/heroin|northern/);
  });

  it("names themes, stages and pillars of the ADAM pivot", () => {
    const p = pivot(["border_control", "precursors"], ["1", "3"]);
    const en = tablesOf("adam.pivot", { rows: "theme", columns: "pillar" }, p, "en")[0];
    const ru = tablesOf("adam.pivot", { rows: "theme", columns: "pillar" }, p, "ru")[0];
    expect(en?.headers).toEqual(["Theme", "Pillar 1", "Pillar 3", "Total"]);
    expect(en?.rows.map((r) => r[0])).toEqual(["Border control", "Precursors", "Total"]);
    expect(ru?.headers).toEqual(["Тема", "Направление 1", "Направление 3", "Итого"]);
    expect(ru?.rows.map((r) => r[0])).not.toContain("border_control");
    const stages = tablesOf("adam.pivot", { rows: "stage" }, pivot(["implementation"], []), "ru")[0];
    expect(stages?.rows[0]?.[0]).not.toBe("implementation");
  });
});
