import { type Kysely, sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { migrateTo, migrateToLatest } from "../../db/migrate.js";

/** ADAM funding as transactions (issue 20 part 6): entry, conversion by date, figures, access, migration. */
describe("ADAM transactions", () => {
  const t = useTestApp();
  let coordinator: TestClient;
  let tjk: TestClient;
  let uzb: TestClient;

  beforeAll(async () => {
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    tjk = await t.signIn("focal_point", { partnerCode: "TJK" });
    uzb = await t.signIn("member", { partnerCode: "UZB" });
    for (const [currency, date, usdPerUnit] of [
      ["EUR", "2025-01-01", "1.10"],
      ["EUR", "2025-06-01", "1.20"],
    ])
      expect(
        (
          await coordinator.request({
            method: "POST",
            url: "/api/v1/projects/rates",
            payload: { currency, date, usdPerUnit, source: "test" },
          })
        ).statusCode,
      ).toBe(201);
  });

  const base = {
    partnerCode: "TJK",
    title: { en: "Precursor control at Nizhny Panj" },
    stage: "implementation",
    plannedStart: "2025-01-01",
    plannedEnd: "2026-12-31",
    locations: [{ code: "TJK", kind: "country", share: 100 }],
    pillars: [3],
    themes: ["precursors"],
  };
  const flows = [
    { type: "commitment", donorCode: "DEU", donorName: "Germany", amount: "1000", currency: "EUR", date: "2025-02-01" },
    {
      type: "disbursement",
      donorCode: "DEU",
      donorName: "Germany",
      amount: "400",
      currency: "EUR",
      date: "2025-03-15",
    },
    {
      type: "disbursement",
      donorCode: "DEU",
      donorName: "Germany",
      amount: "300",
      currency: "EUR",
      date: "2025-07-01",
    },
    { type: "expenditure", donorCode: "DEU", donorName: "Germany", amount: "50", currency: "KGS", date: "2025-08-01" },
  ];

  let projectId = "";
  let version = 0;

  it("records transactions, each converted at the rate of its own date; totals list what they could not convert", async () => {
    const res = await tjk.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: { ...base, transactions: flows },
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    projectId = p.id;
    version = p.version;
    expect(
      p.transactions.map((x: { type: string; usd: string | null; rateDate: string | null }) => [
        x.type,
        x.usd,
        x.rateDate,
      ]),
    ).toEqual([
      ["commitment", "1100.00", "2025-01-01"],
      ["disbursement", "440.00", "2025-01-01"],
      // July: the June rate is in force.
      ["disbursement", "360.00", "2025-06-01"],
      ["expenditure", null, null],
    ]);
    expect(p.flowTotals).toEqual({
      commitment: { usd: "1100.00", unconverted: [] },
      disbursement: { usd: "800.00", unconverted: [] },
      expenditure: { usd: "0.00", unconverted: [{ currency: "KGS", amount: "50.00" }] },
    });
    expect(p.totalUsd).toBe("1100.00");
    expect(p.fundings).toHaveLength(1);
    const series = (await tjk.request({ url: `/api/v1/projects/${p.id}/flows?interval=quarter` })).json();
    expect(series.periods).toEqual([
      { period: "2025-Q1", commitment: "1100.00", disbursement: "440.00", expenditure: "0.00" },
      { period: "2025-Q3", commitment: "0.00", disbursement: "360.00", expenditure: "0.00" },
    ]);
    expect(series.unconverted.expenditure).toEqual([{ currency: "KGS", amount: "50.00", projects: 1 }]);
    // A rate for that date converts it again, in place.
    await coordinator.request({
      method: "POST",
      url: "/api/v1/projects/rates",
      payload: { currency: "KGS", date: "2025-08-01", usdPerUnit: "0.0115", source: "test" },
    });
    const again = (await tjk.request({ url: `/api/v1/projects/${p.id}` })).json();
    expect(again.flowTotals.expenditure).toEqual({ usd: "0.58", unconverted: [] });
  });

  it("refuses bad transactions with localized field errors and writes nothing", async () => {
    const res = await tjk.request({
      method: "POST",
      url: "/api/v1/projects",
      headers: { "accept-language": "ru" },
      payload: {
        ...base,
        transactions: [
          { type: "disbursement", donorName: "Germany", amount: "10", currency: "EUR" },
          { type: "expenditure", donorName: "Germany", amount: "1.234", currency: "EUR", date: "2025-01-01" },
          { type: "refund", donorName: "Germany", amount: "1", currency: "EUR", date: "2025-01-01" },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["body.transactions.1.amount", "body.transactions.2.type"]));
    const undated = await tjk.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: {
        ...base,
        transactions: [{ type: "disbursement", donorName: "Germany", amount: "10", currency: "EUR" }],
      },
    });
    expect(undated.statusCode).toBe(400);
    expect(undated.json().errors).toContainEqual(
      expect.objectContaining({ path: "body.transactions.0.date", code: "transaction_date_required" }),
    );
    const ru = await tjk.request({
      method: "POST",
      url: "/api/v1/projects",
      headers: { "accept-language": "ru" },
      payload: {
        ...base,
        transactions: [{ type: "expenditure", donorName: "Germany", amount: "10", currency: "EUR" }],
      },
    });
    expect(ru.json().errors[0].message).toBe("Для выплаты или расхода нужна дата");
    const both = await tjk.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: {
        ...base,
        fundings: [{ donorName: "Germany", amount: "1", currency: "EUR" }],
        transactions: flows,
      },
    });
    expect(both.statusCode).toBe(400);
    const list = (await coordinator.request({ url: "/api/v1/projects?limit=50" })).json();
    expect(list.total).toBe(1);
  });

  it("keeps disbursements and expenditures when an older client sends only fundings; a stale version is 409", async () => {
    const res = await tjk.request({
      method: "PUT",
      url: `/api/v1/projects/${projectId}`,
      payload: {
        ...base,
        version,
        fundings: [{ donorCode: "DEU", donorName: "Germany", amount: "2000", currency: "EUR", date: "2025-02-01" }],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.transactions.map((x: { type: string; amount: string }) => [x.type, x.amount])).toEqual([
      ["commitment", "2000.00"],
      ["disbursement", "400.00"],
      ["disbursement", "300.00"],
      ["expenditure", "50.00"],
    ]);
    const stale = await tjk.request({
      method: "PUT",
      url: `/api/v1/projects/${projectId}`,
      payload: { ...base, version, transactions: [] },
    });
    expect(stale.statusCode).toBe(409);
    const history = (await tjk.request({ url: `/api/v1/projects/${projectId}/history` })).json().items;
    expect(history[0].changes).toHaveProperty("transactions");
    version = p.version;
  });

  it("hides a draft's transactions from a member of another partner", async () => {
    expect((await uzb.request({ url: `/api/v1/projects/${projectId}` })).statusCode).toBe(404);
    expect((await uzb.request({ url: `/api/v1/projects/${projectId}/flows` })).statusCode).toBe(404);
    // The statistics count published projects only: the draft's money is in no figure.
    const stats = (await uzb.request({ url: "/api/v1/projects/stats/flows" })).json();
    expect(stats).toMatchObject({ projects: 0, totals: { commitment: "0.00", disbursement: "0.00" } });
    const pivot = (await uzb.request({ url: "/api/v1/projects/stats/pivot?measure=disbursed_usd" })).json();
    expect(pivot.total).toBe(0);
    expect((await uzb.request({ url: "/api/v1/projects/stats/flows?includeDrafts=true" })).statusCode).toBe(403);
  });

  it("pivots, charts and gaps by disbursed as well as committed once published", async () => {
    for (const to of ["submitted", "published"]) {
      const r = await coordinator.request({
        method: "POST",
        url: `/api/v1/projects/${projectId}/transition`,
        payload: { to, version },
      });
      expect(r.statusCode, r.body).toBe(200);
      version = r.json().version;
    }
    const paid = (
      await uzb.request({ url: "/api/v1/projects/stats/pivot?rows=donor&columns=year&measure=disbursed_usd" })
    ).json();
    expect(paid).toMatchObject({
      measure: "disbursed_usd",
      rows: ["DEU"],
      columns: ["2025"],
      cells: [[800]],
      total: 800,
    });
    const committed = (await uzb.request({ url: "/api/v1/projects/stats/pivot?rows=donor&measure=usd" })).json();
    expect(committed.total).toBe(2200);
    const spent = (await uzb.request({ url: "/api/v1/projects/stats/pivot?rows=donor&measure=spent_usd" })).json();
    expect(spent.total).toBe(0.58);
    const bad = await uzb.request({ url: "/api/v1/projects/stats/pivot?measure=refunds" });
    expect(bad.statusCode).toBe(400);
    const series = (await uzb.request({ url: "/api/v1/projects/stats/flows?interval=year" })).json();
    expect(series).toMatchObject({
      projects: 1,
      periods: [{ period: "2025", commitment: "2200.00", disbursement: "800.00", expenditure: "0.58" }],
    });
    const gaps = (await uzb.request({ url: "/api/v1/projects/gaps?measure=disbursed_usd" })).json();
    expect(gaps.measure).toBe("disbursed_usd");
    expect(gaps.byCountry.find((c: { country: string }) => c.country === "TJK")?.usd).toBe("800.00");
    const gapsCommitted = (await uzb.request({ url: "/api/v1/projects/gaps" })).json();
    expect(gapsCommitted.byCountry.find((c: { country: string }) => c.country === "TJK")?.usd).toBe("2200.00");
    expect((await uzb.request({ url: "/api/v1/projects/gaps?measure=count" })).statusCode).toBe(400);
  });

  it("saves an ADAM pivot analysis by disbursed, and refuses an unknown measure", async () => {
    const saved = await tjk.request({
      method: "POST",
      url: "/api/v1/analyses",
      payload: {
        name: "Disbursed by donor and year",
        kind: "adam.pivot",
        view: "table",
        config: { rows: "donor", columns: "year", measure: "disbursed_usd" },
      },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().config).toMatchObject({ measure: "disbursed_usd" });
    const bad = await tjk.request({
      method: "POST",
      url: "/api/v1/analyses",
      payload: { name: "x", kind: "adam.pivot", view: "table", config: { rows: "donor", measure: "refunds" } },
    });
    expect(bad.statusCode).toBe(400);
  });

  it("migration 0030 keeps every funding as a commitment: the same totals before and after", async () => {
    const db = t.ctx.database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const totals = async (table: string, filter = sql`true`) =>
      (
        await sql<{ n: number; amount: string; usd: string; projects: string }>`
          select count(*)::int as n, coalesce(sum(amount), 0)::text as amount, coalesce(sum(usd), 0)::text as usd,
            (select coalesce(sum(total_usd), 0)::text from projects) as projects
          from ${sql.table(table)} where ${filter}`.execute(db)
      ).rows[0];
    // Only commitments exist before 0030: drop the flows of this file's project for the comparison.
    await sql`delete from project_transactions where transaction_type <> 'commitment'`.execute(db);
    await migrateTo(db, "0029_report_sends_run_index");
    const { id } = (
      await sql<{ id: string }>`
      insert into projects (code, partner_code, title, stage, planned_start)
      values ('ADAM-LEGACY-30', 'KAZ', '{"en":"Legacy"}', 'implementation', '2020-01-01') returning id`.execute(db)
    ).rows[0] as { id: string };
    await sql`
      insert into project_fundings (project_id, position, donor_code, donor_name, amount, currency, commitment_date,
        usd, rate, rate_date)
      values (${id}, 0, 'JPN', 'Japan', 1000.50, 'USD', '2020-03-01', 1000.50, 1, '2020-03-01'),
             (${id}, 1, null, 'A foundation', 700, 'CHF', null, null, null, null)`.execute(db);
    await sql`update projects set total_usd = 1000.50 where id = ${id}`.execute(db);
    const before = await totals("project_fundings");
    const rowsBefore = await sql`
      select project_id, position, donor_code, donor_name, amount::text, currency, commitment_date::text as d,
        usd::text, rate::text, rate_date::text from project_fundings order by project_id, position`.execute(db);
    await migrateToLatest(db);
    const after = await totals("project_transactions", sql`transaction_type = 'commitment'`);
    expect(after).toEqual(before);
    expect(Number(before?.n)).toBeGreaterThanOrEqual(3);
    const rowsAfter = await sql`
      select project_id, position, donor_code, donor_name, amount::text, currency, transaction_date::text as d,
        usd::text, rate::text, rate_date::text from project_transactions order by project_id, position`.execute(db);
    expect(rowsAfter.rows).toEqual(rowsBefore.rows);
    const legacy = (await coordinator.request({ url: `/api/v1/projects/${id}` })).json();
    expect(legacy.transactions.map((x: { type: string; date: string | null }) => [x.type, x.date])).toEqual([
      ["commitment", "2020-03-01"],
      ["commitment", null],
    ]);
    expect(legacy.flowTotals.commitment).toEqual({
      usd: "1000.50",
      unconverted: [{ currency: "CHF", amount: "700.00" }],
    });
  });
});
