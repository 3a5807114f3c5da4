import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../../test/app.js";
import { loadReferenceData } from "../../reference/load.js";

describe("partnership reference data through the API", () => {
  const t = useTestApp();

  it("lists 58 countries and 23 organizations", async () => {
    const all = (await t.app.inject({ url: "/api/v1/partners" })).json();
    expect(all.counts).toEqual({ country: 58, organization: 23 });
    expect(all.total).toBe(81);
    const orgs = (await t.app.inject({ url: "/api/v1/partners?kind=organization" })).json();
    expect(orgs.items).toHaveLength(23);
    expect(orgs.items.map((p: { code: string }) => p.code)).toContain("CARICC");
    const since2012 = all.items.filter(
      (p: { sinceThirdMinisterialConference: boolean }) => p.sinceThirdMinisterialConference,
    );
    expect(since2012.map((p: { code: string }) => p.code).sort()).toEqual(["ARE", "AUS", "CHN", "EAG", "GCC-CICCD"]);
  });

  it("filters partners by a name in either language", async () => {
    const ru = (await t.app.inject({ url: `/api/v1/partners?q=${encodeURIComponent("таджик")}` })).json();
    expect(ru.items.map((p: { code: string }) => p.code)).toEqual(["TJK"]);
    const en = (await t.app.inject({ url: "/api/v1/partners?q=kyrgyz" })).json();
    expect(en.items.map((p: { code: string }) => p.code)).toEqual(["KGZ"]);
  });

  it("shows a partner page with its routes and an unknown partner as 404", async () => {
    const tur = await t.app.inject({ url: "/api/v1/partners/tur" });
    expect(tur.statusCode).toBe(200);
    expect(tur.json().routes.map((r: { code: string }) => r.code)).toContain("balkan");
    expect(tur.json().sections).toEqual([]);
    expect((await t.app.inject({ url: "/api/v1/partners/XYZ" })).statusCode).toBe(404);
  });

  it("has 4 pillars and the 32 numbered commitments of the Vienna Declaration", async () => {
    const pillars = (await t.app.inject({ url: "/api/v1/pillars" })).json().items;
    expect(pillars.map((p: { commitmentCount: number }) => p.commitmentCount)).toEqual([9, 6, 10, 7]);
    const three = (await t.app.inject({ url: "/api/v1/pillars/3" })).json();
    expect(three.commitments.map((c: { code: string }) => c.code)).toEqual(
      Array.from({ length: 10 }, (_, i) => `III.${i + 1}`),
    );
    expect((await t.app.inject({ url: "/api/v1/commitments" })).json().items).toHaveLength(32);
    expect((await t.app.inject({ url: "/api/v1/pillars/5" })).statusCode).toBe(400);
  });

  it("lists the three routes with countries, partners or not", async () => {
    const routes = (await t.app.inject({ url: "/api/v1/routes" })).json().items;
    expect(routes.map((r: { code: string }) => r.code).sort()).toEqual(["balkan", "northern", "southern"]);
    const southern = routes.find((r: { code: string }) => r.code === "southern");
    const tza = southern.countries.find((c: { code: string }) => c.code === "TZA");
    expect(tza).toMatchObject({ isPartner: false });
    expect(tza.name.en).toMatch(/Tanzania/);
  });

  it("describes the programme: three components, donors, liaison posts", async () => {
    const programme = (await t.app.inject({ url: "/api/v1/programme" })).json();
    expect(programme.components.map((c: { code: string }) => c.code)).toEqual([
      "consultative_mechanism",
      "liaison_officer_network",
      "information_management",
    ]);
    expect(programme.donors.length).toBeGreaterThan(0);
    expect(programme.liaisonPosts.map((p: { code: string }) => p.code)).toContain("tashkent");
  });

  it("reloads reference data idempotently: nothing changes the second time", async () => {
    const before = await t.ctx.revisions.history("partner", (await t.ctx.partners.list({})).items[0]?.id ?? "");
    const report = await loadReferenceData(t.ctx);
    for (const counts of Object.values(report)) {
      expect(counts.inserted + counts.updated).toBe(0);
    }
    expect(report.partners?.unchanged).toBe(81);
    expect(report.commitments?.unchanged).toBe(32);
    const after = await t.ctx.revisions.history("partner", (await t.ctx.partners.list({})).items[0]?.id ?? "");
    expect(after).toHaveLength(before.length);
    expect(before).toHaveLength(1);
  });

  it("answers reference lists with an ETag and 304 when the client has them", async () => {
    const first = await t.app.inject({ url: "/api/v1/pillars" });
    expect(first.statusCode).toBe(200);
    expect(first.headers["content-type"]).toMatch(/^application\/json/);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await t.app.inject({ url: "/api/v1/pillars", headers: { "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    const other = await t.app.inject({ url: "/api/v1/pillars", headers: { "if-none-match": '"stale"' } });
    expect(other.statusCode).toBe(200);
    expect(other.json().items).toHaveLength(4);
  });

  it("puts partners in the global search, in both languages", async () => {
    const ru = (await t.app.inject({ url: `/api/v1/search?q=${encodeURIComponent("Таджикистан")}` })).json();
    expect(ru.items[0]).toMatchObject({ entityType: "partner", entityId: "TJK", url: "/partners/TJK" });
    const en = (await t.app.inject({ url: "/api/v1/search?q=Uzbekistan" })).json();
    expect(en.items.some((i: { entityId: string }) => i.entityId === "UZB")).toBe(true);
  });
});

describe("correcting a partner: optimistic locking, history, audit", () => {
  const t = useTestApp();

  it("lets a coordinator correct a name, keeps the revision, and refuses a stale write with 409", async () => {
    const alice = await t.signIn("coordinator");
    const bob = await t.signIn("coordinator");
    const read = (await alice.request({ url: "/api/v1/partners/MKD" })).json();
    expect(read.version).toBe(1);

    const first = await alice.request({
      method: "PATCH",
      url: "/api/v1/partners/MKD",
      payload: { version: read.version, name: { en: "North Macedonia", ru: "Республика Северная Македония" } },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, name: { ru: "Республика Северная Македония" } });

    const stale = await bob.request({
      method: "PATCH",
      url: "/api/v1/partners/MKD",
      payload: { version: read.version, region: "central_asia" },
      headers: { "accept-language": "ru" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: "version_conflict", details: { current: { version: 2 } } });
    expect(stale.json().title).toMatch(/изменил/);
    const unchanged = (await bob.request({ url: "/api/v1/partners/MKD" })).json();
    expect(unchanged.region).toBe(read.region);

    const listed = (await bob.request({ url: "/api/v1/partners?kind=country" })).json().items;
    expect(listed.find((p: { code: string }) => p.code === "MKD").name.ru).toBe("Республика Северная Македония");

    const history = (await bob.request({ url: "/api/v1/partners/MKD/history" })).json().items;
    expect(history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    expect(history[0].changes.name.to.ru).toBe("Республика Северная Македония");
    expect(history[0].actorName).toMatch(/Test coordinator/);
    const audit = await t.ctx.audit.list({ action: "partner.update", limit: 5, offset: 0 });
    expect(audit.items).toHaveLength(1);
  });

  it("refuses the edit to a member and bad input to a coordinator, changing nothing", async () => {
    const member = await t.signIn("member");
    const denied = await member.request({
      method: "PATCH",
      url: "/api/v1/partners/TJK",
      payload: { version: 1, region: "x" },
    });
    expect(denied.statusCode).toBe(403);
    const coordinator = await t.signIn("coordinator");
    const empty = await coordinator.request({ method: "PATCH", url: "/api/v1/partners/TJK", payload: { version: 1 } });
    expect(empty.statusCode).toBe(400);
    const blank = await coordinator.request({
      method: "PATCH",
      url: "/api/v1/partners/TJK",
      payload: { version: 1, name: { en: " ", ru: "Таджикистан" } },
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].path).toBe("body.name.en");
    expect((await coordinator.request({ url: "/api/v1/partners/TJK" })).json().version).toBe(1);
    const missing = await coordinator.request({
      method: "PATCH",
      url: "/api/v1/partners/XXX",
      payload: { version: 1, region: "x" },
    });
    expect(missing.statusCode).toBe(404);
  });
});
