import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalFileStorage } from "./file-storage.js";

const sha = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

describe("LocalFileStorage", () => {
  let dir: string;
  let storage: LocalFileStorage;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-store-"));
    storage = new LocalFileStorage(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("stores a buffer under dir/ab/cd/<sha256> and reads it back", async () => {
    const stored = await storage.put(Buffer.from("hello, pact"), 1000);
    expect(stored).toEqual({ sha256: sha("hello, pact"), size: 11 });
    const file = path.join(dir, stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256);
    expect(fs.readFileSync(file, "utf8")).toBe("hello, pact");
    expect(await storage.has(stored.sha256)).toBe(true);
    expect(await text(storage.open(stored.sha256) as Readable)).toBe("hello, pact");
  });

  it("streams a large input and stores identical content once", async () => {
    const chunks = Array.from({ length: 64 }, (_, i) => Buffer.alloc(16 * 1024, i));
    const whole = Buffer.concat(chunks);
    const a = await storage.put(Readable.from(chunks), whole.length);
    const b = await storage.put(whole, whole.length);
    expect(a).toEqual(b);
    expect(a).toEqual({ sha256: sha(whole), size: whole.length });
    expect(fs.readdirSync(dir).filter((n) => n.startsWith(".tmp-"))).toEqual([]);
  });

  it("refuses more than maxBytes with 413 and leaves no temporary file", async () => {
    const chunks = Array.from({ length: 10 }, () => Buffer.alloc(1000, 1));
    await expect(storage.put(Readable.from(chunks), 5000)).rejects.toMatchObject({
      code: "payload_too_large",
      status: 413,
    });
    await expect(storage.put(Buffer.alloc(5001), 5000)).rejects.toMatchObject({ status: 413 });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("leaves no file when the source fails mid-way", async () => {
    async function* failing() {
      yield Buffer.from("partial");
      throw new Error("connection reset");
    }
    await expect(storage.put(Readable.from(failing()), 1000)).rejects.toThrow("connection reset");
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("refuses an address that is not a sha256, so nothing outside the store is reachable", async () => {
    for (const bad of ["../../etc/passwd", `${"a".repeat(63)}/`, "A".repeat(64), "", `..${"a".repeat(62)}`]) {
      expect(() => storage.open(bad)).toThrow();
      await expect(storage.has(bad)).rejects.toMatchObject({ code: "validation_failed" });
      await expect(storage.remove(bad)).rejects.toMatchObject({ code: "validation_failed" });
    }
  });

  it("removes content and tolerates removing it twice", async () => {
    const { sha256 } = await storage.put(Buffer.from("bye"), 10);
    await storage.remove(sha256);
    await storage.remove(sha256);
    expect(await storage.has(sha256)).toBe(false);
  });

  it("sweeps temporary files left by a crash", async () => {
    const stale = path.join(dir, ".tmp-crashed");
    fs.writeFileSync(stale, "half");
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(stale, old, old);
    expect(await storage.sweepTemporary()).toBe(1);
    expect(fs.existsSync(stale)).toBe(false);
  });
});
