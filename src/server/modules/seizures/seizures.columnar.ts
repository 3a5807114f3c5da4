import fs from "node:fs";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import { to as copyTo } from "pg-copy-streams";
import type { AggregateRow } from "../../../common/seizures.js";
import type { Database } from "../../db/database.js";
import type { DB } from "../../db/schema.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";
import type { JobDefinition, JobService } from "../../platform/jobs.js";
import { normalTextSql, type RecordSpec, recordQuery, toRecordRows } from "./seizures.analytics.js";

/**
 * The columnar copy of the published seizures in DuckDB (issue 20, part 5), which answers the ad-hoc analyses over
 * the records (seizures.analytics.ts) while it is current.
 *
 * In step with publication: a copy is built at one `seizure_aggregate_state.version`. That version goes up in the
 * same transaction as every change of the published records (publish, correction, merge, rebuild: every path goes
 * through `adjustMonthly`), and its row lock orders those transactions, so "same version" means "same published
 * records". Each answer first reads the version (one indexed row): when this instance's copy is of that version,
 * DuckDB answers; otherwise PostgreSQL answers (the same query, the same figures) while the copy catches up.
 *
 * Catching up is a job (`seizures.columnar-build`, platform/jobs.ts), not work every instance repeats: the job
 * reads the version and the rows in one repeatable-read snapshot, builds the DuckDB database (low-cardinality
 * columns as ENUMs, rows sorted by who may read them) and writes it once, under a name carrying the version, to
 * `PACT_DATA_DIR/analytics` (the data directory instances share). Every instance then takes that file into its own
 * memory (`COPY FROM DATABASE`, seconds) and answers from it. One build at a time: a newer request waits while the
 * job is queued (coalesced), and a job that finds another running before it waits for it; a build of a version
 * already on disk does nothing. The job's progress (rows exported of the snapshot's count, then the build) is the
 * platform's job progress, which coordinators follow on the DMP settings page (`GET /seizures/analytics/copy`).
 *
 * Why not incremental: the rows carry no version, only `updated_at` (the transaction's start time: a long import
 * that commits after the copy's snapshot holds older timestamps, so "changed since" would miss it) and a deleted
 * record (demo removal) leaves no trace; applying changes safely would need a change log written on the import's
 * path, the platform's hottest write. The full build is done once for all instances, off the request path, and
 * cannot drift.
 *
 * Nothing depends on DuckDB for correctness: without `@duckdb/node-api`, or with PACT_ANALYTICS_ENGINE=postgres,
 * PostgreSQL answers.
 */

export const COLUMNAR_JOB = "seizures.columnar-build";

/** The low-cardinality columns stored as DuckDB ENUMs (grouping on small integer codes instead of strings). */
const ENUM_COLUMNS = [
  "country",
  "drug",
  "drug_group",
  "route",
  "unit",
  "sharing",
  "owner_partner",
  "transport_mode",
  "place_type",
  "source_type",
] as const;

/** The normalized published records as PostgreSQL writes them out (the columns of seizures.analytics.ts). */
const EXPORT = `
  select s.country, s.year, s.month, s.drug, s.drug_group, coalesce(s.route, ''), s.unit, s.sharing,
         coalesce(s.owner_partner, ''), coalesce(s.transport_mode, 'none'), coalesce(s.place_type, 'none'),
         ${normalTextSql("s.concealment")}, ${normalTextSql("s.agency")},
         s.source_type, s.mass_kg, s.quantity, s.persons_arrested, s.arrests::text
  from seizures s where s.status = 'published'`;

const CSV_COLUMNS = `{
  'country': 'VARCHAR', 'year': 'INTEGER', 'month': 'INTEGER', 'drug': 'VARCHAR', 'drug_group': 'VARCHAR',
  'route': 'VARCHAR', 'unit': 'VARCHAR', 'sharing': 'VARCHAR', 'owner_partner': 'VARCHAR',
  'transport_mode': 'VARCHAR', 'place_type': 'VARCHAR', 'concealment': 'VARCHAR', 'agency': 'VARCHAR',
  'source_type': 'VARCHAR', 'mass_kg': 'DOUBLE', 'quantity': 'DOUBLE', 'persons': 'INTEGER', 'arrests': 'VARCHAR'}`;

const ARREST_TYPE = `'[{"nationality":"VARCHAR","sex":"VARCHAR","count":"INTEGER"}]'`;

export interface ColumnarStatus {
  state: "empty" | "loading" | "ready";
  /** The version of the published records this instance's copy holds (null: none yet). */
  version: string | null;
  rows: number;
  /** How long this instance took to take the built copy into memory. */
  loadMs: number | null;
}

