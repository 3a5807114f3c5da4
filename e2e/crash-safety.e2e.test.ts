import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORT_FIELDS } from "../src/common/seizures.js";
import { type Database, openDatabase } from "../src/server/db/database.js";
import { processAlive, startEmbeddedPostgres } from "../src/server/db/embedded-postgres.js";
import { totpCode } from "../src/server/modules/accounts/two-factor.service.js";
import { postgresAvailable, postmasterPid, startPlatform, stopOrphanedServer } from "./harness.js";

/**
 * Crash safety (issue 10): the server is killed with SIGKILL in the middle of a large seizure import (a
 * background job), of project saves with a picture and of fact-sheet publications, then restarted on the same
 * data. Afterwards the database holds all or nothing of each operation, every acknowledged one is complete,
 * the import job is requeued and finishes with exactly one copy of the file's records, and the file store and
 * the `files` table match one for one (no bytes without a row, no row without its bytes, no temporary file).
 *
 * The first kill lands inside the import's write transaction: when a transaction holds a row-exclusive lock on
 * `seizures` and rows already take room in it, while project saves and publications run alongside, so they are
 * cut at whatever step they are in. Only the platform process dies; its database lives on.
 *
 * Run on the platform's own PostgreSQL in its data directory ("embedded", the default) and, when one answers,
 * on an operator's PostgreSQL server (TEST_DATABASE_URL, else the local server), each on a fresh data directory
 * and database. On the embedded server the platform left it running, and its next start adopts it; then a
 * second kill is a power loss: at a random moment of project saves and publications the platform and its
 * PostgreSQL server (the postmaster) are killed together, and the next start recovers the cluster from its
 * write-ahead log.
 */
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const IMPORT_ROWS = 50_000;
const SHEETS = 4;
const NEW_PASSWORD = "a long new passphrase for Vienna 2026";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A cookie-keeping HTTP client whose base can follow the platform across restarts. */
class Client {
  cookies = new Map<string, string>();
  csrf = "";
  constructor(public base: string) {}
  async request(method: string, url: string, body?: unknown, raw?: { data: Buffer; type: string }) {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      "x-csrf-token": this.csrf || (this.cookies.get("pact_csrf") ?? ""),
    };
    let payload: BodyInit | undefined;
    if (raw) {
      headers["content-type"] = raw.type;
      payload = new Uint8Array(raw.data);
    } else if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.base}/api/v1${url}`, { method, headers, body: payload });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair?.indexOf("=") ?? -1;
      if (pair && i > 0) this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }
  /** A JSON call that must succeed. */
  async ok<T = Record<string, unknown>>(method: string, url: string, body?: unknown): Promise<T> {
    const res = await this.request(method, url, body);
    const text = await res.text();
    expect(res.status, `${method} ${url}: ${text}`).toBeLessThan(300);
    const json = text ? JSON.parse(text) : {};
    if (json.csrfToken) this.csrf = json.csrfToken;
    return json as T;
  }
  async upload(name: string, type: string, data: Buffer) {
    const boundary = `----pact${randomBytes(6).toString("hex")}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.request("POST", "/files", undefined, { data: body, type: `multipart/form-data; boundary=${boundary}` });
  }
}

/** The administrator's first sign-in over the API: one-time password → new password → 2FA → terms. */
async function activateAdministrator(base: string, email: string, password: string) {
  const client = new Client(base);
  client.csrf = ((await client.ok("GET", "/auth/me")) as { csrfToken: string }).csrfToken;
  await client.ok("POST", "/auth/sign-in", { email, password });
  await client.ok("POST", "/auth/password", { currentPassword: password, newPassword: NEW_PASSWORD });
  const setup = await client.ok<{ secret: string }>("POST", "/auth/2fa/setup", {});
  await client.ok("POST", "/auth/2fa/enable", { code: totpCode(setup.secret, 0) });
  client.csrf = ((await client.ok("GET", "/auth/me")) as { csrfToken: string }).csrfToken;
  const terms = (await client.ok("GET", "/terms/current")) as { items?: { id: string }[] } | { id: string }[];
  const ids = (Array.isArray(terms) ? terms : (terms.items ?? [])).map((v) => v.id);
  if (ids.length) await client.ok("POST", "/terms/accept", { termsVersionIds: ids });
  return client;
}

