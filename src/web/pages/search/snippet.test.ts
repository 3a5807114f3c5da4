import { describe, expect, it } from "vitest";
import { snippetParts } from "./snippet.js";

describe("snippetParts", () => {
  it("cuts the text at the highlights", () => {
    expect(snippetParts("Пункты пограничной связи в Хороге", [{ start: 7, end: 24 }])).toEqual([
      { text: "Пункты ", mark: false },
      { text: "пограничной связи", mark: true },
      { text: " в Хороге", mark: false },
    ]);
    expect(snippetParts("heroin", [{ start: 0, end: 6 }])).toEqual([{ text: "heroin", mark: true }]);
    expect(snippetParts("no match", [])).toEqual([{ text: "no match", mark: false }]);
  });

  it("ignores overlapping, reversed or out-of-range offsets", () => {
    expect(
      snippetParts("abcdef", [
        { start: 1, end: 3 },
        { start: 2, end: 4 },
        { start: 5, end: 4 },
        { start: 4, end: 99 },
      ]),
    ).toEqual([
      { text: "a", mark: false },
      { text: "bc", mark: true },
      { text: "def", mark: false },
    ]);
  });
});
