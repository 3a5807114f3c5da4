/**
 * Pages on a slow link (issue 18): Chromium with the network emulated through CDP at 400 kbps down and up and
 * 400 ms of latency, the cache disabled, then a repeat visit with the cache on. For each page: the time until it
 * is usable (its main heading drawn and no loader left in the main area), the requests and the bytes on the wire
 * (encoded, as the link carries them).
 *
 * Pages: the home page, the partners page and a meeting (as a visitor, in English), the seizure dashboard and the
 * map (a member of Tajikistan, in Russian, DMP terms accepted), ADAM's statistics and a published fact sheet.
 * The platform runs as its own process on the embedded PostgreSQL with the demo data and the built web app.
 *
 * The first visit has no service worker; the page registers it once loaded, and the repeat visit (the same page
 * loaded again in the same browser context) goes through it, the worker's own requests throttled like the page's.
 * Public pages get their first screen from the server (prerendered); "app running" is when the single-page app has
 * replaced it (equal to "usable" on pages that are not prerendered).
 *
 * Run with `NODE_OPTIONS=--experimental-websocket` on Node 20 (the worker emulation below needs its WebSocket).
 * `SLOW_LINK_RUNS` (default 3) sets the runs per page, `SLOW_LINK_PAGES` (comma-separated name prefixes) the pages,
 * `PACT_WEB_DIST` a web build to serve instead of building dist/web.
 *
 * `npx tsx bench/slow-link.ts` prints the table and rewrites the slow-link section of docs/performance.md;
 * `npm run bench -- slow-link` adds the home page and the dashboard to the results table against the budget of
 * issue 18 (home ≤ 4 s, dashboard ≤ 8 s, ≤ 20 requests a page; repeat visits ≤ 1.5 s).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { openAndMigrate } from "../src/server/bootstrap.js";
import { loadConfig } from "../src/server/config.js";
import { createContext } from "../src/server/context.js";
import { seedDemo } from "../src/server/demo/index.js";
import { SYSTEM_ACTOR } from "../src/server/platform/audit.js";
import { loadReferenceData } from "../src/server/reference/load.js";
import { apiClient, freePort } from "./bench-http.js";
import type { BenchResult } from "./run.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PASSWORD = "correct horse battery staple 42";
/** 400 kbit/s in bytes per second, and the round-trip latency the issue measured with. */
const LINK = { latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const USABLE_TIMEOUT_MS = 120_000;
const RUNS = Number(process.env.SLOW_LINK_RUNS ?? 3);

interface Visit {
  usableMs: number;
  /** When the single-page app itself has drawn the page (the prerendered first screen replaced). */
  appMs: number;
  requests: number;
  bytes: number;
}

export interface PageMeasure {
  name: string;
  path: string;
  first: Visit;
  repeat: Visit;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Signs in through the API and returns the session cookies for the browser. */
async function sessionCookies(base: string, email: string) {
  const { call, jar } = apiClient(base);
  await call("/api/v1/auth/me");
  await call("/api/v1/auth/sign-in", { email, password: PASSWORD });
  await call("/api/v1/seizures/terms/accept", {});
  return [...jar].map(([name, value]) => ({ name, value, url: base }));
}

/**
 * `SLOW_LINK_TRACE=1` (or the older `SLOW_LINK_LOG=1`): a per-request timeline of each visit on stderr, in ms from
 * the navigation: each request the page made (`sw` when the service worker answered it), each fetch the worker made
 * on the link itself (its revalidations and the chunks it fetched for the page), and the moments the page was usable
 * and the app running. Lines are printed in the order the requests started.
 */
const TRACE = !!(process.env.SLOW_LINK_TRACE || process.env.SLOW_LINK_LOG);

class Trace {
  private readonly lines: { at: number; text: string }[] = [];
  constructor(readonly started: number) {}

  add(url: string, at: number, bytes: number, how: string): void {
    const address = url.replace(/^https?:\/\/[^/]+/, "");
    const start = at - this.started;
    const end = Date.now() - this.started;
    this.lines.push({
      at: start,
      text: `${String(start).padStart(6)}–${String(end).padEnd(6)} ms ${String(bytes).padStart(7)} B  ${how.padEnd(17)} ${address}`,
    });
  }

  mark(what: string): void {
    const at = Date.now() - this.started;
    this.lines.push({ at, text: `${String(at).padStart(6)}         ms            ── ${what}` });
  }

  print(title: string): void {
    console.error(`  ${title}`);
    for (const line of [...this.lines].sort((a, b) => a.at - b.at)) console.error(`    ${line.text}`);
  }
}

/**
 * Emulates the link for service workers too: a worker is a target of its own, which the page's emulation does not
 * cover, so its fetches (network-first API reads, chunks it fetches for the page, the shell it caches at install)
 * would otherwise run at full speed and uncounted. Chromium applies a worker's emulation only when it is set before
 * the worker starts (set later, it was ignored in most runs), so a second DevTools client on the browser's
 * WebSocket attaches every new target as it starts, paused, sets a worker's link, and lets it run. (Playwright's
 * own session refuses browser-level auto-attach without the flat protocol, which it does not expose.) The bytes
 * workers fetch are added to the current visit's. Needs Node's WebSocket (`--experimental-websocket` on Node 20).
 */
class WorkerLink {
  bytes = 0;
  /** The worker's fetches on the link that have not finished yet. */
  get inFlight(): number {
    return this.requests.size;
  }
  /** With `SLOW_LINK_TRACE`, the current visit's timeline: the worker's own network fetches are added to it. */
  trace: Trace | null = null;
  private id = 0;
  private readonly workers = new Set<string>();
  private readonly requests = new Map<string, { url: string; at: number }>();

  private constructor(private readonly socket: WebSocket) {}

  static async start(debuggingPort: number): Promise<WorkerLink> {
    if (typeof WebSocket === "undefined") {
      throw new Error("slow-link needs Node's WebSocket: run it with NODE_OPTIONS=--experimental-websocket");
    }
    const version = (await (await fetch(`http://127.0.0.1:${debuggingPort}/json/version`)).json()) as {
      webSocketDebuggerUrl: string;
    };
    const socket = new WebSocket(version.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      socket.addEventListener("open", resolve, { once: true });
      socket.addEventListener("error", reject, { once: true });
    });
    const link = new WorkerLink(socket);
    socket.addEventListener("message", (event) => link.received(JSON.parse(String(event.data))));
    link.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
    return link;
  }

  private send(method: string, params: object, sessionId?: string) {
    this.socket.send(JSON.stringify({ id: ++this.id, method, params, ...(sessionId ? { sessionId } : {}) }));
  }

  private received(message: {
    method?: string;
    sessionId?: string;
    params?: {
      sessionId?: string;
      targetInfo?: { type: string };
      waitingForDebugger?: boolean;
      encodedDataLength?: number;
      requestId?: string;
      request?: { url: string };
    };
  }) {
    const worker = !!message.sessionId && this.workers.has(message.sessionId);
    const requestId = `${message.sessionId}:${message.params?.requestId}`;
    if (worker && message.method === "Network.requestWillBeSent" && message.params?.request) {
      this.requests.set(requestId, { url: message.params.request.url, at: Date.now() });
    }
    if (worker && (message.method === "Network.loadingFinished" || message.method === "Network.loadingFailed")) {
      const bytes = message.params?.encodedDataLength ?? 0;
      this.bytes += bytes;
      const request = this.requests.get(requestId);
      this.requests.delete(requestId);
      if (request && this.trace) {
        this.trace.add(
          request.url,
          request.at,
          bytes,
          message.method === "Network.loadingFailed" ? "worker, failed" : "worker → network",
        );
      }
    }
    if (message.method !== "Target.attachedToTarget" || !message.params?.sessionId) return;
    const { sessionId, targetInfo, waitingForDebugger } = message.params;
    if (targetInfo?.type === "service_worker") {
      this.workers.add(sessionId);
      if (TRACE) console.error("  service worker started: link emulated");
      this.send("Network.enable", {}, sessionId);
      this.send("Network.emulateNetworkConditions", { offline: false, ...LINK }, sessionId);
    }
    if (waitingForDebugger) this.send("Runtime.runIfWaitingForDebugger", {}, sessionId);
  }

  /** The worker's fetches still on their way (for the diagnosis of a visit that never became usable). */
  openRequests(): string[] {
    return [...this.requests.values()].map((r) => r.url.replace(/^https?:\/\/[^/]+/, ""));
  }

  close(): void {
    this.socket.close();
  }
}

/** Waits (at most 60 s) until the page's service worker is installed and active; false if there is none. */
async function serviceWorkerActive(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    if (!("serviceWorker" in navigator)) return false;
    const ready = navigator.serviceWorker.ready.then(() => true);
    return Promise.race([ready, new Promise<boolean>((r) => setTimeout(() => r(false), 60_000))]);
  });
}

