import { beforeAll, describe, expect, it } from "vitest";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import type { ImportResult } from "../../../common/imports.js";
import { SPREADSHEETS } from "../../platform/files.js";

type RateFileResult = ImportResult & { imported: number; projectsUpdated: number };

/**
 * Issue 16: the exchange-rate file on the platform's import pipeline, as the web's shared import flow runs it: the
 * caller's own upload, a check job and an import job with the pipeline's report (row, column, value, reason in both
 * languages), all or nothing, a currency and date given twice refused.
 */
describe("exchange-rate files through the import pipeline", () => {
  const t = useTestApp();
  let coordinator: TestClient;
  let tjk: TestClient;
  let member: TestClient;

  beforeAll(async () => {
    coordinator = await t.signIn("coordinator");
    tjk = await t.signIn("focal_point", { partnerCode: "TJK" });
    member = await t.signIn("member", { partnerCode: "TJK" });
  });

  const upload = (client: TestClient, text: string, name = "rates.csv") =>
    t.ctx.files.save({
      data: Buffer.from(text),
      originalName: name,
      allowed: SPREADSHEETS,
      actor: { userId: client.userId, label: "test", ip: null, requestId: null },
    });
  const run = async (client: TestClient, fileId: string, dryRun: boolean): Promise<RateFileResult> => {
    const res = await client.request({
      method: "POST",
      url: "/api/v1/projects/rates/imports",
      payload: { fileId, dryRun },
    });
    expect(res.statusCode, res.body).toBe(202);
    await t.ctx.jobs.runNext();
    const job = (await client.request({ url: `/api/v1/jobs/${res.json().jobId}` })).json();
    expect(job.status, JSON.stringify(job)).toBe("succeeded");
    return job.result;
  };
  const currencies = async () =>
    ((await member.request({ url: "/api/v1/projects/rates" })).json().items as { currency: string }[]).map(
      (r) => r.currency,
    );

  it("refuses a file with bad rows, naming row, column and value, and writes nothing", async () => {
    const bad = await upload(
      coordinator,
      [
        "currency,date,usd_per_unit,source",
        "EUR,2026-01-01,1.08,ECB",
        "GBP,2026-13-01,1.27,BoE",
        "RUB,2026-01-01,-1,CBR",
        "EURO,2026-01-01,1.09,ECB",
        "EUR,2026-01-01,1.10,ECB",
      ].join("\n"),
    );
    const result = await run(coordinator, bad.id, false);
    expect(result.report.refused).toBe(true);
    expect(result.imported).toBe(0);
    expect(result.report.errors.map((e) => [e.row, e.column, e.value, e.code])).toEqual([
      [3, "date", "2026-13-01", "invalid_date"],
      [4, "usd_per_unit", "-1", "invalid_rate"],
      [5, "currency", "EURO", "invalid_currency"],
      // The same currency and date twice: the repeat is refused (the rate table holds one a day).
      [6, null, "EUR/2026-01-01", "duplicate_row"],
    ]);
    expect(result.report.errors[1]?.message.ru).toMatch(/долларов/);
    expect(await currencies()).not.toContain("EUR");
  });

  it("checks, then imports, a coordinator's own file; nobody else's, and not by others", async () => {
    const file = await upload(
      coordinator,
      "currency;date;usd_per_unit;source\nEUR;2026-01-01;1,08;ECB\nGBP;2026-01-01;1,27;BoE\n",
    );
    const check = await run(coordinator, file.id, true);
    expect(check.report).toMatchObject({ refused: false, layout: "template" });
    expect(check.imported).toBe(2);
    expect(await currencies()).not.toContain("EUR");
    const done = await run(coordinator, file.id, false);
    expect(done).toMatchObject({ imported: 2, report: { refused: false } });
    const rates = (await member.request({ url: "/api/v1/projects/rates" })).json().items;
    expect(rates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          currency: "EUR",
          date: "2026-01-01",
          usdPerUnit: expect.stringMatching(/^1\.080*$/),
        }),
        expect.objectContaining({
          currency: "GBP",
          date: "2026-01-01",
          usdPerUnit: expect.stringMatching(/^1\.270*$/),
        }),
      ]),
    );
    const audit = await t.ctx.audit.list({ action: "exchange_rate.import", limit: 10, offset: 0 });
    expect(audit.items[0]).toMatchObject({ actor_id: coordinator.userId, object_id: "rates.csv" });
    // Another coordinator's file is not found; a focal point may not import rates.
    const other = await t.signIn("coordinator");
    const res = await other.request({
      method: "POST",
      url: "/api/v1/projects/rates/imports",
      payload: { fileId: file.id },
    });
    expect(res.statusCode).toBe(404);
    const own = await upload(tjk, "currency,date,usd_per_unit,source\nCHF,2026-01-01,1.1,SNB\n");
    const refused = await tjk.request({
      method: "POST",
      url: "/api/v1/projects/rates/imports",
      payload: { fileId: own.id },
    });
    expect(refused.statusCode).toBe(403);
    expect(await currencies()).not.toContain("CHF");
  });
});
