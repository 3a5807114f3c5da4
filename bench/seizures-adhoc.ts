import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import type { Job } from "../src/common/platform.js";
import type { AggregateRow } from "../src/common/seizures.js";
import type { AppContext } from "../src/server/context.js";
import type { DB } from "../src/server/db/schema.js";
import type { RecordSpec } from "../src/server/modules/seizures/seizures.analytics.js";
import { COLUMNAR_JOB, type SeizureColumnarCopy } from "../src/server/modules/seizures/seizures.columnar.js";
import type { BenchResult } from "./run.js";
import { withPgContext } from "./seizures-scale.js";

/**
 * Ad-hoc analyses over every field (issue 20, part 5): five analyses, each filtered and grouped by fields outside
 * the monthly aggregate, over SEIZURES_ADHOC_ROWS (default 5,000,000) published seizures. The platform answers
 * through the service as a member (`SeizuresService.aggregateRecords`, the member's access rule applied), from its
 * columnar copy in DuckDB, obtained as a server obtains it (the build job writes the file, the instance copies it
 * into memory); the reference is DuckDB over a plain table of the same rows (text columns, arrests as a
 * native list), the same query hand-written, the same access condition, in the same run. Medians of ROUNDS runs,
 * alternated. PostgreSQL's answer to the same analyses (the platform's other engine) is timed once each and printed,
 * as the measurement behind the choice of engine. Target: platform / DuckDB ≤ 1 for each analysis.
 */
const ROWS = Number(process.env.SEIZURES_ADHOC_ROWS ?? 5_000_000);
const ROUNDS = Number(process.env.SEIZURES_ADHOC_ROUNDS ?? 7);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const arr = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(",")}]`;

const COUNTRIES = ["TJK", "UZB", "KGZ", "KAZ", "TKM", "RUS", "IRN", "TUR", "PAK", "AFG", "AZE", "GEO"];
const DRUGS: [string, string][] = [
  ["heroin", "opiates"],
  ["opium", "opiates"],
  ["cannabis_resin", "cannabis"],
  ["cannabis_herb", "cannabis"],
  ["methamphetamine", "ats"],
  ["tramadol", "pharmaceutical_opioids"],
];
const MODES = ["road", "car", "truck", "rail", "air", "postal", "pedestrian", "sea"];
const PLACES = ["land_border", "airport", "road", "inland", "dwelling", "postal", "rail", "warehouse"];
const CONCEALMENTS = Array.from({ length: 24 }, (_, i) => `Concealment method ${i + 1}`);
const AGENCIES = Array.from({ length: 40 }, (_, i) => `Agency ${i + 1}`);
const NATIONALITIES = ["TJK", "UZB", "AFG", "KGZ", "RUS", "IRN", "PAK", "TUR"];
const SEXES = ["male", "female", "unknown"];

/**
 * `n` published seizures with every analysed field filled, generated inside PostgreSQL (set-based
 * `insert … select … from generate_series`, no row-by-row inserts). Seeding 1,000,000 rows took 217 s on the loaded
 * machine with the table's eight indexes kept up row by row, most of it in random `gen_random_uuid()` keys landing
 * all over the primary key's B-tree (shared_buffers 128 MB): the ids are given in ascending order instead (each
 * insert appends at the right edge), the secondary indexes are dropped for the fill and built once afterwards
 * (a sort each), and the fill does not wait for WAL flushes. None of this changes the rows the analyses read.
 */
async function fill(pool: Kysely<DB>, n: number) {
  // One connection throughout, so its session settings (no WAL flush wait, memory for the index builds) apply.
  await pool.connection().execute((db) => fillOn(db, n));
}

async function fillOn(db: Kysely<DB>, n: number) {
  const chunk = 500_000;
  await sql`set synchronous_commit = off`.execute(db);
  const secondary = await sql<{ name: string; def: string }>`
    select i.indexname as name, i.indexdef as def from pg_indexes i
    where i.tablename = 'seizures' and i.schemaname = current_schema()
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db);
  for (const ix of secondary.rows) await sql.raw(`drop index ${ix.name}`).execute(db);
  const pickOf = (xs: string[], expr: string) => `(${arr(xs)})[1 + (${expr}) % ${xs.length}]`;
  const arrest = (k: number) =>
    `jsonb_build_object('nationality', ${pickOf(NATIONALITIES, `i * ${3 + k} + ${k}`)}, 'sex', ${pickOf(SEXES, `i / ${7 + k}`)}, 'count', 1 + (i + ${k}) % 3)`;
  for (let start = 0; start < n; start += chunk) {
    const end = Math.min(n, start + chunk);
    await sql
      .raw(`
      insert into seizures (id, seizure_date, date_precision, year, month, country, drug, drug_group, quantity, unit, mass_kg,
                            route, status, sharing, owner_partner, source_type, transport_mode, place_type, concealment,
                            agency, arrests, persons_arrested, demo, published_at)
      select lpad(to_hex(i), 32, '0')::uuid, d, 'day', extract(year from d)::int, extract(month from d)::int, ${pickOf(COUNTRIES, "i * 7")},
             ${pickOf(
               DRUGS.map((x) => x[0]),
               "i * 13",
             )}, ${pickOf(
               DRUGS.map((x) => x[1]),
               "i * 13",
             )}, q, 'kg', q,
             case when i % 3 = 0 then null else ${pickOf(["northern", "balkan", "southern"], "i")} end, 'published',
             ${pickOf(["public", "members", "members", "partner", "restricted"], "i * 11")},
             ${pickOf(COUNTRIES, "i * 5")}, ${pickOf(["official", "official", "partner", "open_source"], "i / 3")},
             case when i % 9 = 0 then null else ${pickOf(MODES, "i / 2")} end,
             case when i % 10 = 0 then null else ${pickOf(PLACES, "i / 5")} end,
             case when i % 4 = 0 then null else ${pickOf(CONCEALMENTS, "i * 17")} end,
             ${pickOf(AGENCIES, "i * 19")},
             case i % 4 when 0 then '[]'::jsonb when 1 then jsonb_build_array(${arrest(0)})
                        else jsonb_build_array(${arrest(0)}, ${arrest(1)}) end,
             case i % 4 when 0 then 0 when 1 then 1 + i % 3 else 1 + i % 3 + 1 + (i + 1) % 3 end,
             true, now()
      from (select i, date '2016-01-01' + (i::bigint * 7919 % 3650)::int as d, round((exp((i % 1000) / 170.0))::numeric, 3)::float8 as q
            from generate_series(${start + 1}, ${end}) i) g`)
      .execute(db);
  }
  await sql`set maintenance_work_mem = '512MB'`.execute(db);
  for (const ix of secondary.rows) await sql.raw(ix.def).execute(db);
  await sql`analyze seizures`.execute(db);
}