/** Loads `url` and waits until the main heading is drawn and no loader is left in the main area. */
async function visit(page: Page, url: string, workers: WorkerLink, label: string): Promise<Visit> {
  const workerBytesBefore = workers.bytes;
  let requests = 0;
  let bytes = 0;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const requested = new Map<string, { url: string; at: number; sw: boolean }>();
  let trace: Trace | null = null;
  // `data:` URLs (Mantine's inline SVG icons in its stylesheet) are decoded in the page: no round trip, no bytes on the
  // link, no rate limit, so they are not counted as requests.
  const inline = new Set<string>();
  let pageInFlight = 0;
  const open = new Map<string, string>();
  const done = (requestId: string) => {
    if (open.delete(requestId)) pageInFlight -= 1;
  };
  cdp.on("Network.requestWillBeSent", (e: { requestId: string; request: { url: string } }) => {
    if (e.request.url.startsWith("data:")) inline.add(e.requestId);
    else if (!open.has(e.requestId)) {
      open.set(e.requestId, e.request.url.replace(/^https?:\/\/[^/]+/, ""));
      pageInFlight += 1;
    }
    if (TRACE && !e.request.url.startsWith("data:"))
      requested.set(e.requestId, { url: e.request.url, at: Date.now(), sw: false });
  });
  cdp.on("Network.responseReceived", (e: { requestId: string; response: { fromServiceWorker?: boolean } }) => {
    const entry = requested.get(e.requestId);
    if (entry) entry.sw = !!e.response.fromServiceWorker;
  });
  cdp.on("Network.loadingFinished", (e: { requestId: string; encodedDataLength: number }) => {
    done(e.requestId);
    if (inline.has(e.requestId)) return;
    requests += 1;
    bytes += e.encodedDataLength;
    const entry = requested.get(e.requestId);
    if (entry) trace?.add(entry.url, entry.at, e.encodedDataLength, entry.sw ? "sw" : "network");
  });
  cdp.on("Network.loadingFailed", (e: { requestId: string }) => {
    done(e.requestId);
    if (inline.has(e.requestId)) return;
    requests += 1;
    const entry = requested.get(e.requestId);
    if (entry) trace?.add(entry.url, entry.at, 0, "failed");
  });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, ...LINK });
  const started = Date.now();
  if (TRACE) {
    trace = new Trace(started);
    workers.trace = trace;
  }
  // A visit that never becomes usable (or whose app never replaces the prerendered screen) stops the bench: print
  // what it had done by then, the requests still on their way and the page's errors, so that it can be understood.
  const errors: string[] = [];
  const onError = (error: Error) => errors.push(`page error: ${error.message}`);
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  };
  page.on("pageerror", onError);
  page.on("console", onConsole);
  let usableMs = 0;
  let appMs = 0;
  try {
    await page.goto(url, { waitUntil: "commit", timeout: USABLE_TIMEOUT_MS });
    await page.waitForFunction(
      () => {
        // Drawn on the screen, not only laid out (a stylesheet still loading holds the first paint back).
        if (performance.getEntriesByName("first-contentful-paint").length === 0) return false;
        const main = document.querySelector("main") ?? document.body;
        const heading = main.querySelector("h1");
        if (!heading?.textContent?.trim() || heading.getBoundingClientRect().height === 0) return false;
        const busy = main.querySelector(
          ".mantine-Loader-root, .mantine-Skeleton-root[data-visible], [aria-busy='true'], [data-loading='true']",
        );
        // A page's first meaningful content: something past the heading (text, a table, a chart, a map).
        const content = main.querySelector("table, canvas, svg, p, li, article, [role='img']");
        return !busy && !!content;
      },
      undefined,
      { timeout: USABLE_TIMEOUT_MS, polling: 50 },
    );
    usableMs = Date.now() - started;
    trace?.mark("usable");
    await page.waitForFunction(
      () => !document.querySelector("[data-prerendered]") && !!document.querySelector("main h1"),
      undefined,
      {
        timeout: USABLE_TIMEOUT_MS,
        polling: 50,
      },
    );
    appMs = Date.now() - started;
    trace?.mark("app running");
  } catch (error) {
    trace?.mark("gave up");
    trace?.print(`${label} (stopped)`);
    console.error(`  page requests still on their way: ${[...open.values()].join(", ") || "none"}`);
    console.error(`  worker requests still on their way: ${workers.openRequests().join(", ") || "none"}`);
    const state = await page
      .evaluate(() => ({
        prerendered: !!document.querySelector("[data-prerendered]"),
        h1: document.querySelector("main h1")?.textContent ?? null,
        controlled: !!navigator.serviceWorker?.controller,
      }))
      .catch((e: Error) => e.message);
    console.error(`  page state: ${JSON.stringify(state)}`);
    for (const line of errors) console.error(`  ${line}`);
    throw error;
  } finally {
    page.off("pageerror", onError);
    page.off("console", onConsole);
  }
  // Requests still arriving after the page is usable (charts, maps) are counted too: they cost the link. The visit
  // ends when neither the page nor the service worker has had a request on its way for 2 s (at most 60 s). Playwright's
  // "networkidle" (500 ms) came before the maps of the fact sheet and the seizure map were drawn, and the service
  // worker's own fetches for them (MapLibre's web worker, 138 KB) then landed in the next visit: they were the
  // 138-140 KB of those repeat visits in the tables until 2026-12-07, bytes of the first visit's map, not of the repeat.
  for (let quiet = 0, waited = 0; quiet < 8 && waited < 60_000; waited += 250) {
    await page.waitForTimeout(250);
    quiet = pageInFlight === 0 && workers.inFlight === 0 ? quiet + 1 : 0;
  }
  if (TRACE && (pageInFlight > 0 || workers.inFlight > 0)) {
    trace?.mark(`never quiet: still on its way ${[...open.values(), ...workers.openRequests()].join(", ")}`);
  }
  await cdp.detach();
  trace?.mark("page and worker quiet");
  workers.trace = null;
  trace?.print(label);
  return { usableMs, appMs, requests, bytes: bytes + workers.bytes - workerBytesBefore };
}

