import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { AppError } from "../http/errors.js";

/**
 * Where file contents live, addressed by their sha256. The local store is the default; an S3-compatible
 * store can implement the same interface. Metadata (names, types, owners) lives in the `files` table.
 */
export interface FileStorage {
  /** Stores the bytes (refusing more than `maxBytes`) and returns their address and size. */
  put(data: Buffer | NodeJS.ReadableStream, maxBytes: number): Promise<{ sha256: string; size: number }>;
  open(sha256: string): NodeJS.ReadableStream;
  has(sha256: string): Promise<boolean>;
  remove(sha256: string): Promise<void>;
  /** Every stored content address with its last-modified time (for the orphan sweep); optional for a store. */
  list?(): AsyncIterable<{ sha256: string; mtimeMs: number }>;
  /** Last-modified time of a stored content, or null when absent; optional for a store. */
  mtimeOf?(sha256: string): Promise<number | null>;
  /** Removes temporary files left by a crash mid-write; optional for a store. */
  sweepTemporary?(olderThanMs: number): Promise<number>;
}

const SHA256 = /^[0-9a-f]{64}$/;
const TEMP_PREFIX = ".tmp-";

/** Refuses anything but a lower-case hex sha256, so an address can never walk out of the store. */
export function assertSha256(sha256: string): void {
  if (typeof sha256 !== "string" || !SHA256.test(sha256)) {
    throw new AppError("validation_failed", 400, { reason: "invalid_sha256" });
  }
}

async function* chunksOf(data: Buffer | NodeJS.ReadableStream): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(data)) {
    yield data;
    return;
  }
  for await (const chunk of data) yield typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk);
}

/** Makes a rename durable; best effort, as some file systems refuse to open a directory for syncing. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fsp.open(dir, "r").catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => {});
  await handle.close();
}

/**
 * Content-addressed files on the local disk: `<dir>/ab/cd/<sha256>`. A write goes to a temporary file in
 * the same directory tree, is flushed to disk and then renamed, so a crash never leaves a half file under
 * a content address (a stray temporary file at worst, which `sweepTemporary` removes).
 */
export class LocalFileStorage implements FileStorage {
  constructor(private readonly dir: string) {}

  pathOf(sha256: string): string {
    assertSha256(sha256);
    return path.join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(data: Buffer | NodeJS.ReadableStream, maxBytes: number): Promise<{ sha256: string; size: number }> {
    await fsp.mkdir(this.dir, { recursive: true });
    const temp = path.join(this.dir, `${TEMP_PREFIX}${randomBytes(12).toString("hex")}`);
    const handle = await fsp.open(temp, "wx", 0o640);
    const hash = createHash("sha256");
    let size = 0;
    let closed = false;
    try {
      for await (const chunk of chunksOf(data)) {
        size += chunk.length;
        if (size > maxBytes) throw new AppError("payload_too_large", 413, { maxBytes });
        hash.update(chunk);
        await handle.write(chunk);
      }
      await handle.sync();
      await handle.close();
      closed = true;
      const sha256 = hash.digest("hex");
      const target = this.pathOf(sha256);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.rename(temp, target);
      await syncDirectory(path.dirname(target));
      return { sha256, size };
    } catch (error) {
      if (!closed) await handle.close().catch(() => {});
      await fsp.rm(temp, { force: true });
      if (!Buffer.isBuffer(data) && "destroy" in data && typeof data.destroy === "function") data.destroy();
      throw error;
    }
  }

  open(sha256: string): NodeJS.ReadableStream {
    return fs.createReadStream(this.pathOf(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fsp.access(this.pathOf(sha256));
      return true;
    } catch (error) {
      if (error instanceof AppError) throw error;
      return false;
    }
  }

  async remove(sha256: string): Promise<void> {
    await fsp.rm(this.pathOf(sha256), { force: true });
  }

  /** Every content address under `<dir>/ab/cd/`, with its last-modified time (temporary files excluded). */
  async *list(): AsyncIterable<{ sha256: string; mtimeMs: number }> {
    const names = async (dir: string) => fsp.readdir(dir).catch(() => [] as string[]);
    for (const a of await names(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of await names(path.join(this.dir, a))) {
        if (!/^[0-9a-f]{2}$/.test(b)) continue;
        for (const name of await names(path.join(this.dir, a, b))) {
          if (!SHA256.test(name) || !name.startsWith(a + b)) continue;
          const stat = await fsp.stat(path.join(this.dir, a, b, name)).catch(() => null);
          if (stat?.isFile()) yield { sha256: name, mtimeMs: stat.mtimeMs };
        }
      }
    }
  }

  /** Last-modified time of a stored content, or null when it is absent. */
  async mtimeOf(sha256: string): Promise<number | null> {
    const stat = await fsp.stat(this.pathOf(sha256)).catch(() => null);
    return stat ? stat.mtimeMs : null;
  }

  /** Removes temporary files left by a crash mid-write (older than `olderThanMs`, so live writes survive). */
  async sweepTemporary(olderThanMs = 60 * 60 * 1000): Promise<number> {
    let removed = 0;
    const entries = await fsp.readdir(this.dir).catch(() => [] as string[]);
    for (const name of entries) {
      if (!name.startsWith(TEMP_PREFIX)) continue;
      const file = path.join(this.dir, name);
      const stat = await fsp.stat(file).catch(() => null);
      if (stat && Date.now() - stat.mtimeMs > olderThanMs) {
        await fsp.rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}
