import net from "node:net";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, useTestApp } from "../../../test/app.js";
import { openTestDatabase } from "../../../test/database.js";
import type { Database } from "../db/database.js";
import type { DB } from "../db/schema.js";

/** A TCP port on this machine that nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Issue 17, smaller holes: /health said "ok" while the read replica (DATABASE_READ_URL) was down. It now shows the
 * replica's own state, and a replica outage degrades the answer without failing it (the primary still serves
 * every record page and write, so the load balancer must keep the instance).
 */
describe("GET /health with a read replica", () => {
  let t: TestApp;
  let replica: Kysely<DB>;

  beforeAll(async () => {
    const primary = await openTestDatabase();
    const pool = new pg.Pool({ host: "127.0.0.1", port: await closedPort(), connectionTimeoutMillis: 2000 });
    pool.on("error", () => {});
    replica = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const database: Database = {
      ...primary,
      readDb: replica,
      async close() {
        await replica.destroy();
        await primary.close();
      },
    };
    t = await createTestApp({ database, reference: false });
  });
  afterAll(() => t.close());

  it("answers 200 'degraded' with the replica down and the primary up", async () => {
    const res = await t.app.inject({ url: "/api/v1/health" });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.status).toBe("degraded");
    expect(body.database).toMatchObject({ status: "up" });
    expect(body.replica).toMatchObject({ status: "down" });
  });
});

describe("GET /health without a read replica", () => {
  const t = useTestApp({ reference: false });

  it("answers 200 'ok' and says no replica is configured", async () => {
    const res = await t.app.inject({ url: "/api/v1/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", database: { status: "up" }, replica: null });
  });
});