async function measurePage(
  browser: Browser,
  workers: WorkerLink,
  base: string,
  name: string,
  pagePath: string,
  options: { locale: string; cookies?: { name: string; value: string; url: string }[] },
): Promise<PageMeasure> {
  const first: Visit[] = [];
  const repeat: Visit[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context: BrowserContext = await browser.newContext({
      locale: options.locale,
      viewport: { width: 1280, height: 900 },
    });
    if (options.cookies) await context.addCookies(options.cookies);
    await context.addCookies([{ name: "pact_lang", value: options.locale.slice(0, 2), url: base }]);
    const page = await context.newPage();
    first.push(await visit(page, `${base}${pagePath}`, workers, `first visit, run ${run + 1}`));
    await serviceWorkerActive(page);
    // Time for the worker to keep what the first visit read (the "warm" message in src/web/connection.ts, 3 s after
    // the worker took the page over), then until its fetches are done.
    await page.waitForTimeout(5000);
    for (let waited = 0; workers.inFlight > 0 && waited < 60_000; waited += 250) await page.waitForTimeout(250);
    if (TRACE) {
      const kept = await page.evaluate(async () => {
        const out: string[] = [];
        for (const name of await caches.keys()) {
          if (!name.startsWith("pact-api-")) continue;
          for (const r of await (await caches.open(name)).keys()) out.push(`${name} ${new URL(r.url).pathname}`);
        }
        return out;
      });
      console.error(`  kept by the worker: ${kept.join(", ")}`);
    }
    repeat.push(await visit(page, `${base}${pagePath}`, workers, `repeat visit, run ${run + 1}`));
    await context.close();
  }
  const pick = (xs: Visit[]) => ({
    usableMs: median(xs.map((x) => x.usableMs)),
    appMs: median(xs.map((x) => x.appMs)),
    requests: median(xs.map((x) => x.requests)),
    bytes: median(xs.map((x) => x.bytes)),
  });
  return { name, path: pagePath, first: pick(first), repeat: pick(repeat) };
}

