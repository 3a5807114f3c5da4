import { describe, expect, it } from "vitest";
import type { ChartData, FactsheetContent } from "../../../common/factsheets.js";
import { chartSvg, factsheetFooter } from "./factsheets.render.js";

/** Issue 19: the Russian PDF said "12,000" on its axes, "253.749" on its labels, "USD/g", and had an English footer. */
const chart: ChartData = {
  key: "prices",
  title: { en: "Prices", ru: "Цены" },
  kind: "bar",
  unit: "USD/g",
  categories: [{ en: "Heroin", ru: "Героин" }],
  series: [{ name: { en: "2023", ru: "2023" }, values: [12_000] }],
};

const text = (svg: string) => svg.replace(/[\u00a0\u202f]/g, " ");

describe("the fact-sheet PDF in Russian (issue 19)", () => {
  it("writes axes and labels with Russian separators and units", () => {
    const ru = text(chartSvg({ ...chart, series: [{ name: { en: "2023", ru: "2023" }, values: [253.749] }] }, "ru"));
    expect(ru).toContain("253,75");
    expect(ru).not.toContain("253.749");
    expect(ru).toContain("USD/г");
    expect(ru).not.toContain("USD/g");
    const big = text(chartSvg(chart, "ru"));
    expect(big).toMatch(/12 000/);
    expect(big).not.toMatch(/12,000/);
    expect(text(chartSvg(chart, "en"))).toMatch(/12,000/);
  });

  it("has a footer in the reader's language", () => {
    const content = { title: { en: "Uzbekistan", ru: "Узбекистан" }, year: 2023 } as unknown as FactsheetContent;
    expect(factsheetFooter(content, "ru")).toBe("Парижский пакт · Узбекистан 2023");
    expect(factsheetFooter(content, "en")).toBe("Paris Pact · Uzbekistan 2023");
  });
});
