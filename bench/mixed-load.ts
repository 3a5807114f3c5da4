import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { sql } from "kysely";
import pg from "pg";
import { pino } from "pino";
import { openAndMigrate } from "../src/server/bootstrap.js";
import { loadConfig } from "../src/server/config.js";
import { createContext } from "../src/server/context.js";
import { APP_DATABASE } from "../src/server/db/embedded-postgres.js";
import { seedDemo } from "../src/server/demo/index.js";
import { newTotpSecret, totpCode } from "../src/server/modules/accounts/two-factor.service.js";
import { SYSTEM_ACTOR } from "../src/server/platform/audit.js";
import { centroid } from "../src/server/platform/geo.js";
import { loadReferenceData } from "../src/server/reference/load.js";
import { apiClient, freePort } from "./bench-http.js";
import type { BenchResult } from "./run.js";

/**
 * A mixed workload from a load tool on loopback against the platform running as its own process (so its
 * memory is its own): N clients (default 200) for BENCH_MIXED_SECONDS (default 60) — members browsing lists
 * and pages, searching in both languages and opening dashboards, focal points saving projects, and a facility
 * list being imported again and again — plus a few database-free probes: visitors loading the web app's page
 * (`GET /`, a static file; no session cookie, so no hook and no handler touches the database), paced at
 * 10 requests a second each, whose latency shows whether the server's event loop keeps turning.
 * Reported per class: requests, p50 and p99 latency, 5xx, requests without an answer; the server's resident
 * memory is sampled every second, and the CPU time of the load generator (this process), the server and the
 * database backends over the load.
 *
 * `mixed-load`: one run of 200 clients on the default database (the embedded PostgreSQL; DATABASE_URL switches
 * to a server: use a scratch database, it is migrated and filled). Pass: no 5xx, every request answered,
 * memory stable (median RSS of the last third within 25% of the first third's). The ratio is the browse class's
 * p99 alone (one client) over its p99 under the full load.
 *
 * `mixed-load-levels`: 20, 50 and 200 clients (BENCH_MIXED_LEVELS), each on the embedded PostgreSQL and on a
 * scratch database of the system PostgreSQL (BENCH_SYSTEM_DATABASE_URL, else TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres), the order alternating between levels, same seeded data. Pass:
 * no 5xx and no unanswered request anywhere; at 50 clients the database-free p99 ≤ 250 ms on both; at 200
 * clients the embedded default answers ≥ 0.9× the requests the system PostgreSQL answers (the ratio).
 */
const SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 60);
const SEIZURES = Number(process.env.BENCH_MIXED_SEIZURES ?? 20000);
/** Database-free probes: how many, and requests per second each (paced like page loads, not a flood). */
/** Extra Node.js arguments for the server process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it. */
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
const PROBES = 4;
const PROBE_RATE = 10;
/** Today's split of 200 clients: browse, search, dashboards, saves (+ 1 importer). */
const SPLIT = [90, 40, 40, 29] as const;
const ROOT = path.resolve(import.meta.dirname, "..");
const PASSWORD = "correct horse battery staple 42";

interface Account {
  email: string;
  totp?: string;
  cookie: string;
  csrf: string;
}

async function signIn(base: string, email: string, totp: string | undefined, step: number): Promise<Account> {
  const { call, jar, cookie } = apiClient(base);
  await call("/api/v1/auth/me");
  await call("/api/v1/auth/sign-in", { email, password: PASSWORD });
  if (totp) await call("/api/v1/auth/sign-in/2fa", { code: totpCode(totp, step) });
  return { email, ...(totp ? { totp } : {}), cookie: cookie(), csrf: jar.get("pact_csrf") ?? "" };
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** User + system CPU seconds of a process so far (0 when it is gone). */
function cpuOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/**
 * Seconds a thread has spent running and waiting on a run queue for a core (ready but not running) so far; for a
 * Node server's main thread, the time its event loop ran and the time it was held up by the machine's CPU.
 */
function schedOf(pid: number, tid = pid): { run: number; wait: number } {
  try {
    const [run = 0, wait = 0] = fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ").map(Number);
    return { run: run / 1e9, wait: wait / 1e9 };
  } catch {
    return { run: 0, wait: 0 };
  }
}

/** Busy and total CPU seconds of the whole machine so far (all cores). */
function machineCpu(): { busy: number; total: number } {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const t = line.trim().split(/\s+/).slice(1).map(Number);
  const total = t.reduce((a, b) => a + b, 0) / 100;
  const idle = ((t[3] ?? 0) + (t[4] ?? 0)) / 100;
  return { busy: total - idle, total };
}

/**
 * The PostgreSQL processes serving the platform: `backends` are the client connections (on a local server, those
 * whose process title names the scratch database; empty for a remote server); `auxiliary` are the embedded
 * cluster's own processes (postmaster, IO workers, WAL writer, checkpointer, autovacuum), which a shared system
 * server cannot attribute to one database.
 */
function backendFinder(
  dataDir: string,
  databaseUrl: string | undefined,
): () => { backends: number[]; auxiliary: number[] } {
  const procs = () =>
    fs
      .readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  const title = (pid: number) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
    } catch {
      return "";
    }
  };
  const client = (database: string) => (pid: number) =>
    title(pid).startsWith("postgres: ") && title(pid).includes(` ${database} `);
  if (databaseUrl) {
    const ofDatabase = client(decodeURIComponent(new URL(databaseUrl).pathname.slice(1)));
    return () => ({ backends: procs().filter(ofDatabase), auxiliary: [] });
  }
  const ofDatabase = client(APP_DATABASE);
  const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
  return () => {
    const postmaster = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    const children = procs().filter((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === postmaster;
      } catch {
        return false;
      }
    });
    return {
      backends: children.filter(ofDatabase),
      auxiliary: [postmaster, ...children.filter((pid) => !ofDatabase(pid))],
    };
  };
}

