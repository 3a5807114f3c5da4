import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditedActions, call, type Json, ok, publishedSeizure } from "../../../../test/api-calls.js";
import { createTestApp, type TestApp, type TestClient } from "../../../../test/app.js";
import { analysisInput, projectInput, SEIZURE_INPUT } from "../../../../test/fixtures.js";

/**
 * Saved analyses and dashboards (issue 20, parts 2 and 3): CRUD with revisions and audit, visibility (private,
 * partner, members; 404 for whoever may not open), configurations validated by the analysis route's own schema,
 * and the proof that a shared analysis never shows a reader more than their own access gives.
 */
describe("saved analyses and dashboards", () => {
  let t: TestApp;
  let owner: TestClient; // focal point of Tajikistan
  let colleague: TestClient; // member of Tajikistan
  let stranger: TestClient; // member of Uzbekistan
  let unodc: TestClient; // member of UNODC
  let coordinator: TestClient;

  const count = async (table: "saved_analyses" | "dashboards") =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const pivot = (name: string, visibility = "private", config: Json = { rows: "donor", columns: "year" }) =>
    analysisInput(name, "adam.pivot", "table", config, visibility);
  /** The owner asks to save `input` as an analysis (`call`'s answer), or saves it (`ok`'s body). */
  const post = (input: Json, lang = "en") => call(owner, "POST", "/analyses", input, lang);
  const save = (input: Json) => ok(owner, "POST", "/analyses", input);
  const query = (q: Record<string, string>) => new URLSearchParams(q).toString();

  const seizure = (by: TestClient, sharing: string, quantity: number) =>
    publishedSeizure(by, coordinator, sharing, quantity);

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.signIn("focal_point", { partnerCode: "TJK" });
    colleague = await t.signIn("member", { partnerCode: "TJK" });
    stranger = await t.signIn("member", { partnerCode: "UZB" });
    unodc = await t.signIn("member", { partnerCode: "UNODC" });
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    for (const c of [owner, colleague, stranger, unodc, coordinator]) {
      await ok(c, "POST", "/seizures/terms/accept");
    }
  });
  afterAll(() => t.close());

  it("creates, reads, edits with a version, copies and archives, with revisions and audit", async () => {
    const created = await post(pivot("Funding by donor and year"));
    expect(created.status, created.raw).toBe(201);
    const a = created.body;
    expect(a).toMatchObject({
      kind: "adam.pivot",
      view: "table",
      visibility: "private",
      mine: true,
      version: 1,
      config: { rows: "donor", columns: "year", measure: "usd" },
      run: { endpoint: "/projects/stats/pivot", narrowed: [], available: true },
    });
    // Only the configuration is stored: no figure of the owner's run is in the record.
    expect(created.raw).not.toMatch(/rowTotals|cells|totals/);

    const renamed = await ok(owner, "PATCH", `/analyses/${a.id}`, { name: "Donors by year", version: 1 });
    expect(renamed).toMatchObject({ name: "Donors by year", version: 2 });
    const stale = await call(owner, "PATCH", `/analyses/${a.id}`, { name: "Stale", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("version_conflict");

    const history = await ok(owner, "GET", `/analyses/${a.id}/history`);
    expect(history.items.map((r: Json) => r.action)).toEqual(["update", "create"]);
    expect(history.items[0].changes.name).toEqual({ from: "Funding by donor and year", to: "Donors by year" });

    const copy = await call(owner, "POST", `/analyses/${a.id}/copy`, { name: "My copy" });
    expect(copy.status, copy.raw).toBe(201);
    expect(copy.body).toMatchObject({ name: "My copy", config: a.config, visibility: "private", version: 1 });
    expect(copy.body.id).not.toBe(a.id);

    const mine = await ok(owner, "GET", "/analyses?scope=mine&limit=1");
    expect(mine.total).toBeGreaterThanOrEqual(2);
    expect(mine.items).toHaveLength(1);

    const archived = await call(owner, "POST", `/analyses/${a.id}/archive`, { version: 2 });
    expect(archived.status, archived.raw).toBe(204);
    expect((await call(owner, "GET", `/analyses/${a.id}`)).status).toBe(404);
    expect(await auditedActions(t, a.id)).toEqual(["analysis.create", "analysis.update", "analysis.archive"]);
  });

  it("shares with the owner's partner, with all members, or with no one; others get 404 and only the owner edits", async () => {
    const partner = await save(pivot("Partner pivot", "partner"));
    expect(partner.partnerCode).toBe("TJK");
    const priv = await save(pivot("Private pivot", "private"));
    const members = await save(pivot("Members pivot", "members"));

    expect((await call(colleague, "GET", `/analyses/${partner.id}`)).status).toBe(200);
    expect((await call(stranger, "GET", `/analyses/${partner.id}`)).status).toBe(404);
    expect((await call(colleague, "GET", `/analyses/${priv.id}`)).status).toBe(404);
    expect((await call(stranger, "GET", `/analyses/${priv.id}`)).status).toBe(404);
    expect((await call(stranger, "GET", `/analyses/${members.id}`)).status).toBe(200);
    // An id that does not exist answers exactly like one the reader may not open.
    const missing = await call(stranger, "GET", "/analyses/00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    // Coordinators see all.
    expect((await call(coordinator, "GET", `/analyses/${priv.id}`)).status).toBe(200);

    const shared = await ok(colleague, "GET", "/analyses?scope=shared&limit=100");
    const ids = shared.items.map((i: Json) => i.id);
    expect(ids).toContain(partner.id);
    expect(ids).toContain(members.id);
    expect(ids).not.toContain(priv.id);
    const strangers = await ok(stranger, "GET", "/analyses?limit=100");
    expect(strangers.items.map((i: Json) => i.id)).not.toContain(partner.id);

    // The colleague may read but not edit or archive; the stranger learns nothing (404).
    expect((await call(colleague, "PATCH", `/analyses/${partner.id}`, { name: "x", version: 1 })).status).toBe(403);
    expect((await call(stranger, "PATCH", `/analyses/${partner.id}`, { name: "x", version: 1 })).status).toBe(404);
    expect((await call(colleague, "POST", `/analyses/${partner.id}/archive`, { version: 1 })).status).toBe(403);
    // …but may keep their own copy.
    const copy = await ok(colleague, "POST", `/analyses/${partner.id}/copy`, {});
    expect(copy).toMatchObject({ mine: true, visibility: "private", owner: { id: colleague.userId } });
    expect((await call(stranger, "POST", `/analyses/${priv.id}/copy`, {})).status).toBe(404);

    // A user without a partner cannot share with "their partner".
    const noPartner = await call(coordinator, "POST", "/analyses", pivot("No partner", "partner"));
    expect(noPartner.status).toBe(201); // the coordinator belongs to UNODC
    const orphan = await t.signIn("member");
    const refused = await call(orphan, "POST", "/analyses", pivot("Orphan", "partner"), "ru");
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ path: "body.visibility", code: "no_partner" });
    expect(refused.body.errors[0].message).toMatch(/[а-я]/);
  });

  it("refuses a configuration its analysis route would refuse, in the reader's language, and writes nothing", async () => {
    const before = await count("saved_analyses");
    const bad = await post(pivot("Bad", "private", { rows: "galaxy" }), "ru");
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("validation_failed");
    expect(bad.body.title).toMatch(/[а-я]/i);
    const rows = bad.body.errors.find((e: Json) => e.path === "body.config.rows");
    expect(rows, bad.raw).toBeDefined();
    expect(rows.message).toMatch(/[а-я]/i);
    const en = await post(pivot("Bad", "private", { rows: "galaxy" }), "en");
    expect(en.body.errors.find((e: Json) => e.path === "body.config.rows").message).toMatch(/[a-z]/);

    // A parameter the route does not know, the file format (a reader's choice), a date that is not one.
    const unknown = await post(pivot("Bad", "private", { rows: "donor", format: "csv" }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ path: "body.config.format", code: "unknown_parameter" });
    const date = await post(analysisInput("Bad dates", "dmp.dashboard", "totals", { from: "yesterday" }));
    expect(date.status).toBe(400);
    expect(date.body.errors[0].path).toBe("body.config.from");
    // A view of another kind.
    const view = await post({ ...pivot("Bad view"), view: "monthly" });
    expect(view.status).toBe(400);
    expect(view.body.errors[0].path).toBe("body.view");
    // Drafts are counted for coordinators only, as on the route itself.
    const drafts = await post(pivot("Drafts", "private", { includeDrafts: "true" }), "ru");
    expect(drafts.status).toBe(400);
    expect(drafts.body.errors[0]).toMatchObject({ path: "body.config.includeDrafts", code: "drafts_coordinators" });
    expect(drafts.body.errors[0].message).toMatch(/координатор/);

    // The training report takes its route's dimensions only.
    const by = await post(analysisInput("Bad report", "trainings.report", "bar", { by: "galaxy" }));
    expect(by.status).toBe(400);
    expect(by.body.errors[0].path).toBe("body.config.by");

    // A DMP breakdown names one or two fields to group by: refused at the edge without them, in the reader's
    // language, and an edit that turns a saved view into a breakdown without them is refused as well.
    for (const config of [{}, { groupBy: "" }, { groupBy: " " }]) {
      const breakdown = await post(analysisInput("No fields", "dmp.dashboard", "breakdown", config), "ru");
      expect(breakdown.status, breakdown.raw).toBe(400);
      const err = breakdown.body.errors.find((e: Json) => e.path === "body.config.groupBy");
      expect(err, breakdown.raw).toBeDefined();
      expect(err.message).toBe("Для разбивки выберите одно или два поля группировки");
    }
    const breakdownEn = await post(analysisInput("No fields", "dmp.dashboard", "breakdown", { countries: "TJK" }));
    expect(breakdownEn.body.errors[0].message).toBe("A breakdown needs one or two fields to group by");
    const totals = await save(analysisInput("Totals", "dmp.dashboard", "totals", { countries: "TJK" }));
    const toBreakdown = await call(owner, "PATCH", `/analyses/${totals.id}`, { view: "breakdown", version: 1 }, "ru");
    expect(toBreakdown.status).toBe(400);
    expect(toBreakdown.body.errors[0]).toMatchObject({
      path: "body.config.groupBy",
      message: "Для разбивки выберите одно или два поля группировки",
    });
    expect((await ok(owner, "GET", `/analyses/${totals.id}`)).view).toBe("totals");
    // With its fields it is saved.
    await save(analysisInput("By agency", "dmp.dashboard", "breakdown", { groupBy: "agency" }));
    // The seizure map's layer is one of its own: a view of another kind is refused.
    const mapView = await post(analysisInput("Map", "dmp.map", "monthly"));
    expect(mapView.status).toBe(400);
    expect(mapView.body.errors[0].path).toBe("body.view");
    const mapGroup = await post(analysisInput("Map", "dmp.map", "choropleth", { groupBy: "drug" }));
    expect(mapGroup.body.errors[0]).toMatchObject({ path: "body.config.groupBy", code: "unknown_parameter" });

    // An edit with a bad configuration changes nothing either.
    const good = await save(pivot("Good"));
    const badEdit = await call(owner, "PATCH", `/analyses/${good.id}`, { config: { rows: "galaxy" }, version: 1 });
    expect(badEdit.status).toBe(400);
    expect(await ok(owner, "GET", `/analyses/${good.id}`)).toMatchObject({ version: 1, config: good.config });
    expect(await count("saved_analyses")).toBe(before + 3);
  });

  it("never shows a reader of a shared analysis more than their own access gives", async () => {
    // Tajikistan's records: two shared with all members, one with Tajikistan's partner only.
    await seizure(owner, "members", 10);
    await seizure(owner, "members", 20);
    await seizure(owner, "partner", 400);
    const saved = await save(
      analysisInput("Tajik heroin", "dmp.dashboard", "totals", { countries: "tjk", drugs: "heroin" }, "members"),
    );
    expect(saved.config).toEqual({ countries: "TJK", drugs: "heroin" });

    const run = async (reader: TestClient) => {
      const a = await ok(reader, "GET", `/analyses/${saved.id}`);
      expect(a.run.endpoint).toBe("/seizures/dashboard");
      return ok(reader, "GET", `${a.run.endpoint}?${query(a.run.query)}`);
    };
    const direct = (reader: TestClient) => ok(reader, "GET", `/seizures/dashboard?${query(saved.config)}`);

    const ownerView = await run(owner);
    const readerView = await run(unodc);
    // The owner sees the partner-level record; the UNODC reader, running the same saved analysis, does not…
    expect(ownerView.totals.cases).toBe(3);
    expect(readerView.totals.cases).toBe(2);
    expect(readerView.totals.massKg).toBeLessThan(ownerView.totals.massKg);
    // …and gets exactly what their own direct call of the analysis gives them.
    expect(readerView.totals).toEqual((await direct(unodc)).totals);
    expect(readerView.byCountry).toEqual((await direct(unodc)).byCountry);
    // (By the mass of each record listed: the text of the answer held "400" whenever a record's random id did.)
    expect(readerView.top.map((r: { massKg: number }) => r.massKg)).not.toContain(400);
    expect(ownerView.top.map((r: { massKg: number }) => r.massKg)).toContain(400);

    // A coordinator's pivot counting drafts, shared with all members: the reader's run counts published projects.
    const usa = await t.signIn("focal_point", { partnerCode: "USA" });
    await ok(usa, "POST", "/projects", projectInput("Draft border project"));
    const drafts = await ok(coordinator, "POST", "/analyses", {
      ...pivot("With drafts", "members", { rows: "donor", measure: "usd", includeDrafts: "true" }),
    });
    const coordinatorRun = await ok(coordinator, "GET", `/projects/stats/pivot?${query(drafts.run.query)}`);
    expect(coordinatorRun.includesDrafts).toBe(true);
    expect(coordinatorRun.draftProjects).toBeGreaterThan(0);
    const asReader = await ok(colleague, "GET", `/analyses/${drafts.id}`);
    expect(asReader.run.narrowed).toEqual(["includeDrafts"]);
    expect(asReader.run.query.includeDrafts).toBeUndefined();
    const readerRun = await ok(colleague, "GET", `/projects/stats/pivot?${query(asReader.run.query)}`);
    expect(readerRun.includesDrafts).toBe(false);
    expect(readerRun).toEqual(await ok(colleague, "GET", "/projects/stats/pivot?rows=donor&measure=usd"));
    // The reader's copy keeps what they may run, not the coordinators' parameter.
    const copy = await ok(colleague, "POST", `/analyses/${drafts.id}/copy`, {});
    expect(copy.config.includeDrafts).toBeUndefined();
  });

  it("never shows a reader of a shared seizure map more than their own access gives, on any layer", async () => {
    // Tajikistan's records with coordinates and an origin: one shared with all members, one with its partner only.
    const mapped = async (sharing: string, quantity: number) => {
      const created = await ok(owner, "POST", "/seizures", {
        ...SEIZURE_INPUT,
        seizureDate: "2024-05-10",
        sharing,
        quantity,
        latitude: 38.56,
        longitude: 68.78,
        originCountries: ["AFG"],
      });
      for (const [action, version] of [
        ["validate", created.version],
        ["publish", created.version + 1],
      ] as const) {
        await ok(coordinator, "POST", "/seizures/transitions", { action, records: [{ id: created.id, version }] });
      }
      return created.id as string;
    };
    await mapped("members", 30);
    const hidden = await mapped("partner", 700);
    // The map's filter: the period, the country and a field outside the monthly aggregate (no transport given).
    const config = { countries: "tjk", from: "2024-01-01", to: "2024-12-31", transportModes: "none" };
    // Each layer is the very read the map page makes for it (one source of truth: a saved map shows the page).
    const layers = {
      choropleth: "/seizures/map/countries",
      points: "/seizures/map/points",
      flows: "/seizures/map/flows",
    };
    for (const [view, endpoint] of Object.entries(layers)) {
      const saved = await save(analysisInput(`Tajik map, ${view}`, "dmp.map", view, config, "members"));
      expect(saved.config).toEqual({ ...config, countries: "TJK" });
      const run = async (reader: TestClient) => {
        const a = await ok(reader, "GET", `/analyses/${saved.id}`);
        expect(a.run).toMatchObject({ endpoint, available: true, narrowed: [] });
        return { a, body: await ok(reader, "GET", `${a.run.endpoint}?${query(a.run.query)}`) };
      };
      const direct = (reader: TestClient, q: Record<string, string>) => ok(reader, "GET", `${endpoint}?${query(q)}`);
      const mine = await run(owner);
      const theirs = await run(unodc);
      // The reader's run is exactly their own direct call of the layer's route…
      expect(theirs.body).toEqual(await direct(unodc, theirs.a.run.query));
      // …and what the map page shows them for the same filter (the page sends the filter as the config holds it).
      expect(theirs.body).toEqual(await direct(unodc, { ...config, countries: "TJK" }));
      if (view === "choropleth") {
        expect(theirs.a.run.query).toEqual({ ...config, countries: "TJK" });
        const tjk = (b: Json) => b.items.find((r: Json) => r.country === "TJK");
        expect(tjk(mine.body).cases).toBe(2);
        expect(tjk(theirs.body).cases).toBe(1);
        expect(tjk(theirs.body).massKg).toBeLessThan(tjk(mine.body).massKg);
      } else if (view === "points") {
        // …the owner's partner-level record is among the owner's points and never among the reader's.
        expect(mine.body.id).toContain(hidden);
        expect(theirs.body.id).not.toContain(hidden);
        expect(theirs.body.id).toHaveLength(mine.body.id.length - 1);
      } else {
        const leg = (b: Json) => b.items.find((f: Json) => f.from === "AFG" && f.to === "TJK");
        expect(leg(mine.body).cases).toBe(2);
        expect(leg(theirs.body).cases).toBe(1);
      }
      // A member of another partner: the figures of the records they may see, never the partner-level record.
      const uzb = await run(stranger);
      expect(uzb.body).toEqual(await direct(stranger, uzb.a.run.query));
      expect(JSON.stringify(uzb.body)).not.toContain(hidden);
      // A copy keeps the filter, never the layer's own parameters (the country layer's groupBy).
      const copy = await ok(colleague, "POST", `/analyses/${saved.id}/copy`, {});
      expect(copy.config).toEqual(saved.config);
    }
  });

  it("composes dashboards: ordered tiles, hidden tiles carry nothing, reorder and resize, role defaults", async () => {
    const shared = await save(pivot("Tile pivot", "partner"));
    const dmp = await save(analysisInput("Tile DMP", "dmp.dashboard", "monthly", {}, "partner"));
    const secret = await save(pivot("Owner only", "private"));
    const othersPrivate = await ok(stranger, "POST", "/analyses", pivot("Stranger's", "private"));

    const beforeCount = await count("dashboards");
    const refused = await call(owner, "POST", "/dashboards", {
      name: "Refused",
      tiles: [{ analysisId: shared.id }, { analysisId: othersPrivate.id }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ path: "body.tiles.1.analysisId", code: "invalid_reference" });
    const tooWide = await call(owner, "POST", "/dashboards", {
      name: "Wide",
      tiles: [{ analysisId: shared.id, width: 4 }],
    });
    expect(tooWide.status).toBe(400);
    expect(await count("dashboards")).toBe(beforeCount);

    const created = await call(owner, "POST", "/dashboards", {
      name: "Tajikistan at a glance",
      visibility: "partner",
      tiles: [
        { analysisId: shared.id, width: 2, height: 1 },
        { analysisId: dmp.id, width: 1, height: 2 },
        { analysisId: secret.id },
      ],
    });
    expect(created.status, created.raw).toBe(201);
    const d = created.body;
    expect(d.tiles.map((x: Json) => [x.analysis.id, x.width, x.height])).toEqual([
      [shared.id, 2, 1],
      [dmp.id, 1, 2],
      [secret.id, 1, 1],
    ]);

    const seen = await ok(colleague, "GET", `/dashboards/${d.id}`);
    expect(seen.tiles).toHaveLength(3);
    expect(seen.tiles[2].analysis).toBeNull();
    expect(JSON.stringify(seen)).not.toContain(secret.id);
    expect(JSON.stringify(seen)).not.toContain("Owner only");
    expect((await call(stranger, "GET", `/dashboards/${d.id}`)).status).toBe(404);
    expect((await ok(stranger, "GET", "/dashboards?limit=100")).items.map((x: Json) => x.id)).not.toContain(d.id);
    expect((await call(colleague, "PATCH", `/dashboards/${d.id}`, { name: "x", version: 1 })).status).toBe(403);

    // Reorder and resize: tiles in their new order, existing ones by id (the hidden one too).
    const [a, b, c] = d.tiles as Json[];
    const moved = await ok(owner, "PATCH", `/dashboards/${d.id}`, {
      version: 1,
      tiles: [
        { id: b?.id, width: 3, height: 1 },
        { id: a?.id, width: 1, height: 1 },
        { id: c?.id, width: 1, height: 3 },
      ],
    });
    expect(moved.version).toBe(2);
    expect(moved.tiles.map((x: Json) => [x.id, x.width, x.height])).toEqual([
      [b?.id, 3, 1],
      [a?.id, 1, 1],
      [c?.id, 1, 3],
    ]);
    // A tile id of another dashboard, or the same tile twice, is refused.
    const dup = await call(owner, "PATCH", `/dashboards/${d.id}`, {
      version: 2,
      tiles: [{ id: a?.id }, { id: a?.id }],
    });
    expect(dup.status).toBe(400);
    const history = await ok(owner, "GET", `/dashboards/${d.id}/history`);
    expect(history.items.map((r: Json) => r.action)).toEqual(["update", "create"]);
    expect(history.items[0].changes.tiles).toBeDefined();

    // An archived analysis leaves its tile not available.
    await ok(owner, "POST", `/analyses/${dmp.id}/archive`, { version: 1 });
    const after = await ok(owner, "GET", `/dashboards/${d.id}`);
    expect(after.tiles[0].analysis).toBeNull();

    // Role defaults: only a dashboard shared with every member; it shows on the role's list.
    const notShared = await call(coordinator, "PUT", "/dashboards/defaults/member", { dashboardId: d.id });
    expect(notShared.status).toBe(400);
    expect(notShared.body.errors[0].code).toBe("dashboard_not_shared");
    expect((await call(owner, "PUT", "/dashboards/defaults/member", { dashboardId: d.id })).status).toBe(403);
    await ok(owner, "PATCH", `/dashboards/${d.id}`, { version: 2, visibility: "members" });
    const set = await ok(coordinator, "PUT", "/dashboards/defaults/member", { dashboardId: d.id });
    expect(set.items).toContainEqual({ role: "member", dashboardId: d.id, name: "Tajikistan at a glance" });
    const list = await ok(stranger, "GET", "/dashboards");
    expect(list.myDefault).toMatchObject({ id: d.id, defaultFor: ["member"] });
    // Stops being the default once no longer shared with every member.
    await ok(owner, "PATCH", `/dashboards/${d.id}`, { version: 3, visibility: "partner" });
    expect((await ok(colleague, "GET", "/dashboards")).myDefault).toBeNull();
    expect((await ok(coordinator, "GET", "/dashboards/defaults")).items).toEqual([]);

    const archived = await call(owner, "POST", `/dashboards/${d.id}/archive`, { version: 4 });
    expect(archived.status).toBe(204);
    expect((await call(colleague, "GET", `/dashboards/${d.id}`)).status).toBe(404);
  });

  it("records a dashboard's change once from what it stored; a stale write changes no tile, default or history", async () => {
    const tile = await save(pivot("Recorded tile", "members"));
    const other = await save(pivot("Other tile", "members"));
    const d = await ok(owner, "POST", "/dashboards", {
      name: "Recorded",
      visibility: "members",
      tiles: [{ analysisId: tile.id, width: 2, height: 1 }],
    });
    await ok(owner, "PATCH", `/dashboards/${d.id}`, { version: 1, name: "Recorded once" });
    await ok(coordinator, "PUT", "/dashboards/defaults/member", { dashboardId: d.id });
    const entries = async () =>
      (
        await t.ctx.database.db
          .selectFrom("audit_log")
          .select(["action", "details"])
          .where("object_id", "=", d.id)
          .orderBy("at")
          .execute()
      ).map((r) => ({ action: r.action, details: typeof r.details === "string" ? JSON.parse(r.details) : r.details }));

    // At the version read before the rename: refused, and neither the tiles nor the role default moved.
    const stale = await call(owner, "PATCH", `/dashboards/${d.id}`, {
      version: 1,
      visibility: "private",
      tiles: [{ analysisId: other.id, width: 3, height: 2 }],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("version_conflict");
    expect(stale.body.details.current).toMatchObject({ id: d.id, version: 2, name: "Recorded once" });
    const kept = await ok(owner, "GET", `/dashboards/${d.id}`);
    expect(kept.tiles.map((x: Json) => [x.analysis.id, x.width, x.height])).toEqual([[tile.id, 2, 1]]);
    expect((await ok(coordinator, "GET", "/dashboards/defaults")).items).toContainEqual(
      expect.objectContaining({ role: "member", dashboardId: d.id }),
    );
    expect((await ok(owner, "GET", `/dashboards/${d.id}/history`)).items).toHaveLength(2);
    expect((await entries()).map((e) => e.action)).toEqual([
      "dashboard.create",
      "dashboard.update",
      "dashboard.role_default",
    ]);

    // At the current version: one revision with both changes, the default dropped, the audit entry naming both.
    const changed = await ok(owner, "PATCH", `/dashboards/${d.id}`, {
      version: 2,
      visibility: "private",
      tiles: [{ id: kept.tiles[0].id, width: 3, height: 2 }],
    });
    expect(changed).toMatchObject({ version: 3, visibility: "private" });
    const history = await ok(owner, "GET", `/dashboards/${d.id}/history`);
    expect(history.items.map((r: Json) => [r.version, r.action])).toEqual([
      [3, "update"],
      [2, "update"],
      [1, "create"],
    ]);
    expect(history.items[0].changes).toEqual({
      visibility: { from: "members", to: "private" },
      tiles: {
        from: [{ analysis: tile.id, width: 2, height: 1 }],
        to: [{ analysis: tile.id, width: 3, height: 2 }],
      },
    });
    expect((await ok(coordinator, "GET", "/dashboards/defaults")).items).toEqual([]);
    const update = (await entries()).at(-1);
    expect(update?.action).toBe("dashboard.update");
    expect(update?.details.defaultsDropped).toEqual(["member"]);
    expect([...(update?.details.changes ?? [])].sort()).toEqual(["tiles", "visibility"]);

    // Archived at a stale version: 409 and still there; at the current one, a revision that says when.
    expect((await call(owner, "POST", `/dashboards/${d.id}/archive`, { version: 2 })).status).toBe(409);
    expect((await call(owner, "POST", `/dashboards/${d.id}/archive`, { version: 3 })).status).toBe(204);
    const archived = await t.ctx.database.db
      .selectFrom("revisions")
      .select(["version", "action", "changes"])
      .where("entity_type", "=", "dashboard")
      .where("entity_id", "=", d.id)
      .orderBy("version", "desc")
      .executeTakeFirstOrThrow();
    expect(archived).toMatchObject({ version: 4, action: "archive" });
    const archivedChanges = typeof archived.changes === "string" ? JSON.parse(archived.changes) : archived.changes;
    expect(Object.keys(archivedChanges)).toEqual(["archived_at"]);
    expect(archivedChanges.archived_at.from).toBeNull();
    expect(Number.isNaN(Date.parse(archivedChanges.archived_at.to))).toBe(false);
    expect((await entries()).map((e) => e.action).at(-1)).toBe("dashboard.archive");
  });

  it("saves a training report, run on its public route with its own disclosure control", async () => {
    const report = await save(analysisInput("Trained by sex", "trainings.report", "table", { by: "sex" }, "members"));
    const seen = await ok(stranger, "GET", `/analyses/${report.id}`);
    expect(seen.run).toEqual({ endpoint: "/trainings/reports", query: { by: "sex" }, narrowed: [], available: true });
    expect(await ok(stranger, "GET", `${seen.run.endpoint}?${query(seen.run.query)}`)).toEqual(
      await ok(stranger, "GET", "/trainings/reports?by=sex"),
    );
  });

  it("saves a recommendation heatmap of a pillar, validated by the heatmap's own schema", async () => {
    const bad = await post(analysisInput("Pillar 9", "recommendations.heatmap", "heatmap", { pillar: "9" }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe("body.config.pillar");
    const heat = await save(
      analysisInput("Pillar II heatmap", "recommendations.heatmap", "heatmap", { pillar: "2" }, "partner"),
    );
    const seen = await ok(colleague, "GET", `/analyses/${heat.id}`);
    expect(seen.run).toMatchObject({ endpoint: "/recommendations/heatmap", query: { pillar: "2" } });
    expect(await ok(colleague, "GET", `${seen.run.endpoint}?${query(seen.run.query)}`)).toEqual(
      await ok(colleague, "GET", "/recommendations/heatmap?pillar=2"),
    );
  });

  it("shows empty lists with their totals", async () => {
    const fresh = await t.signIn("member", { partnerCode: "KAZ" });
    expect(await ok(fresh, "GET", "/dashboards?scope=mine")).toMatchObject({ items: [], total: 0, myDefault: null });
    expect(await ok(fresh, "GET", "/analyses?scope=mine")).toMatchObject({ items: [], total: 0 });
  });
});
