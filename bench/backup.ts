import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import pg from "pg";
import { type BuiltApp, buildApp } from "../src/server/app.js";
import { openAndMigrate } from "../src/server/bootstrap.js";
import { loadConfig } from "../src/server/config.js";
import { type Database, openDatabase } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { hashToken } from "../src/server/modules/accounts/passwords.js";
import { newTotpSecret } from "../src/server/modules/accounts/two-factor.service.js";
import { generateSeizures } from "../src/server/modules/seizures/seizures.demo.js";
import { insertRows } from "../src/server/modules/seizures/seizures.import.js";
import { SYSTEM_ACTOR } from "../src/server/platform/audit.js";
import { restoreBackup, writeBackup } from "../src/server/platform/backup.js";
import { loadReferenceData } from "../src/server/reference/load.js";
import type { BenchResult } from "./run.js";

/**
 * Backup at scale: BENCH_BACKUP_SEIZURES (default 1 000 000) published seizures made by the demo generator, with
 * the reference data, in the embedded PostgreSQL (a new PACT_DATA_DIR in the temporary directory) — or in a
 * scratch database on BENCH_DATABASE_URL's server when that is set. Timed on it:
 * - `writeBackup` to a file (what `pact backup FILE` runs), and `GET /api/v1/system/backup` over HTTP to a file;
 * - `restoreBackup` of that file into a second, freshly migrated database (what `pact restore FILE` runs).
 * Reference in the same run: `pg_dump -Fc` of the same database and `pg_restore --single-transaction` of its dump
 * into an empty one, when a pg_dump of the server's major version is on this machine. When it is not (the
 * embedded server is PostgreSQL 18, the machine's client tools may be older), the same rows are loaded on the
 * local PostgreSQL at 127.0.0.1:5432 (user postgres, as the other benches) and both the platform's backup and
 * pg_dump run there too, so the ratio compares them on one server.
 * Target: backup and restore complete, and neither grows the process's resident memory by more than 256 MiB
 * (the same at 20 000 rows as at a million: memory does not follow the data).
 */
const SEIZURES = Number(process.env.BENCH_BACKUP_SEIZURES ?? 1_000_000);
/** Set: the benchmark runs on this server only. Unset: on the embedded PostgreSQL, and here for pg_dump if needed. */
const BENCH_URL = process.env.BENCH_DATABASE_URL;
const SERVER_URL = BENCH_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** Memory must not grow with the data: a backup or restore may add at most this to the process's resident set. */
const RSS_GROWTH_BUDGET = 256 * 2 ** 20;
const LOAD_CHUNK = 50_000;

interface Site {
  label: string;
  built: BuiltApp;
  database: Database;
  /** A new empty database on the same server: its client settings and a connection string for the client tools. */
  createDatabase(name: string): Promise<{ connection: pg.ClientConfig; url: string }>;
  dropDatabase(name: string): Promise<void>;
  url: string;
  close(): Promise<void>;
}

interface Timed {
  seconds: number;
  cpu: number;
  peakRss: number;
  /** Peak resident memory above what the process held when the step began. */
  rssGrowth: number;
}

interface SiteFigures {
  label: string;
  serverVersion: string;
  load: number;
  backup: Timed & { bytes: number };
  http: Timed & { bytes: number };
  restore: Timed;
  pgDump?: { seconds: number; bytes: number; restoreSeconds: number; version: string };
  pgDumpSkipped?: string;
}

/** Wall time, CPU time of this process and its peak resident memory while `work` runs. */
async function timed<T>(work: () => Promise<T>): Promise<Timed & { result: T }> {
  const before = process.memoryUsage().rss;
  let peakRss = before;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    const result = await work();
    const cpu = process.cpuUsage(c0);
    const seconds = (performance.now() - t0) / 1000;
    return { result, seconds, cpu: (cpu.user + cpu.system) / 1e6, peakRss, rssGrowth: peakRss - before };
  } finally {
    clearInterval(sampler);
  }
}