/** Requests sent but neither answered nor failed when autocannon stopped (`requests.sent` is missing from its types). */
function inFlightOf(result: autocannon.Result): number {
  const { total, sent } = result.requests as autocannon.Result["requests"] & { sent?: number };
  return Math.max(0, (sent ?? total) - total - result.errors);
}

/** Clients per class for `clients` in all, scaled from today's 90/40/40/29 (+ 1 importer) of 200. */
export function splitClients(clients: number): { browse: number; search: number; dashboards: number; saves: number } {
  const n = Math.max(SPLIT.length, clients - 1);
  const sum = SPLIT.reduce((a, b) => a + b, 0);
  const exact = SPLIT.map((w) => (w * n) / sum);
  const counts = exact.map((x) => Math.max(1, Math.floor(x)));
  // Largest remainders get the clients rounding left over.
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; counts.reduce((a, b) => a + b, 0) < n; k++) {
    const i = order[k % order.length]?.[1] ?? 0;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  const [browse = 1, search = 1, dashboards = 1, saves = 1] = counts;
  return { browse, search, dashboards, saves };
}

function locatorCsv(rows: number, round: number): string {
  const [lon, lat] = centroid("TJK") as [number, number];
  const lines = ["name,city,state,postcode,phone,website,latitude,longitude,services"];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `Load facility ${round}-${i},Dushanbe,Region ${i % 5},${734000 + i},+992 37 ${String(i).padStart(6, "0")},www.f${i}.example.org,${lat.toFixed(4)},${lon.toFixed(4)},"Detox; Outpatient"`,
    );
  }
  return lines.join("\n");
}

/** How many projects a user sees (drafts of their partner included). */
async function projectCount(base: string, cookie: string): Promise<number> {
  const res = await fetch(`${base}/api/v1/projects?limit=1`, { headers: { cookie } });
  if (!res.ok) throw new Error(`projects: ${res.status}`);
  return Number(((await res.json()) as { total: number }).total);
}

export interface ClassResult {
  name: string;
  connections: number;
  requests: number;
  p50: number;
  p99: number;
  fiveXx: number;
  otherNon2xx: number;
  /** Non-2xx answers by status, e.g. "12×409" (empty when none). */
  statuses: string;
  /**
   * Requests that got no answer: no answer within autocannon's timeout (30 s), or failed at the socket.
   * (autocannon counts a timeout among its errors too; it is counted once here.)
   */
  timeouts: number;
  /** Requests still waiting when the clock stopped (at most one per client; not failures). */
  inFlight: number;
  /** 201 answers (writes acknowledged). */
  created: number;
}

export interface MixedLoadOptions {
  seconds: number;
  /** Demo seizures seeded before the run (the dashboards' data). */
  seizures: number;
  /** Clients in all, importer included (default 200: 90 browse, 40 search, 40 dashboards, 29 saves, 1 import). */
  clients?: number;
  /**
   * The server's environment on top of this process's (e.g. DATABASE_URL; an empty DATABASE_URL means the
   * embedded PostgreSQL whatever this process's environment says).
   */
  env?: Record<string, string>;
}