export interface ColumnarDeps {
  db: Kysely<DB>;
  withClientTransaction: Database["withClientTransaction"];
  log: FastifyBaseLogger;
  /** Where the built copies are written (`PACT_DATA_DIR/analytics`, shared by the instances). */
  dir: string;
  /** The platform's jobs: the build runs as one. Absent (tools): this process builds the copy itself. */
  jobs?: JobService | undefined;
}

const FILE_PREFIX = "seizure-records-";
const fileOf = (dir: string, version: string) => path.join(dir, `${FILE_PREFIX}${version}.duckdb`);
/** A build request of the same version is not repeated sooner than this (a failed build is asked again after it). */
const REQUEST_AGAIN_MS = 60_000;

/** Counts the rows (lines) streaming through, for the job's progress. */
function lineCounter(onCount: (n: number) => void): Transform {
  let n = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
      onCount(n);
      done(null, chunk);
    },
  });
}

/**
 * Builds the copy of the published records as they are now, into `dir` under their version's name (written
 * aside, then renamed: a reader never sees half a file). Returns the version and its row count; a version whose
 * file exists already is not built again. Older copies are removed (an instance reads a file only while taking it
 * into memory, and then holds its own).
 */
export async function buildColumnarCopy(
  deps: Omit<ColumnarDeps, "jobs">,
  report: (done: number, total: number | null, phase: "exporting" | "building" | "writing") => Promise<void> = () =>
    Promise.resolve(),
): Promise<{ version: string; rows: number; built: boolean }> {
  fs.mkdirSync(deps.dir, { recursive: true });
  const csv = path.join(deps.dir, `export-${process.pid}-${Date.now()}.csv`);
  try {
    const snapshot = await deps.withClientTransaction(async (client) => {
      await client.query("set transaction isolation level repeatable read, read only");
      const v = await client.query<{ version: string }>("select version::text as version from seizure_aggregate_state");
      const version = String(v.rows[0]?.version ?? "");
      if (fs.existsSync(fileOf(deps.dir, version))) return { version, total: -1 };
      const c = await client.query<{ n: string }>(
        "select count(*)::text as n from seizures where status = 'published'",
      );
      const total = Number(c.rows[0]?.n ?? 0);
      await report(0, total, "exporting");
      let last = 0;
      await pipeline(
        client.query(copyTo(`copy (${EXPORT}) to stdout with (format csv)`)),
        lineCounter((n) => {
          if (n - last >= 50_000) {
            last = n;
            void report(n, total, "exporting");
          }
        }),
        fs.createWriteStream(csv),
      );
      return { version, total };
    });
    const target = fileOf(deps.dir, snapshot.version);
    if (snapshot.total < 0) return { version: snapshot.version, rows: await rowsIn(target), built: false };
    await report(snapshot.total, snapshot.total, "building");
    const aside = `${target}.${process.pid}-${Date.now()}.tmp`;
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const instance = await DuckDBInstance.create(aside);
    const conn = await instance.connect();
    try {
      await conn.run(
        `create temp table staging as select * from read_csv(${quote(csv)}, header = false, columns = ${CSV_COLUMNS},
           allow_quoted_nulls = false, quote = '"', escape = '"')`,
      );
      for (const c of ENUM_COLUMNS)
        await conn.run(`create type ${c}_t as enum (select distinct ${c} from staging where ${c} is not null)`);
      // Sorted by who may read and where, so a member's and a country's filters skip whole row groups.
      await conn.run(`
        create table seizure_records as
        select ${ENUM_COLUMNS.map((c) => `${c}::${c}_t as ${c}`).join(", ")},
               year, month, concealment, agency, mass_kg, quantity, persons,
               case when arrests = '[]' then [{'nationality': 'none', 'sex': 'none', 'count': 0}]
                    else from_json(arrests, ${ARREST_TYPE}) end as arrests
        from staging order by sharing, owner_partner, country, year, month`);
      await conn.run("drop table staging");
      await report(snapshot.total, snapshot.total, "writing");
      await conn.run("checkpoint");
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
    fs.renameSync(aside, target);
    fs.rmSync(`${aside}.wal`, { force: true });
    // Older builds go (never a newer one another builder may have finished meanwhile, nor a file being written).
    for (const f of fs.readdirSync(deps.dir)) {
      const v = /^seizure-records-(\d+)\.duckdb$/.exec(f)?.[1];
      if (v !== undefined && BigInt(v) < BigInt(snapshot.version)) fs.rmSync(path.join(deps.dir, f), { force: true });
    }
    return { version: snapshot.version, rows: snapshot.total, built: true };
  } finally {
    fs.rmSync(csv, { force: true });
  }
}

async function rowsIn(file: string): Promise<number> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    const r = await conn.runAndReadAll("select count(*)::integer as n from seizure_records");
    return Number(r.getRowObjectsJS()[0]?.n ?? 0);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/**
 * The build job, which every instance registers (through the seizures manifest), whatever its own engine (a worker
 * claims any queued job). One build at a time: a job that finds an earlier one running waits for it (and then
 * usually finds its version built).
 */
export function columnarJob(jobs: JobService, deps: Omit<ColumnarDeps, "jobs">): JobDefinition {
  return {
    kind: COLUMNAR_JOB,
    run: async (job, progress) => {
      while (await jobs.runningBefore(COLUMNAR_JOB, job.id)) {
        if (progress.signal.aborted) return { cancelled: true };
        await progress.set(0, null, "waiting");
        await new Promise((r) => setTimeout(r, 1000));
      }
      const started = performance.now();
      const result = await buildColumnarCopy(deps, (done, total, phase) => progress.set(done, total, phase));
      return { ...result, ms: Math.round(performance.now() - started) };
    },
  };
}

/** This instance's copy in memory: taken from the built file of the current version, asked for when missing. */
export class SeizureColumnarCopy {
  private instance: DuckDBInstance | null = null;
  private conn: DuckDBConnection | null = null;
  private version: string | null = null;
  private loading: Promise<void> | null = null;
  private rows = 0;
  private loadMs: number | null = null;
  private closed = false;
  private requested: { version: string; at: number } | null = null;

  constructor(private readonly deps: ColumnarDeps) {}

  status(): ColumnarStatus {
    return {
      state: this.loading ? "loading" : this.conn ? "ready" : "empty",
      version: this.version,
      rows: this.rows,
      loadMs: this.loadMs,
    };
  }

  /** The copy's answer when it holds the current published records; null otherwise (and it catches up). */
  async answer(spec: RecordSpec): Promise<AggregateRow[] | null> {
    if (this.closed) return null;
    const current = await this.currentVersion();
    const conn = this.conn;
    if (conn && this.version === current) {
      const q = recordQuery(spec, "duckdb");
      const result = await conn.runAndReadAll(q.text, q.values);
      return toRecordRows(result.getRowObjectsJS() as Record<string, unknown>[], spec.groupBy);
    }
    void this.catchUp(current);
    return null;
  }

  /**
   * Builds the copy of the current records here and now if it is not on disk, and takes it into memory (one at a
   * time; a caller during a load waits for that one). For tools, tests and benchmarks; the server catches up
   * through the job.
   */
  refresh(): Promise<void> {
    return this.once(async () => {
      const { version } = await buildColumnarCopy(this.deps);
      await this.take(version);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.loading;
    this.conn?.closeSync();
    this.instance?.closeSync();
    this.conn = null;
    this.instance = null;
  }

  /** Takes the current version's file when it is there; asks for its build otherwise (without jobs: builds it). */
  private catchUp(current: string): Promise<void> {
    if (!this.deps.jobs) return this.refresh();
    return this.once(async () => {
      if (fs.existsSync(fileOf(this.deps.dir, current))) return this.take(current);
      const r = this.requested;
      if (r?.version === current && Date.now() - r.at < REQUEST_AGAIN_MS) return;
      this.requested = { version: current, at: Date.now() };
      await this.deps.jobs?.enqueueCoalesced(COLUMNAR_JOB, { version: current }, SYSTEM_ACTOR, (_, added) => added);
    });
  }

  private once(work: () => Promise<void>): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (!this.loading) {
      this.loading = work()
        .catch((err) => this.deps.log.warn({ err }, "the columnar copy of the seizures could not be loaded"))
        .finally(() => {
          this.loading = null;
        });
    }
    return this.loading;
  }

  private async currentVersion(): Promise<string> {
    const row = await this.deps.db.selectFrom("seizure_aggregate_state").select("version").executeTakeFirst();
    return String(row?.version ?? "");
  }

  /** Copies the built file of `version` into a new in-memory database and answers from it from now on. */
  private async take(version: string): Promise<void> {
    if (this.version === version && this.conn) return;
    const started = performance.now();
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    try {
      await conn.run(`attach ${quote(fileOf(this.deps.dir, version))} as built (read_only)`);
      await conn.run("copy from database built to memory");
      await conn.run("detach built");
    } catch (err) {
      conn.closeSync();
      instance.closeSync();
      throw err;
    }
    const count = await conn.runAndReadAll("select count(*)::integer as n from seizure_records");
    if (this.closed) {
      conn.closeSync();
      instance.closeSync();
      return;
    }
    const [oldConn, oldInstance] = [this.conn, this.instance];
    this.conn = conn;
    this.instance = instance;
    this.version = version;
    this.rows = Number(count.getRowObjectsJS()[0]?.n ?? 0);
    this.loadMs = performance.now() - started;
    oldConn?.closeSync();
    oldInstance?.closeSync();
    this.deps.log.info(
      { rows: this.rows, ms: Math.round(this.loadMs), version },
      "columnar copy of the published seizures taken into memory",
    );
  }
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
