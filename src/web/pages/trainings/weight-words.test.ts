import { describe, expect, it } from "vitest";
import { weightInWords } from "./weight-words.js";

describe("a field's weight in words", () => {
  it("reads bits as how many times more likely, with a strength band and a direction", () => {
    expect(weightInWords(0.4)).toEqual({ direction: "neutral", strength: "none", times: 1 });
    expect(weightInWords(2)).toEqual({ direction: "for", strength: "weak", times: 4 });
    expect(weightInWords(-4)).toEqual({ direction: "against", strength: "strong", times: 16 });
    expect(weightInWords(7.2)).toEqual({ direction: "for", strength: "veryStrong", times: 150 });
  });
});
