import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { TOTP } from "otpauth";
import pg from "pg";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { expect, inject } from "vitest";
import { processAlive } from "../src/server/db/embedded-postgres.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
export const SHOTS_DIR = path.join(ROOT, "e2e", "artifacts");

export interface RunningPlatform {
  url: string;
  dataDir: string;
  output: () => string;
  administrator: { email: string; password: string };
  stop(): Promise<void>;
}

/** A first platform's data directory, stopped, and its administrator: what `e2e/global-setup.ts` provides. */
export interface PlatformTemplate {
  dataDir: string;
  administrator: { email: string; password: string };
}

declare module "vitest" {
  export interface ProvidedContext {
    e2ePlatformTemplate: PlatformTemplate | undefined;
  }
}

/** How a platform process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * Starts the platform as a user would (`tsx src/server/main.ts`) on a fresh embedded database. A second
 * instance of the same platform passes `shared`: the first one's data directory (kept on stop) and
 * administrator, since only the first start prints the one-time password. `detached` starts it in a process
 * group of its own, as a shell starts a foreground job (a Ctrl+C goes to the whole group).
 *
 * A fresh embedded platform without demo data starts from a copy of the one `e2e/global-setup.ts` started and
 * stopped once for the run (cluster made, every migration and the reference data in, the first administrator
 * with its one-time password): the same state a first start reaches, in about half its time. `fresh` (or
 * E2E_FRESH_PLATFORMS=1 for the whole run) makes it a first start of its own.
 */
export async function startPlatform(
  env: Record<string, string> = {},
  shared?: { dataDir: string; administrator: { email: string; password: string } },
  options: { detached?: boolean; fresh?: boolean } = {},
): Promise<
  RunningPlatform & {
    kill(): Promise<void>;
    /** The platform's process (its pid leads its own group when started `detached`). */
    child: ChildProcess;
    /** Resolves when the process has ended. */
    exited(): Promise<Exit>;
  }
