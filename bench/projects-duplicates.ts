/**
 * ADAM duplicate detection: quality on the labelled set (F1 against the peers' baseline) and the time to
 * check one new project against 100,000 on PostgreSQL (target 100 ms), with a primary-key read of one
 * project in the same database as the reference.
 * PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.
 * Size: BENCH_PROJECTS (default 100000).
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import pg from "pg";
import { pino } from "pino";
import { loadConfig } from "../src/server/config.js";
import { createContext } from "../src/server/context.js";
import { openDatabase } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { buildFeatures, type DupFeatures, fingerprintOf } from "../src/server/modules/projects/projects.similarity.js";
import { evaluate } from "./projects-duplicates-quality.js";
import { ARCHETYPES } from "./projects-eval-set.js";
import type { BenchResult } from "./run.js";

const COUNTRIES = [
  "AFG",
  "TJK",
  "UZB",
  "KGZ",
  "KAZ",
  "TKM",
  "IRN",
  "PAK",
  "TUR",
  "AZE",
  "GEO",
  "ARM",
  "RUS",
  "UKR",
  "SRB",
  "ALB",
  "MKD",
  "BIH",
  "MNE",
  "KEN",
];

function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syntheticProject(r: () => number): DupFeatures {
  const arch = ARCHETYPES[Math.floor(r() * ARCHETYPES.length)] as (typeof ARCHETYPES)[number];
  const variant = (["en", "ru", "alt"] as const)[Math.floor(r() * 3)] as "en";
  const lang = variant === ("ru" as string) ? "ru" : "en";
  const year = 2010 + Math.floor(r() * 20);
  const start = `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, "0")}-01`;
  const end = `${year + 1 + Math.floor(r() * 3)}-12-31`;
  const n = 1 + Math.floor(r() * 2);
  const countries = Array.from({ length: n }, () => COUNTRIES[Math.floor(r() * COUNTRIES.length)] as string);
  return buildFeatures({
    title: { [lang]: arch[variant].title },
    summary: { [lang]: arch[variant].summary },
    countries,
    start,
    end,
    themes: r() < 0.5 ? arch.themes : [],
    dacCodes: arch.dac,
    organizations: [arch.agencies[lang]],
    usd: Math.round(100_000 + r() * 5_000_000),
    ids: [],
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};

export async function projectsDuplicateQuality(): Promise<BenchResult> {
  const r = evaluate();
  return {
    name: "projects-duplicates-f1",
    measure: `F1 ×100 on ${r.ours.pairs} labelled pairs (P ${(r.ours.precision * 100).toFixed(1)}%, R ${(r.ours.recall * 100).toFixed(1)}%; tuned from labels: F1 ${(r.tuned.q.f1 * 100).toFixed(1)})`,
    platform: r.ours.f1 * 100,
    reference: r.baseline.q.f1 * 100,
    referenceName: "identifier or title trigram (peers)",
    ratio: r.ours.f1 / (r.baseline.q.f1 || 1e-9),
    target: "F1 ≥ 90 and above the baseline",
    met: r.ours.f1 >= 0.9 && r.ours.f1 > r.baseline.q.f1,
  };
}

export async function projectsDuplicateSpeed(): Promise<BenchResult> {
  const size = Number(process.env.BENCH_PROJECTS ?? 100_000);
  const serverUrl =
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `pact_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  try {
    await migrateToLatest(database.db);
    const config = loadConfig({ DATABASE_URL: url.toString(), LOG_LEVEL: "silent" });
    const ctx = createContext(config, database, pino({ level: "silent" }));
    const r = rng(7);
    const started = performance.now();
    for (let offset = 0; offset < size; offset += 1000) {
      const rows = [];
      for (let i = offset; i < Math.min(size, offset + 1000); i++) {
        const f = syntheticProject(r);
        rows.push({
          code: `BENCH-${i}`,
          partner_code: "UNODC",
          title: JSON.stringify({ en: `bench ${i}` }),
          summary: "{}",
          donor_ref: null,
          iati_identifier: null,
          stage: "implementation",
          planned_start: f.start,
          planned_end: f.end,
          actual_start: null,
          actual_end: null,
          dac_codes: f.dac,
          themes: f.themes,
          contacts: "[]",
          external_documents: "[]",
          countries: f.countries,
          donors: [],
          period: `[${f.start},${f.end}]`,
          total_usd: String(f.usd),
          fingerprint: fingerprintOf(f),
          features: JSON.stringify(f),
          tsv: null,
          created_by: null,
          updated_at: new Date(),
        });
      }
      await database.db.insertInto("projects").values(rows).execute();
    }
    await sql`analyze projects`.execute(database.db);
    console.error(`  ${size} projects loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const duplicates = ctx.projects.duplicates;
    const probe = rng(99);
    const some = await database.db.selectFrom("projects").select("id").limit(50).execute();
    const checks: number[] = [];
    const reads: number[] = [];
    let candidates = 0;
    for (let i = 0; i < 60; i++) {
      const f = syntheticProject(probe);
      const t0 = performance.now();
      const found = await duplicates.score(null, f);
      const t1 = performance.now();
      await database.db
        .selectFrom("projects")
        .selectAll()
        .where("id", "=", some[i % some.length]?.id as string)
        .executeTakeFirst();
      const t2 = performance.now();
      if (i >= 10) {
        checks.push(t1 - t0);
        reads.push(t2 - t1);
        candidates += found.length;
      }
    }
    const p95 = percentile(checks, 95);
    const refMedian = percentile(reads, 50);
    return {
      name: "projects-duplicate-check",
      measure: `ms to check 1 new project against ${size.toLocaleString("en")} (PostgreSQL, p95; median ${percentile(checks, 50).toFixed(1)} ms, ${(candidates / checks.length).toFixed(0)} pairs over the floor)`,
      platform: p95,
      reference: refMedian,
      referenceName: "primary-key read of one project, ms",
      ratio: p95 / refMedian,
      target: "p95 ≤ 100 ms",
      met: p95 <= 100,
    };
  } finally {
    await database.close();
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const bench of [projectsDuplicateQuality, projectsDuplicateSpeed]) {
    const r = await bench();
    console.log(
      `${r.name}: ${r.measure}: ${r.platform.toFixed(2)} (reference ${r.referenceName} ${r.reference.toFixed(2)}), target ${r.target}: ${r.met ? "met" : "NOT met"}`,
    );
  }
}
