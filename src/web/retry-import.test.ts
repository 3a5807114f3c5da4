import { describe, expect, it } from "vitest";
import { retryImport } from "./retry-import.js";

describe("retryImport", () => {
  it("tries again after a failed fetch and returns what arrives", async () => {
    const waited: number[] = [];
    let calls = 0;
    const value = await retryImport(
      async () => {
        calls++;
        if (calls < 3) throw new TypeError("Failed to fetch dynamically imported module");
        return "messages";
      },
      [10, 20, 30],
      async (ms) => {
        waited.push(ms);
      },
    );
    expect(value).toBe("messages");
    expect(calls).toBe(3);
    expect(waited).toEqual([10, 20]);
  });

  it("throws the last failure once every try is spent", async () => {
    let calls = 0;
    const attempt = retryImport(
      async () => {
        calls++;
        throw new Error(`failure ${calls}`);
      },
      [1, 1],
      async () => {},
    );
    await expect(attempt).rejects.toThrow("failure 3");
    expect(calls).toBe(3);
  });
});
