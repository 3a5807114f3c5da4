import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processAlive } from "../src/server/db/embedded-postgres.js";
import { type Exit, postmasterPid, startPlatform, stopOrphanedServer } from "./harness.js";

/**
 * The platform's own PostgreSQL through the real server process, as an operator meets it: a `pact` command beside
 * the running platform shares its server and leaves it running; SIGTERM stops the platform and the server it
 * started cleanly; after kill -9 of the platform alone the next start adopts the server left behind and serves
 * what was written before, and a Ctrl+C at the terminal stops that platform and the server it adopted cleanly; a
 * cluster of another PostgreSQL major version is refused with a message that says what to do. One data directory
 * throughout, without demo data; the steps run in order.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const MEMBER = "lifecycle.member@example.org";

type Platform = Awaited<ReturnType<typeof startPlatform>>;

let first: Platform;
let dataDir = "";
let administrator = { email: "", password: "" };
let memberPassword = "";
const running: Platform[] = [];
let adopter: Platform | undefined;

/** Another start on the same data directory (kept when it stops). */
async function restart(options: { detached?: boolean } = {}): Promise<Platform> {
  const platform = await startPlatform({}, { dataDir, administrator }, options);
  running.push(platform);
  return platform;
}

/** Runs a command to its end with the platform's environment; its exit and everything it printed. */
function run(args: string[], timeoutMs = 90_000): Promise<Exit & { output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, PACT_DATA_DIR: dataDir, PACT_DEMO: "0", LOG_LEVEL: "warn", DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${args.join(" ")} did not end within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

const serverLog = () => path.join(dataDir, "postgres", "server.log");
const ownerFile = () => path.join(dataDir, "postgres.owner");

/** The server log written since `from` (a byte offset taken before). */
const logSince = (from: number) => fs.readFileSync(serverLog()).subarray(from).toString("utf8");

/** Stops `platform` by `send` (a signal) and checks that the whole stop was clean. */
async function expectCleanStop(platform: Platform, send: () => void) {
  const server = postmasterPid(dataDir);
  expect(server, "the platform's server runs").not.toBeNull();
  expect(processAlive(server as number)).toBe(true);
  const logFrom = fs.statSync(serverLog()).size;
  send();
  const exit = await platform.exited();
  expect(exit, platform.output()).toEqual({ code: 0, signal: null });
  // The platform waited for its server to stop. Gone means gone: an exited but unreaped postmaster (a zombie)
  // still answers kill(pid, 0), which processAlive does not count.
  expect(processAlive(server as number), "the postmaster is gone").toBe(false);
  expect(postmasterPid(dataDir), "postmaster.pid removed by a clean shutdown").toBeNull();
  expect(fs.existsSync(ownerFile()), "the owner file is removed").toBe(false);
  expect(logSince(logFrom)).toMatch(/received fast shutdown request[\s\S]*database system is shut down/);
}

/** Signs in with e-mail and password over the API; the session cookie for further calls. */
async function signIn(base: string, email: string, password: string): Promise<string> {
  const me = await fetch(`${base}/api/v1/auth/me`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const cookie = me.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return `${cookie}; ${session}`;
}

async function whoIs(base: string, cookie: string): Promise<string | null> {
  const res = await fetch(`${base}/api/v1/auth/me`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { user: { email: string } | null }).user?.email ?? null;
}

beforeAll(async () => {
  first = await startPlatform();
  running.push(first);
  dataDir = first.dataDir;
  administrator = first.administrator;
  expect(first.output()).toMatch(/embedded PostgreSQL \d+ in .*\(started\)/);
}, 180_000);

afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill();
  if (dataDir) {
    await stopOrphanedServer(dataDir);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

describe("the embedded PostgreSQL through the platform's process", () => {
  it("a `pact` command beside the running platform shares its server and leaves it running", async () => {
    const server = postmasterPid(dataDir);
    expect(server).not.toBeNull();
    expect(fs.readFileSync(ownerFile(), "utf8").trim()).toBe(String(first.child.pid));

    const created = await run(["bin/pact.js", "users", "create", "--email", MEMBER, "--role", "member"]);
    expect(created.code, created.output).toBe(0);
    expect(created.output).toMatch(new RegExp(`Created member ${MEMBER.replace(/\./g, "\\.")}`));
    memberPassword = /One-time password:\s+(\S+)/.exec(created.output)?.[1] ?? "";
    expect(memberPassword, created.output).not.toBe("");

    const migrated = await run(["bin/pact.js", "migrate"]);
    expect(migrated.code, migrated.output).toBe(0);
    expect(migrated.output).toMatch(/Database is up to date \(embedded PostgreSQL \d+ in .*\(shared\)\)/);

    // Same server, still owned by the platform, which still answers and sees what the command wrote.
    expect(postmasterPid(dataDir)).toBe(server);
    expect(processAlive(server as number)).toBe(true);
    expect(fs.readFileSync(ownerFile(), "utf8").trim()).toBe(String(first.child.pid));
    expect((await fetch(`${first.url}/api/v1/health`)).status).toBe(200);
    expect(await whoIs(first.url, await signIn(first.url, MEMBER, memberPassword))).toBe(MEMBER);
  }, 180_000);

  it("SIGTERM stops the platform and its PostgreSQL cleanly", async () => {
    await expectCleanStop(first, () => first.child.kill("SIGTERM"));
  }, 90_000);

  it("after kill -9 of the platform alone, the next start adopts its server and serves what was written before", async () => {
    const killed = await restart();
    expect(killed.output()).toMatch(/embedded PostgreSQL \d+ in .*\(started\)/);
    const server = postmasterPid(dataDir) as number;
    // Written by this platform just before it dies: a session, acknowledged.
    const cookie = await signIn(killed.url, MEMBER, memberPassword);
    await killed.kill();
    expect(processAlive(server), "the server outlives its platform").toBe(true);

    // Started as a shell starts a foreground job, for the Ctrl+C below.
    adopter = await restart({ detached: true });
    expect(adopter.output()).toMatch(/embedded PostgreSQL \d+ in .*\(adopted\)/);
    expect(postmasterPid(dataDir)).toBe(server);
    expect(fs.readFileSync(ownerFile(), "utf8").trim()).toBe(String(adopter.child.pid));
    expect(await whoIs(adopter.url, cookie)).toBe(MEMBER);
  }, 240_000);

  it("Ctrl+C at the terminal (SIGINT to the platform's process group) stops it and the server it adopted cleanly", async () => {
    if (!adopter) throw new Error("no platform adopted the server");
    const group = adopter.child.pid as number;
    await expectCleanStop(adopter, () => process.kill(-group, "SIGINT"));
  }, 90_000);

  it("refuses a cluster of another PostgreSQL major version with a message that says what to do", async () => {
    expect(postmasterPid(dataDir)).toBeNull();
    const versionFile = path.join(dataDir, "postgres", "PG_VERSION");
    const version = fs.readFileSync(versionFile, "utf8");
    const other = String(Number(version.trim()) - 1);
    fs.writeFileSync(versionFile, `${other}\n`);
    try {
      const started = await run(["--import", "tsx", "src/server/main.ts"]);
      expect(started.signal, started.output).toBeNull();
      expect(started.code, started.output).not.toBe(0);
      expect(started.output).toMatch(
        new RegExp(`made by PostgreSQL ${other}; this platform ships PostgreSQL ${version.trim()}[\\s\\S]*pact backup`),
      );
      expect(started.output, "no stack trace").not.toMatch(/^\s+at /m);
      expect(started.output).not.toMatch(/undefined|Uncaught|Error:/);
      // Nothing was started or left behind.
      expect(postmasterPid(dataDir)).toBeNull();
      expect(fs.existsSync(ownerFile())).toBe(false);
      expect(fs.existsSync(path.join(dataDir, "postgres.starting"))).toBe(false);
    } finally {
      fs.writeFileSync(versionFile, version);
    }
  }, 120_000);

  it("a Ctrl+C during start-up, delivered twice (npm and the terminal), still stops the server it started", async () => {
    expect(postmasterPid(dataDir)).toBeNull();
    const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, PACT_DATA_DIR: dataDir, PACT_DEMO: "0", LOG_LEVEL: "warn", DATABASE_URL: "", PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const exit = new Promise<Exit>((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
    await new Promise<void>((resolve, reject) => {
      const onData = (d: Buffer) => {
        output += d;
        // The database is up and the rest of start-up (reference data, the first screen) has not finished.
        if (/Database ready/.test(output)) resolve();
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      void exit.then(() => reject(new Error(`ended before the database was ready:\n${output}`)));
    });
    const server = postmasterPid(dataDir) as number;
    expect(processAlive(server)).toBe(true);
    child.kill("SIGINT");
    child.kill("SIGINT");
    const { code, signal } = await exit;
    expect({ code, signal }, output).toEqual({ code: 0, signal: null });
    expect(processAlive(server), output).toBe(false);
    expect(postmasterPid(dataDir)).toBeNull();
    expect(fs.existsSync(ownerFile())).toBe(false);
  }, 120_000);
});