/** A seizure file in our template: `n` valid rows, all carrying `reference` as their source reference. */
function templateCsv(n: number, reference: string): Buffer {
  const header = IMPORT_FIELDS.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join(",");
  const drugs = ["heroin", "opium", "cannabis_resin", "methamphetamine"];
  const countries = ["TJK", "UZB", "KGZ", "KAZ"];
  const lines = [header];
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2019, 0, 1) + ((i * 37) % 1800) * 86400000).toISOString().slice(0, 10);
    // By field, not by position: the columns follow IMPORT_FIELDS, whose order is the field registry's.
    const cells: Partial<Record<(typeof IMPORT_FIELDS)[number], string | number | null>> = {
      seizureDate: day,
      datePrecision: "day",
      country: countries[i % 4],
      place: `Place ${i % 50}`,
      drug: drugs[(i * 13) % 4],
      quantity: ((i % 997) + 1) / 10,
      unit: "kg",
      placeType: "land_border",
      transportMode: "road",
      originCountries: "AFG",
      destinationCountries: "RUS",
      route: "northern",
      sourceType: "official",
      sourceReference: reference,
      sharing: "members",
    };
    lines.push(IMPORT_FIELDS.map((f) => cells[f] ?? "").join(","));
  }
  return Buffer.from(`${lines.join("\n")}\n`);
}

/** A small PNG that no other call produces (content-addressed storage would otherwise share the bytes). */
const uniquePicture = (n: number) =>
  sharp({
    create: { width: 48, height: 32, channels: 3, background: { r: n % 256, g: (n >> 8) % 256, b: 77 } },
  })
    .png()
    .toBuffer();

interface Ledger {
  /** Project ids whose creation was acknowledged (201). */
  projects: Set<string>;
  /** Pictures whose attachment was acknowledged: project, document and the uploaded file. */
  documents: { projectId: string; documentId: string; fileId: string }[];
  /** Uploads acknowledged (201) but not yet (or never) attached. */
  uploads: Set<string>;
  /** Fact sheets with the last edition whose publication was acknowledged. */
  published: Map<string, number>;
  /** Calls cut by the kill (connection refused or reset): not acknowledged. */
  cut: number;
}

const newLedger = (): Ledger => ({
  projects: new Set(),
  documents: [],
  uploads: new Set(),
  published: new Map(),
  cut: 0,
});

/**
 * Saves projects with a picture one after another until `stop()`: create the record, upload the picture,
 * attach it (the server renders and stores its thumbnail). Any 5xx is a failure; a cut connection is the kill.
 */
async function saveProjects(client: Client, ledger: Ledger, worker: number, stopped: () => boolean) {
  for (let n = 0; !stopped(); n++) {
    try {
      const res = await client.request("POST", "/projects", {
        partnerCode: "UNODC",
        title: { en: `Crash-test project ${worker}-${n} ${randomBytes(3).toString("hex")}` },
        stage: "implementation",
      });
      if (res.status >= 500) throw new Error(`create: ${res.status} ${await res.text()}`);
      if (res.status !== 201) throw new Error(`create refused: ${res.status} ${await res.text()}`);
      const project = (await res.json()) as { id: string };
      ledger.projects.add(project.id);
      const up = await client.upload(
        `picture-${worker}-${n}.png`,
        "image/png",
        await uniquePicture(worker * 10_000 + n + 1),
      );
      if (up.status !== 201) throw new Error(`upload: ${up.status} ${await up.text()}`);
      const file = (await up.json()) as { id: string };
      ledger.uploads.add(file.id);
      const att = await client.request("POST", `/projects/${project.id}/documents`, { fileId: file.id });
      if (att.status !== 201) throw new Error(`attach: ${att.status} ${await att.text()}`);
      const doc = (await att.json()) as { id: string };
      ledger.uploads.delete(file.id);
      ledger.documents.push({ projectId: project.id, documentId: doc.id, fileId: file.id });
    } catch (error) {
      if (/^(create|upload|attach)/.test((error as Error).message)) throw error;
      ledger.cut += 1; // the server is gone: this call is not acknowledged
      return;
    }
  }
}

/**
 * Cycles one fact sheet through its workflow until `stop()`: publish (freezes edition n), reopen, submit,
 * publish (edition n + 1)… Every acknowledged publication is recorded with its edition.
 */
