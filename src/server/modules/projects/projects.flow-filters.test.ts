import { beforeAll, describe, expect, it } from "vitest";
import type { Json } from "../../../../test/api-calls.js";
import { type TestClient, useTestApp } from "../../../../test/app.js";

/**
 * The cross-project "funding over time" narrowed like the statistics' pivot (issue 20): year range, country,
 * donor, pillar and theme; a filtered series agrees with the pivot's cell for the same values, under the same
 * access rules (published only, drafts for coordinators only, signed-in members).
 */
describe("ADAM funding over time, filtered", () => {
  const t = useTestApp();
  let coordinator: TestClient;
  let member: TestClient;

  const project = (partnerCode: string, extra: Json) => ({
    partnerCode,
    stage: "implementation",
    plannedStart: "2024-01-01",
    plannedEnd: "2026-12-31",
    ...extra,
  });
  const flow = (type: string, donorCode: string, amount: string, date: string) => ({
    type,
    donorCode,
    donorName: donorCode,
    amount,
    currency: "USD",
    date,
  });

  beforeAll(async () => {
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    member = await t.signIn("member", { partnerCode: "KAZ" });
    const tjk = await t.signIn("focal_point", { partnerCode: "TJK" });
    const uzb = await t.signIn("focal_point", { partnerCode: "UZB" });
    const kaz = await t.signIn("focal_point", { partnerCode: "KAZ" });
    const create = async (client: TestClient, body: Json) => {
      const r = await client.request({ method: "POST", url: "/api/v1/projects", payload: body });
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as { id: string; version: number };
    };
    const publish = async (p: { id: string; version: number }) => {
      let version = p.version;
      for (const to of ["submitted", "published"]) {
        const r = await coordinator.request({
          method: "POST",
          url: `/api/v1/projects/${p.id}/transition`,
          payload: { to, version },
        });
        expect(r.statusCode, r.body).toBe(200);
        version = r.json().version;
      }
    };
    // A: 60% Tajikistan, 40% Uzbekistan; pillars I and III; two donors.
    await publish(
      await create(
        tjk,
        project("TJK", {
          title: { en: "Border liaison offices on the Panj" },
          locations: [
            { code: "TJK", kind: "country", share: 60 },
            { code: "UZB", kind: "country", share: 40 },
          ],
          pillars: [1, 3],
          themes: ["border_control"],
          transactions: [
            flow("commitment", "USA", "1000", "2024-03-01"),
            flow("commitment", "JPN", "500", "2025-01-10"),
            flow("disbursement", "USA", "400", "2025-06-01"),
          ],
        }),
      ),
    );
    // B: Uzbekistan, pillar III, precursors.
    await publish(
      await create(
        uzb,
        project("UZB", {
          title: { en: "Precursor control laboratory in Tashkent" },
          locations: [{ code: "UZB", kind: "country", share: 100 }],
          pillars: [3],
          themes: ["precursors"],
          transactions: [
            flow("commitment", "USA", "200", "2025-02-01"),
            flow("expenditure", "USA", "50", "2026-01-15"),
          ],
        }),
      ),
    );
    // C: a draft in Kazakhstan, in no one's figures unless a coordinator includes drafts.
    await create(
      kaz,
      project("KAZ", {
        title: { en: "Canine units in Almaty" },
        locations: [{ code: "KAZ", kind: "country", share: 100 }],
        pillars: [2],
        themes: ["border_control"],
        transactions: [flow("commitment", "GBR", "999", "2025-05-05")],
      }),
    );
  });

  const flows = async (query: string, client: TestClient = member) => {
    const r = await client.request({ url: `/api/v1/projects/stats/flows?${query}` });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Json;
  };
  const pivotCell = async (query: string, row: string, column = "total") => {
    const p = (await member.request({ url: `/api/v1/projects/stats/pivot?${query}` })).json() as Json;
    const ri = p.rows.indexOf(row);
    if (column === "total") return p.rowTotals[ri];
    return p.cells[ri][p.columns.indexOf(column)];
  };

  it("offers the values present among the projects counted, and counts them all unfiltered", async () => {
    const all = await flows("interval=year");
    expect(all).toMatchObject({
      projects: 2,
      totals: { commitment: "1700.00", disbursement: "400.00", expenditure: "50.00" },
      choices: {
        years: [2024, 2025, 2026],
        countries: ["TJK", "UZB"],
        donors: ["JPN", "USA"],
        pillars: [1, 3],
        themes: ["border_control", "precursors"],
      },
    });
  });

  it("splits a project over countries, pillars and themes as the pivot does, so the two agree", async () => {
    const tjk = await flows("country=TJK");
    expect(tjk).toMatchObject({
      projects: 1,
      periods: [
        { period: "2024", commitment: "600.00", disbursement: "0.00" },
        { period: "2025", commitment: "300.00", disbursement: "240.00" },
      ],
      totals: { commitment: "900.00", disbursement: "240.00", expenditure: "0.00" },
    });
    expect(Number(tjk.totals.commitment)).toBe(await pivotCell("rows=country&measure=usd", "TJK"));
    expect(Number(tjk.totals.disbursement)).toBe(await pivotCell("rows=country&measure=disbursed_usd", "TJK"));

    // Uzbekistan and pillar III: 40% × ½ of A, all of B.
    const cell = await flows("country=uzb&pillar=3");
    expect(cell).toMatchObject({
      projects: 2,
      totals: { commitment: "500.00", disbursement: "80.00", expenditure: "50.00" },
    });
    expect(Number(cell.totals.commitment)).toBe(await pivotCell("rows=country&columns=pillar&measure=usd", "UZB", "3"));

    expect(await flows("theme=precursors")).toMatchObject({ projects: 1, totals: { commitment: "200.00" } });
    expect(await flows("pillar=2")).toMatchObject({ projects: 0, periods: [], totals: { commitment: "0.00" } });
  });

  it("keeps a donor's own transactions and the years asked for, by quarter too", async () => {
    expect(await flows("donor=USA")).toMatchObject({
      projects: 2,
      totals: { commitment: "1200.00", disbursement: "400.00", expenditure: "50.00" },
    });
    expect(await flows("donor=JPN")).toMatchObject({ projects: 1, totals: { commitment: "500.00" } });
    const y2025 = await flows("from=2025&to=2025&interval=quarter");
    expect(y2025).toMatchObject({
      projects: 2,
      totals: { commitment: "700.00", disbursement: "400.00", expenditure: "0.00" },
    });
    expect(y2025.periods.map((p: Json) => p.period)).toEqual(["2025-Q1", "2025-Q2"]);
    expect((await flows("from=2026")).periods.map((p: Json) => p.period)).toEqual(["2026"]);
    expect(await flows("donor=USA&from=2024&to=2024&country=TJK")).toMatchObject({
      projects: 1,
      totals: { commitment: "600.00" },
    });
  });

  it("refuses a reversed or unknown filter in the reader's language, under the same access rules", async () => {
    const reversed = await member.request({
      url: "/api/v1/projects/stats/flows?from=2026&to=2024",
      headers: { "accept-language": "ru" },
    });
    expect(reversed.statusCode).toBe(400);
    const problem = reversed.json();
    expect(problem.errors[0].path).toMatch(/to$/);
    expect(problem.errors[0].message).toMatch(/[а-яА-Я]/);
    for (const bad of ["pillar=5", "theme=astrology", "country=TAJIK", "from=1066"])
      expect((await member.request({ url: `/api/v1/projects/stats/flows?${bad}` })).statusCode, bad).toBe(400);
    // The draft counts for no member, filtered or not; a coordinator may include it, a member may not ask.
    expect(await flows("country=KAZ")).toMatchObject({ projects: 0, totals: { commitment: "0.00" } });
    expect(
      (await member.request({ url: "/api/v1/projects/stats/flows?includeDrafts=true&country=KAZ" })).statusCode,
    ).toBe(403);
    expect(await flows("includeDrafts=true&country=KAZ", coordinator)).toMatchObject({
      projects: 1,
      includesDrafts: true,
      totals: { commitment: "999.00" },
    });
    const visitor = await t.visitor();
    expect((await visitor.request({ url: "/api/v1/projects/stats/flows?country=TJK" })).statusCode).toBe(401);
  });
});