let measured: Promise<PageMeasure[]> | undefined;

/** Starts the platform once, measures every page, stops it. */
export function measureSlowLink(): Promise<PageMeasure[]> {
  measured ??= (async () => {
    if (!process.env.PACT_WEB_DIST) {
      execFileSync(process.execPath, ["scripts/build-web-if-changed.mjs"], { cwd: ROOT, stdio: "inherit" });
    }
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-bench-slow-"));
    fs.chmodSync(dataDir, 0o755);
    const env: Record<string, string | undefined> = {
      ...process.env,
      PACT_DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      PACT_DEMO: "0",
      DATABASE_URL: "",
    };
    const config = loadConfig(env);
    const { database } = await openAndMigrate(config, { log: () => {} });
    const ctx = createContext(config, database, pino({ level: "silent" }));
    await loadReferenceData(ctx);
    await seedDemo(ctx);
    const email = "slow.member@example.org";
    const { user } = await ctx.accounts.createUser(
      { email, displayName: "Slow link member", role: "member", partnerCode: "TJK", password: PASSWORD },
      SYSTEM_ACTOR,
    );
    await ctx.terms.accept(
      user.id,
      (await ctx.terms.current()).map((v) => v.id),
      SYSTEM_ACTOR,
      "ru",
    );
    await database.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const debuggingPort = await freePort();
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        `--remote-debugging-port=${debuggingPort}`,
      ],
    });
    const workers = await WorkerLink.start(debuggingPort);
    try {
      for (let i = 0; i < 480; i++) {
        if ((await fetch(`${base}/api/v1/health`).catch(() => null))?.ok) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const json = async (p: string) => (await fetch(`${base}${p}`)).json() as Promise<{ items: { id: string }[] }>;
      const meeting = (await json("/api/v1/meetings")).items[0]?.id;
      const factsheet = (await json("/api/v1/factsheets")).items[0]?.id;
      const cookies = await sessionCookies(base, email);
      const visitor = { locale: "en-GB" };
      const member = { locale: "ru-RU", cookies };
      const pages: [string, string, typeof visitor | typeof member][] = [
        ["home", "/", visitor],
        ["partners", "/partners", visitor],
        ...(meeting ? [["meeting", `/meetings/${meeting}`, visitor] as [string, string, typeof visitor]] : []),
        ["seizure dashboard (member, ru)", "/seizures", member],
        ["seizure map (member, ru)", "/seizures/map", member],
        ["ADAM statistics (member, ru)", "/projects/stats", member],
        ...(factsheet ? [["fact sheet", `/factsheets/${factsheet}`, visitor] as [string, string, typeof visitor]] : []),
      ];
      const only = process.env.SLOW_LINK_PAGES?.split(",").filter(Boolean);
      const out: PageMeasure[] = [];
      for (const [name, p, options] of pages) {
        if (only && !only.some((prefix) => name.startsWith(prefix))) continue;
        console.error(`slow link: ${name}`);
        out.push(await measurePage(browser, workers, base, name, p, options));
      }
      return out;
    } finally {
      workers.close();
      await browser.close();
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  })();
  return measured;
}

