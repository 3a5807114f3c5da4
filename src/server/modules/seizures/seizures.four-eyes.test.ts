import { beforeAll, describe, expect, it } from "vitest";
import { acceptSeizureTerms, scopeToCountries } from "../../../../test/api-calls.js";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { SEIZURE_INPUT } from "../../../../test/fixtures.js";
import { uploadSpreadsheet } from "../../../../test/imports.js";

/**
 * Issue 17: four-eyes on seizure data. Whoever entered, edited or imported a record cannot also validate it (on by
 * default; a coordinator turns it off per country, audited), and bulk validation and publication name the count
 * the client confirms: a missing or different count changes nothing.
 */
describe("seizures: four-eyes validation and confirmed bulk counts", () => {
  const t = useTestApp();
  let entering: TestClient; // liaison officer of TJK who enters and imports
  let checking: TestClient; // a second liaison officer of TJK
  let coordinator: TestClient;

  type Res = { statusCode: number; body: string; json(): unknown };
  async function ok(promise: Promise<Res>, status = 201) {
    const res = await promise;
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as Record<string, unknown> & { id: string; version: number };
  }
  const enter = (client: TestClient, payload: Record<string, unknown> = {}) =>
    ok(client.request({ method: "POST", url: "/api/v1/seizures", payload: { ...SEIZURE_INPUT, ...payload } }));
  const transition = (client: TestClient, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    client.request({ method: "POST", url: "/api/v1/seizures/transitions", payload, headers });
  const statusOf = async (id: string) =>
    (await t.ctx.database.db.selectFrom("seizures").select("status").where("id", "=", id).executeTakeFirstOrThrow())
      .status;

  async function importTwo(client: TestClient): Promise<string> {
    const csv = "Date;Land;Stoff;Menge;Einheit\n2023-01-05;TJK;heroin;3,5;kg\n2023-01-06;TJK;heroin;4;kg\n";
    const file = await uploadSpreadsheet(t, client, "two.csv", Buffer.from(csv, "utf8"));
    const res = await client.request({
      method: "POST",
      url: "/api/v1/seizures/imports",
      payload: {
        fileId: file.id,
        dryRun: false,
        mapping: { seizureDate: "Date", country: "Land", drug: "Stoff", quantity: "Menge", unit: "Einheit" },
      },
    });
    expect(res.statusCode, res.body).toBe(202);
    await t.ctx.jobs.runNext();
    const job = (await client.request({ url: `/api/v1/jobs/${(res.json() as { jobId: string }).jobId}` })).json();
    return (job as { result: { batchId: string } }).result.batchId;
  }

  beforeAll(async () => {
    entering = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    checking = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    for (const c of [entering, checking]) await scopeToCountries(t, c, ["TJK", "UZB"]);
    for (const c of [entering, checking, coordinator]) await acceptSeizureTerms(c);
  });

  it("refuses to let whoever entered a record validate it; another validator may", async () => {
    const record = await enter(entering);
    expect((record.can as { validate: boolean }).validate).toBe(false);
    const own = await transition(entering, { action: "validate", records: [{ id: record.id, version: 1 }] });
    expect(own.statusCode, own.body).toBe(403);
    expect((own.json() as { code: string }).code).toBe("four_eyes_required");
    const ru = await transition(
      entering,
      { action: "validate", records: [{ id: record.id, version: 1 }] },
      { "accept-language": "ru" },
    );
    expect((ru.json() as { title: string }).title).toMatch(/[а-я]/);
    expect(await statusOf(record.id)).toBe("entered");
    const seen = await ok(checking.request({ url: `/api/v1/seizures/${record.id}` }), 200);
    expect((seen.can as { validate: boolean }).validate).toBe(true);
    expect(
      await ok(transition(checking, { action: "validate", records: [{ id: record.id, version: 1 }] }), 200),
    ).toEqual({ changed: 1, skipped: 0 });
    // Publishing what someone else validated is the second pair of eyes already: the enterer may publish.
    expect(
      await ok(transition(entering, { action: "publish", records: [{ id: record.id, version: 2 }] }), 200),
    ).toEqual({ changed: 1, skipped: 0 });
  });

  it("counts an edit as entering: the editor cannot validate the record they changed", async () => {
    const record = await enter(entering, { quantity: 7 });
    const edited = await ok(
      checking.request({
        method: "PATCH",
        url: `/api/v1/seizures/${record.id}`,
        payload: { ...SEIZURE_INPUT, quantity: 8, version: 1 },
      }),
      200,
    );
    const mine = await transition(checking, {
      action: "validate",
      records: [{ id: record.id, version: edited.version }],
    });
    expect((mine.json() as { code: string }).code).toBe("four_eyes_required");
    const theirs = await transition(entering, {
      action: "validate",
      records: [{ id: record.id, version: edited.version }],
    });
    expect((theirs.json() as { code: string }).code).toBe("four_eyes_required");
    await ok(
      transition(coordinator, { action: "validate", records: [{ id: record.id, version: edited.version }] }),
      200,
    );
  });

  it("keeps the importer from validating their own import, and asks for the count of a bulk step", async () => {
    const batchId = await importTwo(entering);
    const asked = await transition(entering, { action: "validate", batchId });
    expect(asked.statusCode, asked.body).toBe(422);
    expect(asked.json()).toMatchObject({ code: "count_confirmation_required", details: { count: 0 } });

    const unconfirmed = await transition(checking, { action: "validate", batchId }, { "accept-language": "ru" });
    expect(unconfirmed.statusCode, unconfirmed.body).toBe(422);
    expect(unconfirmed.json()).toMatchObject({ code: "count_confirmation_required", details: { count: 2 } });
    expect((unconfirmed.json() as { title: string }).title).toMatch(/[а-я]/);
    const wrong = await transition(checking, { action: "validate", batchId, expectedCount: 3 });
    expect(wrong.statusCode, wrong.body).toBe(409);
    expect(wrong.json()).toMatchObject({ code: "count_mismatch", details: { expected: 3, count: 2 } });
    const still = await t.ctx.database.db
      .selectFrom("seizures")
      .select("status")
      .where("import_batch_id", "=", batchId)
      .execute();
    expect(still.map((r) => r.status)).toEqual(["entered", "entered"]);
    expect(await ok(transition(checking, { action: "validate", batchId, expectedCount: 2 }), 200)).toEqual({
      changed: 2,
      skipped: 0,
    });
    expect((await transition(entering, { action: "publish", batchId })).statusCode).toBe(422);
    expect(await ok(transition(entering, { action: "publish", batchId, expectedCount: 2 }), 200)).toMatchObject({
      changed: 2,
    });
  });

  it("asks for the count when several records are validated or published at once", async () => {
    const a = await enter(checking, { quantity: 2 });
    const b = await enter(checking, { quantity: 3 });
    const c = await enter(entering, { quantity: 4 });
    const records = [a, b, c].map((r) => ({ id: r.id, version: 1 }));
    const unconfirmed = await transition(entering, { action: "validate", records });
    expect(unconfirmed.statusCode).toBe(422);
    // Two of the three are someone else's: the confirmation must name two.
    const three = await transition(entering, { action: "validate", records, expectedCount: 3 });
    expect(three.json()).toMatchObject({ code: "count_mismatch", details: { expected: 3, count: 2 } });
    expect(await statusOf(a.id)).toBe("entered");
    expect(await ok(transition(entering, { action: "validate", records, expectedCount: 2 }), 200)).toEqual({
      changed: 2,
      skipped: 1,
    });
  });

  it("lets a coordinator turn four-eyes off for one country, audited; nobody else", async () => {
    const before = await ok(coordinator.request({ url: "/api/v1/seizures/settings/countries" }), 200);
    expect(before).toMatchObject({ items: [] });
    const refused = await entering.request({
      method: "PUT",
      url: "/api/v1/seizures/settings/countries/TJK",
      payload: { fourEyes: false, version: 0 },
    });
    expect(refused.statusCode).toBe(403);
    const off = await ok(
      coordinator.request({
        method: "PUT",
        url: "/api/v1/seizures/settings/countries/TJK",
        payload: { fourEyes: false, version: 0 },
      }),
      200,
    );
    expect(off).toMatchObject({ country: "TJK", fourEyes: false, version: 1 });
    const stale = await coordinator.request({
      method: "PUT",
      url: "/api/v1/seizures/settings/countries/TJK",
      payload: { fourEyes: true, version: 0 },
    });
    expect(stale.statusCode).toBe(409);
    const audit = await t.ctx.audit.list({ action: "seizure.settings.update", limit: 5, offset: 0 });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ actor_id: coordinator.userId, object_id: "TJK" });
    expect(audit.items[0]?.details).toMatchObject({ changes: { fourEyes: { from: true, to: false } } });

    const tjk = await enter(entering, { quantity: 5 });
    expect((tjk.can as { validate: boolean }).validate).toBe(true);
    await ok(transition(entering, { action: "validate", records: [{ id: tjk.id, version: 1 }] }), 200);
    // Other countries keep it.
    const uzb = await enter(entering, { country: "UZB", place: "Termez" });
    const refusedUzb = await transition(entering, { action: "validate", records: [{ id: uzb.id, version: 1 }] });
    expect((refusedUzb.json() as { code: string }).code).toBe("four_eyes_required");
    const list = await ok(checking.request({ url: "/api/v1/seizures/settings/countries" }), 200);
    expect(list.items).toEqual([expect.objectContaining({ country: "TJK", fourEyes: false, version: 1 })]);
  });
});
