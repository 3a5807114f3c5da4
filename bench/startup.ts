/**
 * Start-up time: from spawning `npm start` until `GET /api/v1/health` answers 200, for a first start on an empty
 * data directory (web app not built yet, demo data loaded) and a second start on the same checkout and data
 * directory, against the same two starts of an earlier commit (STARTUP_BENCH_BASE, default b08056b: the last
 * one before the embedded PostgreSQL, whose `npm start` rebuilt the web app every time).
 *
 * Both commits run from `git worktree`s in temporary directories that reuse this checkout's node_modules
 * through a symlink, so neither touches this working tree's dist/ or data/. Each run gets a free port and a new
 * data directory; rounds alternate which commit goes first, so a busy moment of a shared machine hits both.
 * Run alone: `npx tsx bench/startup.ts` (prints the table and rewrites the startup section of
 * docs/performance.md). STARTUP_BENCH_HEAD (default HEAD) and STARTUP_BENCH_RUNS (default 3) change the rest.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { freePort } from "./bench-http.js";
import type { BenchResult } from "./run.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const BASE = process.env.STARTUP_BENCH_BASE ?? "b08056b";
const HEAD = process.env.STARTUP_BENCH_HEAD ?? "HEAD";
const RUNS = Number(process.env.STARTUP_BENCH_RUNS ?? 3);
const READY_TIMEOUT_MS = 10 * 60_000;
const TARGET = 1 / 3;

interface Checkout {
  label: string;
  commit: string;
  dir: string;
  parent: string;
}

export interface StartupTimes {
  head: { commit: string; first: number[]; second: number[]; secondOutput: string };
  base: { commit: string; first: number[]; second: number[] };
}

/** What a signal (Ctrl+C) must clean up: started platforms, their data directories, the worktrees. */
const running = new Map<ChildProcess, string>();
const worktrees = new Set<Checkout>();

const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A directory the embedded PostgreSQL (run as `postgres` when we are root) can enter. */
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

function addWorktree(rev: string, label: string): Checkout {
  const commit = git("rev-parse", "--short", `${rev}^{commit}`);
  const parent = tempDir(`pact-startup-${label}-`);
  const dir = path.join(parent, "checkout");
  git("worktree", "add", "--detach", dir, commit);
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  const checkout = { label, commit, dir, parent };
  worktrees.add(checkout);
  return checkout;
}

function removeWorktree(checkout: Checkout) {
  worktrees.delete(checkout);
  try {
    git("worktree", "remove", "--force", checkout.dir);
  } catch (error) {
    console.error(`could not remove the worktree ${checkout.dir}: ${(error as Error).message}`);
  }
  fs.rmSync(checkout.parent, { recursive: true, force: true });
  git("worktree", "prune");
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a started platform the way its operator would: SIGTERM to the platform's own process only (npm and tsx
 * would each pass on a signal to the whole group, and a second SIGTERM ends it before it stops its PostgreSQL).
 * Then the rest of the group, and a PostgreSQL still running in the data directory.
 */
async function stopPlatform(child: ChildProcess, dataDir: string) {
  const pgid = child.pid as number;
  // Started detached, npm leads a session of its own: its id is the session's and the process group's.
  const listing = execFileSync("ps", ["-o", "pid=,ppid=,args=", "-s", String(pgid)], { encoding: "utf8" })
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter(([, , command, ...args]) => /(^|\/)node$/.test(command ?? "") && args.includes("src/server/main.ts"));
  // The node that runs main.ts, not a tsx launcher in front of it (`tsx main.ts` runs it in a child).
  const server = listing.find(([pid]) => !listing.some(([, ppid]) => ppid === pid));
  const serverPid = Number(server?.[0]);
  if (serverPid) process.kill(serverPid, "SIGTERM");
  else process.kill(-pgid, "SIGTERM");
  for (let i = 0; i < 600 && groupAlive(pgid); i++) await sleep(100);
  if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
  running.delete(child);
  await stopPostgres(dataDir);
}

/** The embedded PostgreSQL runs in a session of its own: a platform that died without stopping it leaves it. */
async function stopPostgres(dataDir: string) {
  const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
  const postmaster = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]) : 0;
  if (postmaster && processAlive(postmaster)) {
    process.kill(postmaster, "SIGINT"); // PostgreSQL's fast shutdown
    for (let i = 0; i < 300 && processAlive(postmaster); i++) await sleep(100);
  }
}

