import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { pino } from "pino";
import { IMPORT_FIELDS } from "../src/common/seizures.js";
import { openAndMigrate } from "../src/server/bootstrap.js";
import { loadConfig } from "../src/server/config.js";
import { type AppContext, createContext } from "../src/server/context.js";
import type { DB } from "../src/server/db/schema.js";
import { SYSTEM_ACTOR } from "../src/server/platform/audit.js";
import type { BenchResult } from "./run.js";

/**
 * DMP at scale (issue 6):
 * - seizures-dashboard-pg: the dashboard's aggregations (by month × drug group, country, drug, route) over
 *   SEIZURES_BENCH_PG_ROWS (default 5 000 000) published seizures on PostgreSQL, against DuckDB computing the same
 *   aggregations over the same rows (exported from PostgreSQL, loaded in memory, not timed). Target: the platform
 *   answers in no more than DuckDB's time (ratio DuckDB / platform ≥ 1).
 * - seizures-dashboard-embedded: the same aggregations over SEIZURES_BENCH_EMBEDDED_ROWS (default 1 000 000) on the
 *   platform's own (embedded) PostgreSQL, against the 500 ms budget (ratio budget / platform ≥ 1).
 * - seizures-import-pg: `importSeizures` of a SEIZURES_BENCH_IMPORT_ROWS-row CSV (default 1 000 000) in our template,
 *   against `psql \copy` of the same file into a bare table of text columns. Target: ≥ 0.5 of \copy's rows/s.
 */
const PG_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PG_ROWS = Number(process.env.SEIZURES_BENCH_PG_ROWS ?? 5_000_000);
const EMBEDDED_ROWS = Number(process.env.SEIZURES_BENCH_EMBEDDED_ROWS ?? 1_000_000);
const IMPORT_ROWS = Number(process.env.SEIZURES_BENCH_IMPORT_ROWS ?? 1_000_000);
const EMBEDDED_BUDGET_MS = 500;
const ROUNDS = 5;