async function cycleSheet(client: Client, id: string, ledger: Ledger, stopped: () => boolean) {
  const next: Record<string, string> = { in_review: "publish", published: "reopen", draft: "submit" };
  while (!stopped()) {
    try {
      const res = await client.request("GET", `/factsheets/${id}`);
      if (res.status !== 200) throw new Error(`read: ${res.status} ${await res.text()}`);
      const sheet = (await res.json()) as { version: number; status: string };
      const action = next[sheet.status] as string;
      const moved = await client.request("POST", `/factsheets/${id}/transitions`, { action, version: sheet.version });
      if (moved.status !== 200) throw new Error(`${action}: ${moved.status} ${await moved.text()}`);
      const after = (await moved.json()) as { edition: number; status: string };
      if (action === "publish") {
        if (after.status !== "published") throw new Error(`publish: answered ${after.status}`);
        ledger.published.set(id, after.edition);
      }
    } catch (error) {
      if (/^(read|publish|reopen|submit)/.test((error as Error).message)) throw error;
      ledger.cut += 1;
      return;
    }
  }
}

type Platform = Awaited<ReturnType<typeof startPlatform>>;

/**
 * A connection to the platform's database for watching it from outside: the operator's server by URL, or the
 * embedded one with the settings of its cluster (joined as "shared" while the platform lives; `stop` leaves it
 * running).
 */
async function watch(kind: "embedded" | "server", dbUrl: string, dataDir: string) {
  if (kind === "server") {
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    return { client, close: () => client.end() };
  }
  const cluster = await startEmbeddedPostgres({ dataDir });
  expect(cluster.origin).toBe("shared");
  const client = new pg.Client(cluster.connection());
  await client.connect();
  return {
    client,
    async close() {
      await client.end();
      await cluster.stop();
    },
  };
}