/** Milliseconds from spawning `npm start` until /api/v1/health answers 200; the platform is stopped after. */
async function timeStart(checkout: Checkout, dataDir: string): Promise<{ ms: number; output: string }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", PACT_DATA_DIR: dataDir };
  for (const key of ["DATABASE_URL", "DATABASE_READ_URL", "PACT_DEMO", "LOG_LEVEL", "NODE_ENV"]) delete env[key];
  let output = "";
  const started = performance.now();
  const child = spawn("npm", ["start"], { cwd: checkout.dir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  running.set(child, dataDir);
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  try {
    while (performance.now() - started < READY_TIMEOUT_MS) {
      if (child.exitCode !== null) throw new Error(`${checkout.label}: npm start exited early:\n${output}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
        (res) => res.status === 200,
        () => false,
      );
      if (ok) return { ms: performance.now() - started, output };
      await sleep(100);
    }
    throw new Error(`${checkout.label}: no answer from /api/v1/health in ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
  } finally {
    await stopPlatform(child, dataDir);
  }
}

/** One first and one second start of a checkout on a new data directory; the web app is removed before. */
async function startTwice(checkout: Checkout) {
  fs.rmSync(path.join(checkout.dir, "dist"), { recursive: true, force: true });
  const dataDir = path.join(tempDir(`pact-startup-data-${checkout.label}-`), "data");
  try {
    const first = await timeStart(checkout, dataDir);
    const second = await timeStart(checkout, dataDir);
    console.error(`  ${checkout.label} ${checkout.commit}: first ${fmt(first.ms)}, second ${fmt(second.ms)}`);
    return { first: first.ms, second: second.ms, secondOutput: second.output };
  } finally {
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  }
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

let measured: Promise<StartupTimes> | undefined;

/** Measures both commits once per process; both benchmark rows read the same runs. */
export function measureStartup(): Promise<StartupTimes> {
  measured ??= (async () => {
    const head = addWorktree(HEAD, "head");
    const base = addWorktree(BASE, "base");
    const times: StartupTimes = {
      head: { commit: head.commit, first: [], second: [], secondOutput: "" },
      base: { commit: base.commit, first: [], second: [] },
    };
    try {
      for (let run = 0; run < RUNS; run++) {
        console.error(`startup run ${run + 1}/${RUNS}`);
        for (const checkout of run % 2 === 0 ? [head, base] : [base, head]) {
          const result = await startTwice(checkout);
          const into = checkout === head ? times.head : times.base;
          into.first.push(result.first);
          into.second.push(result.second);
          if (checkout === head) times.head.secondOutput = result.secondOutput;
        }
      }
    } finally {
      removeWorktree(head);
      removeWorktree(base);
    }
    return times;
  })();
  return measured;
}

const seconds = (xs: number[]) => xs.map((ms) => (ms / 1000).toFixed(1)).join(", ");

/** Second start on an unchanged checkout and data directory. Target: at most a third of the base commit's. */
export async function startupSecond(): Promise<BenchResult> {
  const t = await measureStartup();
  const platform = median(t.head.second);
  const reference = median(t.base.second);
  const rebuilt = !/Web app: up to date/.test(t.head.secondOutput);
  return {
    name: "startup-second",
    measure: `ms from \`npm start\` to /health 200, second start, ${t.head.commit} (median of ${t.head.second.length}: ${seconds(t.head.second)} s${rebuilt ? "; the web app was REBUILT" : ""})`,
    platform,
    reference,
    referenceName: `${t.base.commit}, same start (${seconds(t.base.second)} s)`,
    ratio: platform / reference,
    target: "≤ 0.33",
    met: !rebuilt && platform / reference <= TARGET,
  };
}

/** First start on an empty data directory, web app not built yet, demo data loaded. Reported, no target. */
export async function startupFirst(): Promise<BenchResult> {
  const t = await measureStartup();
  const platform = median(t.head.first);
  const reference = median(t.base.first);
  return {
    name: "startup-first",
    measure: `ms from \`npm start\` to /health 200, first start with demo data, ${t.head.commit} (median of ${t.head.first.length}: ${seconds(t.head.first)} s)`,
    platform,
    reference,
    referenceName: `${t.base.commit}, same start (${seconds(t.base.first)} s)`,
    ratio: platform / reference,
    target: "reported",
    met: true,
  };
}

function table(results: BenchResult[]): string {
  return [
    "| benchmark | measure | platform | reference | ratio | target | met |",
    "|---|---|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.measure} | ${r.platform.toFixed(0)} | ${r.referenceName}: ${r.reference.toFixed(0)} | ${r.ratio.toFixed(2)} | ${r.target} | ${r.met ? "yes" : "no"} |`,
    ),
  ].join("\n");
}

/** Rewrites the section between `<!-- startup -->` markers of docs/performance.md (appended when absent). */
function writeDoc(results: BenchResult[]) {
  const doc = path.join(ROOT, "docs/performance.md");
  const cpu = os.cpus();
  const load = os.loadavg()[0]?.toFixed(1);
  const machine = `${cpu.length} × ${cpu[0]?.model ?? "cpu"}, Node ${process.version}, load average ${load} at the end`;
  const when = new Date().toISOString().slice(0, 10);
  const section = `<!-- startup -->\nLatest run: ${when} on ${machine} (\`npx tsx bench/startup.ts\`).\n\n${table(results)}\n<!-- /startup -->`;
  const current = fs.readFileSync(doc, "utf8");
  const next = current.includes("<!-- startup -->")
    ? current.replace(/<!-- startup -->[\s\S]*<!-- \/startup -->/, section)
    : `${current.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(doc, next);
}

/** Ctrl+C: no platform, PostgreSQL or worktree is left behind. */
function cleanUpOnSignal(signal: NodeJS.Signals) {
  process.once(signal, () => {
    void (async () => {
      for (const [child, dataDir] of running) {
        if (groupAlive(child.pid as number)) process.kill(-(child.pid as number), "SIGKILL");
        await stopPostgres(dataDir);
        fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
      }
      for (const checkout of [...worktrees]) removeWorktree(checkout);
      process.exit(130);
    })();
  });
}

async function main() {
  cleanUpOnSignal("SIGINT");
  cleanUpOnSignal("SIGTERM");
  const results = [await startupFirst(), await startupSecond()];
  console.log(table(results));
  writeDoc(results);
  if (results.some((r) => !r.met)) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
