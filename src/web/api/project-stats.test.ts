import { QueryClient } from "@tanstack/react-query";
import { beforeEach, describe, expect, it, vi } from "vitest";

const calls: { path: string; query: unknown }[] = [];
vi.mock("./client.js", async (original) => ({
  ...(await original<typeof import("./client.js")>()),
  api: {
    get: async (path: string, query: Record<string, string> = {}) => {
      calls.push({ path, query });
      const pivot = (name: string) => ({ rows: [name] });
      if (path === "/projects/stats/overview")
        return {
          charts: Object.fromEntries(["donor", "country", "pillar", "theme", "year"].map((d) => [d, pivot(d)])),
          table: pivot("donor×year"),
        };
      return pivot(`pivot ${query.rows}${query.columns ? `×${query.columns}` : ""} ${query.measure}`);
    },
  },
}));

const { statsPivotQuery } = await import("./project-stats.js");

describe("ADAM statistics' pivots (issue 18)", () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it("reads the first screen's six pivots with one overview request, each its own part", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } });
    const views = [
      ...["donor", "country", "pillar", "theme", "year"].map((rows) => ({ rows, measure: "usd" })),
      { rows: "donor", columns: "year", measure: "usd" },
    ];
    const got = await Promise.all(views.map((v) => client.fetchQuery(statsPivotQuery({ ...v, includeDrafts: false }))));
    expect(calls).toEqual([{ path: "/projects/stats/overview", query: {} }]);
    expect(got.map((p) => p.rows[0])).toEqual(["donor", "country", "pillar", "theme", "year", "donor×year"]);
  });

  it("asks the pivot itself for any other view, and the overview with drafts only when asked", async () => {
    const client = new QueryClient();
    await client.fetchQuery(statsPivotQuery({ rows: "donor", measure: "count" }));
    await client.fetchQuery(statsPivotQuery({ rows: "country", columns: "pillar", measure: "usd" }));
    await client.fetchQuery(statsPivotQuery({ rows: "stage", measure: "usd" }));
    await client.fetchQuery(statsPivotQuery({ rows: "theme", measure: "usd", includeDrafts: true }));
    expect(calls).toEqual([
      { path: "/projects/stats/pivot", query: { rows: "donor", measure: "count" } },
      { path: "/projects/stats/pivot", query: { rows: "country", columns: "pillar", measure: "usd" } },
      { path: "/projects/stats/pivot", query: { rows: "stage", measure: "usd" } },
      { path: "/projects/stats/overview", query: { includeDrafts: "true" } },
    ]);
  });
});
