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

  it("gives each layer of a saved seizure map its table, countries and drugs named", () => {
    // The country layer is the map page's read (`/seizures/map/countries`): the countries with seizures.
    const countries = {
      items: [
        { country: "TJK", cases: 3, massKg: 12 },
        { country: "AFG", cases: 5, massKg: 40 },
        { country: "UZB", cases: 1, massKg: 0.5 },
      ],
      asOf: null,
    };
    const [choropleth] = tablesOf("dmp.map", {}, countries, "ru", { view: "choropleth" });
    expect(choropleth?.headers).toEqual(["Страна", "Случаи", "Масса, кг"]);
    expect(choropleth?.rows).toEqual([
      ["Афганистан", 5, 40],
      ["Таджикистан", 3, 12],
      ["Узбекистан", 1, 0.5],
    ]);
    const points = {
      drugs: ["heroin", "opium"],
      lon: [1, 2, 3],
      lat: [1, 2, 3],
      kg: [1.5, 2, 10],
      drug: [0, 0, 1],
      id: ["a", "b", "c"],
      truncated: true,
    };
    const [byDrug] = tablesOf("dmp.map", {}, points, "en", { view: "points" });
    expect(byDrug?.rows).toEqual([
      ["Opium", 1, 10],
      ["Heroin", 2, 3.5],
      ["Total", 3, 13.5],
    ]);
    expect(byDrug?.title).toMatch(/first 3 points/);
    const flows = { items: [{ from: "AFG", to: "TJK", cases: 2, massKg: 7 }] };
    const [legs] = tablesOf("dmp.map", {}, flows, "en", { view: "flows" });
    expect(legs?.headers).toEqual(["From", "To", "Cases", "Mass, kg"]);
    expect(legs?.rows).toEqual([["Afghanistan", "Tajikistan", 2, 7]]);
  });

  it("names the heatmap's partners, not their codes", () => {
    const heatmap = {
      recommendations: [{ id: "00000000-0000-4000-8000-000000000001", number: "1", text: { en: "Share data" } }],
      partners: ["UNODC", "TJK", "XYZ"],
      cells: [[0, 0, 2]],
    };
    const partners = new Map([
      ["UNODC", { en: "United Nations Office on Drugs and Crime", ru: "Управление ООН по наркотикам и преступности" }],
    ]);
    const [ru] = tablesOf("recommendations.heatmap", {}, heatmap, "ru", { partners });
    expect(ru?.headers).toEqual([
      "№",
      "Рекомендация",
      "Управление ООН по наркотикам и преступности",
      "Таджикистан",
      "XYZ",
    ]);
    expect(ru?.rows[0]).toEqual(["1", "Share data", "выполнено", null, null]);
    const [en] = tablesOf("recommendations.heatmap", {}, heatmap, "en", { partners });
    expect(en?.headers.slice(2)).toEqual(["United Nations Office on Drugs and Crime", "Tajikistan", "XYZ"]);
  });
});
