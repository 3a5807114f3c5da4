import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { openAndMigrate } from "../src/server/bootstrap.js";
import { loadConfig } from "../src/server/config.js";
import { createContext } from "../src/server/context.js";
import { SYSTEM_ACTOR } from "../src/server/platform/audit.js";
import { centroid } from "../src/server/platform/geo.js";
import type { BenchResult } from "./run.js";

const ROWS = Number(process.env.BENCH_FACILITY_ROWS ?? 3000);
const ROUNDS = 3;
const COUNTRIES = ["AFG", "TJK", "UZB", "KGZ", "KAZ", "PAK", "IRN", "TUR", "AZE", "GEO", "SRB", "RUS"];
const LABELS = ["Detox", "Methadone maintenance", "Outpatient", "Counseling", "HIV testing", "Aftercare", "Women only"];

/** A treatment-locator list: name, city, state, postcode, phone, website, latitude, longitude, services. */
function locatorCsv(country: string, rows: number, round = 0): string {
  const [lon, lat] = centroid(country) as [number, number];
  const lines = ["name,city,state,postcode,phone,website,latitude,longitude,services"];
  for (let i = 0; i < rows; i++) {
    const services = LABELS.filter((_, k) => (i + k) % 3 === 0).join("; ");
    lines.push(
      `Facility ${country} ${round}-${i},City ${i % 40},Region ${i % 7},${10000 + i},+1 555 ${String(i).padStart(4, "0")},www.f${i}.example.org,${lat.toFixed(4)},${lon.toFixed(4)},"${services}"`,
    );
  }
  return lines.join("\n");
}

/**
 * Import of locator-shaped lists through the whole importer (CSV parsing, column detection, label mapping,
 * point-in-country, matching, one transaction with a revision and an audit entry per record, search index)
 * against the floor: the same number of rows written to the same table by plain multi-row INSERTs. Search
 * entries of a large import are written afterwards by a background job; its rate is reported beside.
 * Target: at least 0.1 of the floor's rows per second — the checks and the history cost at most 10×.
 */
export async function facilitiesImport(): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-bench-fac-"));
  fs.chmodSync(dataDir, 0o755); // the embedded PostgreSQL may run under another account
  const config = loadConfig({ ...process.env, PACT_DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  const { database } = await openAndMigrate(config);
  const ctx = createContext(config, database, (await import("pino")).pino({ level: "silent" }));
  const perCountry = Math.ceil(ROWS / COUNTRIES.length);
  try {
    // Warm-up: geometry, parsers and the query plans.
    await ctx.facilities.importData(
      Buffer.from(locatorCsv("TJK", 5)),
      "warm.csv",
      { country: "TJK", sharing: "public", dryRun: true },
      { editable: null, userId: null },
      SYSTEM_ACTOR,
    );

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const platformRuns: number[] = [];
    const referenceRuns: number[] = [];
    const indexRuns: number[] = [];
    let written = 0;
    // Rounds alternate the importer and the floor, so a busy moment of a shared machine hits both alike.
    for (let round = 1; round <= ROUNDS; round++) {
      const files = COUNTRIES.map((c) => ({ country: c, data: Buffer.from(locatorCsv(c, perCountry, round)) }));
      let t0 = performance.now();
      written = 0;
      for (const f of files) {
        const report = await ctx.facilities.importData(
          f.data,
          `${f.country}-${round}.csv`,
          { country: f.country, sharing: "public", dryRun: false },
          { editable: null, userId: null },
          SYSTEM_ACTOR,
        );
        if (report.refused) throw new Error(`refused: ${JSON.stringify(report.errors.slice(0, 3))}`);
        written += report.created;
      }
      platformRuns.push(written / ((performance.now() - t0) / 1000));
      // The search index is filled after the commit by a background job; timed separately, as the worker does it.
      t0 = performance.now();
      while (await ctx.jobs.runNext()) {
        // drain the queue
      }
      indexRuns.push(written / ((performance.now() - t0) / 1000));

      t0 = performance.now();
      const batch = 500;
      for (let i = 0; i < written; i += batch) {
        const values = Array.from({ length: Math.min(batch, written - i) }, (_, k) => {
          const n = i + k;
          return sql`(${JSON.stringify({ en: `Floor ${round}-${n}` })}::jsonb, 'TJK', ${`City ${n % 40}`}, 38.5, 68.8, '["outpatient"]'::jsonb, '["psychosocial"]'::jsonb, 'public')`;
        });
        await sql`insert into facilities (name, country, city, latitude, longitude, modalities, services, sharing)
          values ${sql.join(values)}`.execute(database.db);
      }
      referenceRuns.push(written / ((performance.now() - t0) / 1000));
    }
    const platform = median(platformRuns);
    const reference = median(referenceRuns);
    const indexed = median(indexRuns);
    const ratio = platform / reference;
    return {
      name: "facilities-import",
      measure: `rows/s importing ${written} locator rows in ${COUNTRIES.length} files (${database.kind}, median of ${ROUNDS}); search indexing job afterwards ${indexed.toFixed(0)} rows/s`,
      platform,
      reference,
      referenceName: "plain multi-row INSERT",
      ratio,
      target: "≥ 0.1",
      met: ratio >= 0.1,
    };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
