// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { CountryFeature } from "../../../common/geo.js";
import { type ChartData, chartOption, chartTable, formatCategory, isEmptyChart } from "./chart-model.js";
import { colorScale, pickColors } from "./color-scale.js";
import { guardFormula, toCsv } from "./export.js";
import { countryColors, flowFeatures, mapTables, matchExpression, orderedPath, pointFeatures } from "./map-model.js";

const f = { number: (v: number) => String(v), category: (v: string) => v };
const look = { dark: false, textColor: "#000", axisColor: "#ccc", narrow: false };

function country(iso3: string, label: [number, number]): CountryFeature {
  const [x, y] = label;
  return {
    type: "Feature",
    id: iso3,
    properties: { iso3, name: { en: iso3, ru: iso3 }, label },
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [x - 1, y - 1],
          [x + 1, y - 1],
          [x + 1, y + 1],
          [x - 1, y - 1],
        ],
      ],
    },
  };
}
const index = new Map(
  [
    country("AFG", [66, 34]),
    country("TUR", [35, 39]),
    country("MKD", [21.7, 41.6]),
    country("SRB", [20.8, 44]),
    country("RUS", [170, 65]),
    country("USA", [-160, 60]),
  ].map((c) => [c.properties.iso3, c]),
);

describe("chart model", () => {
  const data: ChartData = {
    kind: "stacked-bar",
    categories: ["2022", "2023"],
    categoryType: "year",
    series: [
      { name: "Heroin", values: [120, null] },
      { name: "Opium", values: [40, 5] },
    ],
  };

  it("builds a stacked bar option and the same data as a table", () => {
    const option = chartOption(data, f, look) as { series: Array<{ type: string; stack?: string; data: unknown[] }> };
    expect(option.series.map((s) => [s.type, s.stack])).toEqual([
      ["bar", "total"],
      ["bar", "total"],
    ]);
    expect(chartTable(data, f, { category: "Year", value: "Value" })).toEqual({
      columns: ["Year", "Heroin", "Opium"],
      rows: [
        ["2022", 120, 40],
        ["2023", null, 5],
      ],
    });
  });

  it("makes a heatmap of rows × columns with discrete states in the table", () => {
    const heat: ChartData = {
      kind: "heatmap",
      categories: ["TJK", "UZB"],
      series: [
        { name: "Rec. 1", values: [2, 0] },
        { name: "Rec. 2", values: [null, 1] },
      ],
      heatmap: {
        pieces: [
          { value: 0, label: "not started", color: "#eee" },
          { value: 1, label: "in progress", color: "#9dd2ef" },
          { value: 2, label: "done", color: "#0a84c2" },
        ],
      },
    };
    const option = chartOption(heat, f, look) as { series: Array<{ data: number[][] }>; visualMap: { type: string } };
    expect(option.series[0]?.data).toEqual([
      [0, 0, 2],
      [1, 0, 0],
      [1, 1, 1],
    ]);
    expect(option.visualMap.type).toBe("piecewise");
    expect(chartTable(heat, f, { category: "Recommendation", value: "" }).rows).toEqual([
      ["Rec. 1", "done", "not started"],
      ["Rec. 2", null, "in progress"],
    ]);
  });

  it("puts no ticks between whole numbers on an axis of counts", () => {
    const counts = chartOption(
      { kind: "line", categories: ["2026-12"], series: [{ name: "done", values: [1] }] },
      f,
      look,
    ) as { yAxis: { minInterval?: number } };
    expect(counts.yAxis.minInterval).toBe(1);
    const kilograms = chartOption(
      { kind: "line", categories: ["2026-12"], series: [{ name: "heroin", values: [0.25] }] },
      f,
      look,
    ) as { yAxis: { minInterval?: number } };
    expect(kilograms.yAxis.minInterval).toBeUndefined();
  });

  it("names a heatmap's empty cells in the legend and the table, and draws no unexplained bands", () => {
    const heat: ChartData = {
      kind: "heatmap",
      categories: ["TJK", "UZB"],
      series: [{ name: "Rec. 1", values: [null, 2] }],
      heatmap: {
        pieces: [{ value: 2, label: "done", color: "#0a84c2" }],
        missing: { label: "no report", color: "#f1f3f5" },
      },
    };
    const option = chartOption(heat, f, look) as {
      series: Array<{ data: number[][] }>;
      visualMap: { pieces: Array<{ value: number; label: string }> };
      xAxis: { splitArea: { show: boolean } };
      yAxis: { splitArea: { show: boolean } };
    };
    const empty = option.visualMap.pieces.find((p) => p.label === "no report");
    expect(empty).toBeDefined();
    expect(option.series[0]?.data).toEqual([
      [0, 0, empty?.value],
      [1, 0, 2],
    ]);
    expect(option.xAxis.splitArea.show || option.yAxis.splitArea.show).toBe(false);
    expect(chartTable(heat, f, { category: "Recommendation", value: "" }).rows).toEqual([
      ["Rec. 1", "no report", "done"],
    ]);
  });

  it("knows empty data and formats dates for the language", () => {
    expect(isEmptyChart(undefined)).toBe(true);
    expect(isEmptyChart({ kind: "line", categories: ["a"], series: [{ name: "x", values: [null] }] })).toBe(true);
    expect(isEmptyChart(data)).toBe(false);
    expect(formatCategory("ru", "month")("2024-03")).toMatch(/март|мар/i);
    expect(formatCategory("en", "year")("2024")).toBe("2024");
    expect(formatCategory("en", "date")("not a date")).toBe("not a date");
  });
});

