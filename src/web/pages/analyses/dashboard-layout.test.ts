import { describe, expect, it } from "vitest";
import { moveTile, resizeTile } from "./dashboard-layout.js";

const tiles = [
  { key: "a", width: 1, height: 1 },
  { key: "b", width: 2, height: 1 },
  { key: "c", width: 3, height: 3 },
];
const keys = (t: { key: string }[] | null) => t?.map((x) => x.key);

describe("dashboard layout (keyboard and mouse share these)", () => {
  it("moves a tile left, right and by dragging to any place", () => {
    expect(keys(moveTile(tiles, 1, 0))).toEqual(["b", "a", "c"]);
    expect(keys(moveTile(tiles, 1, 2))).toEqual(["a", "c", "b"]);
    expect(keys(moveTile(tiles, 0, 2))).toEqual(["b", "c", "a"]);
    expect(keys(tiles)).toEqual(["a", "b", "c"]);
  });

  it("does nothing past an edge or onto itself", () => {
    expect(moveTile(tiles, 0, -1)).toBeNull();
    expect(moveTile(tiles, 2, 3)).toBeNull();
    expect(moveTile(tiles, 1, 1)).toBeNull();
  });

  it("resizes within one to three columns and rows", () => {
    expect(resizeTile(tiles, 0, 1, 0)?.[0]).toMatchObject({ width: 2, height: 1 });
    expect(resizeTile(tiles, 1, 0, 2)?.[1]).toMatchObject({ width: 2, height: 3 });
    expect(resizeTile(tiles, 0, -1, 0)).toBeNull();
    expect(resizeTile(tiles, 2, 1, 1)).toBeNull();
    expect(resizeTile(tiles, 2, 5, -5)?.[2]).toMatchObject({ width: 3, height: 1 });
    expect(resizeTile(tiles, 7, 1, 0)).toBeNull();
  });
});
