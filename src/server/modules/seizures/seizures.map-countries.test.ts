import { beforeAll, describe, expect, it } from "vitest";
import { acceptSeizureTerms, scopeToCountries } from "../../../../test/api-calls.js";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { SEIZURE_INPUT } from "../../../../test/fixtures.js";

/** The seizure map's default layer (issue 18): a per-country aggregate, cacheable per access scope. */
describe("seizure map: country layer", () => {
  const t = useTestApp();
  let member: TestClient;
  let sameScope: TestClient;
  let focal: TestClient;
  let liaison: TestClient;

  type Item = { country: string; cases: number; massKg: number };
  const byCountry = (items: Item[]) => Object.fromEntries(items.map((i) => [i.country, i.cases]));

  async function publish(by: TestClient, payload: Record<string, unknown>) {
    const created = await by.request({ method: "POST", url: "/api/v1/seizures", payload });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json();
    for (const [action, version] of [
      ["validate", 1],
      ["publish", 2],
    ] as const) {
      const res = await liaison.request({
        method: "POST",
        url: "/api/v1/seizures/transitions",
        payload: { action, records: [{ id, version }] },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    return id as string;
  }

  beforeAll(async () => {
    liaison = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    await scopeToCountries(t, liaison, ["TJK", "UZB"]);
    member = await t.signIn("member", { partnerCode: "TUR" });
    sameScope = await t.signIn("member", { partnerCode: "TUR" });
    focal = await t.signIn("focal_point", { partnerCode: "TJK" });
    for (const c of [liaison, member, sameScope, focal]) await acceptSeizureTerms(c);
  });

  it("sums per country exactly as the reader's dashboard does, with no record-level field", async () => {
    await publish(focal, { ...SEIZURE_INPUT, sharing: "members", seizureDate: "2022-03-01" });
    for (const reader of [member, focal]) {
      const res = await reader.request({ url: "/api/v1/seizures/map/countries" });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(["asOf", "items"]);
      for (const item of body.items) expect(Object.keys(item).sort()).toEqual(["cases", "country", "massKg"]);
      const dash = (await reader.request({ url: "/api/v1/seizures/dashboard" })).json();
      expect(byCountry(body.items)).toEqual(
        Object.fromEntries(dash.byCountry.filter((r: Item) => r.cases > 0).map((r: Item) => [r.country, r.cases])),
      );
      expect(body.items.length).toBeGreaterThan(0);
    }
  });

  it("counts a restricted record only for readers who may open it", async () => {
    const before = byCountry((await member.request({ url: "/api/v1/seizures/map/countries" })).json().items);
    const focalBefore = byCountry((await focal.request({ url: "/api/v1/seizures/map/countries" })).json().items);
    await publish(focal, { ...SEIZURE_INPUT, sharing: "restricted", seizureDate: "2022-04-01" });
    const after = byCountry((await member.request({ url: "/api/v1/seizures/map/countries" })).json().items);
    const focalAfter = byCountry((await focal.request({ url: "/api/v1/seizures/map/countries" })).json().items);
    expect(after).toEqual(before);
    expect(focalAfter.TJK).toBe((focalBefore.TJK ?? 0) + 1);
  });

  it("answers 304 while nothing published changed, per access scope, and a new figure after a publication", async () => {
    const first = await member.request({ url: "/api/v1/seizures/map/countries?countries=TJK" });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"mc-/);
    expect(first.headers["cache-control"]).toBe("private, no-cache");
    const again = await member.request({
      url: "/api/v1/seizures/map/countries?countries=TJK",
      headers: { "if-none-match": etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    // Another member of the same partner and scope reads the same figures (one entry per scope, not per user).
    const peer = await sameScope.request({ url: "/api/v1/seizures/map/countries?countries=TJK" });
    expect(peer.headers.etag).toBe(etag);
    // Another scope, or another filter, is another answer.
    const other = await focal.request({
      url: "/api/v1/seizures/map/countries?countries=TJK",
      headers: { "if-none-match": etag },
    });
    expect(other.statusCode).toBe(200);
    expect(other.headers.etag).not.toBe(etag);
    const otherFilter = await member.request({
      url: "/api/v1/seizures/map/countries?countries=UZB",
      headers: { "if-none-match": etag },
    });
    expect(otherFilter.statusCode).toBe(200);
    // A publication moves the aggregate's version: the old ETag no longer matches and the new record counts.
    await publish(focal, { ...SEIZURE_INPUT, sharing: "members", seizureDate: "2022-05-01" });
    const after = await member.request({
      url: "/api/v1/seizures/map/countries?countries=TJK",
      headers: { "if-none-match": etag },
    });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(byCountry(after.json().items).TJK).toBe((byCountry(first.json().items).TJK ?? 0) + 1);
  });

  it("needs a session and the DMP terms, and refuses a malformed filter", async () => {
    expect((await (await t.visitor()).request({ url: "/api/v1/seizures/map/countries" })).statusCode).toBe(401);
    const newcomer = await t.signIn("member", { partnerCode: "TUR" });
    const refused = await newcomer.request({ url: "/api/v1/seizures/map/countries" });
    expect(refused.statusCode).toBe(428);
    expect(refused.json().code).toBe("dmp_terms_required");
    const bad = await member.request({
      url: "/api/v1/seizures/map/countries?from=yesterday",
      headers: { "accept-language": "ru" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain("items");
  });
});