const COUNTRIES = [
  "TJK",
  "UZB",
  "KGZ",
  "KAZ",
  "TKM",
  "RUS",
  "IRN",
  "TUR",
  "BGR",
  "SRB",
  "PAK",
  "TZA",
  "KEN",
  "IND",
  "AZE",
  "GEO",
];
const DRUGS: [string, string][] = [
  ["heroin", "opiates"],
  ["opium", "opiates"],
  ["morphine", "opiates"],
  ["cannabis_resin", "cannabis"],
  ["cannabis_herb", "cannabis"],
  ["methamphetamine", "ats"],
  ["captagon", "ats"],
  ["acetic_anhydride", "precursors"],
  ["tramadol", "pharmaceutical_opioids"],
  ["cocaine_hydrochloride", "cocaine"],
];
const ROUTES = ["northern", "balkan", "southern", "other"];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const list = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(",")}]`;

/** `n` published seizures generated inside the database (fast on both backends), then the monthly aggregate. */
async function fill(db: Kysely<DB>, n: number) {
  const chunk = 500_000;
  for (let start = 0; start < n; start += chunk) {
    const end = Math.min(n, start + chunk);
    await sql
      .raw(`
      insert into seizures (seizure_date, date_precision, year, month, country, drug, drug_group, quantity, unit, mass_kg,
                            route, status, sharing, source_type, latitude, longitude, demo, published_at)
      select d, 'day', extract(year from d)::int, extract(month from d)::int,
             (${list(COUNTRIES)})[1 + (i * 7) % ${COUNTRIES.length}],
             (${list(DRUGS.map((x) => x[0]))})[1 + (i * 13) % ${DRUGS.length}],
             (${list(DRUGS.map((x) => x[1]))})[1 + (i * 13) % ${DRUGS.length}],
             q, 'kg', q, (${list(ROUTES)})[1 + (i * 3) % ${ROUTES.length}], 'published', 'members', 'official',
             35 + random() * 10, 60 + random() * 15, true, now()
      from (select i, date '2019-01-01' + (random() * 2190)::int as d, round((exp(random() * 6))::numeric, 3)::float8 as q
            from generate_series(${start + 1}, ${end}) i) g`)
      .execute(db);
  }
  await sql`analyze seizures`.execute(db);
}

/** The dashboard's four aggregations through the service (what GET /seizures/dashboard runs). */
async function dashboard(ctx: AppContext) {
  const agg = (groupBy: ("year" | "month" | "drugGroup" | "country" | "drug" | "route")[]) =>
    ctx.seizures.aggregate({ groupBy, audience: { kind: "all" } });
  const [a, b, c, d] = await Promise.all([
    agg(["year", "month", "drugGroup"]),
    agg(["country"]),
    agg(["drug"]),
    agg(["route"]),
  ]);
  return a.length + b.length + c.length + d.length;
}

const DUCK_QUERIES = [
  "select year, month, drug_group, count(*), sum(mass_kg), sum(quantity) from s group by all",
  "select country, count(*), sum(mass_kg), sum(quantity) from s group by all",
  "select drug, count(*), sum(mass_kg), sum(quantity) from s group by all",
  "select route, count(*), sum(mass_kg), sum(quantity) from s group by all",
];

export async function withPgContext<T>(dbName: string, work: (ctx: AppContext, url: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName}`);
  await admin.query(`create database ${dbName}`);
  const url = new URL(PG_URL);
  url.pathname = `/${dbName}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-bench-seiz-"));
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url.toString(),
    PACT_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
  });
  const { database } = await openAndMigrate(config);
  const ctx = createContext(config, database, pino({ level: "silent" }));
  try {
    return await work(ctx, url.toString());
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${dbName}`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function seizuresDashboardPg(): Promise<BenchResult> {
  return withPgContext("pact_bench_seizures_dash", async (ctx, url) => {
    await fill(ctx.database.db, PG_ROWS);
    const t0 = performance.now();
    await ctx.seizures.rebuildAggregates();
    const rebuildMs = performance.now() - t0;
    const csv = path.join(os.tmpdir(), `pact-bench-seizures-${process.pid}.csv`);
    execFileSync("psql", [
      url,
      "-c",
      `\\copy (select country, year, month, drug, drug_group, coalesce(route, '') as route, unit, mass_kg, quantity from seizures) to '${csv}' csv header`,
    ]);
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    await duck.run(`create table s as select * from read_csv('${csv}', header = true)`);
    fs.rmSync(csv, { force: true });
    const platform: number[] = [];
    const reference: number[] = [];
    await dashboard(ctx);
    for (const q of DUCK_QUERIES) await duck.runAndReadAll(q);
    for (let r = 0; r < ROUNDS; r++) {
      let t = performance.now();
      await dashboard(ctx);
      platform.push(performance.now() - t);
      t = performance.now();
      for (const q of DUCK_QUERIES) await duck.runAndReadAll(q);
      reference.push(performance.now() - t);
    }
    duck.closeSync();
    const p = median(platform);
    const d = median(reference);
    console.error(
      `  ${PG_ROWS} rows; aggregate rebuild ${rebuildMs.toFixed(0)} ms; dashboard ${p.toFixed(1)} ms; DuckDB ${d.toFixed(1)} ms`,
    );
    return {
      name: "seizures-dashboard-pg",
      measure: `dashboard aggregations, ms (${PG_ROWS.toLocaleString("en")} rows, PostgreSQL)`,
      platform: p,
      reference: d,
      referenceName: "DuckDB, same rows, ms",
      ratio: d / p,
      target: "DuckDB / platform ≥ 1",
      met: d / p >= 1,
    };
  });
}

