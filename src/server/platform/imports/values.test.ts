import { describe, expect, it } from "vitest";
import { MAX_UNMAPPED, ValueMapper } from "./values.js";

/**
 * The value-mapping step's bookkeeping, without a database: what is asked, what is remembered, and for whom. (Moved
 * from the seizure import's own mapper, which this one replaced; the seizure fields are the cases.)
 */
const any = { isTarget: () => true };
const vocabularies = { drug: any, placeType: any, unit: any, country: { ...any, anySource: true } };

describe("ValueMapper", () => {
  it("prefers the answer given now to the one remembered, and remembers answers per country of the rows", () => {
    const mapper = new ValueMapper(vocabularies, { drug: { "Black tar": "heroin" } }, [
      { source: "TJK", field: "drug", valueKey: "blacktar", value: "Black tar", target: "opium" },
      { source: "TJK", field: "placeType", valueKey: "dock4", value: "Dock 4", target: null },
      { source: "*", field: "country", valueKey: "tadzhikistan", value: "Tadzhikistan", target: "TJK" },
    ]);
    const at = { row: 2, column: null };
    expect(mapper.resolve("drug", "TJK", "BLACK  tar", at)).toBe("heroin");
    expect(mapper.resolve("drug", "UZB", "Black tar", at)).toBe("heroin");
    expect(mapper.resolve("placeType", "TJK", "dock 4", at)).toBeNull();
    expect(mapper.resolve("placeType", "UZB", "Dock 4", at)).toBeUndefined();
    expect(mapper.resolve("country", null, "Tadzhikistan", at)).toBe("TJK");
    expect(mapper.remembered()).toEqual([
      { field: "placeType", value: "dock 4", target: null, count: 1 },
      { field: "country", value: "Tadzhikistan", target: "TJK", count: 1 },
    ]);
    expect(mapper.toRemember()).toEqual([
      { source: "TJK", field: "drug", valueKey: "blacktar", value: "BLACK  tar", target: "heroin" },
      { source: "UZB", field: "drug", valueKey: "blacktar", value: "BLACK  tar", target: "heroin" },
    ]);
    // The value nobody mapped for Uzbekistan is the one the step asks about.
    expect(mapper.unmapped()).toEqual([{ field: "placeType", column: null, value: "Dock 4", count: 1, rows: [2] }]);
  });

  it("lists each unknown value once with its count and first rows, and stops listing past the limit", () => {
    const mapper = new ValueMapper(vocabularies, undefined, []);
    for (let row = 2; row < 10; row++) mapper.note("unit", "Measurement Unit", "bales", row);
    expect(mapper.unmapped()).toEqual([
      { field: "unit", column: "Measurement Unit", value: "bales", count: 8, rows: [2, 3, 4, 5, 6] },
    ]);
    for (let i = 0; i < MAX_UNMAPPED + 10; i++) mapper.note("drug", "Drug", `substance ${i}`, 100 + i);
    expect(mapper.unmapped()).toHaveLength(MAX_UNMAPPED);
    expect(mapper.overflow).toBe(11);
    expect(mapper.pending).toBe(true);
  });

  it("names the sheet of each row listed when a workbook's sheets are read together", () => {
    const mapper = new ValueMapper(vocabularies, undefined, []);
    expect(mapper.resolve("drug", "TJK", "Kompot", { row: 4, column: "Drug", sheet: "2019" })).toBeUndefined();
    mapper.note("drug", "Drug", "kompot", 7, "2020");
    expect(mapper.unmapped()).toEqual([
      { field: "drug", column: "Drug", value: "Kompot", count: 2, rows: [4, 7], sheets: ["2019", "2020"] },
    ]);
  });
});