const kb = (n: number) => `${Math.round(n / 1024)} KB`;
const s = (ms: number) => (ms / 1000).toFixed(1);

export function slowLinkTable(pages: PageMeasure[]): string {
  return [
    "| page | first visit: usable s | app running s | requests | transferred | repeat visit: usable s | requests | transferred |",
    "|---|---|---|---|---|---|---|---|",
    ...pages.map(
      (p) =>
        `| ${p.name} (\`${p.path.replace(/[0-9a-f-]{36}/, ":id")}\`) | ${s(p.first.usableMs)} | ${s(p.first.appMs)} | ${p.first.requests} | ${kb(p.first.bytes)} | ${s(p.repeat.usableMs)} | ${p.repeat.requests} | ${kb(p.repeat.bytes)} |`,
    ),
  ].join("\n");
}

function budgetResult(name: string, page: PageMeasure | undefined, budgetMs: number): BenchResult {
  const m = page?.first ?? { usableMs: Number.NaN, appMs: Number.NaN, requests: Number.NaN, bytes: Number.NaN };
  return {
    name,
    measure: `ms to a usable page at 400 kbps / 400 ms, first visit (median of ${RUNS}; ${m.requests} requests, ${kb(m.bytes)}; repeat visit ${s(page?.repeat.usableMs ?? Number.NaN)} s)`,
    platform: m.usableMs,
    reference: budgetMs,
    referenceName: "budget, ms",
    ratio: m.usableMs / budgetMs,
    target: `≤ ${budgetMs / 1000} s, ≤ 20 requests, repeat ≤ 1.5 s`,
    met: m.usableMs <= budgetMs && m.requests <= 20 && (page?.repeat.usableMs ?? Number.POSITIVE_INFINITY) <= 1500,
  };
}

