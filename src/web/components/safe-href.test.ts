import { describe, expect, it } from "vitest";
import { safeHref } from "./safe-href.js";

describe("safeHref", () => {
  it("keeps same-origin paths and http(s) URLs", () => {
    expect(safeHref("/meetings/1")).toBe("/meetings/1");
    expect(safeHref(" https://example.org/a?b=1 ")).toBe("https://example.org/a?b=1");
    expect(safeHref("http://example.org")).toBe("http://example.org/");
  });

  it("gives no href for script, data and protocol-relative URLs, whatever their case or padding", () => {
    for (const url of [
      "javascript:window.__xss=1",
      " JavaScript:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "//evil.example/x",
      "/\\evil.example/x",
      "mailto:x@example.org",
      "",
      null,
      undefined,
    ]) {
      expect(safeHref(url), String(url)).toBeUndefined();
    }
  });
});
