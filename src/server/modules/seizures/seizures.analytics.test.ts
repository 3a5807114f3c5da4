import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../../../../test/app.js";
import type { AggregateRow, GroupBy } from "../../../common/seizures.js";
import { aggregateRecordsPg, type RecordAudience, type RecordSpec } from "./seizures.analytics.js";
import { buildColumnarCopy, COLUMNAR_JOB, SeizureColumnarCopy } from "./seizures.columnar.js";

/**
 * Analyses over every field (issue 20, part 5): the fields outside the monthly aggregate filter and group on
 * PostgreSQL as the records say, under the member's access; the columnar copy in DuckDB gives the same figures;
 * and the copy never answers from records older than the published ones.
 */

interface Rec {
  country: string;
  year: number;
  month: number;
  drug: string;
  drug_group: string;
  mass_kg: number;
  sharing: "public" | "members" | "partner" | "restricted";
  owner_partner: string;
  transport_mode: string | null;
  place_type: string | null;
  concealment: string | null;
  agency: string | null;
  source_type: string;
  arrests: { nationality: string; sex: "male" | "female" | "unknown"; count: number }[];
  route: string | null;
}

/** 600 records with every combination the dimensions allow, deterministic. */
function records(): Rec[] {
  const out: Rec[] = [];
  const modes = ["road", "air", "rail", null];
  const places = ["land_border", "airport", null];
  // Free text as people type it: case, white space at the ends, runs of spaces and tabs inside.
  const conceal = ["In the fuel tank", "in the fuel tank ", "Body cavity", null, "", " IN THE\tfuel   tank"];
  const agencies = ["Customs", "Police", null, "Border  Police ", "border\tpolice"];
  const sources = ["official", "partner", "open_source"];
  const nat = ["TJK", "AFG", "UZB"];
  const sexes = ["male", "female", "unknown"] as const;
  const countries = ["TUR", "TJK", "IRN"];
  const sharing = ["public", "members", "partner", "restricted"] as const;
  for (let i = 0; i < 600; i++) {
    const arrests = Array.from({ length: i % 4 }, (_, k) => ({
      nationality: nat[(i + k) % nat.length] as string,
      sex: sexes[(i * 7 + k) % sexes.length] as (typeof sexes)[number],
      count: 1 + ((i + k) % 3),
    }));
    const country = countries[i % countries.length] as string;
    out.push({
      country,
      year: 2020 + (i % 4),
      month: i % 13,
      drug: i % 2 ? "heroin" : "cannabis_herb",
      drug_group: i % 2 ? "opiates" : "cannabis",
      mass_kg: Math.round(((i * 37) % 1000) + 1 + 0.125 * (i % 8)) / 10,
      sharing: sharing[(i * 5) % sharing.length] as Rec["sharing"],
      owner_partner: (i * 11) % 3 === 0 ? "TUR" : country,
      transport_mode: modes[i % modes.length] ?? null,
      place_type: places[(i * 7) % places.length] ?? null,
      concealment: conceal[i % conceal.length] ?? null,
      agency: agencies[(i * 2) % agencies.length] ?? null,
      source_type: sources[i % sources.length] as string,
      arrests,
      route: i % 5 ? "northern" : null,
    });
  }
  return out;
}

async function seed(t: TestApp, rows: Rec[]) {
  const db = t.ctx.database.db;
  await db
    .insertInto("seizures")
    .values(
      rows.map((r) => ({
        ...r,
        seizure_date: `${r.year}-${String(r.month || 1).padStart(2, "0")}-15`,
        date_precision: r.month ? "day" : "year",
        quantity: r.mass_kg,
        unit: "kg",
        arrests: JSON.stringify(r.arrests),
        persons_arrested: r.arrests.reduce((n, a) => n + a.count, 0),
        status: "published",
      })) as never,
    )
    .execute();
  await t.ctx.seizures.rebuildAggregates();
}