export async function slowLinkHome(): Promise<BenchResult> {
  return budgetResult(
    "slow-link-home",
    (await measureSlowLink()).find((p) => p.name === "home"),
    4000,
  );
}

export async function slowLinkDashboard(): Promise<BenchResult> {
  const pages = await measureSlowLink();
  return budgetResult(
    "slow-link-dashboard",
    pages.find((p) => p.name.startsWith("seizure dashboard")),
    8000,
  );
}

function writeSection(table: string) {
  const doc = path.join(ROOT, "docs/performance.md");
  const when = new Date().toISOString().slice(0, 10);
  const section = `<!-- slow-link -->\nPages at 400 kbps / 400 ms (CDP, service workers included), \`NODE_OPTIONS=--experimental-websocket npx tsx bench/slow-link.ts\`, ${when}, median of ${RUNS} fresh browser contexts each; load average ${os.loadavg()[0]?.toFixed(1)} at the end. Usable: the main heading drawn, content past it, no loader left in the main area (prerendered or drawn by the app). App running: the app has replaced the prerendered screen. Repeat visit: through the service worker. Transferred: encoded bytes, as the link carries them.\n\n${table}\n<!-- /slow-link -->`;
  const current = fs.readFileSync(doc, "utf8");
  const next = current.includes("<!-- slow-link -->")
    ? current.replace(/<!-- slow-link -->[\s\S]*<!-- \/slow-link -->/, section)
    : `${current.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(doc, next);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const pages = await measureSlowLink();
  const table = slowLinkTable(pages);
  console.log(table);
  // A run of some pages only is printed only.
  if (!process.env.SLOW_LINK_PAGES) writeSection(table);
}