/** The member every analysis runs as: a focal point of Türkiye (own partner's and own country's records). */
const MEMBER = { kind: "member" as const, partnerCode: "TUR", countries: ["TUR"] };
const ACCESS = `(sharing in ('public', 'members') or (sharing = 'partner' and owner_partner = 'TUR')
  or (sharing = 'restricted' and country in ('TUR')))`;

/** The five analyses: the platform's spec, and the same question written plainly for DuckDB over table `s`. */
const ANALYSES: { name: string; spec: RecordSpec; reference: string }[] = [
  {
    name: "transport mode × year, at land borders and on roads",
    spec: { groupBy: ["transportMode", "year"], placeTypes: ["land_border", "road"], audience: MEMBER },
    reference: `select coalesce(transport_mode, 'none') as transport_mode, year, count(*) as cases, sum(mass_kg) as kg,
      sum(persons) as persons from s where ${ACCESS} and place_type in ('land_border', 'road') group by all`,
  },
  {
    name: "arrested persons' nationality × sex, opiates in Tajikistan and Uzbekistan",
    spec: {
      groupBy: ["nationality", "sex"],
      countries: ["TJK", "UZB"],
      drugGroups: ["opiates"],
      nationalities: NATIONALITIES,
      audience: MEMBER,
    },
    reference: `select nationality, sex, count(*) as cases, sum(kg) as kg, sum(persons) as persons from (
        select rid, a.nationality as nationality, a.sex as sex, max(mass_kg) as kg, sum(a.count) as persons
        from (select rowid as rid, mass_kg, unnest(arrests) as a from s
              where ${ACCESS} and country in ('TJK', 'UZB') and drug_group = 'opiates')
        group by all) group by all`,
  },
  {
    name: "seizing agency, by road, official sources",
    spec: { groupBy: ["agency"], transportModes: ["road", "car", "truck"], sources: ["official"], audience: MEMBER },
    reference: `select agency, count(*) as cases, sum(mass_kg) as kg, sum(persons) as persons from s
      where ${ACCESS} and transport_mode in ('road', 'car', 'truck') and source_type = 'official' group by all`,
  },
  {
    name: "concealment × drug group since 2021",
    spec: { groupBy: ["concealment", "drugGroup"], from: "2021-01-01", audience: MEMBER },
    reference: `select coalesce(concealment, 'none') as concealment, drug_group, count(*) as cases, sum(mass_kg) as kg,
      sum(persons) as persons from s where ${ACCESS} and (year * 100 + month >= 202101) group by all`,
  },
  {
    name: "place type × nationality of arrested women",
    spec: { groupBy: ["placeType", "nationality"], sexes: ["female"], audience: MEMBER },
    reference: `select place_type, nationality, count(*) as cases, sum(kg) as kg, sum(persons) as persons from (
        select rid, coalesce(place_type, 'none') as place_type, a.nationality as nationality, max(mass_kg) as kg,
               sum(a.count) as persons
        from (select rowid as rid, place_type, mass_kg, unnest(arrests) as a from s where ${ACCESS})
        where a.sex = 'female' group by all) group by all`,
  },
];

/**
 * The copy the way a server gets it: the first analysis finds no copy of the current published records (PostgreSQL
 * answers it) and asks for the `seizures.columnar-build` job; a worker (here this process, `jobs.runNext`, as the
 * server's worker loop does) runs the job, which writes the DuckDB file to `PACT_DATA_DIR/analytics`; the next
 * analyses find that file and the instance copies it into its own memory (`COPY FROM DATABASE`) before answering.
 */