/** What the member may open among the published records (the access rule of the aggregates). */
function memberSees(r: Rec, partner: string, countries: string[]) {
  return (
    r.sharing === "public" ||
    r.sharing === "members" ||
    (r.sharing === "partner" && r.owner_partner === partner) ||
    (r.sharing === "restricted" && countries.includes(r.country))
  );
}

/** A free-text field as the analyses read it: runs of white space one space, none at the ends, "none" if empty. */
const text = (v: string | null) => {
  const s = (v ?? "").replace(/[ \t\n\r\f\v]+/g, " ").trim();
  return s || "none";
};

/** The expected figures computed from the records in the test itself: cases, kg and persons by one dimension. */
function expected(
  rows: Rec[],
  dim: "transportMode" | "concealment" | "nationality" | "sex",
  keep: (r: Rec) => boolean,
) {
  const out = new Map<string, { cases: number; kg: number; persons: number }>();
  const add = (key: string, kg: number, persons: number) => {
    const v = out.get(key) ?? { cases: 0, kg: 0, persons: 0 };
    v.cases += 1;
    v.kg += kg;
    v.persons += persons;
    out.set(key, v);
  };
  for (const r of rows.filter(keep)) {
    if (dim === "transportMode") add(r.transport_mode ?? "none", r.mass_kg, sum(r.arrests));
    else if (dim === "concealment") add(text(r.concealment), r.mass_kg, sum(r.arrests));
    else {
      if (!r.arrests.length) add("none", r.mass_kg, 0);
      const by = new Map<string, number>();
      for (const a of r.arrests) {
        const k = dim === "nationality" ? a.nationality : a.sex;
        by.set(k, (by.get(k) ?? 0) + a.count);
      }
      for (const [k, n] of by) add(k, r.mass_kg, n);
    }
  }
  return [...out.entries()]
    .map(([key, v]) => ({ key, cases: v.cases, massKg: Math.round(v.kg * 1000) / 1000, persons: v.persons }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}
const sum = (a: Rec["arrests"]) => a.reduce((n, x) => n + x.count, 0);

async function stats(c: TestClient, query: string) {
  const res = await c.request({ url: `/api/v1/seizures/stats?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().rows as AggregateRow[];
}

const pick = (rows: AggregateRow[], dim: GroupBy) =>
  rows.map((r) => ({ key: String(r[dim as "country"]), cases: r.cases, massKg: r.massKg, persons: r.persons }));

describe("analyses over fields outside the monthly aggregate", () => {
  let t: TestApp;
  const rows = records();
  beforeAll(async () => {
    t = await createTestApp();
    await seed(t, rows);
  }, 120_000);
  afterAll(() => t?.close());

  it("filter and group on PostgreSQL as the records say, for a coordinator and a member", async () => {
    const coordinator = await t.signIn("coordinator");
    const member = await t.signIn("focal_point", { partnerCode: "TUR" });
    const memberKeep = (r: Rec) => memberSees(r, "TUR", ["TUR"]);
    for (const dim of ["transportMode", "concealment", "nationality", "sex"] as const) {
      expect(pick(await stats(coordinator, `groupBy=${dim}`), dim)).toEqual(expected(rows, dim, () => true));
      expect(pick(await stats(member, `groupBy=${dim}`), dim)).toEqual(expected(rows, dim, memberKeep));
    }
    // Filters: by transport, by free text (case and spaces do not matter), by the arrested persons.
    const byRoad = (r: Rec) => memberKeep(r) && r.transport_mode === "road" && r.country === "TJK";
    expect(pick(await stats(member, "groupBy=sex&transportModes=road&countries=TJK"), "sex")).toEqual(
      expected(rows, "sex", byRoad),
    );
    const fuel = (r: Rec) => memberKeep(r) && text(r.concealment).toLowerCase() === "in the fuel tank";
    expect(pick(await stats(member, "groupBy=transportMode&concealments=IN THE FUEL TANK"), "transportMode")).toEqual(
      expected(rows, "transportMode", fuel),
    );
    // Spaces and tabs inside and at the ends of the asked value, as on the records, do not matter either…
    const spaced = encodeURIComponent(" in  the\tFUEL tank ");
    expect(pick(await stats(member, `groupBy=transportMode&concealments=${spaced}`), "transportMode")).toEqual(
      expected(rows, "transportMode", fuel),
    );
    // …nor in the record list, the map and the exports (the repository's filter), which match as the analyses do.
    const police = rows.filter((r) => text(r.agency).toLowerCase() === "border police").length;
    expect(police).toBeGreaterThan(0);
    await coordinator.request({ method: "POST", url: "/api/v1/seizures/terms/accept" });
    const list = await coordinator.request({
      url: `/api/v1/seizures?limit=1&agencies=${encodeURIComponent("BORDER \t POLICE")}`,
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().total).toBe(police);
    // Filtered by nationality, grouped by sex: the persons of that nationality only, each record once per sex.
    const afg = rows
      .filter(memberKeep)
      .map((r) => ({ ...r, arrests: r.arrests.filter((a) => a.nationality === "AFG") }));
    expect(pick(await stats(member, "groupBy=sex&nationalities=AFG"), "sex")).toEqual(
      expected(afg, "sex", (r) => r.arrests.length > 0),
    );
    // Records without arrests are "none", and can be asked for.
    const none = await stats(member, "groupBy=year&nationalities=none");
    expect(none.reduce((n, r) => n + (r.cases ?? 0), 0)).toBe(
      rows.filter((r) => memberKeep(r) && !r.arrests.length).length,
    );
  });

  it("a shared saved analysis over the new fields shows each reader only what their own access gives", async () => {
    const owner = await t.signIn("coordinator");
    const reader = await t.signIn("member", { partnerCode: "TUR" });
    const other = await t.signIn("member", { partnerCode: "IRN" });
    for (const c of [owner, reader, other]) await c.request({ method: "POST", url: "/api/v1/seizures/terms/accept" });
    const saved = await owner.request({
      method: "POST",
      url: "/api/v1/analyses",
      payload: {
        name: "Arrests by nationality and sex on roads",
        kind: "dmp.dashboard",
        view: "breakdown",
        config: { groupBy: "nationality,sex", transportModes: "road,rail" },
        visibility: "members",
      },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const run = async (c: TestClient) => {
      const a = (await c.request({ url: `/api/v1/analyses/${saved.json().id}` })).json();
      const res = await c.request({ url: `/api/v1${a.run.endpoint}?${new URLSearchParams(a.run.query)}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().breakdown as AggregateRow[];
    };
    const total = (r: AggregateRow[]) => r.reduce((n, x) => n + (x.persons ?? 0), 0);
    const asOwner = await run(owner);
    for (const [c, partner] of [
      [reader, "TUR"],
      [other, "IRN"],
    ] as const) {
      const seen = await run(c);
      // Exactly the reader's own figures (their own stats), and fewer than the owner's.
      expect(seen).toEqual(await stats(c, "groupBy=nationality,sex&transportModes=road,rail"));
      const keep = (r: Rec) =>
        memberSees(r, partner, []) && (r.transport_mode === "road" || r.transport_mode === "rail");
      const persons = rows.filter(keep).reduce((n, r) => n + sum(r.arrests), 0);
      expect(total(seen)).toBe(persons);
      expect(total(seen)).toBeLessThan(total(asOwner));
    }
  });

  it("refuses unknown codes and keeps visitors to the public grid", async () => {
    const member = await t.signIn("member", { partnerCode: "TUR" });
    const bad = await member.request({ url: "/api/v1/seizures/stats?groupBy=sex&transportModes=teleport" });
    expect(bad.statusCode).toBe(400);
    const badNat = await member.request({ url: "/api/v1/seizures/stats?nationalities=12" });
    expect(badNat.statusCode).toBe(400);
    const visitor = await t.visitor();
    const pub = await visitor.request({ url: "/api/v1/seizures/public-stats?groupBy=sex" });
    expect(pub.statusCode).toBe(400);
    // The public route ignores nothing silently: a record field is not one of its parameters.
    const stats = await visitor.request({ url: "/api/v1/seizures/stats?groupBy=sex" });
    expect(stats.statusCode).toBe(401);
  });

  it("give the monthly aggregate's figures on its own dimensions", async () => {
    const audiences: RecordAudience[] = [{ kind: "all" }, { kind: "member", partnerCode: "TUR", countries: ["TUR"] }];
    const groupings: GroupBy[][] = [[], ["country"], ["year", "month", "drugGroup"], ["route", "unit"], ["drug"]];
    for (const audience of audiences) {
      for (const groupBy of groupings) {
        const filter = { from: "2021-03-01", to: "2023-06-30", drugGroups: ["opiates", "cannabis"] };
        const monthly = await t.ctx.seizures.aggregate({ ...filter, groupBy, audience });
        const fromRecords = await aggregateRecordsPg(t.ctx.database.db, { ...filter, groupBy, audience });
        const strip = (r: AggregateRow[]) =>
          r.map(({ persons: _, ...x }) => x).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
        expect(strip(fromRecords)).toEqual(strip(monthly));
      }
    }
  });

  it("answer the same from DuckDB's columnar copy as from PostgreSQL, and never from a stale copy", async () => {
    const copy = new SeizureColumnarCopy({
      db: t.ctx.database.db,
      withClientTransaction: t.ctx.database.withClientTransaction,
      log: t.app.log,
      dir: `${t.dataDir}/analytics`,
    });
    try {
      const member: RecordAudience = { kind: "member", partnerCode: "TUR", countries: ["TUR"] };
      const specs: RecordSpec[] = [
        { groupBy: ["transportMode"], audience: { kind: "all" } },
        { groupBy: ["nationality", "sex"], audience: member },
        { groupBy: ["concealment"], audience: member, agencies: ["customs"] },
        // Case and white space (ends and inside) do not matter, in either engine.
        { groupBy: ["agency"], audience: { kind: "all" }, concealments: ["  in THE fuel\t tank "] },
        { groupBy: ["concealment"], audience: member, agencies: ["BORDER POLICE", "body cavity"] },
        { groupBy: ["placeType", "year"], audience: member, sources: ["official", "partner"], from: "2021-01-01" },
        { groupBy: ["agency"], audience: { kind: "all" }, nationalities: ["TJK", "none"], sexes: ["male", "none"] },
        { groupBy: ["country", "route"], audience: member, transportModes: ["none", "air"], routes: ["none"] },
        { groupBy: [], audience: member, sexes: ["female"], to: "2022-05-31" },
        { groupBy: ["source", "unit", "month"], audience: { kind: "all" }, placeTypes: ["airport"] },
      ];
      expect(await copy.answer(specs[0] as RecordSpec)).toBeNull(); // empty: PostgreSQL answers, a load starts
      await copy.refresh();
      expect(copy.status()).toMatchObject({ state: "ready", rows: rows.length });
      for (const spec of specs) {
        const pg = await aggregateRecordsPg(t.ctx.database.db, spec);
        expect(pg.length, JSON.stringify(spec)).toBeGreaterThan(0);
        expect(await copy.answer(spec)).toEqual(pg);
      }
      // A change of the published records (here a correction of the sharing level through the service's own path)
      // makes the copy stale: it stops answering until it has reloaded, then answers with the change.
      const coordinator = await t.signIn("coordinator");
      await coordinator.request({ method: "POST", url: "/api/v1/seizures/terms/accept" });
      const list = await coordinator.request({ url: "/api/v1/seizures?limit=1&transportModes=air" });
      expect(list.statusCode, list.body).toBe(200);
      const first = list.json().items[0];
      expect(first.transportMode).toBe("air");
      const { id, can: _, ...fields } = first;
      const corrected = await coordinator.request({
        method: "POST",
        url: `/api/v1/seizures/${id}/correction`,
        payload: {
          ...Object.fromEntries(
            Object.entries(fields).filter(([k]) =>
              [
                "seizureDate",
                "datePrecision",
                "country",
                "drug",
                "quantity",
                "unit",
                "transportMode",
                "placeType",
                "arrests",
                "sourceType",
                "sharing",
              ].includes(k),
            ),
          ),
          transportMode: "sea",
          version: first.version,
          reason: "mode of transport corrected",
        },
      });
      expect(corrected.statusCode, corrected.body).toBe(200);
      const spec: RecordSpec = { groupBy: ["transportMode"], audience: { kind: "all" } };
      expect(await copy.answer(spec)).toBeNull();
      await copy.refresh();
      const after = await copy.answer(spec);
      expect(after).toEqual(await aggregateRecordsPg(t.ctx.database.db, spec));
      expect(after?.find((r) => r.transportMode === "sea")?.cases).toBe(1);
    } finally {
      await copy.close();
    }
  }, 60_000);

  it("catch up through one build job with progress, which every instance then takes (two instances, one build)", async () => {
    const deps = {
      db: t.ctx.database.db,
      withClientTransaction: t.ctx.database.withClientTransaction,
      log: t.app.log,
      // The directory the context's build job writes to (the instances' shared data directory), emptied first.
      dir: `${t.dataDir}/analytics`,
      jobs: t.ctx.jobs,
    };
    fs.rmSync(deps.dir, { recursive: true, force: true });
    // Two instances sharing the data directory (the context registered the build job, as every instance does).
    expect(t.ctx.jobs.kinds()).toContain(COLUMNAR_JOB);
    const [a, b] = [new SeizureColumnarCopy(deps), new SeizureColumnarCopy(deps)];
    const spec: RecordSpec = { groupBy: ["placeType"], audience: { kind: "all" } };
    const jobsOfKind = async () =>
      (await t.ctx.database.db.selectFrom("jobs").select("id").where("kind", "=", COLUMNAR_JOB).execute()).length;
    const before = await jobsOfKind();
    const answered = async (copy: SeizureColumnarCopy) => {
      for (let i = 0; i < 200; i++) {
        const rows = await copy.answer(spec);
        if (rows) return rows;
        await new Promise((r) => setTimeout(r, 50));
      }
      return null;
    };
    try {
      // Stale (empty) on both: PostgreSQL answers, and one build is asked for, not one per instance.
      expect(await a.answer(spec)).toBeNull();
      expect(await b.answer(spec)).toBeNull();
      await new Promise((r) => setTimeout(r, 200));
      expect(await jobsOfKind()).toBe(before + 1);
      const ran = [];
      for (let j = await t.ctx.jobs.runNext(); j; j = await t.ctx.jobs.runNext()) ran.push(j);
      const job = ran.find((j) => j.kind === COLUMNAR_JOB);
      expect(job).toMatchObject({ kind: COLUMNAR_JOB, status: "succeeded", total: rows.length, progress: rows.length });
      expect(job?.result).toMatchObject({ rows: rows.length, built: true });
      // Coordinators find the build (its progress through GET /jobs/:id) on the DMP settings page's status read.
      const coordinator = await t.signIn("coordinator");
      const seen = await coordinator.request({ url: "/api/v1/seizures/settings/analytics-copy" });
      expect(seen.statusCode, seen.body).toBe(200);
      expect(seen.json()).toMatchObject({ jobId: job?.id, engine: "postgres", instance: null });
      const followed = await coordinator.request({ url: `/api/v1/jobs/${job?.id}` });
      expect(followed.json()).toMatchObject({ status: "succeeded", total: rows.length, progress: rows.length });
      const pg = await aggregateRecordsPg(t.ctx.database.db, spec);
      expect(await answered(a)).toEqual(pg);
      expect(await answered(b)).toEqual(pg);
      expect(a.status()).toMatchObject({ state: "ready", rows: rows.length });
      // No second build was needed for the second instance; a build of a version already built does nothing.
      expect(await jobsOfKind()).toBe(before + 1);
      expect(await t.ctx.jobs.runNext()).toBeNull();
      expect(await buildColumnarCopy(deps)).toMatchObject({ built: false, rows: rows.length });
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);
});
