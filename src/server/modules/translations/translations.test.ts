import { beforeAll, describe, expect, it } from "vitest";
import { type TestClient, useTestApp } from "../../../../test/app.js";

interface Entry {
  module: string;
  id: string;
  version: number;
  missing: "en" | "ru";
  fields: { name: string; text: { en?: string; ru?: string }; missing: boolean }[];
  link: string;
}

describe("translations: the queue of records missing a language, filled in place through each module", () => {
  const t = useTestApp();
  let coordinator: TestClient;
  let member: TestClient;
  let focal: TestClient;
  let meetingId: string;
  let newsId: string;

  const queue = async (query = "") => {
    const res = await coordinator.request({ url: `/api/v1/translations${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: Entry[];
      total: number;
      counts: { module: string; missing: string; count: number }[];
    };
  };

  beforeAll(async () => {
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    member = await t.signIn("member", { partnerCode: "TUR" });
    focal = await t.signIn("focal_point", { partnerCode: "USA" });
    const meeting = await coordinator.request({
      method: "POST",
      url: "/api/v1/meetings",
      payload: {
        kind: "expert_round_table",
        title: { en: "Round table on precursor control" },
        theme: { en: "Precursors", ru: "Прекурсоры" },
        pillars: [3],
        startDate: "2031-05-10",
      },
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    meetingId = meeting.json().id;
    const news = await coordinator.request({
      method: "POST",
      url: "/api/v1/news",
      payload: { title: { ru: "Совещание в Душанбе" }, body: { ru: "Текст новости.", en: "The story." }, pillars: [1] },
    });
    expect(news.statusCode, news.body).toBe(201);
    newsId = news.json().id;
  });

  it("lists a record missing Russian, by module and language, with counts and the fields to fill", async () => {
    const ru = await queue("?missing=ru");
    const entry = ru.items.find((e) => e.id === meetingId);
    expect(entry).toMatchObject({ module: "meetings", missing: "ru", version: 1, link: `/meetings/${meetingId}` });
    const title = entry?.fields.find((f) => f.name === "title");
    expect(title).toEqual({ name: "title", text: { en: "Round table on precursor control" }, missing: true });
    expect(entry?.fields.find((f) => f.name === "theme")?.missing).toBe(false);
    // The news item lacks English, not Russian.
    expect(ru.items.some((e) => e.id === newsId)).toBe(false);
    const en = await queue("?missing=en&module=news");
    expect(en.items.map((e) => [e.module, e.id])).toEqual([["news", newsId]]);
    expect(en.counts).toEqual(
      expect.arrayContaining([
        { module: "meetings", missing: "ru", count: 1 },
        { module: "news", missing: "en", count: 1 },
      ]),
    );
    // One record (the badge's link), and pagination.
    expect((await queue(`?record=${meetingId}`)).items).toHaveLength(1);
    const paged = await queue("?limit=1&offset=1");
    expect(paged.total).toBe(2);
    expect(paged.items).toHaveLength(1);
  });

  it("refuses everyone but coordinators and administrators", async () => {
    for (const client of [member, focal, await t.visitor()]) {
      const list = await client.request({ url: "/api/v1/translations" });
      expect([401, 403]).toContain(list.statusCode);
      const fill = await client.request({
        method: "PUT",
        url: `/api/v1/translations/meetings/${meetingId}`,
        payload: { version: 1, language: "ru", fields: { title: "Круглый стол" } },
      });
      expect([401, 403]).toContain(fill.statusCode);
    }
    expect((await member.request({ url: "/api/v1/translations" })).statusCode).toBe(403);
  });

  it("a stale version gets 409 (localized) and changes nothing", async () => {
    const touched = await coordinator.request({
      method: "PATCH",
      url: `/api/v1/meetings/${meetingId}`,
      payload: { version: 1, outcome: { en: "Agreed on a joint operation.", ru: "Согласована совместная операция." } },
    });
    expect(touched.statusCode, touched.body).toBe(200);
    const stale = await coordinator.request({
      method: "PUT",
      url: `/api/v1/translations/meetings/${meetingId}`,
      headers: { "accept-language": "ru" },
      payload: { version: 1, language: "ru", fields: { title: "Круглый стол по контролю над прекурсорами" } },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe("version_conflict");
    expect(stale.json().title).toMatch(/[а-я]/);
    const meeting = (await coordinator.request({ url: `/api/v1/meetings/${meetingId}` })).json();
    expect(meeting.title).toEqual({ en: "Round table on precursor control" });
    expect(meeting.version).toBe(2);
    expect((await queue(`?record=${meetingId}`)).items[0]?.version).toBe(2);
  });

  it("refuses fields the module does not translate and fields with nothing to translate", async () => {
    const unknown = await coordinator.request({
      method: "PUT",
      url: `/api/v1/translations/meetings/${meetingId}`,
      payload: { version: 2, language: "ru", fields: { kind: "x" } },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ path: "body.fields.kind", code: "unknown_field" });
    const nothing = await coordinator.request({
      method: "PUT",
      url: `/api/v1/translations/meetings/${meetingId}`,
      payload: { version: 2, language: "ru", fields: { agenda: "Повестка" } },
    });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().errors[0].code).toBe("nothing_to_translate");
    expect((await coordinator.request({ url: `/api/v1/meetings/${meetingId}` })).json().version).toBe(2);
  });

  it("filling the text saves it through the module: it leaves the queue and the history has a revision", async () => {
    const before = (await coordinator.request({ url: `/api/v1/meetings/${meetingId}/history` })).json().items;
    const res = await coordinator.request({
      method: "PUT",
      url: `/api/v1/translations/meetings/${meetingId}`,
      payload: { version: 2, language: "ru", fields: { title: "Круглый стол по контролю над прекурсорами" } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ version: 3, stillMissing: false });
    const meeting = (await coordinator.request({ url: `/api/v1/meetings/${meetingId}` })).json();
    expect(meeting.title).toEqual({
      en: "Round table on precursor control",
      ru: "Круглый стол по контролю над прекурсорами",
    });
    const history = (await coordinator.request({ url: `/api/v1/meetings/${meetingId}/history` })).json().items;
    expect(history.length).toBe(before.length + 1);
    expect(JSON.stringify(history)).toContain("Круглый стол по контролю над прекурсорами");
    const ru = await queue("?missing=ru");
    expect(ru.items.some((e) => e.id === meetingId)).toBe(false);
    expect(ru.counts.find((c) => c.module === "meetings" && c.missing === "ru")).toBeUndefined();
    // The search index was refreshed by the module: the Russian title finds the meeting.
    const found = await coordinator.request({ url: `/api/v1/search?q=${encodeURIComponent("Круглый стол")}` });
    expect(JSON.stringify(found.json())).toContain(meetingId);
  });

  it("a project's translation keeps every other field as it was", async () => {
    const created = await coordinator.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: {
        partnerCode: "USA",
        title: { en: "Border liaison offices on the Tajik-Afghan border" },
        summary: { en: "Equipment and training for border liaison offices." },
        stage: "implementation",
        themes: ["border_control"],
        pillars: [1],
        fundings: [{ donorName: "United States (INL)", donorCode: "USA", amount: "1500000", currency: "USD" }],
        locations: [{ code: "TJK", kind: "country", share: 100 }],
        organizations: [{ role: "implementing", name: "UNODC" }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const project = created.json();
    const entry = (await queue(`?module=projects&record=${project.id}`)).items[0];
    expect(entry?.fields.map((f) => [f.name, f.missing])).toEqual([
      ["title", true],
      ["summary", true],
    ]);
    const half = await coordinator.request({
      method: "PUT",
      url: `/api/v1/translations/projects/${project.id}`,
      payload: { version: project.version, language: "ru", fields: { title: "Пункты пограничной связи" } },
    });
    expect(half.statusCode, half.body).toBe(200);
    expect(half.json().stillMissing).toBe(true);
    const after = (await coordinator.request({ url: `/api/v1/projects/${project.id}` })).json();
    expect(after.title).toEqual({ en: project.title.en, ru: "Пункты пограничной связи" });
    const { title: _a, version: _b, updatedAt: _c, ...rest } = after;
    const { title: _d, version: _e, updatedAt: _f, ...was } = project;
    expect(rest).toEqual(was);
    expect((await queue(`?module=projects&record=${project.id}`)).items).toHaveLength(1);
  });
});
