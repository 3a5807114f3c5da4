import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";

interface Entry {
  body: string;
  etag: string;
  expires: number;
}

/**
 * Serialised answers of rarely-changing reads (reference data), kept for a short time per process.
 * The answer is validated against its schema once, when built; clients get an ETag and a 304 when they
 * already have it (users on slow links re-download nothing). A write through this instance invalidates at
 * once; other instances see it within `ttlMs` — acceptable for reference data, never for domain records.
 */
export class JsonCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 64,
  ) {}

  async get<S extends z.ZodType>(key: string, schema: S, build: () => Promise<z.input<S>>): Promise<Entry> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > Date.now()) return hit;
    const body = JSON.stringify(schema.parse(await build()));
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    const entry = { body, etag, expires: Date.now() + this.ttlMs };
    this.entries.set(key, entry);
    return entry;
  }

  invalidate() {
    this.entries.clear();
  }
}

/** Sends a cached answer, or 304 when the client's If-None-Match already names it. */
export function sendCached(request: FastifyRequest, reply: FastifyReply, entry: Entry) {
  reply.header("etag", entry.etag).header("cache-control", "no-cache").header("vary", "accept-encoding");
  if (request.headers["if-none-match"] === entry.etag) return reply.status(304).send();
  return reply.type("application/json; charset=utf-8").send(entry.body);
}