async function buildThroughTheJob(ctx: AppContext, copy: SeizureColumnarCopy, spec: RecordSpec) {
  if (!ctx.jobs.kinds().includes(COLUMNAR_JOB)) throw new Error(`no handler for ${COLUMNAR_JOB}`);
  if ((await copy.answer(spec)) !== null) throw new Error("a columnar copy answered before any was built");
  const started = performance.now();
  let job: Job | null = null;
  while (!job) {
    const ran = await ctx.jobs.runNext();
    if (ran?.kind === COLUMNAR_JOB) job = ran;
    else if (!ran) await new Promise((r) => setTimeout(r, 100));
    if (performance.now() - started > 3_600_000) throw new Error("the build job was never queued");
  }
  if (job.status !== "succeeded") throw new Error(`the build job ${job.status}: ${job.error}`);
  const jobMs = performance.now() - started;
  for (let i = 0; (await copy.answer(spec)) === null; i++) {
    if (i > 36_000) throw new Error("the instance never took the built copy");
    await new Promise((r) => setTimeout(r, 100));
  }
  return { jobMs, loadMs: copy.status().loadMs ?? Number.NaN };
}

/** Cases in the platform's answer and the reference's, so a fast wrong answer cannot pass. */
function casesOf(rows: AggregateRow[]) {
  return rows.filter((r) => r.nationality !== "none").reduce((n, r) => n + (r.cases ?? 0), 0);
}

export async function seizuresAdhoc(): Promise<BenchResult[]> {
  return withPgContext("pact_bench_seizures_adhoc", async (ctx: AppContext, url) => {
    const t = performance.now();
    await fill(ctx.database.db, ROWS);
    console.error(`  ${ROWS} rows generated in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    const csv = path.join(os.tmpdir(), `pact-bench-adhoc-${process.pid}.csv`);
    execFileSync("psql", [
      url,
      "-c",
      `\\copy (select country, year, month, drug, drug_group, route, unit, sharing, owner_partner, transport_mode,
        place_type, concealment, agency, source_type, mass_kg, quantity, persons_arrested as persons, arrests::text as arrests
        from seizures where status = 'published') to '${csv}' csv header`,
    ]);
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    await duck.run(`create table s as select * exclude (arrests),
        from_json(arrests, '[{"nationality":"VARCHAR","sex":"VARCHAR","count":"INTEGER"}]') as arrests
      from read_csv('${csv}', header = true)`);
    fs.rmSync(csv, { force: true });
    const copy = ctx.seizures.columnar;
    if (!copy) throw new Error("the bench needs PACT_ANALYTICS_ENGINE=duckdb");
    const build = await buildThroughTheJob(ctx, copy, (ANALYSES[0] as (typeof ANALYSES)[number]).spec);
    console.error(
      `  columnar copy built by the ${COLUMNAR_JOB} job in ${(build.jobMs / 1000).toFixed(1)} s, ` +
        `taken into memory (COPY FROM DATABASE) in ${(build.loadMs / 1000).toFixed(1)} s (${copy.status().rows} rows)`,
    );
    const results: BenchResult[] = [];
    for (const [i, a] of ANALYSES.entries()) {
      const platform: number[] = [];
      const reference: number[] = [];
      let answer: AggregateRow[] = [];
      let refCases = 0;
      for (let r = 0; r < ROUNDS + 1; r++) {
        let s = performance.now();
        answer = await ctx.seizures.aggregateRecords(a.spec, "duckdb");
        if (r > 0) platform.push(performance.now() - s);
        s = performance.now();
        const ref = await duck.runAndReadAll(a.reference);
        if (r > 0) reference.push(performance.now() - s);
        refCases = ref.getRowObjectsJS().reduce((n, row) => n + Number(row.cases ?? 0), 0);
      }
      if (casesOf(answer) !== refCases) throw new Error(`${a.name}: ${casesOf(answer)} cases, DuckDB ${refCases}`);
      const pgStart = performance.now();
      await ctx.seizures.aggregateRecords(a.spec, "postgres");
      const pgMs = performance.now() - pgStart;
      const p = median(platform);
      const d = median(reference);
      console.error(
        `  ${i + 1}. ${a.name}: platform (DuckDB copy) ${p.toFixed(1)} ms, plain DuckDB ${d.toFixed(1)} ms, ` +
          `PostgreSQL ${pgMs.toFixed(0)} ms; ${answer.length} rows, ${refCases} cases`,
      );
      results.push({
        name: `seizures-adhoc-${i + 1}`,
        measure: `${a.name}, ms (${ROWS.toLocaleString("en")} seizures, as a member; PostgreSQL ${pgMs.toFixed(0)} ms)`,
        platform: p,
        reference: d,
        referenceName: "DuckDB, same rows, ms",
        ratio: p / d,
        target: "platform / DuckDB ≤ 1",
        met: p <= d,
      });
    }
    duck.closeSync();
    await copy.close();
    return results;
  });
}