export async function seizuresDashboardEmbedded(): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-bench-seiz-embedded-"));
  fs.chmodSync(dataDir, 0o755); // the server may run under another account (root starts it as postgres)
  const config = loadConfig({ ...process.env, DATABASE_URL: "", PACT_DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  const { database } = await openAndMigrate(config);
  const ctx = createContext(config, database, pino({ level: "silent" }));
  try {
    await fill(ctx.database.db, EMBEDDED_ROWS);
    await ctx.seizures.rebuildAggregates();
    await dashboard(ctx);
    const runs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t = performance.now();
      await dashboard(ctx);
      runs.push(performance.now() - t);
    }
    const p = median(runs);
    return {
      name: "seizures-dashboard-embedded",
      measure: `dashboard aggregations, ms (${EMBEDDED_ROWS.toLocaleString("en")} rows, embedded PostgreSQL)`,
      platform: p,
      reference: EMBEDDED_BUDGET_MS,
      referenceName: "budget, ms",
      ratio: EMBEDDED_BUDGET_MS / p,
      target: "budget / platform ≥ 1",
      met: p <= EMBEDDED_BUDGET_MS,
    };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A CSV in our template: realistic values, every column our importer reads. */
function templateCsv(n: number): string {
  const header = IMPORT_FIELDS.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join(",");
  const lines = [header];
  for (let i = 0; i < n; i++) {
    const [drug] = DRUGS[(i * 13) % DRUGS.length] as [string, string];
    const country = COUNTRIES[(i * 7) % COUNTRIES.length];
    const day = new Date(Date.UTC(2019, 0, 1) + ((i * 37) % 2190) * 86400000).toISOString().slice(0, 10);
    const unit = drug === "captagon" || drug === "tramadol" ? "tablet" : drug === "acetic_anhydride" ? "l" : "kg";
    const quantity = unit === "tablet" ? 1000 + (i % 5000) : ((i % 997) + 1) / 10;
    lines.push(
      `${day},day,${country},,Place ${i % 50},,,,${drug},${quantity},${unit},,,land_border,road,,,AFG,,,RUS,${ROUTES[i % 3]},,official,bench,members`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export async function seizuresImportPg(): Promise<BenchResult> {
  return withPgContext("pact_bench_seizures_import", async (ctx, url) => {
    const file = path.join(os.tmpdir(), `pact-bench-seizures-import-${process.pid}.csv`);
    const rowsFile = path.join(os.tmpdir(), `pact-bench-seizures-rows-${process.pid}.copy`);
    fs.writeFileSync(file, templateCsv(IMPORT_ROWS));
    const columns = IMPORT_FIELDS.map((f) => `${f} text`).join(", ");
    try {
      const platform: number[] = [];
      const reference: number[] = [];
      const floor: number[] = [];
      for (let r = 0; r < 2; r++) {
        await sql.raw(`drop table if exists bench_copy; create table bench_copy (${columns})`).execute(ctx.database.db);
        let t = performance.now();
        execFileSync("psql", [url, "-c", `\\copy bench_copy from '${file}' csv header`]);
        reference.push(IMPORT_ROWS / ((performance.now() - t) / 1000));
        t = performance.now();
        const result = await ctx.seizures.importFile(
          fs.readFileSync(file),
          {
            fileName: "bench.csv",
            dryRun: false,
            sharing: "members",
            confirmWarnings: true,
            userId: null,
            partnerCode: null,
            countries: null,
          },
          SYSTEM_ACTOR,
        );
        if (result.report.refused) throw new Error(`refused: ${JSON.stringify(result.report.errors.slice(0, 3))}`);
        platform.push(result.report.imported / ((performance.now() - t) / 1000));
        // The floor of any importer into this table: PostgreSQL's own COPY of the very rows the importer wrote,
        // already converted, into `seizures` with its primary key, indexes, checks and foreign keys.
        execFileSync("psql", [url, "-c", `\\copy seizures to '${rowsFile}'`]);
        await sql`truncate seizure_duplicates, seizures cascade`.execute(ctx.database.db);
        t = performance.now();
        execFileSync("psql", [url, "-c", `\\copy seizures from '${rowsFile}'`]);
        floor.push(IMPORT_ROWS / ((performance.now() - t) / 1000));
        await sql`truncate seizure_duplicates, seizures cascade`.execute(ctx.database.db);
      }
      const p = median(platform);
      const c = median(reference);
      const f = median(floor);
      return {
        name: "seizures-import-pg",
        measure:
          `rows/s, ${IMPORT_ROWS.toLocaleString("en")}-row CSV (PostgreSQL); floor, \\copy of the same rows ` +
          `converted into the seizures table itself: ${f.toFixed(0)} rows/s (importer / floor ${(p / f).toFixed(2)}, ` +
          `floor / bare \\copy ${(f / c).toFixed(2)})`,
        platform: p,
        reference: c,
        referenceName: "psql \\copy into a bare table, rows/s",
        ratio: p / c,
        target: "≥ 0.5",
        met: p / c >= 0.5,
      };
    } finally {
      fs.rmSync(file, { force: true });
      fs.rmSync(rowsFile, { force: true });
    }
  });
}
