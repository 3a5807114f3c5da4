import { beforeAll, describe, expect, it } from "vitest";
import { acceptSeizureTerms, scopeToCountries } from "../../../../test/api-calls.js";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { SEIZURE_INPUT } from "../../../../test/fixtures.js";
import { importSpreadsheet } from "../../../../test/imports.js";
import { idsWorkbook } from "./seizures.fixtures.js";

const BASE = SEIZURE_INPUT;

describe("seizures (DMP)", () => {
  const t = useTestApp();
  let liaison: TestClient;
  let member: TestClient;
  let focal: TestClient;
  let coordinator: TestClient;

  /** `client` takes one record, at `version`, through `action` (validate, publish). */
  const transition = (client: TestClient, action: string, id: string, version: number) =>
    client.request({
      method: "POST",
      url: "/api/v1/seizures/transitions",
      payload: { action, records: [{ id, version }] },
    });
  const runImport = (client: TestClient, data: Buffer, name: string, body: Record<string, unknown>) =>
    importSpreadsheet(t, client, "/api/v1/seizures/imports", { name, data }, body);

  beforeAll(async () => {
    liaison = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    await scopeToCountries(t, liaison, ["TJK", "UZB", "KAZ", "TUR"]);
    member = await t.signIn("member", { partnerCode: "TUR" });
    focal = await t.signIn("focal_point", { partnerCode: "TJK" });
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    for (const c of [liaison, member, focal, coordinator]) await acceptSeizureTerms(c);
  });

  it("asks for the DMP terms before any individual record, and audits every read", async () => {
    const newcomer = await t.signIn("member", { partnerCode: "TUR" });
    const refused = await newcomer.request({ url: "/api/v1/seizures" });
    expect(refused.statusCode).toBe(428);
    expect(refused.json().code).toBe("dmp_terms_required");
    expect((await newcomer.request({ url: "/api/v1/seizures/terms" })).json().accepted).toBe(false);
    await acceptSeizureTerms(newcomer);
    expect((await newcomer.request({ url: "/api/v1/seizures" })).statusCode).toBe(200);
    const audit = await t.ctx.audit.list({
      action: "seizure.read",
      actorId: newcomer.userId as string,
      limit: 5,
      offset: 0,
    });
    expect(audit.total).toBe(1);
  });

  it("validates the form: future dates and coordinates outside the country are refused, unusual quantities confirmed", async () => {
    const future = await focal.request({
      method: "POST",
      url: "/api/v1/seizures",
      payload: { ...BASE, seizureDate: "2099-01-01" },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0]).toMatchObject({ path: "body.seizureDate", code: "future_date" });
    const outside = await focal.request({
      method: "POST",
      url: "/api/v1/seizures",
      payload: { ...BASE, latitude: 48.85, longitude: 2.35 },
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0].code).toBe("coordinates_outside_country");
    const huge = { ...BASE, quantity: 9000, unit: "kg" };
    const warned = await focal.request({ method: "POST", url: "/api/v1/seizures", payload: huge });
    expect(warned.statusCode).toBe(422);
    expect(warned.json().code).toBe("confirmation_required");
    expect(warned.json().details.warnings[0].code).toBe("large_quantity");
    const confirmed = await focal.request({
      method: "POST",
      url: "/api/v1/seizures",
      payload: { ...huge, latitude: 38.56, longitude: 68.77, confirmWarnings: ["large_quantity"] },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(confirmed.json()).toMatchObject({
      status: "entered",
      massKg: 9000,
      drugGroup: "opiates",
      warningsConfirmed: ["large_quantity"],
    });
    const other = await focal.request({
      method: "POST",
      url: "/api/v1/seizures",
      payload: { ...BASE, country: "UZB" },
    });
    expect(other.statusCode).toBe(403);
  });

  it("converts quantities to kilograms by the documented rules", async () => {
    const res = await liaison.request({
      method: "POST",
      url: "/api/v1/seizures",
      payload: { ...BASE, country: "KAZ", drug: "captagon", quantity: 10000, unit: "tablet", place: "Almaty" },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().massKg).toBeCloseTo(1.7);
  });

  it("runs entered → validated → published; published records are locked and corrected as new revisions", async () => {
    const created = (
      await focal.request({ method: "POST", url: "/api/v1/seizures", payload: { ...BASE, quantity: 40 } })
    ).json();
    expect(created.can.validate).toBe(false);
    const member403 = await transition(member, "validate", created.id, 1);
    expect(member403.statusCode).toBe(403);
    const early = await transition(liaison, "publish", created.id, 1);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("invalid_transition");
    const v = await transition(liaison, "validate", created.id, 1);
    expect(v.json()).toEqual({ changed: 1, skipped: 0 });
    const p = await transition(liaison, "publish", created.id, 2);
    expect(p.json()).toEqual({ changed: 1, skipped: 0 });
    const locked = await focal.request({
      method: "PATCH",
      url: `/api/v1/seizures/${created.id}`,
      payload: { ...BASE, version: 3 },
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe("record_locked");
    const before = await t.ctx.seizures.aggregate({
      groupBy: ["country"],
      countries: ["TJK"],
      audience: { kind: "all" },
    });
    const corrected = await liaison.request({
      method: "POST",
      url: `/api/v1/seizures/${created.id}/correction`,
      payload: { ...BASE, quantity: 45, version: 3, reason: "Weighed again by the laboratory" },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({ status: "published", quantity: 45, version: 4 });
    const after = await t.ctx.seizures.aggregate({
      groupBy: ["country"],
      countries: ["TJK"],
      audience: { kind: "all" },
    });
    expect((after[0]?.massKg ?? 0) - (before[0]?.massKg ?? 0)).toBeCloseTo(5);
    const stale = await liaison.request({
      method: "POST",
      url: `/api/v1/seizures/${created.id}/correction`,
      payload: { ...BASE, quantity: 46, version: 3, reason: "Stale" },
    });
    expect(stale.json().code).toBe("version_conflict");
    const history = (await member.request({ url: `/api/v1/seizures/${created.id}/history` })).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(["update", "transition", "transition", "create"]);
    // The correction's reason is part of the record's history, not only of the audit log (issue 19).
    expect(history[0]).toMatchObject({ action: "update", reason: "Weighed again by the laboratory" });
    expect(history[1].reason).toBeNull();
  });

  it("imports UNODC's IDS export: reports every bad row with its spreadsheet row, then imports the fixed file", async () => {
    const bad = await runImport(liaison, await idsWorkbook({ bad: true }), "ids-export.xlsx", { dryRun: true });
    expect(bad.report.layout).toBe("unodc-ids");
    expect(bad.report.refused).toBe(true);
    expect(
      bad.report.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code]),
    ).toEqual([
      [10, "Seizure Date", "future_date"],
      [11, "Quantity Seized", "invalid_number"],
    ]);
    // A drug no vocabulary knows is no error: it waits for the value-mapping step, shown once with its rows.
    expect(bad.unmapped).toEqual([
      { field: "drug", column: "Drug/Substance", value: "Unobtainium", count: 1, rows: [9] },
    ]);
    expect(bad.report.rowsSkipped).toBe(3);
    const beforeCount = await t.ctx.database.db
      .selectFrom("seizures")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const refused = await runImport(liaison, await idsWorkbook({ bad: true }), "ids-export.xlsx", { dryRun: false });
    expect(refused.report).toMatchObject({ refused: true, imported: 0 });
    const afterRefused = await t.ctx.database.db
      .selectFrom("seizures")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(afterRefused.n)).toBe(Number(beforeCount.n));

    const good = await runImport(liaison, await idsWorkbook(), "ids-export.xlsx", { dryRun: false });
    expect(good.report).toMatchObject({ refused: false, imported: 5, rowsRead: 5, errors: [] });
    const list = await liaison.request({ url: `/api/v1/seizures?batch=${good.batchId}&limit=10` });
    const items = list.json().items as {
      drug: string;
      massKg: number | null;
      quantity: number;
      unit: string;
      placeType: string | null;
      datePrecision: string;
      transportMode: string | null;
    }[];
    const heroin = items.find((i) => i.drug === "heroin");
    expect(heroin).toMatchObject({ quantity: 1250.5, massKg: 1250.5, placeType: "airport", transportMode: "air" });
    expect(items.find((i) => i.drug === "captagon")).toMatchObject({ datePrecision: "month", transportMode: null });
    expect(items.find((i) => i.drug === "acetic_anhydride")?.massKg).toBeCloseTo(2592);
    expect(items.find((i) => i.drug === "cannabis_resin")?.massKg).toBeCloseTo(0.35);

    // Four-eyes: someone other than the importer validates; a bulk step names the count it confirms.
    const validated = await coordinator.request({
      method: "POST",
      url: "/api/v1/seizures/transitions",
      payload: { action: "validate", batchId: good.batchId, expectedCount: 5 },
    });
    expect(validated.json().changed).toBe(5);
    const published = await liaison.request({
      method: "POST",
      url: "/api/v1/seizures/transitions",
      payload: { action: "publish", batchId: good.batchId, expectedCount: 5 },
    });
    expect(published.json().changed).toBe(5);
    const stats = (await member.request({ url: "/api/v1/seizures/stats?groupBy=drug&countries=TUR" })).json();
    expect(stats.rows).toEqual([expect.objectContaining({ drug: "acetic_anhydride", cases: 1, suppressed: false })]);
  });

  it("refuses rows of countries outside the importer's scope, and asks for a mapping when headers are unknown", async () => {
    const focalResult = await runImport(focal, await idsWorkbook(), "ids.xlsx", { dryRun: true });
    expect(focalResult.report.errors.filter((e: { code: string }) => e.code === "country_not_in_scope")).toHaveLength(
      3,
    );
    const csv = Buffer.from("Date;Land;Stoff;Menge;Einheit\n2023-01-05;TJK;heroin;3,5;kg\n", "utf8");
    const unknown = await runImport(liaison, csv, "de.csv", { dryRun: true });
    expect(unknown.report.errors[0].code).toBe("unknown_layout");
    expect(unknown.headers).toEqual(["Date", "Land", "Stoff", "Menge", "Einheit"]);
    // The rows under it, as the column step's examples.
    expect(unknown.sample).toEqual([["2023-01-05", "TJK", "heroin", "3,5", "kg"]]);
    const mapped = await runImport(liaison, csv, "de.csv", {
      dryRun: true,
      mapping: { seizureDate: "Date", country: "Land", drug: "Stoff", quantity: "Menge", unit: "Einheit" },
    });
    expect(mapped.report).toMatchObject({ layout: "mapped", refused: false, rowsRead: 1 });
    // The same seizures arriving again in another file are queued as possible duplicates, not silently doubled.
    const again = await runImport(liaison, await idsWorkbook(), "ids-export-again.xlsx", { dryRun: false });
    expect(again.report.imported).toBe(5);
    expect(again.possibleDuplicates).toBe(5);
  });

  it("downloads a template that imports as it is", async () => {
    const res = await liaison.request({ url: "/api/v1/seizures/import/template?format=csv" });
    expect(res.statusCode).toBe(200);
    const dry = await runImport(liaison, res.rawPayload, "template.csv", { dryRun: true });
    expect(dry.report).toMatchObject({ layout: "template", refused: false, rowsRead: 1 });
  });

  it("enforces sharing levels on individual records and suppresses small counts for visitors", async () => {
    const restricted = (
      await focal.request({
        method: "POST",
        url: "/api/v1/seizures",
        payload: { ...BASE, sharing: "restricted", quantity: 3, seizureDate: "2022-02-02" },
      })
    ).json();
    await transition(liaison, "validate", restricted.id, 1);
    await transition(liaison, "publish", restricted.id, 2);
    expect((await member.request({ url: `/api/v1/seizures/${restricted.id}` })).statusCode).toBe(404);
    expect((await focal.request({ url: `/api/v1/seizures/${restricted.id}` })).statusCode).toBe(200);
    expect((await liaison.request({ url: `/api/v1/seizures/${restricted.id}` })).statusCode).toBe(200);
    const visitor = await t.visitor();
    expect((await visitor.request({ url: "/api/v1/seizures" })).statusCode).toBe(401);
    const pub = (await visitor.request({ url: "/api/v1/seizures/public-stats?groupBy=country&groupBy=year" })).json();
    for (const row of pub.rows) {
      expect(Object.keys(row).sort()).toEqual([
        "cases",
        "country",
        "massKg",
        "quantity",
        "suppressed",
        "withheld",
        "year",
      ]);
      if (row.suppressed) expect(row.cases).toBeNull();
      else expect(row.cases).toBeGreaterThanOrEqual(3);
    }
    // Visitors' figures hold `public` records only (the disclosure control itself: disclosure-attack.test.ts).
    const publicCases = await t.ctx.database.db
      .selectFrom("seizures")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "published")
      .where("sharing", "=", "public")
      .executeTakeFirstOrThrow();
    const shown = pub.rows.reduce((n: number, r: { cases: number | null }) => n + (r.cases ?? 0), 0);
    expect(shown).toBeLessThanOrEqual(Number(publicCases.n));
    const exported = await member.request({ url: "/api/v1/seizures/export?format=csv" });
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain(restricted.id);
    expect((await t.ctx.audit.list({ action: "seizure.export", limit: 1, offset: 0 })).total).toBe(1);
  });

  it("queues possible duplicates across sources and keeps the decision", async () => {
    const a = (
      await focal.request({
        method: "POST",
        url: "/api/v1/seizures",
        payload: { ...BASE, seizureDate: "2021-05-01", quantity: 100 },
      })
    ).json();
    const b = (
      await liaison.request({
        method: "POST",
        url: "/api/v1/seizures",
        payload: {
          ...BASE,
          seizureDate: "2021-05-03",
          quantity: 105,
          sourceType: "open_source",
          sourceReference: "Asia-Plus news",
        },
      })
    ).json();
    const queue = (await liaison.request({ url: "/api/v1/seizures/duplicates" })).json();
    const pair = queue.items.find(
      (d: { a: { id: string }; b: { id: string } }) => [d.a.id, d.b.id].sort().join() === [a.id, b.id].sort().join(),
    );
    expect(pair).toBeDefined();
    const merged = await liaison.request({
      method: "POST",
      url: `/api/v1/seizures/duplicates/${pair.id}/decision`,
      payload: { decision: "merge", keep: a.id, note: "Same case" },
    });
    expect(merged.json()).toEqual({ id: pair.id, status: "merged" });
    expect((await liaison.request({ url: `/api/v1/seizures/${b.id}` })).json()).toMatchObject({
      status: "merged",
      mergedInto: a.id,
    });
    const again = await liaison.request({
      method: "POST",
      url: `/api/v1/seizures/duplicates/${pair.id}/decision`,
      payload: { decision: "keep_apart" },
    });
    expect(again.statusCode).toBe(409);
    const decided = (await liaison.request({ url: "/api/v1/seizures/duplicates?status=merged" })).json();
    expect(decided.items[0]).toMatchObject({ id: pair.id, note: "Same case" });
  });

  it("gives members a dashboard, map points and flows", async () => {
    const dash = (await member.request({ url: "/api/v1/seizures/dashboard" })).json();
    expect(dash.totals.cases).toBeGreaterThan(0);
    expect(dash.byCountry.map((c: { country: string }) => c.country)).toContain("TJK");
    expect(dash.top[0].massKg).toBeGreaterThan(0);
    const points = (await member.request({ url: "/api/v1/seizures/map/points" })).json();
    expect(points.lon.length).toBe(points.id.length);
    const withFlow = await liaison.request({
      method: "POST",
      url: "/api/v1/seizures",
      payload: {
        ...BASE,
        country: "UZB",
        place: "Termez",
        seizureDate: "2020-01-01",
        originCountries: ["AFG"],
        transitCountries: ["TJK"],
        destinationCountries: ["RUS"],
      },
    });
    const s = withFlow.json();
    await transition(coordinator, "validate", s.id, 1);
    await transition(liaison, "publish", s.id, 2);
    const flows = (await member.request({ url: "/api/v1/seizures/map/flows?countries=UZB" })).json().items;
    expect(flows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: "AFG", to: "TJK" }),
        expect.objectContaining({ from: "TJK", to: "UZB" }),
        expect.objectContaining({ from: "UZB", to: "RUS" }),
      ]),
    );
  });

  it("alerts the liaison officer of a country when a month is far outside its history", async () => {
    const rows = [];
    for (let m = 0; m < 24; m++) {
      rows.push({
        ...BASE,
        country: "KGZ",
        seizureDate: `${2019 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}-10`,
        quantity: 10 + (m % 3),
      });
    }
    rows.push({ ...BASE, country: "KGZ", seizureDate: "2021-01-10", quantity: 400 });
    const kgz = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    await scopeToCountries(t, kgz, ["KGZ"]);
    await acceptSeizureTerms(kgz);
    for (const r of rows) {
      const c = await kgz.request({ method: "POST", url: "/api/v1/seizures", payload: r });
      expect(c.statusCode, c.body).toBe(201);
      await transition(coordinator, "validate", c.json().id, 1);
      await transition(kgz, "publish", c.json().id, 2);
    }
    const dash = (await kgz.request({ url: "/api/v1/seizures/dashboard?countries=KGZ" })).json();
    expect(dash.alerts[0]).toMatchObject({ country: "KGZ", drug: "heroin", year: 2021, month: 1, direction: "up" });
    // The alert's figures hold every record of the country: a member without KGZ in scope is not shown it.
    const outsider = await member.request({ url: "/api/v1/seizures/dashboard?countries=KGZ" });
    expect(outsider.statusCode, outsider.body).toBe(200);
    expect(outsider.json().alerts).toEqual([]);
    const notes = (await kgz.request({ url: "/api/v1/notifications" })).json();
    expect(JSON.stringify(notes)).toContain("KGZ");
    // The drug is named in words, not by its internal code.
    expect(JSON.stringify(notes)).toMatch(/\((Heroin|Героин)\)/);
  });
});
