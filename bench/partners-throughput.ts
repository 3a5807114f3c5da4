import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Fastify from "fastify";
import { buildApp } from "../src/server/app.js";
import { openAndMigrate } from "../src/server/bootstrap.js";
import { loadConfig } from "../src/server/config.js";
import { loadReferenceData } from "../src/server/reference/load.js";
import type { BenchResult } from "./run.js";

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 20;

async function requestsPerSecond(url: string): Promise<number> {
  // Warm-up, then the measured run.
  await autocannon({ url, connections: CONNECTIONS, duration: 2 });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

/**
 * Requests per second of GET /api/v1/partners (the whole stack: security hooks, session lookup, validation,
 * database, serialisation, compression off as for a client without Accept-Encoding) against a bare Fastify
 * handler returning the same JSON from memory. Target: at least half the bare handler's throughput.
 */
export async function partnersThroughput(): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-bench-"));
  fs.chmodSync(dataDir, 0o755); // the embedded PostgreSQL may run under another account
  // The per-address rate limit stays in the stack but is raised: the load comes from one address.
  const config = loadConfig({
    ...process.env,
    PACT_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    PORT: "0",
    RATE_LIMIT_PER_MINUTE: "100000000",
  });
  const { database } = await openAndMigrate(config);
  const { app, ctx } = await buildApp(config, database, { logger: false });
  await loadReferenceData(ctx);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const platformUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1/partners`;
  const payload = await (await fetch(platformUrl)).text();

  const bare = Fastify();
  bare.get("/api/v1/partners", async (_req, reply) => reply.type("application/json").send(payload));
  await bare.listen({ port: 0, host: "127.0.0.1" });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/api/v1/partners`;

  try {
    const reference = await requestsPerSecond(bareUrl);
    const platform = await requestsPerSecond(platformUrl);
    const ratio = platform / reference;
    return {
      name: "partners-throughput",
      measure: `GET /api/v1/partners req/s (${database.kind}, ${CONNECTIONS} connections)`,
      platform,
      reference,
      referenceName: "bare Fastify, same JSON",
      ratio,
      target: "≥ 0.5",
      met: ratio >= 0.5,
    };
  } finally {
    await bare.close();
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
