import { describe, expect, it } from "vitest";
import { NumberReader } from "./number-format.js";

const where = () => ({ row: 1, column: "q" });
const reader = (delimiter: string | null, samples: string[] = []) => {
  const r = new NumberReader({ delimiter });
  r.decide(samples);
  return r;
};

describe("a file's decimal separator", () => {
  it("is decided by the file's unambiguous numbers, the delimiter only breaking a tie", () => {
    expect(reader(",", ["1,5", "0,25", "12"]).format()).toMatchObject({ decimal: "comma", source: "values" });
    expect(reader(";", ["1.5", "2.75", "1,5"]).format()).toMatchObject({ decimal: "point", source: "values" });
    expect(reader(";", ["1,500", "12"]).format()).toMatchObject({ decimal: "comma", source: "delimiter" });
    expect(reader(",", ["1,500"]).format()).toMatchObject({ decimal: "point", source: "default" });
    expect(reader(null, []).format()).toMatchObject({ decimal: "point", source: "default" });
  });

  it("reads an ambiguous number the file's way, and every unambiguous one as it is written", () => {
    const comma = reader(";", ["1,5"]);
    const point = reader(",", ["1.5"]);
    const cases: [string, number | null, number | null][] = [
      ["1,500", 1.5, 1500],
      ["1.500", 1500, 1.5],
      ["0,500", 0.5, 0.5],
      ["2 500,75", 2500.75, 2500.75],
      ["1.234.567,8", 1234567.8, 1234567.8],
      ["1,234,567.8", 1234567.8, 1234567.8],
      ["1,234,567", 1234567, 1234567],
      ["12 kg", 12, 12],
      ["1'250", 1250, 1250],
      ["-3,5", -3.5, -3.5],
      ["1e3", 1000, 1000],
      ["lots", null, null],
      ["1,2,3", null, null],
      ["1.234,5.6", null, null],
    ];
    for (const [text, inComma, inPoint] of cases) {
      expect(comma.read(text, where), `${text} in a comma file`).toBe(inComma);
      expect(point.read(text, where), `${text} in a point file`).toBe(inPoint);
    }
  });

  it("reports the grouping it met, and nothing to contradict while the file agrees with its first rows", () => {
    const r = reader(";", ["1,5"]);
    for (const text of ["1 500,5", "2 000", "3,25", "1,500"]) r.read(text, where);
    expect(r.format()).toEqual({ decimal: "comma", thousands: "space", source: "values" });
    expect(r.contradicted()).toBeNull();
  });

  it("lists the ambiguous numbers read before the file's majority turned out the other way", () => {
    const r = reader(";", []);
    r.read("1,500", () => ({ row: 2, column: "q", sheet: "2020" }));
    for (let i = 0; i < 3; i++) r.read(`${i}.25`, where);
    expect(r.contradicted()).toEqual({
      numbers: [{ row: 2, column: "q", sheet: "2020", text: "1,500" }],
      count: 1,
      majority: "point",
    });
  });
});
