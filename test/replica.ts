import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

/**
 * A real PostgreSQL primary with a streaming standby on this machine, for tests: `initdb` a primary in a temp
 * directory (wal_level=replica, a replication line in pg_hba.conf), `pg_basebackup -R` a standby from it and
 * start both on free ports. The commands are the ones docs/operations.md ("Read replica") gives for a real install.
 * As root (CI and the sessions here) every server binary runs as the `postgres` user, which PostgreSQL requires.
 */
export interface ReplicaClusters {
  primaryUrl: string;
  standbyUrl: string;
  /** Stops applying WAL on the standby (it keeps receiving): from now on the replica lags behind on purpose. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Waits until the standby has replayed everything the primary had written when this was called. */
  waitForReplay(timeoutMs?: number): Promise<void>;
  /** Runs one query on the standby or the primary (for the test's own checks). */
  query<R extends pg.QueryResultRow>(on: "primary" | "standby", text: string): Promise<R[]>;
  /** Stops the standby alone (fast shutdown), as when the replica's machine goes away. */
  stopStandby(): Promise<void>;
  /** Stops both servers and removes their directories; safe to call twice. */
  stop(): Promise<void>;
}

/** The newest installed PostgreSQL's bin directory holding initdb, pg_ctl and pg_basebackup, or null. */
export function postgresBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(root, v, "bin");
    if (["initdb", "pg_ctl", "pg_basebackup", "postgres"].every((b) => fs.existsSync(path.join(bin, b)))) return bin;
  }
  return null;
}

/** Why the replica cannot be set up here (null when it can). */
export function replicaUnavailableReason(): string | null {
  if (!postgresBinDir()) return "PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) are not installed";
  if (process.getuid?.() === 0) {
    try {
      execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
    } catch {
      return "running as root without a `postgres` user to run the servers as";
    }
  }
  return null;
}

async function freePort(from: number, taken: Set<number>): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${from}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startReplicaClusters(): Promise<ReplicaClusters> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL server binaries not found");
  const asRoot = process.getuid?.() === 0;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pact-replica-"));
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    fs.chownSync(root, uid, gid);
  }
  const tool = (name: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", path.join(bin, name), ...args], { cwd: root })
      : run(path.join(bin, name), args, { cwd: root });
  const primaryDir = path.join(root, "primary");
  const standbyDir = path.join(root, "standby");
  const primaryPort = await freePort(54330 + Math.floor(Math.random() * 50), new Set());
  const standbyPort = await freePort(primaryPort + 1, new Set([primaryPort]));
  const started: string[] = [];

  const stopSync = () => {
    for (const dir of started.splice(0)) {
      try {
        execFileSync(
          asRoot ? "runuser" : path.join(bin, "pg_ctl"),
          [...(asRoot ? ["-u", "postgres", "--", path.join(bin, "pg_ctl")] : []), "-D", dir, "-m", "immediate", "stop"],
          { stdio: "ignore" },
        );
      } catch {
        // already stopped
      }
    }
    fs.rmSync(root, { recursive: true, force: true });
  };
  // A test process that dies before afterAll must not leave servers running.
  process.once("exit", stopSync);

  const pools = new Map<string, pg.Pool>();
  const url = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;
  const poolOf = (on: "primary" | "standby") => {
    let pool = pools.get(on);
    if (!pool) {
      pool = new pg.Pool({ connectionString: url(on === "primary" ? primaryPort : standbyPort), max: 2 });
      pool.on("error", () => {});
      pools.set(on, pool);
    }
    return pool;
  };
  const query = async <R extends pg.QueryResultRow>(on: "primary" | "standby", text: string) =>
    (await poolOf(on).query<R>(text)).rows;

  const startServer = async (dir: string) => {
    await tool("pg_ctl", ["-D", dir, "-l", path.join(root, `${path.basename(dir)}.log`), "-w", "-t", "60", "start"]);
    started.push(dir);
  };

  try {
    await tool("initdb", [
      "-D",
      primaryDir,
      "-U",
      "postgres",
      "--auth=trust",
      "-E",
      "UTF8",
      "--no-locale",
      "--no-sync",
    ]);
    fs.appendFileSync(
      path.join(primaryDir, "postgresql.conf"),
      [
        "",
        "# pact test primary",
        `port = ${primaryPort}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${root}'`,
        "wal_level = replica",
        "max_wal_senders = 4",
        "hot_standby = on",
        "fsync = off",
        "full_page_writes = off",
        "shared_buffers = 32MB",
        "",
      ].join("\n"),
    );
    fs.appendFileSync(path.join(primaryDir, "pg_hba.conf"), "\nhost replication postgres 127.0.0.1/32 trust\n");
    await startServer(primaryDir);
    await tool("pg_basebackup", [
      "-h",
      "127.0.0.1",
      "-p",
      String(primaryPort),
      "-U",
      "postgres",
      "-D",
      standbyDir,
      "-R",
      "-X",
      "stream",
      "-c",
      "fast",
      "--no-sync",
    ]);
    fs.appendFileSync(path.join(standbyDir, "postgresql.conf"), `\nport = ${standbyPort}\n`);
    await startServer(standbyDir);
    for (let i = 0; ; i++) {
      try {
        const [recovery] = await query<{ r: boolean }>("standby", "select pg_is_in_recovery() as r");
        const [streaming] = await query<{ n: number }>(
          "primary",
          "select count(*)::int as n from pg_stat_replication where state = 'streaming'",
        );
        if (recovery?.r && (streaming?.n ?? 0) > 0) break;
      } catch (err) {
        if (i > 200) throw err;
      }
      if (i > 200) throw new Error("the standby did not start streaming within 20 s");
      await sleep(100);
    }
  } catch (err) {
    stopSync();
    process.removeListener("exit", stopSync);
    throw err;
  }

  const waitForReplay = async (timeoutMs = 20_000) => {
    // The insert position: everything committed so far lies before it (the write position may lag behind it).
    const [target] = await query<{ lsn: string }>("primary", "select pg_current_wal_insert_lsn()::text as lsn");
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await query<{ behind: boolean }>(
        "standby",
        `select coalesce(pg_last_wal_replay_lsn() < '${target?.lsn}'::pg_lsn, true) as behind`,
      );
      if (!row?.behind) return;
      if (Date.now() > deadline) throw new Error(`the standby did not replay up to ${target?.lsn}`);
      await sleep(50);
    }
  };

  return {
    primaryUrl: url(primaryPort),
    standbyUrl: url(standbyPort),
    query,
    waitForReplay,
    async pauseReplay() {
      await query("standby", "select pg_wal_replay_pause()");
      for (let i = 0; i < 200; i++) {
        const [row] = await query<{ state: string }>("standby", "select pg_get_wal_replay_pause_state() as state");
        if (row?.state === "paused") return;
        await sleep(50);
      }
      throw new Error("the standby did not pause replay");
    },
    async resumeReplay() {
      await query("standby", "select pg_wal_replay_resume()");
    },
    async stopStandby() {
      await pools
        .get("standby")
        ?.end()
        .catch(() => {});
      pools.delete("standby");
      await tool("pg_ctl", ["-D", standbyDir, "-m", "fast", "-w", "stop"]);
      started.splice(started.indexOf(standbyDir), 1);
    },
    async stop() {
      for (const pool of pools.values()) await pool.end().catch(() => {});
      pools.clear();
      stopSync();
      process.removeListener("exit", stopSync);
    },
  };
}
