import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { pino } from "pino";
import { openAndMigrate } from "../src/server/bootstrap.js";
import { loadConfig } from "../src/server/config.js";
import { createContext } from "../src/server/context.js";
import { seedDemo } from "../src/server/demo/index.js";
import { newTotpSecret, totpCode } from "../src/server/modules/accounts/two-factor.service.js";
import { SYSTEM_ACTOR } from "../src/server/platform/audit.js";
import { centroid } from "../src/server/platform/geo.js";
import { loadReferenceData } from "../src/server/reference/load.js";
import type { BenchResult } from "./run.js";

/**
 * A mixed workload from a load tool on loopback against the platform running as its own process (so its
 * memory is its own): 200 concurrent clients for BENCH_MIXED_SECONDS (default 120) —
 * members browsing lists and pages, searching in both languages and opening dashboards, focal points saving
 * projects, and a facility list being imported again and again. Reported per endpoint class: requests,
 * p50 and p99 latency, 5xx count; the server's resident memory is sampled every second.
 * Pass: no 5xx anywhere, and memory stable (median RSS of the last third of the run within 25% of the
 * median of the first third). The ratio is the browse class's p99 alone (one client) over its p99 under the
 * full load: how much the mix slows a member's page.
 * DATABASE_URL switches the server to PostgreSQL (use a scratch database: it is migrated and filled).
 */
const SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 120);
const ROOT = path.resolve(import.meta.dirname, "..");
const PASSWORD = "correct horse battery staple 42";

interface Account {
  email: string;
  totp?: string;
  cookie: string;
  csrf: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function cookiesOf(res: Response, jar: Map<string, string>) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair?.indexOf("=") ?? -1;
    if (pair && i > 0) jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
}

