import { beforeAll, describe, expect, it } from "vitest";
import { type TestClient, useTestApp } from "../../../../test/app.js";

describe("news: publication, members-only items, digests by pillar, RSS and Atom", () => {
  const t = useTestApp();
  let coordinator: TestClient;
  let subscriber: TestClient;
  let other: TestClient;
  beforeAll(async () => {
    coordinator = await t.signIn("coordinator");
    subscriber = await t.signIn("member", { partnerCode: "TJK" });
    other = await t.signIn("member", { partnerCode: "UZB" });
    // The subscriber follows pillar III by e-mail and in the app.
    const prefs = await subscriber.request({
      method: "PUT",
      url: "/api/v1/notifications/preferences",
      payload: { items: [{ kind: "news.pillar.3", inApp: true, email: true }] },
    });
    expect(prefs.statusCode).toBe(200);
  });

  it("publishes news and notifies only the subscribers of its pillar", async () => {
    const res = await coordinator.request({
      method: "POST",
      url: "/api/v1/news",
      payload: {
        title: {
          en: "Precursor case meeting held in Tashkent",
          ru: "В Ташкенте прошло совещание по делам о прекурсорах",
        },
        summary: { en: "Regional hubs linked three cases." },
        body: { en: "Regional hubs linked three acetic anhydride cases.", ru: "Региональные центры связали три дела." },
        pillars: [3],
      },
    });
    expect(res.statusCode).toBe(201);
    const mine = (await subscriber.request({ url: "/api/v1/notifications" })).json().items;
    expect(mine.map((n: { kind: string }) => n.kind)).toContain("news.pillar.3");
    expect(mine[0].link).toBe(`/news/${res.json().id}`);
    const theirs = (await other.request({ url: "/api/v1/notifications" })).json().items;
    expect(theirs.filter((n: { kind: string }) => n.kind.startsWith("news."))).toEqual([]);
  });

  it("keeps members-only news from visitors and from the feeds", async () => {
    const internal = (
      await coordinator.request({
        method: "POST",
        url: "/api/v1/news",
        payload: { title: { en: "Internal briefing" }, body: { en: "For partners only." }, visibility: "members" },
      })
    ).json();
    const visitor = await t.visitor();
    expect((await visitor.request({ url: `/api/v1/news/${internal.id}` })).statusCode).toBe(404);
    expect((await subscriber.request({ url: `/api/v1/news/${internal.id}` })).statusCode).toBe(200);
    expect((await visitor.request({ url: "/api/v1/news" })).json().total).toBe(1);
    expect((await subscriber.request({ url: "/api/v1/news" })).json().total).toBe(2);
    expect((await visitor.request({ url: "/api/v1/news?pillar=3" })).json().total).toBe(1);

    const rss = await visitor.request({ url: "/api/v1/news/feed.rss" });
    expect(rss.headers["content-type"]).toMatch(/application\/rss\+xml/);
    expect(rss.body).toContain("<rss");
    expect(rss.body).toContain("Precursor case meeting held in Tashkent");
    expect(rss.body).not.toContain("Internal briefing");
    const atom = await visitor.request({ url: "/api/v1/news/feed.atom?lang=ru" });
    expect(atom.headers["content-type"]).toMatch(/application\/atom\+xml/);
    expect(atom.body).toContain("В Ташкенте прошло совещание");
  });

  it("corrects an item with optimistic locking and refuses members", async () => {
    const item = (await subscriber.request({ url: "/api/v1/news" })).json().items[0];
    const ok = await coordinator.request({
      method: "PATCH",
      url: `/api/v1/news/${item.id}`,
      payload: { version: item.version, visibility: "public" },
    });
    expect(ok.json().version).toBe(item.version + 1);
    const stale = await coordinator.request({
      method: "PATCH",
      url: `/api/v1/news/${item.id}`,
      payload: { version: item.version, pillars: [1] },
    });
    expect(stale.statusCode).toBe(409);
    const denied = await subscriber.request({
      method: "POST",
      url: "/api/v1/news",
      payload: { title: { en: "x" }, body: { en: "y" } },
    });
    expect(denied.statusCode).toBe(403);
  });
});

describe("demo data of the consultative mechanism", () => {
  const t = useTestApp();

  it("seeds recommendations with reports on the 2021 EWGs, and removes them all", async () => {
    const { demoMeetings } = await import("./meetings.demo.js");
    const lines = await demoMeetings.seed(t.ctx, {});
    expect(lines[0]).toMatch(/6 recommendations/);
    const member = await t.signIn("member");
    const heat = (await member.request({ url: "/api/v1/recommendations/heatmap?pillar=2" })).json();
    expect(heat.recommendations).toHaveLength(3);
    expect(heat.cells.length).toBeGreaterThan(5);
    const progress = (await member.request({ url: "/api/v1/recommendations/progress" })).json();
    expect(progress.points.length).toBeGreaterThan(12);
    expect(await demoMeetings.remove(t.ctx)).toMatch(/removed 6 demo recommendations and 1 demo news/);
    expect((await member.request({ url: "/api/v1/recommendations" })).json().total).toBe(0);
  });
});