describe("exports", () => {
  it("writes CSV with a BOM, quotes and the formula guard", () => {
    expect(guardFormula("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(guardFormula("-5 kg")).toBe("'-5 kg");
    const csv = toCsv({
      columns: ["Страна", "Value"],
      rows: [
        ["=cmd()", -3],
        ['a "b", c', null],
      ],
    });
    expect(csv).toBe('\uFEFFСтрана,Value\r\n\'=cmd(),-3\r\n"a ""b"", c",\r\n');
  });
});

describe("map model", () => {
  it("classes values into colours, with a no-data colour for the domain", () => {
    const scale = colorScale([0, 10, 20, 30, 40, null], { classes: 4 });
    expect(scale.classes).toHaveLength(4);
    expect(scale.colorOf(0)).toBe(scale.classes[0]?.color);
    expect(scale.colorOf(40)).toBe(scale.classes[3]?.color);
    expect(scale.colorOf(null)).toBeNull();
    expect(colorScale([5, 5]).classes).toHaveLength(1);
    expect(colorScale([12, 300, 80, 35, 120], { classes: 5 }).classes.map((c) => c.to)).toEqual([
      70, 130, 180, 240, 300,
    ]);
    expect(pickColors(["a", "b", "c", "d", "e"], 3)).toEqual(["a", "c", "e"]);
    const { colors } = countryColors(
      { values: { TJK: 1, UZB: 9 }, domain: ["TJK", "UZB", "KGZ"], noDataColor: "#nodata" },
      [{ key: "g", label: "G", color: "#group", countries: ["UZB"] }],
      false,
    );
    expect(colors.get("KGZ")).toBe("#nodata");
    expect(colors.get("UZB")).toBe("#group");
    expect(matchExpression(colors, "#land")).toEqual(["match", ["get", "iso3"], ...[...colors].flat(), "#land"]);
  });

  it("orders an unordered route nearest first and draws arcs across the antimeridian the short way", () => {
    expect(orderedPath({ id: "b", path: ["AFG", "SRB", "MKD", "TUR"], order: "nearest" }, index)).toEqual([
      "AFG",
      "TUR",
      "MKD",
      "SRB",
    ]);
    const flows = flowFeatures(
      {
        curved: true,
        lines: [
          { id: "a", path: ["AFG", "TUR"], value: 100 },
          { id: "b", path: ["RUS", "USA"], value: 25 },
          { id: "c", path: ["AFG", "XXX"] },
        ],
      },
      index,
    );
    expect(flows.features).toHaveLength(2);
    expect(flows.features[0]?.properties?.width).toBe(10);
    expect(flows.features[1]?.properties?.width).toBe(6);
    const across = flows.features[1]?.geometry.coordinates ?? [];
    expect(across[across.length - 1]?.[0]).toBe(200); // -160 + 360: eastwards over the Bering strait
  });

  it("turns compact columns into points and makes the default tables", () => {
    const n = 100_000;
    const lon = new Float64Array(n).map((_, i) => (i % 360) - 180);
    const lat = new Float64Array(n).map((_, i) => (i % 140) - 70);
    const points = pointFeatures({ lon, lat });
    expect(points.features).toHaveLength(n);
    expect(points.features[5]?.geometry.coordinates).toEqual([-175, -65]);
    const tables = mapTables(
      {
        choropleth: { values: { TUR: 3, SRB: null }, title: "kg" },
        flows: { lines: [{ id: "a", label: "A", path: ["AFG", "SRB", "TUR"], order: "nearest" }] },
        points: { data: { lon, lat } },
      },
      (c) => `name ${c}`,
      { country: "Country", value: "Value", group: "Group", flow: "Flow", path: "Path", points: "Points", count: "N" },
      index,
    );
    expect(tables.map((t) => t.key)).toEqual(["choropleth", "flows", "points"]);
    expect(tables[0]?.data.rows).toEqual([
      ["name TUR", 3],
      ["name SRB", null],
    ]);
    expect(tables[1]?.data.rows[0]?.[1]).toBe("name AFG → name TUR → name SRB");
    expect(tables[2]?.data.rows[0]?.[1]).toBe(n);
  });
});
