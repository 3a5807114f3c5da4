import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./database.js";
import { chooseRunAs, EmbeddedPostgresError, processAlive, startEmbeddedPostgres } from "./embedded-postgres.js";

const holderScript = fileURLToPath(new URL("../../../test/embedded-holder.ts", import.meta.url));
const made: string[] = [];
const children: ChildProcess[] = [];

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-embedded-"));
  // Started by root, the server runs under another account, which must be able to enter the directory.
  fs.chmodSync(dir, 0o755);
  made.push(dir);
  return dir;
}

function postmasterPid(dir: string): number | null {
  try {
    return Number(fs.readFileSync(path.join(dir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return null;
  }
}

const alive = processAlive;

async function query<T>(config: pg.ClientConfig, text: string): Promise<T[]> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Another process holding the cluster, as a running platform would; resolves with what it printed. */
function hold(dir: string, mode = "fast"): Promise<{ child: ChildProcess; origin: string; pid: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", holderScript, dir, mode], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve({ child, ...JSON.parse(line) });
    });
    child.stderr?.on("data", (c: Buffer) => {
      err += c.toString();
    });
    child.on("exit", (code) => reject(new Error(`holder exited with ${code}: ${err}`)));
  });
}

async function waitFor(check: () => boolean, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  for (const dir of made) {
    const pid = postmasterPid(dir);
    if (pid && alive(pid)) process.kill(pid, "SIGQUIT");
  }
  await new Promise((r) => setTimeout(r, 500));
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the embedded PostgreSQL", () => {
  it("makes a private cluster: socket only, generated passwords in a 0600 file, a platform role that is no superuser", async () => {
    const dir = dataDir();
    const database = await openDatabase({ embedded: { dataDir: dir, durable: false } });
    const cluster = database.embedded;
    if (!cluster) throw new Error("no embedded cluster");
    try {
      expect(database.kind).toBe("embedded");
      expect(cluster.origin).toBe("started");
      expect(cluster.version).toMatch(/^1[5-9]$/);
      const credentials = path.join(dir, "postgres.credentials");
      expect(fs.statSync(credentials).mode & 0o777).toBe(0o600);
      const { superuser, app } = JSON.parse(fs.readFileSync(credentials, "utf8"));
      expect(superuser).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(app).not.toBe(superuser);
      expect(fs.statSync(path.join(dir, "postgres")).mode & 0o777).toBe(0o700);

      const [settings] = await query<{ listen: string; auth: string }>(
        cluster.connection(),
        "select current_setting('listen_addresses') as listen, current_setting('password_encryption') as auth",
      );
      expect(settings).toEqual({ listen: "", auth: "scram-sha-256" });
      const [role] = await query<{ rolsuper: boolean; rolcreatedb: boolean }>(
        cluster.connection(),
        "select rolsuper, rolcreatedb from pg_roles where rolname = current_user",
      );
      expect(role).toEqual({ rolsuper: false, rolcreatedb: true });
      // A wrong password is refused, even on the socket.
      await expect(query({ ...cluster.connection(), password: "wrong" }, "select 1")).rejects.toThrow(/password/);
      // Cyrillic is text to the trigram and text-search code (a UTF-8 character class), and ё sorts as a letter.
      await query(cluster.connection(), "create extension if not exists pg_trgm");
      const [ru] = await query<{ sim: number; stem: string; upper: string }>(
        cluster.connection(),
        "select similarity('Иванов', 'Иванова') as sim, to_tsvector('russian', 'изъятия наркотиков')::text as stem, upper('ёлка') as upper",
      );
      expect(ru?.sim).toBeGreaterThan(0.5);
      expect(ru?.stem).toBe("'изъят':1 'наркотик':2");
      expect(ru?.upper).toBe("ЁЛКА");
    } finally {
      await database.close();
    }
    // Whoever started it stops it.
    expect(postmasterPid(dir)).toBeNull();
    expect(fs.existsSync(path.join(dir, "postgres.owner"))).toBe(false);
  });

  it("shares the server with the live process that started it, and adopts it when that process is gone", async () => {
    const dir = dataDir();
    const owner = await hold(dir);
    expect(owner.origin).toBe("started");
    const server = postmasterPid(dir) as number;

    // A `pact` command beside a running platform joins it and leaves it running.
    const shared = await startEmbeddedPostgres({ dataDir: dir, durable: false });
    expect(shared.origin).toBe("shared");
    await shared.stop();
    expect(alive(server)).toBe(true);

    // The platform is killed: its server lives on, and the next start takes it over instead of failing.
    owner.child.kill("SIGKILL");
    await waitFor(() => owner.child.exitCode !== null || owner.child.signalCode !== null);
    expect(alive(server)).toBe(true);
    const adopted = await startEmbeddedPostgres({ dataDir: dir, durable: false });
    expect(adopted.origin).toBe("adopted");
    const rows = await query<{ note: string }>(adopted.connection(), "select note from held");
    expect(rows).toEqual([{ note: `written by ${owner.pid}` }]);
    await adopted.stop();
    expect(alive(server)).toBe(false);
    expect(postmasterPid(dir)).toBeNull();
  });

  it("stops the server cleanly on SIGTERM and SIGINT of the process that started it", async () => {
    const dir = dataDir();
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const owner = await hold(dir);
      const server = postmasterPid(dir) as number;
      expect(alive(server)).toBe(true);
      owner.child.kill(signal);
      await waitFor(() => owner.child.exitCode !== null);
      expect(owner.child.exitCode).toBe(0);
      expect(alive(server)).toBe(false);
      const log = fs.readFileSync(path.join(dir, "postgres", "server.log"), "utf8");
      expect(log).toMatch(/database system is shut down/);
    }
  });

  it("recovers after both the platform and its server are killed as by a power loss", async () => {
    const dir = dataDir();
    const first = await hold(dir, "durable");
    const server = postmasterPid(dir) as number;
    // kill -9 of the server and of the process that started it: no shutdown checkpoint, a stale postmaster.pid.
    process.kill(server, "SIGKILL");
    first.child.kill("SIGKILL");
    await waitFor(() => !alive(server));
    expect(postmasterPid(dir)).toBe(server);
    const second = await hold(dir, "durable");
    expect(second.origin).toBe("started");
    const cluster = await startEmbeddedPostgres({ dataDir: dir });
    const rows = await query<{ note: string }>(cluster.connection(), "select note from held order by note");
    expect(rows.map((r) => r.note).sort()).toEqual([`written by ${first.pid}`, `written by ${second.pid}`].sort());
    expect(fs.readFileSync(path.join(dir, "postgres", "server.log"), "utf8")).toMatch(
      /database system was (interrupted|not properly shut down)/,
    );
    second.child.kill("SIGTERM");
    await waitFor(() => second.child.exitCode !== null);
    await cluster.stop();
  });

  it("refuses, with a message that says what to do, what it cannot safely use", async () => {
    const dir = dataDir();
    const started = await startEmbeddedPostgres({ dataDir: dir, durable: false });
    // A server on this cluster that does not answer to the platform's credentials was not started by it.
    const credentials = path.join(dir, "postgres.credentials");
    const saved = fs.readFileSync(credentials, "utf8");
    fs.writeFileSync(credentials, JSON.stringify({ superuser: "not-it", app: "not-it" }), { mode: 0o600 });
    fs.rmSync(path.join(dir, "postgres.owner"));
    await expect(startEmbeddedPostgres({ dataDir: dir, durable: false })).rejects.toThrow(
      /is running on .*but not as the platform started it.*pg_ctl stop/s,
    );
    fs.writeFileSync(credentials, saved, { mode: 0o600 });
    fs.writeFileSync(path.join(dir, "postgres.owner"), String(process.pid));
    await started.stop();

    // A cluster of another major version.
    const versionFile = path.join(dir, "postgres", "PG_VERSION");
    const version = fs.readFileSync(versionFile, "utf8");
    fs.writeFileSync(versionFile, "14\n");
    await expect(startEmbeddedPostgres({ dataDir: dir, durable: false })).rejects.toThrow(
      /made by PostgreSQL 14.*pact backup/s,
    );
    fs.writeFileSync(versionFile, version);

    // Lost passwords.
    fs.rmSync(credentials);
    await expect(startEmbeddedPostgres({ dataDir: dir, durable: false })).rejects.toThrow(/passwords .* are lost/);

    // A directory that is not a cluster.
    const other = dataDir();
    fs.mkdirSync(path.join(other, "postgres"));
    fs.writeFileSync(path.join(other, "postgres", "notes.txt"), "mine");
    await expect(startEmbeddedPostgres({ dataDir: other, durable: false })).rejects.toThrow(EmbeddedPostgresError);
    expect(fs.readFileSync(path.join(other, "postgres", "notes.txt"), "utf8")).toBe("mine");
  });

  it("started by root, runs the server under an existing unprivileged account and never creates one", () => {
    const dir = path.join(dataDir(), "postgres");
    if (process.getuid?.() !== 0) {
      expect(chooseRunAs(dir).uid).toBeUndefined();
      return;
    }
    expect(() => chooseRunAs(dir, "no-such-account-here")).toThrow(/no account here/);
    expect(() => chooseRunAs(dir, "root")).toThrow(/unprivileged/);
    const chosen = chooseRunAs(dir);
    expect(chosen.uid).toBeGreaterThan(0);
  });

  it("says which directory the server's account cannot enter, instead of failing inside initdb", async () => {
    const parent = dataDir();
    const closed = path.join(parent, "closed");
    fs.mkdirSync(closed, { mode: 0o700 });
    fs.chmodSync(closed, 0o700);
    if (process.getuid?.() !== 0) return; // only root hands the server to another account
    await expect(startEmbeddedPostgres({ dataDir: path.join(closed, "data"), durable: false })).rejects.toThrow(
      new RegExp(`cannot enter ${closed.replace(/[/.]/g, "\\$&")} \\(mode 700\\)`),
    );
    expect(fs.existsSync(path.join(closed, "data", "postgres"))).toBe(false);
  });
});