function crashSuite(kind: "embedded" | "server") {
  const databaseName = `pact_crash_${randomBytes(5).toString("hex")}`;
  let dbUrl = "";
  let platform: Platform | undefined;
  let dataDir = "";
  let administrator = { email: "", password: "" };
  let client: Client;
  const ledger = newLedger();
  const reference = `crash-import-${randomBytes(4).toString("hex")}`;
  const sheetIds: string[] = [];
  let jobId = "";
  let importFileId = "";
  let landing = "";
  let database: Database | undefined;

  const env = () => ({
    ...(dbUrl ? { DATABASE_URL: dbUrl } : {}),
    RATE_LIMIT_PER_MINUTE: "100000",
    // Short enough for a test: a job silent for 2 s lost its worker; stray files 1 s old are swept at start.
    PACT_JOB_STALE_MS: "2000",
    PACT_FILE_SWEEP_AFTER_MS: "1000",
  });
  const start = async () => {
    platform = await startPlatform(env(), dataDir ? { dataDir, administrator } : undefined);
    dataDir = platform.dataDir;
    administrator = platform.administrator;
    if (client) client.base = platform.url;
  };
  const job = async () =>
    (await client.ok<{ status: string; progress: number; total: number | null; message: string | null }>(
      "GET",
      `/jobs/${jobId}`,
    )) as { status: string; progress: number; total: number | null; message: string | null };

  beforeAll(async () => {
    if (kind === "server") {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database ${databaseName}`);
      await admin.end();
      const url = new URL(serverUrl);
      url.pathname = `/${databaseName}`;
      dbUrl = url.toString();
    }
    await start();
    if (!platform) throw new Error("not started");
    client = await activateAdministrator(platform.url, administrator.email, administrator.password);
    // Fact sheets in review, ready to be published.
    for (let i = 0; i < SHEETS; i++) {
      const sheet = await client.ok<{ id: string; version: number }>("POST", "/factsheets", {
        scope: "country",
        subject: ["TJK", "UZB", "KGZ", "KAZ"][i % 4],
        year: 2020,
      });
      await client.ok("POST", `/factsheets/${sheet.id}/transitions`, { action: "submit", version: sheet.version });
      sheetIds.push(sheet.id);
    }
  }, 240_000);

  afterAll(async () => {
    await database?.close();
    await platform?.kill();
    if (dataDir) {
      // A platform killed on the embedded server left that server running.
      await stopOrphanedServer(dataDir);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    if (dbUrl) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${databaseName} with (force)`);
      await admin.end();
    }
  });

  it("kill -9 while an import writes its transaction; the job is requeued and finishes", async () => {
    if (!platform) throw new Error("not started");
    let stop = false;
    // Project saves and publications run alongside the import, so the kill cuts them at whatever step they are in.
    const load = Promise.all([
      saveProjects(client, ledger, 1, () => stop),
      saveProjects(client, ledger, 2, () => stop),
      ...sheetIds.slice(0, 2).map((id) => cycleSheet(client, id, ledger, () => stop)),
    ]);
    // The import streams its rows in from its first batch on, so the saves get going first: some acknowledged
    // before the import starts, more in flight when the kill comes.
    for (let i = 0; i < 600 && (ledger.documents.length < 2 || ledger.published.size < 1); i++) await sleep(50);
    const up = await client.upload(`${reference}.csv`, "text/csv", templateCsv(IMPORT_ROWS, reference));
    expect(up.status, await up.clone().text()).toBe(201);
    const file = (await up.json()) as { id: string };
    importFileId = file.id;
    ({ jobId } = await client.ok<{ jobId: string }>("POST", "/seizures/imports", {
      fileId: file.id,
      dryRun: false,
      confirmWarnings: true,
      sharing: "members",
    }));
    const deadline = Date.now() + 120_000;
    // The import's transaction holds a row-exclusive lock on `seizures` until it commits or rolls back.
    const watcher = await watch(kind, dbUrl, dataDir);
    const writing = async () =>
      (
        await watcher.client.query<{ n: number }>(
          `select count(*)::int as n from pg_locks l join pg_class c on c.oid = l.relation
            where c.relname = 'seizures' and l.mode = 'RowExclusiveLock' and l.granted
              and pg_relation_size('seizures') > 0`,
        )
      ).rows[0]?.n ?? 0;
    // Rows streamed in but not committed already take room in the table (the file is empty before).
    const written = async () =>
      (await watcher.client.query<{ n: string }>(`select pg_relation_size('seizures') as n`)).rows[0]?.n ?? "0";
    try {
      while (!landing && Date.now() < deadline) {
        if ((await writing()) > 0) {
          await sleep(Math.floor(Math.random() * 500)); // somewhere inside the transaction
          if ((await writing()) > 0)
            landing = `a transaction held a row-exclusive lock on seizures, ${await written()} bytes in its table`;
        } else {
          const state = await job();
          expect(state.status, JSON.stringify(state)).not.toMatch(/succeeded|failed/);
          await sleep(20);
        }
      }
    } finally {
      await watcher.close();
    }
    const server = kind === "embedded" ? postmasterPid(dataDir) : null;
    await platform.kill();
    stop = true;
    await load;
    expect(landing, "the kill did not land inside the import's transaction").not.toBe("");
    expect(ledger.cut).toBeGreaterThan(0);
    expect(ledger.projects.size).toBeGreaterThan(0);

    await start();
    if (kind === "embedded") {
      // The killed platform's server lived on, and the new platform took it over rather than fail on it.
      expect(server && processAlive(server), "the embedded server outlived its platform").toBe(true);
      expect(postmasterPid(dataDir)).toBe(server);
      expect(platform?.output()).toMatch(/embedded PostgreSQL .*\(adopted\)/);
    }
    // The job is requeued as stale (PACT_JOB_STALE_MS) and run again to its end.
    let state = await job();
    for (let i = 0; i < 600 && !["succeeded", "failed", "cancelled"].includes(state.status); i++) {
      await sleep(250);
      state = await job();
    }
    expect(state.status, JSON.stringify(state)).toBe("succeeded");
  }, 240_000);

  it(kind === "embedded"
    ? "power loss: kill -9 of the platform and its PostgreSQL at a random moment of project saves and publications"
    : "stops cleanly after the kill (project saves and publications ran during it)", async () => {
    if (!platform) throw new Error("not started");
    if (kind === "embedded") {
      let stop = false;
      const cutBefore = ledger.cut;
      const documentsBefore = ledger.documents.length;
      const publishedBefore = [...ledger.published.values()].reduce((n, e) => n + e, 0);
      const publications = () => [...ledger.published.values()].reduce((n, e) => n + e, 0) - publishedBefore;
      const load = Promise.all([
        saveProjects(client, ledger, 3, () => stop),
        saveProjects(client, ledger, 4, () => stop),
        saveProjects(client, ledger, 5, () => stop),
        ...sheetIds.map((id) => cycleSheet(client, id, ledger, () => stop)),
      ]);
      // Some saves and publications acknowledged first, then a random moment.
      for (let i = 0; i < 600 && (ledger.documents.length < documentsBefore + 2 || publications() < 1); i++)
        await sleep(50);
      await sleep(Math.floor(Math.random() * 1500));
      const serverLog = path.join(dataDir, "postgres", "server.log");
      const logBefore = fs.statSync(serverLog).size;
      const server = postmasterPid(dataDir);
      expect(server, "the embedded server's postmaster.pid").not.toBeNull();
      // The platform first, in the same instant: it must not live to answer a request with the server's death.
      const killed = platform.kill();
      process.kill(server as number, "SIGKILL");
      await killed;
      stop = true;
      await load;
      for (let i = 0; i < 100 && processAlive(server as number); i++) await sleep(50);
      expect(processAlive(server as number), "the postmaster is dead").toBe(false);
      expect(ledger.cut).toBeGreaterThan(cutBefore);
      expect(ledger.documents.length).toBeGreaterThan(documentsBefore);
      // Its stale postmaster.pid is left behind, as after a power loss.
      expect(postmasterPid(dataDir)).toBe(server);
      await start(); // the start-up sweep runs again on this start
      expect(platform?.output()).toMatch(/embedded PostgreSQL .*\(started\)/);
      // PostgreSQL found the cluster as a power loss leaves it and replayed its write-ahead log.
      const log = fs.readFileSync(serverLog).subarray(logBefore).toString("utf8");
      expect(log).toMatch(/database system was (interrupted|not properly shut down)/);
    }
    if (!platform) throw new Error("not started");
    await platform.stop(); // graceful: the database is then read directly below
    platform = undefined;
    database = await openDatabase(kind === "server" ? { databaseUrl: dbUrl } : { embedded: { dataDir } });
  }, 240_000);

  it("the import left exactly one complete copy of its records", async () => {
    if (!database) throw new Error("no database");
    const db = database.db;
    const batches = await db
      .selectFrom("seizures")
      .select(["import_batch_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("source_reference", "=", reference)
      .groupBy("import_batch_id")
      .execute();
    expect(batches.map((b) => Number(b.n))).toEqual([IMPORT_ROWS]);
    const batchRows = await db
      .selectFrom("seizure_import_batches")
      .select(["id", "rows"])
      .where("file_name", "=", `${reference}.csv`)
      .execute();
    expect(batchRows).toEqual([{ id: batches[0]?.import_batch_id, rows: IMPORT_ROWS }]);
    const row = await db.selectFrom("jobs").select(["status", "attempts"]).where("id", "=", jobId).executeTakeFirst();
    expect(row?.status).toBe("succeeded");
    // Killed while running: the first attempt died, the second did the work.
    expect(row?.attempts).toBe(2);
    // For the log: pages beyond those of the live copy hold the dead rows of the rolled-back first attempt (when
    // the kill came after rows were streamed in, and vacuum has not reclaimed them yet).
    const pages = await sql<{ total: number; live: number }>`
      select (pg_relation_size('seizures') / current_setting('block_size')::int)::int as total,
             (select count(distinct split_part(ctid::text, ',', 1))::int from seizures) as live`.execute(db);
    const { total = 0, live = 0 } = pages.rows[0] ?? {};
    console.log(`${kind}: kill landed: ${landing}; seizures pages ${total}, with live rows ${live}`);
  });

  it("every acknowledged project save is complete, and no save is half-written", async () => {
    if (!database) throw new Error("no database");
    const db = database.db;
    const projects = await db
      .selectFrom("projects")
      .select("id")
      .where("id", "in", [...ledger.projects])
      .execute();
    expect(projects.length).toBe(ledger.projects.size);
    expect(ledger.documents.length).toBeGreaterThan(0);
    const versions = await db
      .selectFrom("project_document_versions as v")
      .innerJoin("project_documents as d", "d.id", "v.document_id")
      .select(["d.id", "d.project_id", "v.file_id", "v.thumbnail_file_id"])
      .execute();
    const byDocument = new Map(versions.map((v) => [v.id, v]));
    for (const ack of ledger.documents) {
      const v = byDocument.get(ack.documentId);
      expect(v, `acknowledged document ${ack.documentId}`).toBeDefined();
      expect(v?.project_id).toBe(ack.projectId);
      expect(v?.file_id).toBe(ack.fileId);
      expect(v?.thumbnail_file_id).not.toBeNull();
    }
    // No document without its version, no picture without its thumbnail, none pointing at a missing row.
    const documents = await db.selectFrom("project_documents").select(["id", "kind"]).execute();
    for (const d of documents) {
      expect(byDocument.has(d.id), `document ${d.id} has a version`).toBe(true);
      if (d.kind === "picture") expect(byDocument.get(d.id)?.thumbnail_file_id).not.toBeNull();
    }
    const fileIds = new Set((await db.selectFrom("files").select("id").execute()).map((f) => f.id));
    for (const v of versions) {
      expect(fileIds.has(v.file_id)).toBe(true);
      if (v.thumbnail_file_id) expect(fileIds.has(v.thumbnail_file_id)).toBe(true);
    }
    // A thumbnail is stored with its document version: none exists without one.
    const thumbnails = await db
      .selectFrom("files")
      .select("id")
      .where("original_name", "=", "thumbnail.webp")
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("project_document_versions")
              .select("document_id")
              .whereRef("thumbnail_file_id", "=", "files.id"),
          ),
        ),
      )
      .execute();
    expect(thumbnails).toEqual([]);
  });

  it("every publication is all or nothing: a sheet has exactly its frozen editions, each acknowledged one", async () => {
    if (!database) throw new Error("no database");
    const db = database.db;
    const sheets = await db
      .selectFrom("factsheets")
      .select(["id", "status", "edition", "published_at"])
      .where("id", "in", sheetIds)
      .execute();
    const editions = await db
      .selectFrom("factsheet_editions")
      .select(["factsheet_id", "edition"])
      .where("factsheet_id", "in", sheetIds)
      .orderBy("edition")
      .execute();
    const indexed = new Set(
      (
        await db
          .selectFrom("search_index")
          .select("entity_id")
          .where("entity_type", "=", "factsheet")
          .where("entity_id", "in", sheetIds)
          .execute()
      ).map((r) => r.entity_id),
    );
    expect(sheets.length).toBe(SHEETS);
    expect(ledger.published.size).toBeGreaterThan(0);
    for (const s of sheets) {
      const own = editions.filter((e) => e.factsheet_id === s.id).map((e) => e.edition);
      // Editions 1…n, none missing and none beyond the sheet's own count: never published without its edition.
      expect(own, `editions of ${s.id}`).toEqual(Array.from({ length: s.edition }, (_, i) => i + 1));
      expect(s.edition).toBeGreaterThanOrEqual(ledger.published.get(s.id) ?? 0);
      if (s.status === "published") expect(s.published_at).not.toBeNull();
      if (s.edition > 0) expect(indexed.has(s.id), `published sheet ${s.id} is in search`).toBe(true);
    }
  });

  it("the file store and the files table match one for one, with no temporary file left", async () => {
    if (!database) throw new Error("no database");
    const rows = await database.db.selectFrom("files").select(["id", "sha256"]).execute();
    const store = path.join(dataDir, "files");
    const stored = new Set<string>();
    const temporary: string[] = [];
    for (const entry of fs.readdirSync(store, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      if (/^[0-9a-f]{64}$/.test(entry.name)) stored.add(entry.name);
      else temporary.push(path.join(entry.parentPath, entry.name));
    }
    const referenced = new Set(rows.map((r) => r.sha256));
    const missing = [...referenced].filter((sha) => !stored.has(sha));
    const orphaned = [...stored].filter((sha) => !referenced.has(sha));
    expect(missing, "rows whose bytes are missing").toEqual([]);
    expect(orphaned, "bytes no row references").toEqual([]);
    expect(temporary, "temporary files").toEqual([]);
    // The import's input file is kept, and every acknowledged upload still has its row.
    for (const id of [importFileId, ...ledger.uploads, ...ledger.documents.map((d) => d.fileId)])
      expect(rows.some((r) => r.id === id)).toBe(true);
  });
}

describe("crash safety on the embedded PostgreSQL (kill -9, power loss)", () => crashSuite("embedded"));
describe.runIf(await postgresAvailable(serverUrl))("crash safety on a PostgreSQL server (kill -9)", () =>
  crashSuite("server"),
);
