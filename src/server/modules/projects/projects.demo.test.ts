import { beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../../test/app.js";
import type { FlowSeries, Gaps } from "../../../common/projects.js";
import { demoProjects } from "./projects.demo.js";

/** The demo data gives the planned-against-actual views something to show (issue 20, part 6). */
describe("ADAM demo transactions", () => {
  const t = useTestApp();
  beforeAll(async () => {
    await demoProjects.seed(t.ctx, {});
  });

  it("has disbursements and expenditures of published projects, converted at the rates of their dates", async () => {
    const member = await t.signIn("member", { partnerCode: "UZB" });
    const r = await member.request({ method: "GET", url: "/api/v1/projects/stats/flows?interval=year" });
    expect(r.statusCode).toBe(200);
    const flows = r.json() as FlowSeries;
    expect(flows.periods.map((p) => p.period)).toEqual(["2024", "2025", "2026"]);
    for (const type of ["commitment", "disbursement", "expenditure"] as const)
      expect(Number(flows.totals[type])).toBeGreaterThan(0);
    expect(Number(flows.totals.disbursement)).toBeLessThan(Number(flows.totals.commitment));
    expect(flows.unconverted.disbursement).toEqual([]);
    // Germany's EUR: the 2024 disbursement at 1.105, the 2025 one at 1.04.
    const list = await member.request({ method: "GET", url: "/api/v1/projects?q=Termez" });
    const id = (list.json() as { items: { id: string }[] }).items[0]?.id;
    const project = (await member.request({ method: "GET", url: `/api/v1/projects/${id}` })).json() as {
      transactions: { type: string; date: string; usd: string | null }[];
    };
    const usd = (date: string) => project.transactions.find((x) => x.type === "disbursement" && x.date === date)?.usd;
    expect([usd("2024-09-15"), usd("2025-09-15")]).toEqual(["442000.00", "416000.00"]);
    const gaps = (
      await member.request({ method: "GET", url: "/api/v1/projects/gaps?measure=disbursed_usd" })
    ).json() as Gaps;
    expect(gaps.measure).toBe("disbursed_usd");
    expect(gaps.byCountry.some((c) => Number(c.usd) > 0)).toBe(true);
  });
});