export interface MixedLoadReport {
  clients: number;
  alone: ClassResult;
  /** browse, search, dashboards, saves, then the database-free probes. */
  results: ClassResult[];
  /** The database-free class (also the last of `results`) and the path it requests. */
  databaseFree: ClassResult;
  databaseFreePath: string;
  imports: number;
  importFailures: number;
  /** 5xx over every class and the importer. */
  fiveXx: number;
  /** Requests with no answer in 30 s or failed at the socket, over every class. */
  timeouts: number;
  /** Answers other than 5xx to the database classes (browse, search, dashboards, saves). */
  answered: number;
  /** RSS of the last third of the run over the first third (medians). */
  growth: number;
  rss: { early: number; late: number; max: number };
  /** CPU seconds over the load: this process (load generator), the server, its database backends, the machine. */
  cpu: {
    seconds: number;
    generator: number;
    server: number;
    /** Client backends of the platform's database. */
    database: number;
    /** The embedded cluster's own processes (0 on a shared server, where they cannot be attributed). */
    databaseAuxiliary: number;
    machineBusy: number;
    cores: number;
    /** The server's main thread (its event loop): seconds running, and seconds ready but waiting for a core. */
    loopRun: number;
    loopWait: number;
  };
  /** Project saves the server acknowledged (201) and those found stored afterwards (by their titles). */
  savesAcknowledged: number;
  savesStored: number;
  /** Seconds spent preparing (migrations, reference and demo data, accounts) before the server started. */
  prepareSeconds: number;
}

/** The bench's default run: 200 clients, BENCH_MIXED_SECONDS, written into docs/performance.md. */
export async function mixedLoad(): Promise<BenchResult> {
  const onServer = !!process.env.DATABASE_URL;
  const report = await runMixedLoad({ seconds: SECONDS, seizures: SEIZURES });
  const { alone, results, imports, importFailures, fiveXx, timeouts, growth } = report;
  const browseLoaded = results[0]?.p99 ?? 0;
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.connections} | ${r.requests} | ${r.p50} | ${r.p99} | ${r.fiveXx} | ${r.otherNon2xx}${r.statuses ? ` (${r.statuses})` : ""} | ${r.timeouts} |`,
  );
  const detail = [
    `<!-- mixed-load -->`,
    `Mixed load, ${SECONDS} s, 200 clients (importer included) + ${PROBES} database-free probes (${onServer ? "PostgreSQL server" : "embedded PostgreSQL"}; ${new Date().toISOString().slice(0, 10)}, load average ${os.loadavg()[0]?.toFixed(1)}):`,
    "",
    "| class | clients | requests | p50 ms | p99 ms | 5xx | other non-2xx | no answer in 30 s |",
    "|---|---|---|---|---|---|---|---|",
    `| browse alone (reference) | 1 | ${alone.requests} | ${alone.p50} | ${alone.p99} | ${alone.fiveXx} | ${alone.otherNon2xx} | ${alone.timeouts} |`,
    ...rows,
    `| import (500-row facility list, repeated) | 1 | ${imports} imports | | | ${importFailures} | | |`,
    "",
    `Server memory (RSS): ${Math.round(report.rss.early / 2 ** 20)} MiB early, ${Math.round(report.rss.late / 2 ** 20)} MiB late, ` +
      `max ${Math.round(report.rss.max / 2 ** 20)} MiB (growth ×${growth.toFixed(2)}). ` +
      `Project saves acknowledged: ${report.savesAcknowledged}; stored afterwards: ${report.savesStored} (saves in flight when the clients stopped may be stored too). ` +
      cpuNote(report),
    `<!-- /mixed-load -->`,
  ].join("\n");
  console.log(detail);
  writeSection("mixed-load", detail);
  return {
    name: "mixed-load",
    measure: `browse p99 ms, alone vs. under 200 clients, ${onServer ? "PostgreSQL server" : "embedded PostgreSQL"} (5xx: ${fiveXx}, unanswered: ${timeouts}, RSS ×${growth.toFixed(2)})`,
    platform: browseLoaded,
    reference: alone.p99,
    referenceName: "browse alone, 1 client",
    ratio: alone.p99 / Math.max(1, browseLoaded),
    target: "no 5xx, every request answered, RSS growth < 1.25",
    met: fiveXx === 0 && timeouts === 0 && growth < 1.25 && report.savesStored >= report.savesAcknowledged,
  };
}

function writeSection(marker: string, detail: string) {
  const doc = path.resolve(ROOT, "docs/performance.md");
  const current = fs.readFileSync(doc, "utf8");
  const pattern = new RegExp(`<!-- ${marker} -->[\\s\\S]*<!-- /${marker} -->`);
  fs.writeFileSync(doc, pattern.test(current) ? current.replace(pattern, detail) : `${current}\n${detail}\n`);
}

function cpuNote(r: MixedLoadReport): string {
  const { seconds, generator, server, database, databaseAuxiliary, machineBusy, cores, loopRun, loopWait } = r.cpu;
  const pct = (x: number) => `${Math.round((100 * x) / Math.max(1, seconds * cores))}%`;
  const ofTime = (x: number) => `${Math.round((100 * x) / Math.max(1, seconds))}%`;
  return (
    `CPU over the load (${cores} cores × ${seconds.toFixed(0)} s): load generator ${pct(generator)}, server ${pct(server)}, ` +
    `database backends ${pct(database)}${databaseAuxiliary > 0 ? ` + the embedded server's own processes ${pct(databaseAuxiliary)}` : ""}; ` +
    `machine busy ${pct(machineBusy)}, of which other processes ${pct(Math.max(0, machineBusy - generator - server - database - databaseAuxiliary))}. ` +
    `Server's event-loop thread: running ${ofTime(loopRun)} of the time, ready but waiting for a core ${ofTime(loopWait)}.`
  );
}