> {
  const template =
    shared || options.fresh || env.DATABASE_URL || env.PACT_DEMO === "1" ? undefined : inject("e2ePlatformTemplate");
  const dataDir = shared?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "pact-e2e-"));
  // Started by root, the embedded PostgreSQL runs under an unprivileged account that must enter the directory.
  fs.chmodSync(dataDir, 0o755);
  // cp -a keeps the cluster's owner and modes, which PostgreSQL checks.
  if (template) execFileSync("cp", ["-a", `${template.dataDir}/.`, dataDir]);
  const known = shared?.administrator ?? template?.administrator;
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PACT_DATA_DIR: dataDir,
      PACT_DEMO: "0",
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.detached ?? false,
  });
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  // The first start prints the one-time passwords last, after it listens: /health may answer before that box
  // has come through the pipe, so a first start is ready once both are there.
  const credentials = () =>
    known
      ? known
      : {
          email: /e-mail:\s+(\S+)/.exec(output)?.[1],
          password: /one-time password:\s+(\S+)/.exec(output)?.[1],
        };
  const exit = new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  const ready = async () => {
    const deadline = Date.now() + 90_000;
    let healthy = false;
    while (Date.now() < deadline) {
      if (ended()) throw new Error(`platform exited early:\n${output}`);
      if (!healthy) {
        try {
          healthy = (await fetch(`${url}/api/v1/health`)).ok;
        } catch {
          // not listening yet
        }
      }
      const { email, password } = credentials();
      if (healthy && email && password) return { email, password };
      await new Promise((r) => setTimeout(r, healthy ? 50 : 250));
    }
    if (!healthy) throw new Error(`platform did not answer /health within 90 s:\n${output}`);
    throw new Error(`no administrator password printed:\n${output}`);
  };
  let administrator: { email: string; password: string };
  try {
    administrator = await ready();
  } catch (error) {
    // A start that failed leaves neither its process, nor its server, nor a fresh data directory behind.
    if (!ended()) child.kill("SIGKILL");
    await exit;
    if (!shared) {
      await stopOrphanedServer(dataDir);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    throw error;
  }
  return {
    url,
    dataDir,
    output: () => output,
    administrator,
    child,
    exited: () => exit,
    async stop() {
      child.kill("SIGTERM");
      await exit;
      if (!shared) {
        await stopOrphanedServer(dataDir);
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    /** kill -9: no shutdown hooks, connections dropped mid-request. */
    async kill() {
      child.kill("SIGKILL");
      await exit;
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function newContext(
  browser: Browser,
  options: { locale?: string; width?: number } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    locale: options.locale ?? "en-GB",
    viewport: { width: options.width ?? 1280, height: 900 },
  });
}

/** Runs axe-core on the page and fails on any serious or critical violation, naming them. */
export async function expectAccessible(page: Page, label: string) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return (result.violations as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[])
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.impact} ${v.id}: ${v.help} — ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(", ")}`,
      );
  });
  expect(violations, `axe violations on ${label}`).toEqual([]);
}

/**
 * Full-page screenshots are for a person to look at (e2e/artifacts). CI keeps nothing of its clone, so there they
 * cost time (about half a second a page on two cores) and show no one anything: CI takes none unless
 * E2E_SCREENSHOTS=1; E2E_SCREENSHOTS=0 turns them off anywhere.
 */
const TAKE_SCREENSHOTS = process.env.E2E_SCREENSHOTS ? process.env.E2E_SCREENSHOTS !== "0" : !process.env.CI;

export async function screenshot(page: Page, name: string) {
  if (!TAKE_SCREENSHOTS) return;
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: true });
}

export interface ReceivedMail {
  to: string[];
  subject: string;
  /** The decoded text/plain body. */
  text: string;
  /** The whole message as received (latin1), for attachments. */
  raw: string;
}

export interface Mailbox {
  /** For startPlatform's env: `{ SMTP_URL: mailbox.url }`. */
  url: string;
  received: ReceivedMail[];
  /** Waits for the first message to `to` that matches `predicate`; fails naming what did arrive. */
  waitFor(
    to: string,
    options?: { predicate?: (m: ReceivedMail) => boolean; timeoutMs?: number },
  ): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** Quoted-printable to bytes (soft line breaks removed). */
function quotedPrintableBytes(text: string): Buffer {
  const binary = text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return Buffer.from(binary, "latin1");
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=); adjacent words are joined before decoding. */
function decodeHeader(value: string): string {
  const words = /=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi;
  const bytes: Buffer[] = [];
  let last = 0;
  let out = "";
  const flush = () => {
    if (bytes.length) out += Buffer.concat(bytes.splice(0)).toString("utf8");
  };
  for (let m = words.exec(value); m; m = words.exec(value)) {
    const between = value.slice(last, m.index);
    if (last === 0 || between.trim() !== "") {
      flush();
      out += between;
    }
    const [, , kind, text = ""] = m;
    bytes.push(
      kind?.toUpperCase() === "B" ? Buffer.from(text, "base64") : quotedPrintableBytes(text.replace(/_/g, " ")),
    );
    last = m.index + m[0].length;
  }
  flush();
  return out + value.slice(last);
}

function splitEntity(raw: string): { headers: string; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  if (at < 0) return { headers: raw, body: "" };
  const sep = raw.slice(at).startsWith("\r\n\r\n") ? 4 : 2;
  return { headers: raw.slice(0, at).replace(/\r?\n[ \t]+/g, " "), body: raw.slice(at + sep) };
}

const header = (headers: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(headers)?.[1] ?? "";

/** The text/plain part of a message, decoded (single part, or the first text/plain part of a multipart one). */
function textOf(headers: string, body: string): string {
  const type = header(headers, "Content-Type");
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      const entity = splitEntity(part.replace(/^\r?\n/, ""));
      const inner = textOf(entity.headers, entity.body);
      if (inner) return inner;
    }
    return "";
  }
  if (type && !/^text\/plain/i.test(type)) return "";
  const encoding = header(headers, "Content-Transfer-Encoding").trim().toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return quotedPrintableBytes(body).toString("utf8");
  return Buffer.from(body, "latin1").toString("utf8");
}

export function parseMessage(raw: string, to: string[]): ReceivedMail {
  const { headers, body } = splitEntity(raw);
  const subject = decodeHeader(Buffer.from(header(headers, "Subject"), "latin1").toString("utf8"));
  return { to, subject, text: textOf(headers, body).replace(/\r\n/g, "\n"), raw };
}

/** A real SMTP server on a free local port that keeps every message the platform sends. */
export async function startMailbox(): Promise<Mailbox> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        received.push(parseMessage(Buffer.concat(chunks).toString("latin1"), to));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(to, { predicate = () => true, timeoutMs = 30_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((m) => m.to.includes(to.toLowerCase()) && predicate(m));
        if (found) return found;
        if (Date.now() > deadline) {
          const seen = received.map((m) => `${m.to.join(",")}: ${m.subject}`).join("\n  ");
          throw new Error(`no e-mail to ${to} within ${timeoutMs} ms; received:\n  ${seen || "(none)"}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The pid of the embedded PostgreSQL's postmaster of `dataDir` (first line of its postmaster.pid), if any. */
export function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * A journey that killed the platform with -9 and did not start it again leaves its embedded PostgreSQL running
 * (the next start would adopt it); the test ends it instead, and waits for it to be gone before the directory is
 * removed under it.
 */
export async function stopOrphanedServer(dataDir: string): Promise<void> {
  const pid = postmasterPid(dataDir);
  if (!pid || !processAlive(pid)) return;
  try {
    process.kill(pid, "SIGQUIT");
  } catch {
    return; // already gone
  }
  for (let i = 0; i < 300 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/** Whether a PostgreSQL server answers at `url` within two seconds (journeys that need one skip otherwise). */
export async function postgresAvailable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * The API of a browser context for a journey's set-up: `post` sends the CSRF token read from /auth/me (and keeps
 * the one an answer renews), and fails the step on any answer that is not a success.
 */
export async function apiSession(context: BrowserContext, platform: RunningPlatform) {
  const api = context.request;
  const url = (p: string) => `${platform.url}/api/v1${p}`;
  let csrf = (await (await api.get(url("/auth/me"))).json()).csrfToken as string;
  const post = async (path: string, data: unknown) => {
    const res = await api.post(url(path), { data: data as object, headers: { "x-csrf-token": csrf } });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    const body = res.status() === 204 ? {} : await res.json();
    if (body.csrfToken) csrf = body.csrfToken;
    return body;
  };
  /** Accepts the current terms of use and access policy (with the CSRF token of the session as it is now). */
  const acceptTerms = async () => {
    csrf = (await (await api.get(url("/auth/me"))).json()).csrfToken;
    const terms = await (await api.get(url("/terms/current"))).json();
    const ids = (terms.items ?? terms).map((v: { id: string }) => v.id);
    if (ids.length) await post("/terms/accept", { termsVersionIds: ids });
  };
  return { api, url, post, acceptTerms };
}

/**
 * The first administrator through the API of `context`: one-time password → `newPassword` → 2FA enrolment → the
 * current terms. Returns a POST that sends the CSRF token (and keeps it when an answer renews it), for the rest
 * of the journey's set-up.
 */
export async function signInAdministratorByApi(
  context: BrowserContext,
  platform: RunningPlatform,
  newPassword: string,
) {
  const { post, acceptTerms } = await apiSession(context, platform);
  const { email, password } = platform.administrator;
  await post("/auth/sign-in", { email, password });
  await post("/auth/password", { currentPassword: password, newPassword });
  const setup = await post("/auth/2fa/setup", {});
  await post("/auth/2fa/enable", { code: new TOTP({ secret: setup.secret }).generate() });
  await acceptTerms();
  return { post };
}