async function signIn(base: string, email: string, totp: string | undefined, step: number): Promise<Account> {
  const jar = new Map<string, string>();
  const call = async (url: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method: body ? "POST" : "GET",
      headers: {
        "content-type": "application/json",
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
        "x-csrf-token": jar.get("pact_csrf") ?? "",
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    cookiesOf(res, jar);
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res;
  };
  await call("/api/v1/auth/me");
  await call("/api/v1/auth/sign-in", { email, password: PASSWORD });
  if (totp) await call("/api/v1/auth/sign-in/2fa", { code: totpCode(totp, step) });
  return {
    email,
    ...(totp ? { totp } : {}),
    cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
    csrf: jar.get("pact_csrf") ?? "",
  };
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

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

interface ClassResult {
  name: string;
  connections: number;
  requests: number;
  p50: number;
  p99: number;
  fiveXx: number;
  otherNon2xx: number;
  /** Non-2xx answers by status, e.g. "12×409" (empty when none). */
  statuses: string;
  /** Requests that got no answer within autocannon's timeout (30 s), or failed at the socket. */
  timeouts: number;
  /** 201 answers (writes acknowledged). */
  created: number;
}

export interface MixedLoadOptions {
  seconds: number;
  /** Demo seizures seeded before the run (the dashboards' data). */
  seizures: number;
  /** The server's environment on top of this process's (e.g. DATABASE_URL). */
  env?: Record<string, string>;
}

export interface MixedLoadReport {
  alone: ClassResult;
  results: ClassResult[];
  imports: number;
  importFailures: number;
  /** 5xx over every class and the importer. */
  fiveXx: number;
  /** Requests with no answer in 30 s or failed at the socket, over every class. */
  timeouts: number;
  /** RSS of the last third of the run over the first third (medians). */
  growth: number;
  rss: { early: number; late: number; max: number };
  /** Project saves the server acknowledged (201) and those found stored afterwards (by their titles). */
  savesAcknowledged: number;
  savesStored: number;
}

/** The bench's default run: BENCH_MIXED_SECONDS, written into docs/performance.md. */
export async function mixedLoad(): Promise<BenchResult> {
  const report = await runMixedLoad({
    seconds: SECONDS,
    seizures: Number(process.env.BENCH_MIXED_SEIZURES ?? 20000),
  });
  const { alone, results, imports, importFailures, fiveXx, timeouts, growth } = report;
  const browseLoaded = results[0]?.p99 ?? 0;
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.connections} | ${r.requests} | ${r.p50} | ${r.p99} | ${r.fiveXx} | ${r.otherNon2xx}${r.statuses ? ` (${r.statuses})` : ""} | ${r.timeouts} |`,
  );
  const detail = [
    `<!-- mixed-load -->`,
    `Mixed load, ${SECONDS} s, 200 concurrent clients + 1 importer (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}):`,
    "",
    "| class | clients | requests | p50 ms | p99 ms | 5xx | other non-2xx | no answer in 30 s |",
    "|---|---|---|---|---|---|---|---|",
    `| browse alone (reference) | 1 | ${alone.requests} | ${alone.p50} | ${alone.p99} | ${alone.fiveXx} | ${alone.otherNon2xx} | ${alone.timeouts} |`,
    ...rows,
    `| import (500-row facility list, repeated) | 1 | ${imports} imports | | | ${importFailures} | | |`,
    "",
    `Server memory (RSS): ${Math.round(report.rss.early / 2 ** 20)} MiB early, ${Math.round(report.rss.late / 2 ** 20)} MiB late, ` +
      `max ${Math.round(report.rss.max / 2 ** 20)} MiB (growth ×${growth.toFixed(2)}). ` +
      `Project saves acknowledged: ${report.savesAcknowledged}; stored afterwards: ${report.savesStored} (saves in flight when the clients stopped may be stored too).`,
    `<!-- /mixed-load -->`,
  ].join("\n");
  console.log(detail);
  const doc = path.resolve(ROOT, "docs/performance.md");
  const current = fs.readFileSync(doc, "utf8");
  fs.writeFileSync(
    doc,
    current.includes("<!-- mixed-load -->")
      ? current.replace(/<!-- mixed-load -->[\s\S]*<!-- \/mixed-load -->/, detail)
      : `${current}\n${detail}\n`,
  );
  return {
    name: "mixed-load",
    measure: `browse p99 ms, alone vs. under 200 clients (5xx: ${fiveXx}, unanswered: ${timeouts}, RSS ×${growth.toFixed(2)})`,
    platform: browseLoaded,
    reference: alone.p99,
    referenceName: "browse alone, 1 client",
    ratio: alone.p99 / Math.max(1, browseLoaded),
    target: "no 5xx, every request answered, RSS growth < 1.25",
    met: fiveXx === 0 && timeouts === 0 && growth < 1.25 && report.savesStored >= report.savesAcknowledged,
  };
}

/**
 * Prepares a platform (reference and demo data, a member and a focal point), starts it as its own process and
 * runs the mix against it; used by the benchmark and, in a short form, by the load e2e test.
 */
export async function runMixedLoad(options: MixedLoadOptions): Promise<MixedLoadReport> {
  const SECONDS = options.seconds;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-bench-mixed-"));
  fs.chmodSync(dataDir, 0o755); // the embedded PostgreSQL may run under another account
  const env = {
    ...process.env,
    ...options.env,
    PACT_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    RATE_LIMIT_PER_MINUTE: "100000000",
    PACT_DEMO: "0",
  };
  // Prepare: reference and demo data, a member and a focal point of Tajikistan.
  const config = loadConfig(env);
  const { database } = await openAndMigrate(config);
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
  await database.close();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
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
    for (const r of [...browse, ...search, ...dashboards]) {
      const res = await fetch(`${base}${r.path}`, { headers: r.headers });
      if (!res.ok) throw new Error(`warm-up ${r.path}: ${res.status}`);
    }

    const run = (name: string, connections: number, requests: autocannon.Request[], duration: number) =>
      new Promise<ClassResult>((resolve, reject) => {
        let fiveXx = 0;
        let other = 0;
        const statuses = new Map<number, number>();
        let created = 0;
        const instance = autocannon({ url: base, connections, duration, requests, timeout: 30 }, (err, result) => {
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
              timeouts: result.timeouts + result.errors,
            });
        });
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
    const sampler = setInterval(() => rss.push(rssOf(pid)), 1000);
    const results = await Promise.all([
      run("browse", 90, browse, SECONDS),
      run("search", 40, search, SECONDS),
      run("dashboards", 40, dashboards, SECONDS),
      run("save (focal point)", 29, saves, SECONDS),
    ]);
    clearInterval(sampler);
    stopImports = true;
    await importer;

    const third = Math.max(1, Math.floor(rss.length / 3));
    const early = median(rss.slice(0, third));
    const late = median(rss.slice(-third));
    const growth = late / Math.max(1, early);
    const fiveXx = results.reduce((n, r) => n + r.fiveXx, 0) + importFailures;
    const timeouts = results.reduce((n, r) => n + r.timeouts, 0);
    // Every acknowledged save must be stored: the projects the focal point sees now, less those before the run.
    const savesStored = (await projectCount(base, focal.cookie)) - projectsBefore;
    return {
      alone,
      results,
      imports,
      importFailures,
      fiveXx,
      timeouts,
      growth,
      rss: { early, late, max: Math.max(...rss) },
      savesAcknowledged: results.find((r) => r.name.startsWith("save"))?.created ?? 0,
      savesStored,
    };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
