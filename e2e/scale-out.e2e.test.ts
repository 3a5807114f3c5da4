import { randomBytes } from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/server/config.js";
import { createContext } from "../src/server/context.js";
import { type Database, openDatabase } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { newTotpSecret, totpCode } from "../src/server/modules/accounts/two-factor.service.js";
import { REMINDER_JOB } from "../src/server/modules/registrations/registrations.service.js";
import { SYSTEM_ACTOR } from "../src/server/platform/audit.js";
import { postgresAvailable, startPlatform } from "./harness.js";

/**
 * Two instances of the platform against one PostgreSQL, sharing the file store: a session opened on one is
 * valid on the other, a file uploaded to one downloads from the other, a job queued while only one instance
 * runs a worker is done by that one, and killing one instance (kill -9) under a write load loses no write
 * that either instance acknowledged. Needs PostgreSQL (TEST_DATABASE_URL, else the local server); skipped
 * when none answers.
 */
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const available = await postgresAvailable(serverUrl);
const PASSWORD = "correct horse battery staple 42";

/** A tiny cookie-keeping HTTP client for one user against one instance at a time. */
class Client {
  cookies = new Map<string, string>();
  constructor(public base: string) {}
  async request(method: string, url: string, body?: unknown, raw?: { data: Buffer; type: string }) {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      "x-csrf-token": this.cookies.get("pact_csrf") ?? "",
    };
    let payload: BodyInit | undefined;
    if (raw) {
      headers["content-type"] = raw.type;
      payload = new Uint8Array(raw.data);
    } else if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.base}${url}`, { method, headers, body: payload });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair?.indexOf("=") ?? -1;
      if (pair && i > 0) this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }
}

describe.runIf(available)("two instances against one PostgreSQL", () => {
  const name = `pact_scale_${randomBytes(5).toString("hex")}`;
  let database: Database;
  let a: Awaited<ReturnType<typeof startPlatform>>;
  let b: Awaited<ReturnType<typeof startPlatform>>;
  let dbUrl: string;
  const coordinator = { email: "scale.coordinator@example.org", totp: newTotpSecret(), id: "" };
  // Every instance, and the set-up below, must encrypt TOTP secrets with one key.
  const secretKey = randomBytes(32).toString("hex");

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    dbUrl = url.toString();
    database = await openDatabase({ databaseUrl: dbUrl, poolSize: 4 });
    await migrateToLatest(database.db);
    const ctx = createContext(
      loadConfig({ LOG_LEVEL: "silent", PACT_SECRET_KEY: secretKey }),
      database,
      pino({ level: "silent" }),
    );
    const { user } = await ctx.accounts.createUser(
      {
        email: coordinator.email,
        displayName: "Scale Coordinator",
        role: "coordinator",
        partnerCode: null,
        password: PASSWORD,
        totpSecret: coordinator.totp,
      },
      SYSTEM_ACTOR,
    );
    coordinator.id = user.id;
    const current = (await ctx.terms.current()).map((v) => v.id);
    await ctx.terms.accept(user.id, current, SYSTEM_ACTOR, "en");
    // A serves HTTP only; B also runs the job worker. They share the database and the file store.
    a = await startPlatform({
      DATABASE_URL: dbUrl,
      PACT_WORKER: "0",
      RATE_LIMIT_PER_MINUTE: "100000",
      PACT_SECRET_KEY: secretKey,
    });
    b = await startPlatform(
      { DATABASE_URL: dbUrl, PACT_WORKER: "1", RATE_LIMIT_PER_MINUTE: "100000", PACT_SECRET_KEY: secretKey },
      { dataDir: a.dataDir, administrator: a.administrator },
    );
  }, 240_000);

  afterAll(async () => {
    await b?.stop();
    await a?.kill();
    if (a) fs.rmSync(a.dataDir, { recursive: true, force: true });
    await database?.close();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  /** Each sign-in uses another step of the ±1 window: a code is accepted once only. */
  let step = -1;
  async function signInOn(base: string): Promise<Client> {
    const client = new Client(base);
    await client.request("GET", "/api/v1/auth/me");
    const first = await client.request("POST", "/api/v1/auth/sign-in", {
      email: coordinator.email,
      password: PASSWORD,
    });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { twoFactorRequired?: boolean }).twoFactorRequired).toBe(true);
    const second = await client.request("POST", "/api/v1/auth/sign-in/2fa", {
      code: totpCode(coordinator.totp, step++),
    });
    expect(second.status, await second.clone().text()).toBe(200);
    return client;
  }

  it("shares sessions, uploads and jobs across instances", async () => {
    const client = await signInOn(a.url);
    // The session opened on A is valid on B.
    client.base = b.url;
    const me = (await (await client.request("GET", "/api/v1/auth/me")).json()) as { user: { email: string } | null };
    expect(me.user?.email).toBe(coordinator.email);

    // A file uploaded to A downloads from B.
    client.base = a.url;
    const boundary = "----pact";
    const csv = "country,quantity\nTJK,12\n";
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="figures.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    );
    const uploaded = await client.request("POST", "/api/v1/files", undefined, {
      data: body,
      type: `multipart/form-data; boundary=${boundary}`,
    });
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    const { id } = (await uploaded.json()) as { id: string };
    client.base = b.url;
    const downloaded = await client.request("GET", `/api/v1/files/${id}`);
    expect(downloaded.status).toBe(200);
    expect(await downloaded.text()).toBe(csv);

    // A job queued while only B runs a worker is done (by B).
    const ctx = createContext(
      loadConfig({ LOG_LEVEL: "silent", PACT_SECRET_KEY: secretKey }),
      database,
      pino({ level: "silent" }),
    );
    const jobId = await ctx.jobs.enqueue(REMINDER_JOB, {}, SYSTEM_ACTOR);
    let status = "queued";
    for (let i = 0; i < 100 && (status === "queued" || status === "running"); i++) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await ctx.jobs.get(jobId)).status;
    }
    expect(status).toBe("succeeded");
  }, 120_000);

  it("loses no acknowledged write when one instance is killed under load", async () => {
    const onA = await signInOn(a.url);
    const onB = await signInOn(b.url);
    const acknowledged: string[] = [];
    let refusedByDeadInstance = 0;
    let n = 0;
    let stop = false;
    const worker = async (client: Client) => {
      while (!stop) {
        n += 1;
        const email = `scale.${n}.${randomBytes(3).toString("hex")}@example.org`;
        try {
          const res = await client.request("POST", "/api/v1/users", {
            email,
            displayName: `Scale ${n}`,
            role: "member",
            language: "en",
          });
          if (res.status === 201 || res.status === 200) acknowledged.push(email);
          else if (res.status >= 500) throw new Error(`${res.status} ${await res.text()}`);
        } catch (err) {
          if ((err as Error).message.startsWith("5")) throw err;
          refusedByDeadInstance += 1; // connection refused or reset: the instance is gone; nothing acknowledged
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    const load = Promise.all([...Array(5)].flatMap(() => [worker(onA), worker(onB)]));
    await new Promise((r) => setTimeout(r, 1500));
    await a.kill();
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    await load;
    expect(refusedByDeadInstance).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(10);
    const rows = await database.db.selectFrom("users").select("email").where("email", "in", acknowledged).execute();
    expect(rows.length).toBe(acknowledged.length);
    // The survivor still works.
    expect((await onB.request("GET", "/api/v1/auth/me")).status).toBe(200);
  }, 120_000);
});
