import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import { to as copyTo } from "pg-copy-streams";
import type { AggregateRow } from "../../../common/seizures.js";
import type { Database } from "../../db/database.js";
import type { DB } from "../../db/schema.js";
import { normalTextSql, type RecordSpec, recordQuery, toRecordRows } from "./seizures.analytics.js";

/**
 * The columnar copy of the published seizures in DuckDB (issue 20, part 5), embedded in the server process, which
 * answers the ad-hoc analyses over the records (seizures.analytics.ts) while it is current.
 *
 * In step with publication: the copy remembers `seizure_aggregate_state.version` it was loaded at. That version goes
 * up in the same transaction as every change of the published records (publish, correction, merge, rebuild: every
 * path goes through `adjustMonthly`), and its row lock orders those transactions, so "same version" means "same
 * published records". Each answer first reads the version (one indexed row): when it differs, PostgreSQL answers
 * (the same query, the same figures) and the copy reloads in the background, once at a time; the next answer after
 * the reload comes from DuckDB again. The load reads the version and the rows in one repeatable-read snapshot, so
 * the copy never holds rows newer or older than the version it claims.
 *
 * Why a full reload rather than applying each change: a reload of 5,000,000 records takes seconds (COPY out, then
 * DuckDB's parallel CSV reader), needs no change log on the write path (the import is the platform's hottest
 * write), and cannot drift. While it runs, answers stay correct (PostgreSQL) and only slower.
 *
 * Each instance keeps its own copy in memory (instances stay stateless apart from the database). Nothing depends on
 * DuckDB for correctness: without `@duckdb/node-api`, or with PACT_ANALYTICS_ENGINE=postgres, PostgreSQL answers.
 */

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
  version: string | null;
  rows: number;
  loadMs: number | null;
}

export class SeizureColumnarCopy {
  private instance: DuckDBInstance | null = null;
  private conn: DuckDBConnection | null = null;
  private version: string | null = null;
  private loading: Promise<void> | null = null;
  private rows = 0;
  private loadMs: number | null = null;
  private closed = false;

  constructor(
    private readonly deps: {
      db: Kysely<DB>;
      withClientTransaction: Database["withClientTransaction"];
      log: FastifyBaseLogger;
      /** Where the load's transfer file is written (and removed). */
      dir: string;
    },
  ) {}

  status(): ColumnarStatus {
    return {
      state: this.loading ? "loading" : this.conn ? "ready" : "empty",
      version: this.version,
      rows: this.rows,
      loadMs: this.loadMs,
    };
  }

  /** The copy's answer when it holds the current published records; null otherwise (and a reload starts). */
  async answer(spec: RecordSpec): Promise<AggregateRow[] | null> {
    if (this.closed) return null;
    const current = await this.currentVersion();
    const conn = this.conn;
    if (conn && this.version === current) {
      const q = recordQuery(spec, "duckdb");
      const result = await conn.runAndReadAll(q.text, q.values);
      return toRecordRows(result.getRowObjectsJS() as Record<string, unknown>[], spec.groupBy);
    }
    void this.refresh();
    return null;
  }

  /** Loads the copy afresh (one load at a time; a caller during a load waits for that one). */
  refresh(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (!this.loading) {
      this.loading = this.load()
        .catch((err) => this.deps.log.warn({ err }, "the columnar copy of the seizures could not be loaded"))
        .finally(() => {
          this.loading = null;
        });
    }
    return this.loading;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.loading;
    this.conn?.closeSync();
    this.instance?.closeSync();
    this.conn = null;
    this.instance = null;
  }

  private async currentVersion(): Promise<string> {
    const row = await this.deps.db.selectFrom("seizure_aggregate_state").select("version").executeTakeFirst();
    return String(row?.version ?? "");
  }

  private async load(): Promise<void> {
    const started = performance.now();
    fs.mkdirSync(this.deps.dir, { recursive: true });
    const file = path.join(this.deps.dir, `seizure-records-${process.pid}-${Date.now()}.csv`);
    try {
      const version = await this.deps.withClientTransaction(async (client) => {
        await client.query("set transaction isolation level repeatable read, read only");
        const v = await client.query<{ version: string }>(
          "select version::text as version from seizure_aggregate_state",
        );
        await pipeline(
          client.query(copyTo(`copy (${EXPORT}) to stdout with (format csv)`)),
          fs.createWriteStream(file),
        );
        return String(v.rows[0]?.version ?? "");
      });
      const { DuckDBInstance } = await import("@duckdb/node-api");
      const instance = await DuckDBInstance.create(":memory:");
      const conn = await instance.connect();
      await conn.run(
        `create table staging as select * from read_csv(${quote(file)}, header = false, columns = ${CSV_COLUMNS},
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
        "columnar copy of the published seizures loaded",
      );
    } finally {
      fs.rmSync(file, { force: true });
    }
  }
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