/** Medians over rounds of the same level and database (5xx and unanswered: sums). */
function medianReport(reports: MixedLoadReport[]): MixedLoadReport {
  const first = reports[0] as MixedLoadReport;
  const med = (f: (r: MixedLoadReport) => number) => median(reports.map(f));
  const sum = (f: (r: MixedLoadReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  const results = first.results.map((c, i) => {
    const of = (r: MixedLoadReport) => r.results[i] as ClassResult;
    return {
      ...c,
      requests: med((r) => of(r).requests),
      p50: med((r) => of(r).p50),
      p99: med((r) => of(r).p99),
      fiveXx: sum((r) => of(r).fiveXx),
      otherNon2xx: sum((r) => of(r).otherNon2xx),
      timeouts: sum((r) => of(r).timeouts),
      inFlight: med((r) => of(r).inFlight),
      created: med((r) => of(r).created),
    };
  });
  const cpu = Object.fromEntries(
    Object.keys(first.cpu).map((k) => [k, med((r) => r.cpu[k as keyof MixedLoadReport["cpu"]])]),
  ) as MixedLoadReport["cpu"];
  return {
    ...first,
    results,
    databaseFree: results[4] as ClassResult,
    imports: med((r) => r.imports),
    importFailures: sum((r) => r.importFailures),
    fiveXx: sum((r) => r.fiveXx),
    timeouts: sum((r) => r.timeouts),
    answered: med((r) => r.answered),
    growth: med((r) => r.growth),
    rss: { early: med((r) => r.rss.early), late: med((r) => r.rss.late), max: med((r) => r.rss.max) },
    cpu,
    savesAcknowledged: med((r) => r.savesAcknowledged),
    savesStored: med((r) => r.savesStored),
    prepareSeconds: med((r) => r.prepareSeconds),
  };
}

type Kind = "embedded" | "system";

/** The system PostgreSQL's administration URL (trust or password in the URL). */
const SYSTEM_URL =
  process.env.BENCH_SYSTEM_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/postgres";

async function onSystem<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SYSTEM_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** One run of the mix on one kind of database: the embedded default, or a scratch database on the system server. */
async function runOn(
  kind: Kind,
  clients: number,
  seconds: number,
  seizures: number,
  round: number,
): Promise<MixedLoadReport> {
  if (kind === "embedded") {
    return runMixedLoad({ seconds, seizures, clients, env: { DATABASE_URL: "", DATABASE_READ_URL: "" } });
  }
  const name = `pact_bench_mixed_${process.pid}_${clients}_${round}`;
  await onSystem(async (c) => {
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(`create database ${name}`);
  });
  try {
    const url = new URL(SYSTEM_URL);
    url.pathname = `/${name}`;
    return await runMixedLoad({
      seconds,
      seizures,
      clients,
      env: { DATABASE_URL: url.toString(), DATABASE_READ_URL: "" },
    });
  } finally {
    await onSystem((c) => c.query(`drop database if exists ${name} with (force)`));
  }
}

const DATABASE_FREE_P99_MS = 250;
const ANSWERED_RATIO = 0.9;

/**
 * 20, 50 and 200 clients on the embedded PostgreSQL and on the system PostgreSQL in one run, the order
 * alternating between levels; a table per level into docs/performance.md.
 */
export async function mixedLoadLevels(): Promise<BenchResult> {
  const levels = (process.env.BENCH_MIXED_LEVELS ?? "20,50,200").split(",").map(Number);
  const rounds = Number(process.env.BENCH_MIXED_ROUNDS ?? 1);
  const started = Date.now();
  const loadAverages: number[] = [];
  const runs: { level: number; kind: Kind; round: number; report: MixedLoadReport }[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const [i, level] of levels.entries()) {
      // The order alternates between levels and between rounds.
      const kinds: Kind[] = (i + round) % 2 === 0 ? ["embedded", "system"] : ["system", "embedded"];
      for (const kind of kinds) {
        loadAverages.push(os.loadavg()[0] ?? 0);
        console.error(`mixed-load-levels: round ${round + 1}/${rounds}, ${level} clients on ${kind} …`);
        const report = await runOn(kind, level, SECONDS, SEIZURES, round);
        runs.push({ level, kind, round, report });
        console.error(
          `  answered ${report.answered}, 5xx ${report.fiveXx}, unanswered ${report.timeouts}, database-free p99 ${report.databaseFree.p99} ms; ${cpuNote(report)}`,
        );
      }
    }
  }
  loadAverages.push(os.loadavg()[0] ?? 0);
  const minutes = (Date.now() - started) / 60000;
  const all = (level: number, kind: Kind) =>
    runs.filter((r) => r.level === level && r.kind === kind).map((r) => r.report);
  const at = (level: number, kind: Kind) => {
    const reports = all(level, kind);
    return reports.length ? medianReport(reports) : undefined;
  };

  const clean = runs.every((r) => r.report.fiveXx === 0 && r.report.timeouts === 0);
  const fifty = (["embedded", "system"] as const).map((k) => at(50, k)?.databaseFree.p99 ?? Number.POSITIVE_INFINITY);
  const eventLoop = fifty.every((p) => p <= DATABASE_FREE_P99_MS);
  const top = Math.max(...levels);
  const embeddedTop = at(top, "embedded")?.answered ?? 0; // medians over rounds
  const systemTop = at(top, "system")?.answered ?? 0;
  const ratio = embeddedTop / Math.max(1, systemTop);
  const met = clean && eventLoop && ratio >= ANSWERED_RATIO && levels.includes(50) && levels.includes(200);

  const ms = (x: number) => (Number.isFinite(x) ? `${x} ms` : "not run");
  const cell = (r: ClassResult | undefined) =>
    r ? `${r.requests} | ${r.p50} | ${r.p99} | ${r.fiveXx} | ${r.timeouts}` : "| | | |";
  const tables = levels.flatMap((level) => {
    const e = at(level, "embedded");
    const s = at(level, "system");
    if (!e || !s) return [];
    const first = (levels.indexOf(level) % 2 === 0 ? "embedded" : "system") as Kind;
    const spread = (kind: Kind) =>
      rounds > 1
        ? ` Per round: answered ${all(level, kind)
            .map((r) => r.answered)
            .join(", ")}; database-free p99 ${all(level, kind)
            .map((r) => r.databaseFree.p99)
            .join(", ")} ms.`
        : "";
    const rows = e.results.map((r, i) => {
      const name =
        r === e.databaseFree ? `database-free (\`GET ${e.databaseFreePath}\`, ${PROBE_RATE}/s each)` : r.name;
      return `| ${name} | ${r.connections} | ${cell(r)} | ${cell(s.results[i])} |`;
    });
    const imports = (x: MixedLoadReport) => `${x.imports} imports | | | ${x.importFailures} | `;
    const summary = (kind: Kind, x: MixedLoadReport) =>
      `${kind}: answered ${x.answered} (database classes), RSS ${Math.round(x.rss.early / 2 ** 20)}→${Math.round(x.rss.late / 2 ** 20)} MiB ` +
      `(×${x.growth.toFixed(2)}), saves acknowledged ${x.savesAcknowledged} / stored ${x.savesStored}. ${cpuNote(x)}${spread(kind)}`;
    const split = e.results
      .slice(0, 4)
      .map((r) => r.connections)
      .join("/");
    return [
      `**${level} clients** (${first} first${rounds > 1 ? " in round 1, then alternating" : ""}; ${split} browse/search/dashboards/saves + 1 importer + ${PROBES} database-free probes):`,
      "",
      "| class | clients | embedded requests | p50 ms | p99 ms | 5xx | unanswered | system requests | p50 ms | p99 ms | 5xx | unanswered |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|",
      ...rows,
      `| import (500-row facility list, repeated) | 1 | ${imports(e)} | ${imports(s)} |`,
      `| **answered, database classes** | ${e.clients} | **${e.answered}** | | | ${e.fiveXx} | ${e.timeouts} | **${s.answered}** | | | ${s.fiveXx} | ${s.timeouts} |`,
      "",
      `- ${summary("embedded", e)}`,
      `- ${summary("system", s)}`,
      "",
    ];
  });
  const when = new Date().toISOString().slice(0, 10);
  const version = await onSystem(async (c) => (await c.query("show server_version")).rows[0]?.server_version as string);
  const detail = [
    "<!-- mixed-load-levels -->",
    `\`npm run bench -- mixed-load-levels\`, ${when}: ${SECONDS} s per run, ${rounds > 1 ? `${rounds} rounds (medians; 5xx and unanswered summed), ` : ""}${SEIZURES} seeded seizures, embedded PostgreSQL ` +
      `(the default) vs. a scratch database on the system PostgreSQL ${version.split(" ")[0]}, both durable (fsync on), ` +
      `pool of 10 connections each; ${os.cpus().length} cores, load average ${Math.min(...loadAverages).toFixed(1)}–${Math.max(...loadAverages).toFixed(1)} ` +
      `(1-minute, sampled before each run); ${minutes.toFixed(0)} minutes in all.`,
    "",
    "| criterion | embedded | system | met |",
    "|---|---|---|---|",
    `| 5xx / unanswered, all levels | ${runs.filter((r) => r.kind === "embedded").reduce((n, r) => n + r.report.fiveXx, 0)} / ${runs.filter((r) => r.kind === "embedded").reduce((n, r) => n + r.report.timeouts, 0)} | ${runs.filter((r) => r.kind === "system").reduce((n, r) => n + r.report.fiveXx, 0)} / ${runs.filter((r) => r.kind === "system").reduce((n, r) => n + r.report.timeouts, 0)} | ${clean ? "yes" : "no"} |`,
    `| database-free p99 at 50 clients ≤ ${DATABASE_FREE_P99_MS} ms | ${fifty.map(ms).join(" | ")} | ${eventLoop ? "yes" : "no"} |`,
    `| answered at ${top} clients, embedded ≥ ${ANSWERED_RATIO}× system | ${embeddedTop} | ${systemTop} | ${ratio.toFixed(2)}× ${ratio >= ANSWERED_RATIO ? "yes" : "no"} |`,
    "",
    ...tables,
    "<!-- /mixed-load-levels -->",
  ].join("\n");
  console.log(detail);
  writeSection("mixed-load-levels", detail);
  return {
    name: "mixed-load-levels",
    measure: `requests answered at ${top} clients, embedded vs. system PostgreSQL (${levels.join("/")} clients × ${SECONDS} s${rounds > 1 ? ` × ${rounds} rounds, medians` : ""}; 5xx+unanswered: ${runs.reduce((n, r) => n + r.report.fiveXx + r.report.timeouts, 0)}; database-free p99 at 50: ${fifty.join("/")} ms)`,
    platform: embeddedTop,
    reference: systemTop,
    referenceName: "system PostgreSQL, same run",
    ratio,
    target: `no 5xx or unanswered; database-free p99 at 50 ≤ ${DATABASE_FREE_P99_MS} ms; ≥ ${ANSWERED_RATIO}× at ${top}`,
    met,
  };
}

/**
 * Prepares a platform (reference and demo data, a member and a focal point), starts it as its own process and
 * runs the mix against it; used by the benchmarks and, in a short form, by the load e2e test.
 */
export async function runMixedLoad(options: MixedLoadOptions): Promise<MixedLoadReport> {
  const SECONDS = options.seconds;
  const clients = options.clients ?? 200;
  const split = splitClients(clients);
  const prepareStarted = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-bench-mixed-"));
  fs.chmodSync(dataDir, 0o755); // the embedded PostgreSQL may run under another account
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...options.env,
    PACT_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    RATE_LIMIT_PER_MINUTE: "100000000",
    PACT_DEMO: "0",
  };
  // Prepare: reference and demo data, a member and a focal point of Tajikistan.
  const config = loadConfig(env);
  const { database } = await openAndMigrate(config, { log: () => {} });
  const ctx = createContext(config, database, pino({ level: "silent" }));
  await loadReferenceData(ctx);
  await seedDemo(ctx, { sizes: { seizures: options.seizures } });
  const focalTotp = newTotpSecret();
  const users = [
    { email: "load.member@example.org", role: "member" as const, partnerCode: "TJK", totp: undefined },
    { email: "load.focal@example.org", role: "focal_point" as const, partnerCode: "TJK", totp: focalTotp },
  ];
  for (const u of users) {
    const { user } = await ctx.accounts.createUser(
      {
        email: u.email,
        displayName: u.email,
        role: u.role,
        partnerCode: u.partnerCode,
        password: PASSWORD,
        ...(u.totp ? { totpSecret: u.totp } : {}),
      },
      SYSTEM_ACTOR,
    );
    await ctx.terms.accept(
      user.id,
      (await ctx.terms.current()).map((v) => v.id),
      SYSTEM_ACTOR,
      "en",
    );
  }
  // Steady state, as a running platform's database is: the seeded rows vacuumed and their statistics gathered.
  // Without it the two servers differ in more than the engine: the system PostgreSQL here runs with autovacuum
  // off (the seeded tables would keep no statistics), while the embedded one's autovacuum would spend the first
  // seconds of the load catching up on 20,000 fresh rows.
  await sql`vacuum (analyze)`.execute(database.db);
  await database.close();
  const prepareSeconds = (Date.now() - prepareStarted) / 1000;

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_ARGS, "--import", "tsx", "src/server/main.ts"], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    for (let i = 0; i < 240; i++) {
      if ((await fetch(`${base}/api/v1/health`).catch(() => null))?.ok) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const member = await signIn(base, users[0]?.email ?? "", undefined, 0);
    const focal = await signIn(base, users[1]?.email ?? "", focalTotp, -1);
    const memberHeaders = { cookie: member.cookie };
    // Members accept the DMP's terms of use before the dashboards show them anything.
    const accepted = await fetch(`${base}/api/v1/seizures/terms/accept`, {
      method: "POST",
      headers: { cookie: member.cookie, "x-csrf-token": member.csrf },
    });
    if (!accepted.ok) throw new Error(`DMP terms: ${accepted.status} ${await accepted.text()}`);
    const focalHeaders = { cookie: focal.cookie, "x-csrf-token": focal.csrf, "content-type": "application/json" };

    const browse = [
      "/api/v1/partners",
      "/api/v1/partners/TJK",
      "/api/v1/meetings",
      "/api/v1/recommendations",
      "/api/v1/projects",
      "/api/v1/facilities",
      "/api/v1/news",
      "/api/v1/notifications",
    ].map((p) => ({ method: "GET" as const, path: p, headers: memberHeaders }));
    const search = ["heroin", "героин", "border control", "Dushanbe", "precursor"].map((q) => ({
      method: "GET" as const,
      path: `/api/v1/search?q=${encodeURIComponent(q)}`,
      headers: memberHeaders,
    }));
    const dashboards = [
      "/api/v1/seizures/dashboard",
      "/api/v1/seizures/stats",
      "/api/v1/facilities/stats",
      "/api/v1/recommendations/heatmap",
    ].map((p) => ({ method: "GET" as const, path: p, headers: memberHeaders }));
    // A request no database takes part in: a visitor (no session cookie, so the security hook looks nothing up)
    // loading the built web app's page, a static file; the API description (built once, kept in memory) when
    // the web app is not built.
    const webBuilt = (await fetch(`${base}/`).catch(() => null))?.headers.get("content-type")?.startsWith("text/html");
    const databaseFreePath = webBuilt ? "/" : "/api/v1/openapi.json";
    const databaseFree = [{ method: "GET" as const, path: databaseFreePath, headers: {} as Record<string, string> }];
    let saved = 0;
    const saves: autocannon.Request[] = [
      {
        method: "POST" as const,
        path: "/api/v1/projects",
        headers: focalHeaders,
        setupRequest: (req: autocannon.Request) => {
          saved += 1;
          req.body = JSON.stringify({
            title: {
              en: `Border liaison office equipment, phase ${saved}`,
              ru: `Оснащение пограничного офиса, этап ${saved}`,
            },
            summary: { en: "Equipment and training for a border liaison office on the Tajik-Afghan border." },
            plannedStart: "2026-01-01",
            plannedEnd: "2027-12-31",
            themes: ["border_control"],
            pillars: [1],
          });
          return req;
        },
      },
    ];

    // Every path answers before the load starts (a 4xx here means the bench is out of date, not a fault).
    for (const r of [...browse, ...search, ...dashboards, ...databaseFree]) {
      const res = await fetch(`${base}${r.path}`, { headers: r.headers });
      if (!res.ok) throw new Error(`warm-up ${r.path}: ${res.status}`);
    }

    const run = (name: string, connections: number, requests: autocannon.Request[], duration: number, rate?: number) =>
      new Promise<ClassResult>((resolve, reject) => {
        let fiveXx = 0;
        let other = 0;
        const statuses = new Map<number, number>();
        let created = 0;
        const paced = rate ? { connectionRate: rate, ignoreCoordinatedOmission: true } : {};
        const instance = autocannon(
          { url: base, connections, duration, requests, timeout: 30, ...paced },
          (err, result) => {
            if (err) reject(err);
            else
              resolve({
                name,
                connections,
                requests: result.requests.total,
                p50: result.latency.p50,
                p99: result.latency.p99,
                fiveXx,
                otherNon2xx: other,
                statuses: [...statuses].map(([code, n]) => `${n}×${code}`).join(", "),
                created,
                // autocannon's errors include its timeouts.
                timeouts: result.errors,
                inFlight: inFlightOf(result),
              });
          },
        );
        instance.on("response", (_client, statusCode) => {
          if (statusCode >= 500) fiveXx += 1;
          else if (statusCode >= 300 && statusCode !== 304) other += 1;
          if (statusCode === 201) created += 1;
          if (statusCode >= 300 && statusCode !== 304) statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
        });
      });

    // Reference: the browse class alone, one client.
    await run("warm-up", 10, browse, 5);
    const alone = await run("browse alone", 1, browse, 10);

    // The import that runs through the whole load: upload and import a 500-row list, again and again.
    let imports = 0;
    let importFailures = 0;
    let stopImports = false;
    const importer = (async () => {
      while (!stopImports) {
        const boundary = "----pactbench";
        const body = Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="locator.csv"\r\nContent-Type: text/csv\r\n\r\n`,
          ),
          Buffer.from(locatorCsv(500, imports)),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        const up = await fetch(`${base}/api/v1/files`, {
          method: "POST",
          headers: {
            cookie: focal.cookie,
            "x-csrf-token": focal.csrf,
            "content-type": `multipart/form-data; boundary=${boundary}`,
          },
          body,
        });
        if (!up.ok) {
          importFailures += 1;
          continue;
        }
        const { id } = (await up.json()) as { id: string };
        const res = await fetch(`${base}/api/v1/facilities/import`, {
          method: "POST",
          headers: focalHeaders,
          body: JSON.stringify({ fileId: id, country: "TJK", sharing: "public" }),
        });
        if (res.status >= 500) importFailures += 1;
        else imports += 1;
      }
    })();

    const projectsBefore = await projectCount(base, focal.cookie);
    const rss: number[] = [];
    const pid = child.pid as number;
    // CPU over the load: this process (autocannon and the importer), the server, and its database backends.
    const backends = backendFinder(dataDir, env.DATABASE_URL || undefined);
    // CPU seconds per process at the start and at the last sample (processes that appear later start from 0).
    const backendStart = new Map<number, number>();
    const backendLast = new Map<number, number>();
    const auxiliaryStart = new Map<number, number>();
    const auxiliaryLast = new Map<number, number>();
    const first = backends();
    for (const b of first.backends) backendStart.set(b, cpuOf(b));
    for (const b of first.auxiliary) auxiliaryStart.set(b, cpuOf(b));
    const sample = () => {
      rss.push(rssOf(pid));
      const now = backends();
      for (const b of now.backends) backendLast.set(b, cpuOf(b));
      for (const b of now.auxiliary) auxiliaryLast.set(b, cpuOf(b));
    };
    const generatorStart = process.cpuUsage();
    const serverStart = cpuOf(pid);
    const loopStart = schedOf(pid);
    const machineStart = machineCpu();
    const loadStarted = performance.now();
    const sampler = setInterval(sample, 1000);
    const results = await Promise.all([
      run("browse", split.browse, browse, SECONDS),
      run("search", split.search, search, SECONDS),
      run("dashboards", split.dashboards, dashboards, SECONDS),
      run("save (focal point)", split.saves, saves, SECONDS),
      run("database-free", PROBES, databaseFree, SECONDS, PROBE_RATE),
    ]);
    clearInterval(sampler);
    sample();
    const generator = process.cpuUsage(generatorStart);
    const machineEnd = machineCpu();
    const loopEnd = schedOf(pid);
    const cpu = {
      seconds: (performance.now() - loadStarted) / 1000,
      generator: (generator.user + generator.system) / 1e6,
      server: cpuOf(pid) - serverStart,
      database: [...backendLast].reduce((n, [b, last]) => n + last - (backendStart.get(b) ?? 0), 0),
      databaseAuxiliary: [...auxiliaryLast].reduce((n, [b, last]) => n + last - (auxiliaryStart.get(b) ?? 0), 0),
      machineBusy: machineEnd.busy - machineStart.busy,
      cores: os.cpus().length,
      loopRun: loopEnd.run - loopStart.run,
      loopWait: loopEnd.wait - loopStart.wait,
    };
    stopImports = true;
    await importer;

    const third = Math.max(1, Math.floor(rss.length / 3));
    const early = median(rss.slice(0, third));
    const late = median(rss.slice(-third));
    const growth = late / Math.max(1, early);
    const fiveXx = results.reduce((n, r) => n + r.fiveXx, 0) + importFailures;
    const timeouts = results.reduce((n, r) => n + r.timeouts, 0);
    const databaseClasses = results.slice(0, 4);
    // Every acknowledged save must be stored: the projects the focal point sees now, less those before the run.
    const savesStored = (await projectCount(base, focal.cookie)) - projectsBefore;
    return {
      clients,
      alone,
      results,
      databaseFree: results[4] as ClassResult,
      databaseFreePath,
      imports,
      importFailures,
      fiveXx,
      timeouts,
      answered: databaseClasses.reduce((n, r) => n + r.requests - r.fiveXx, 0),
      growth,
      rss: { early, late, max: Math.max(...rss) },
      cpu,
      savesAcknowledged: results.find((r) => r.name.startsWith("save"))?.created ?? 0,
      savesStored,
      prepareSeconds,
    };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
