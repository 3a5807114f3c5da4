import { describe, expect, it } from "vitest";
import { isSensitive, protectWithin } from "./disclosure.js";

const RULE = { minCases: 3, dominance: 0.85 };
const cell = (cases: number, magnitude = cases, largest = magnitude / Math.max(cases, 1)) => ({
  cases,
  magnitude,
  largest,
});

/** What the total less the published cells tells: the withheld cells' sum. */
function residual(cells: ReturnType<typeof cell>[], withheld: boolean[]) {
  return cells.reduce(
    (r, c, i) =>
      withheld[i]
        ? { cases: r.cases + c.cases, magnitude: r.magnitude + c.magnitude, largest: Math.max(r.largest, c.largest) }
        : r,
    { cases: 0, magnitude: 0, largest: 0 },
  );
}

describe("complementary suppression within a published total", () => {
  it("withholds the smallest other cell with a lone sensitive one, so the total less the rest is not one cell", () => {
    const cells = [cell(40), cell(1, 5), cell(4), cell(9)];
    const withheld = protectWithin(cells, RULE);
    expect(withheld).toEqual([false, true, true, false]);
    expect(isSensitive(residual(cells, withheld), RULE)).toBe(false);
  });

  it("keeps withholding until the withheld cells' sum is not dominated by one unit", () => {
    // The sensitive cell holds one large seizure: one complement of small seizures is not enough to hide it.
    const cells = [cell(1, 100, 100), cell(3, 3, 1), cell(3, 4, 2), cell(50, 500, 20)];
    const withheld = protectWithin(cells, RULE);
    expect(withheld.filter(Boolean).length).toBeGreaterThanOrEqual(3);
    expect(isSensitive(residual(cells, withheld), RULE)).toBe(false);
  });

  it("publishes everything when nothing is sensitive, and nothing of a total that is itself withheld", () => {
    expect(protectWithin([cell(5), cell(3)], RULE)).toEqual([false, false]);
    expect(protectWithin([cell(5), cell(3)], RULE, { totalPublished: false })).toEqual([true, true]);
  });

  it("counts cells withheld on other grounds in what the others must hide", () => {
    // Records without a mode of transport are never shown: 2 of them, so one more mode must go with them.
    const cells = [
      { code: null, ...cell(2) },
      { code: "road", ...cell(30) },
      { code: "air", ...cell(4) },
    ];
    const withheld = protectWithin(cells, { minCases: 3, dominance: null }, { withhold: (c) => c.code === null });
    expect(withheld).toEqual([true, false, true]);
  });
});