async function siteOn(label: string, dataDir: string, env: Record<string, string>): Promise<Site> {
  const config = loadConfig({ ...process.env, ...env, PACT_DATA_DIR: dataDir, LOG_LEVEL: "silent", PACT_DEMO: "0" });
  const { database } = await openAndMigrate(config, { log: () => {} });
  const built = await buildApp(config, database, { logger: false });
  await built.app.ready();
  const admin = async (text: string) => {
    const client = new pg.Client(
      database.embedded ? database.embedded.connection() : { connectionString: env.DATABASE_URL },
    );
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  const urlOf = (name: string) => {
    if (database.embedded) return database.embedded.url(name);
    const url = new URL(env.DATABASE_URL ?? "");
    url.pathname = `/${name}`;
    return url.toString();
  };
  return {
    label,
    built,
    database,
    url: urlOf(database.embedded ? "pact" : new URL(env.DATABASE_URL ?? "").pathname.slice(1)),
    async createDatabase(name) {
      await admin(`drop database if exists ${name}`);
      await admin(`create database ${name}`);
      const connection = database.embedded ? database.embedded.connection(name) : { connectionString: urlOf(name) };
      return { connection, url: urlOf(name) };
    },
    dropDatabase: (name) => admin(`drop database if exists ${name} with (force)`),
    async close() {
      await built.app.close();
      await database.close();
    },
  };
}

/** The embedded PostgreSQL in a new data directory (the default of a platform install). */
async function embeddedSite(): Promise<Site> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-bench-backup-"));
  // Run as root (CI), the server runs as `postgres`: it must be able to enter the directory.
  fs.chmodSync(dataDir, 0o755);
  const site = await siteOn("embedded PostgreSQL", dataDir, { DATABASE_URL: "" });
  const close = site.close;
  return {
    ...site,
    async close() {
      await close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A scratch database on SERVER_URL's server. */
async function serverSite(): Promise<Site> {
  const name = "pact_bench_backup";
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-bench-backup-files-"));
  const site = await siteOn("PostgreSQL server", dataDir, { DATABASE_URL: url.toString() });
  const close = site.close;
  return {
    ...site,
    async close() {
      await close();
      const again = new pg.Client({ connectionString: SERVER_URL });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Published seizures from the demo generator (realistic rows: arrests, routes, countries), in batches of 50 000. */
async function loadSeizures(site: Site, n: number): Promise<number> {
  const { ctx } = site.built;
  await loadReferenceData(ctx);
  const t0 = performance.now();
  for (let done = 0, k = 0; done < n; done += LOAD_CHUNK, k++) {
    const inputs = generateSeizures(Math.min(LOAD_CHUNK, n - done), 1000 + k);
    await site.database.db.transaction().execute(async (trx) => {
      const batch = await ctx.seizures.repo.insertBatch(trx, {
        file_name: `bench ${k}`,
        layout: "demo",
        rows: inputs.length,
        created_by: null,
        demo: true,
      });
      await insertRows(trx, inputs, {
        batchId: batch.id,
        userId: null,
        partnerCode: null,
        demo: true,
        status: "published",
        publishedAt: new Date(),
      });
    });
  }
  await ctx.seizures.repo.rebuildMonthly(site.database.db);
  await sql`vacuum analyze seizures`.execute(site.database.db);
  return (performance.now() - t0) / 1000;
}

/** An administrator's API token, to download the backup the way an operator's script does. */
async function adminToken(site: Site): Promise<string> {
  const { ctx } = site.built;
  // An administrator has two-factor authentication and has accepted the current terms, or is refused.
  const { user } = await ctx.accounts.createUser(
    {
      email: `bench.${randomBytes(4).toString("hex")}@example.org`,
      displayName: "Bench",
      role: "administrator",
      totpSecret: newTotpSecret(),
    },
    SYSTEM_ACTOR,
  );
  await ctx.terms.accept(
    user.id,
    (await ctx.terms.current()).map((v) => v.id),
    SYSTEM_ACTOR,
    "en",
  );
  const value = `pact_${randomBytes(32).toString("base64url")}`;
  await sql`insert into api_tokens (user_id, name, prefix, token_hash, permissions, expires_at)
    values (${user.id}, 'bench', ${value.slice(0, 12)}, ${hashToken(value)}, ${["system:manage"]}, now() + interval '1 day')`.execute(
    site.database.db,
  );
  return value;
}

async function download(site: Site, token: string, file: string): Promise<number> {
  // Closed with the app (site.close).
  const address = await site.built.app.listen({ host: "127.0.0.1", port: 0 });
  const res = await fetch(`${address}/api/v1/system/backup`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200 || !res.body)
    throw new Error(`GET /system/backup answered ${res.status}: ${await res.text()}`);
  await pipeline(Readable.fromWeb(res.body as never), fs.createWriteStream(file));
  return fs.statSync(file).size;
}

/** A pg_dump of the server's major version: on PATH or in Debian's /usr/lib/postgresql/<major>/bin. */
function pgTool(tool: "pg_dump" | "pg_restore", major: string): { bin: string; version: string } | null {
  for (const bin of [tool, `/usr/lib/postgresql/${major}/bin/${tool}`]) {
    try {
      const version = execFileSync(bin, ["--version"], { stdio: ["ignore", "pipe", "ignore"] })
        .toString()
        .trim();
      if (version.match(/(\d+)\.\d+/)?.[1] === major) return { bin, version };
    } catch {
      // not there
    }
  }
  return null;
}

async function runSite(site: Site, dir: string): Promise<SiteFigures> {
  const version = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(site.database.db);
  const serverVersion = version.rows[0]?.v ?? "?";
  const major = serverVersion.split(".")[0] ?? "";
  console.error(`  ${site.label} (PostgreSQL ${serverVersion}): loading ${SEIZURES.toLocaleString("en")} seizures …`);
  const load = await loadSeizures(site, SEIZURES);
  const { ctx } = site.built;
  const file = path.join(dir, `${major}.backup`);

  console.error("  writeBackup …");
  const backup = await timed(() =>
    writeBackup(site.database.db, ctx.files.storage, file, { databaseKind: site.database.kind }),
  );
  if (backup.result.tables.seizures?.rows !== SEIZURES) throw new Error("the backup lacks seizures");

  console.error("  GET /api/v1/system/backup …");
  const token = await adminToken(site);
  const httpFile = path.join(dir, `${major}.http.backup`);
  const http = await timed(() => download(site, token, httpFile));
  fs.rmSync(httpFile, { force: true });

  console.error("  restoreBackup into a new database …");
  const target = await site.createDatabase("pact_bench_backup_target");
  const targetDb = await openDatabase({ connection: target.connection, poolSize: 2 });
  await migrateToLatest(targetDb.db);
  const restore = await timed(() => restoreBackup(targetDb.db, ctx.files.storage, file));
  await targetDb.close();
  await site.dropDatabase("pact_bench_backup_target");

  const figures: SiteFigures = {
    label: site.label,
    serverVersion,
    load,
    backup: { ...backup, bytes: fs.statSync(file).size },
    http: { ...http, bytes: http.result },
    restore,
  };
  const dump = pgTool("pg_dump", major);
  const pgRestore = pgTool("pg_restore", major);
  if (dump && pgRestore) {
    console.error(`  reference: ${dump.version} -Fc, pg_restore --single-transaction …`);
    const dumpFile = path.join(dir, `${major}.dump`);
    let t = performance.now();
    execFileSync(dump.bin, ["-Fc", "-f", dumpFile, "-d", site.url]);
    const seconds = (performance.now() - t) / 1000;
    const empty = await site.createDatabase("pact_bench_backup_pgrestore");
    t = performance.now();
    execFileSync(pgRestore.bin, ["--single-transaction", "--exit-on-error", "--no-owner", "-d", empty.url, dumpFile]);
    const restoreSeconds = (performance.now() - t) / 1000;
    await site.dropDatabase("pact_bench_backup_pgrestore");
    figures.pgDump = { seconds, bytes: fs.statSync(dumpFile).size, restoreSeconds, version: dump.version };
    fs.rmSync(dumpFile, { force: true });
  } else {
    figures.pgDumpSkipped = `no pg_dump ${major} on this machine`;
  }
  fs.rmSync(file, { force: true });
  return figures;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const rate = (seconds: number) => `${Math.round(SEIZURES / seconds).toLocaleString("en")} rows/s`;

function describe(f: SiteFigures): string {
  const lines = [
    `${f.label}, PostgreSQL ${f.serverVersion}, ${SEIZURES.toLocaleString("en")} seizures (loaded in ${f.load.toFixed(0)} s):`,
    `  pact backup (writeBackup): ${f.backup.seconds.toFixed(1)} s, ${rate(f.backup.seconds)}, ${mib(f.backup.bytes)}, ` +
      `CPU ${f.backup.cpu.toFixed(1)} s, peak RSS ${mib(f.backup.peakRss)} (+${mib(f.backup.rssGrowth)})`,
    `  GET /system/backup:        ${f.http.seconds.toFixed(1)} s, ${rate(f.http.seconds)}, ${mib(f.http.bytes)}, ` +
      `peak RSS ${mib(f.http.peakRss)} (+${mib(f.http.rssGrowth)})`,
    `  pact restore:              ${f.restore.seconds.toFixed(1)} s, ${rate(f.restore.seconds)}, CPU ${f.restore.cpu.toFixed(1)} s, ` +
      `peak RSS ${mib(f.restore.peakRss)} (+${mib(f.restore.rssGrowth)})`,
  ];
  if (f.pgDump) {
    lines.push(
      `  ${f.pgDump.version} -Fc: ${f.pgDump.seconds.toFixed(1)} s, ${rate(f.pgDump.seconds)}, ${mib(f.pgDump.bytes)}; ` +
        `pg_restore --single-transaction: ${f.pgDump.restoreSeconds.toFixed(1)} s`,
    );
  } else lines.push(`  pg_dump: skipped (${f.pgDumpSkipped})`);
  return lines.join("\n");
}

export async function backupScale(): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-bench-backup-files-"));
  const all: SiteFigures[] = [];
  try {
    const useServer = !!BENCH_URL;
    const first = useServer ? await serverSite() : await embeddedSite();
    try {
      all.push(await runSite(first, dir));
    } finally {
      await first.close();
    }
    if (!all[0]?.pgDump && !useServer) {
      const second = await serverSite();
      try {
        all.push(await runSite(second, dir));
      } finally {
        await second.close();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const f of all) console.error(describe(f));
  const main = all[0] as SiteFigures;
  const compared = all.find((f) => f.pgDump) ?? main;
  const growth = Math.max(...all.flatMap((f) => [f.backup.rssGrowth, f.http.rssGrowth, f.restore.rssGrowth]));
  return {
    name: "backup-restore",
    measure:
      `pact backup rows/s, ${SEIZURES.toLocaleString("en")} seizures, ${main.label} ${main.serverVersion} ` +
      `(${main.backup.seconds.toFixed(0)} s, ${mib(main.backup.bytes)}; restore ${main.restore.seconds.toFixed(0)} s; ` +
      `RSS growth ≤ ${mib(growth)})`,
    platform: SEIZURES / compared.backup.seconds,
    reference: compared.pgDump ? SEIZURES / compared.pgDump.seconds : Number.NaN,
    referenceName: compared.pgDump
      ? `pg_dump -Fc on PostgreSQL ${compared.serverVersion}, rows/s (platform there: ${rate(compared.backup.seconds)})`
      : "pg_dump (not run)",
    ratio: compared.pgDump ? compared.pgDump.seconds / compared.backup.seconds : Number.NaN,
    target: "backup and restore complete; RSS growth < 256 MiB",
    met: growth < RSS_GROWTH_BUDGET,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await backupScale();
  console.log(JSON.stringify(result, null, 2));
}
