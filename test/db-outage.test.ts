import net from "node:net";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { createTestApp, type TestApp, type TestClient } from "./app.js";
import { createEmptyTestDatabase } from "./database.js";

/**
 * A PostgreSQL outage under load, simulated by a TCP proxy between the platform and the server that the test
 * cuts (every connection reset, new ones refused) and restores. The API must answer 503 with Retry-After
 * while the database is away, recover by itself, and every write it acknowledged must be there afterwards.
 * Runs on the embedded PostgreSQL (the proxy forwards to its Unix socket) and on TEST_DATABASE_URL.
 */
type Upstream = { path: string } | { host: string; port: number };

/** Where the test server really listens: a TCP address, or the Unix socket in a directory. */
function upstreamOf(target: pg.ClientConfig): Upstream {
  if (target.connectionString) {
    const url = new URL(target.connectionString);
    return { host: url.hostname, port: Number(url.port || 5432) };
  }
  const host = target.host ?? "127.0.0.1";
  const port = target.port ?? 5432;
  return host.startsWith("/") ? { path: `${host}/.s.PGSQL.${port}` } : { host, port };
}

/** The same database reached through the proxy on 127.0.0.1. */
function throughProxy(target: pg.ClientConfig, port: number): pg.ClientConfig {
  if (!target.connectionString) return { ...target, host: "127.0.0.1", port };
  const url = new URL(target.connectionString);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return { connectionString: url.toString() };
}

class CuttableProxy {
  private server: net.Server;
  private sockets = new Set<net.Socket>();
  private down = false;
  port = 0;

  constructor(private readonly target: Upstream) {
    this.server = net.createServer((client) => {
      if (this.down) {
        client.destroy();
        return;
      }
      const upstream = net.connect(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  cut(): void {
    this.down = true;
    for (const s of this.sockets) s.destroy();
  }

  restore(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe("PostgreSQL outage under load", () => {
  let t: TestApp;
  let coordinator: TestClient;
  let proxy: CuttableProxy;
  let dropDatabase: () => Promise<void> = async () => {};

  beforeAll(async () => {
    const empty = await createEmptyTestDatabase();
    dropDatabase = empty.drop;
    proxy = new CuttableProxy(upstreamOf(empty.connection));
    await proxy.listen();
    const database = await openDatabase({ connection: throughProxy(empty.connection, proxy.port), poolSize: 5 });
    await migrateToLatest(database.db);
    t = await createTestApp({ database, env: { RATE_LIMIT_PER_MINUTE: "1000000" } });
    coordinator = await t.signIn("coordinator");
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await dropDatabase();
  });

  it("answers 503 with a retry hint during the outage, recovers, and loses no acknowledged write", async () => {
    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    let n = 0;
    const createOne = async () => {
      n += 1;
      const email = `outage.${n}@example.org`;
      const res = await coordinator.request({
        method: "POST",
        url: "/api/v1/users",
        payload: { email, displayName: `Outage ${n}`, role: "member", language: "en" },
      });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode === 201 || res.statusCode === 200) acknowledged.push(email);
      else if (res.statusCode === 503) expect(res.headers["retry-after"]).toBeDefined();
      else throw new Error(`unexpected ${res.statusCode}: ${res.body}`);
      return res.statusCode;
    };
    const reads = () => coordinator.request({ url: "/api/v1/partners" }).then((r) => r.statusCode);

    // Before: everything works.
    for (let i = 0; i < 5; i++) expect(await createOne()).toBeLessThan(300);

    // During: 20 concurrent clients writing and reading while the connection is cut.
    // A client that meets an unexpected answer stops all of them and the failure is reported after the
    // load, so the app is never closed under requests still in flight.
    let stop = false;
    const failures: unknown[] = [];
    const load = Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        try {
          while (!stop) {
            if (i % 2) await createOne();
            else {
              const code = await reads();
              expect([200, 304, 503]).toContain(code);
            }
          }
        } catch (error) {
          failures.push(error);
          stop = true;
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    proxy.cut();
    await new Promise((r) => setTimeout(r, 1500));
    const during = await coordinator.request({ url: "/api/v1/health" });
    expect(during.statusCode, during.body).toBe(503);
    proxy.restore();
    // After: it recovers by itself (no restart) within a few seconds.
    let recovered = false;
    for (let i = 0; i < 50 && !recovered; i++) {
      recovered = (await coordinator.request({ url: "/api/v1/health" })).statusCode === 200;
      if (!recovered) await new Promise((r) => setTimeout(r, 200));
    }
    stop = true;
    await load;
    expect(failures).toEqual([]);
    expect(recovered).toBe(true);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(500) ?? 0).toBe(0);

    // Every acknowledged write is there.
    const rows = await t.ctx.database.db
      .selectFrom("users")
      .select("email")
      .where("email", "in", acknowledged)
      .execute();
    expect(rows.length).toBe(acknowledged.length);
    expect(await createOne()).toBeLessThan(300);
  }, 120_000);
});
