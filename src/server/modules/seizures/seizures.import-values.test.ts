import { describe, expect, it } from "vitest";
import { MAX_UNMAPPED, ValueMapper } from "./seizures.import-values.js";

/** The value-mapping step's bookkeeping, without a database: what is asked, what is remembered, and for whom. */
describe("ValueMapper", () => {
  it("prefers the answer given now to the one remembered, and remembers answers per country of the rows", () => {
    const mapper = new ValueMapper({ drug: { "Black tar": "heroin" } }, [
      { sourceCountry: "TJK", field: "drug", valueKey: "blacktar", value: "Black tar", target: "opium" },
      { sourceCountry: "TJK", field: "placeType", valueKey: "dock4", value: "Dock 4", target: null },
      { sourceCountry: "*", field: "country", valueKey: "tadzhikistan", value: "Tadzhikistan", target: "TJK" },
    ]);
    expect(mapper.resolve("drug", "TJK", "BLACK  tar")).toBe("heroin");
    expect(mapper.resolve("drug", "UZB", "Black tar")).toBe("heroin");
    expect(mapper.resolve("placeType", "TJK", "dock 4")).toBeNull();
    expect(mapper.resolve("placeType", "UZB", "Dock 4")).toBeUndefined();
    expect(mapper.resolve("country", null, "Tadzhikistan")).toBe("TJK");
    expect(mapper.remembered()).toEqual([
      { field: "placeType", value: "dock 4", target: null, count: 1 },
      { field: "country", value: "Tadzhikistan", target: "TJK", count: 1 },
    ]);
    expect(mapper.toRemember()).toEqual([
      { sourceCountry: "TJK", field: "drug", valueKey: "blacktar", value: "BLACK  tar", target: "heroin" },
      { sourceCountry: "UZB", field: "drug", valueKey: "blacktar", value: "BLACK  tar", target: "heroin" },
    ]);
  });

  it("lists each unknown value once with its count and first rows, and stops listing past the limit", () => {
    const mapper = new ValueMapper(undefined, []);
    for (let row = 2; row < 10; row++) mapper.note("unit", "Measurement Unit", "bales", row);
    expect(mapper.unmapped()).toEqual([
      { field: "unit", column: "Measurement Unit", value: "bales", count: 8, rows: [2, 3, 4, 5, 6] },
    ]);
    for (let i = 0; i < MAX_UNMAPPED + 10; i++) mapper.note("drug", "Drug", `substance ${i}`, 100 + i);
    expect(mapper.unmapped()).toHaveLength(MAX_UNMAPPED);
    expect(mapper.overflow).toBe(11);
    expect(mapper.pending).toBe(true);
  });
});
