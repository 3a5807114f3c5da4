import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestClient, useTestApp } from "../../../../test/app.js";

describe("a recommendation's life: EWG → PCGM endorsement → implementation reports → stock-taking", () => {
  const t = useTestApp();
  let coordinator: TestClient;
  let focalTjk: TestClient;
  let member: TestClient;
  let visitor: TestClient;
  let ewg: { id: string };
  let pcgm: { id: string };
  let later: { id: string };
  let rec: { id: string; version: number; text: { en?: string; ru?: string } };

  /** `client` reports on the recommendation under test, or moves it on (`lang`: the language of the answer). */
  const report = (client: TestClient, payload: object) =>
    client.request({ method: "POST", url: `/api/v1/recommendations/${rec.id}/reports`, payload });
  const transition = (client: TestClient, payload: object, lang?: string) =>
    client.request({
      method: "POST",
      url: `/api/v1/recommendations/${rec.id}/transitions`,
      payload,
      ...(lang ? { headers: { "accept-language": lang } } : {}),
    });
  /** An expert working group on pillar II, as the meetings API takes it. */
  const pillarTwoEwg = (number: number, title: string, startDate: string) => ({
    kind: "ewg",
    number,
    title: { en: title },
    pillars: [2],
    startDate,
  });
  const create = async (payload: object) => {
    const res = await coordinator.request({ method: "POST", url: "/api/v1/meetings", payload });
    expect(res.statusCode).toBe(201);
    return res.json();
  };

  beforeAll(async () => {
    coordinator = await t.signIn("coordinator");
    focalTjk = await t.signIn("focal_point", { partnerCode: "TJK" });
    member = await t.signIn("member", { partnerCode: "UZB" });
    visitor = await t.visitor();
    ewg = await create(pillarTwoEwg(40, "EWG 40: Illicit financial flows", "2030-03-01"));
    pcgm = await create({
      kind: "pcgm",
      number: 20,
      title: { en: "Twentieth PCGM", ru: "Двадцатое СГКП" },
      startDate: "2030-11-15",
    });
    later = await create({ ...pillarTwoEwg(41, "EWG 41: stock-taking", "2031-06-01"), stocktaking: true });
  });

  it("records a draft at its EWG, hidden from visitors", async () => {
    const res = await coordinator.request({
      method: "POST",
      url: "/api/v1/recommendations",
      payload: {
        meetingId: ewg.id,
        number: "1",
        text: {
          en: "Disrupt contactless drug purchases paid with virtual assets",
          ru: "Пресекать бесконтактные закупки наркотиков с оплатой виртуальными активами",
        },
        pillar: 2,
        themes: ["virtual assets"],
        commitments: ["II.1", "II.4"],
        priority: true,
      },
    });
    expect(res.statusCode).toBe(201);
    rec = res.json();
    expect(rec).toMatchObject({ status: "draft", priority: true, commitments: ["II.1", "II.4"] });
    expect((await visitor.request({ url: `/api/v1/recommendations/${rec.id}` })).statusCode).toBe(404);
    expect((await member.request({ url: `/api/v1/recommendations/${rec.id}` })).statusCode).toBe(200);
    const dup = await coordinator.request({
      method: "POST",
      url: "/api/v1/recommendations",
      payload: { meetingId: ewg.id, number: "1", text: { en: "x" }, pillar: 2 },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0]).toMatchObject({ path: "body.number", code: "number_taken" });

    // An update that names only the text keeps the priority, the themes and the commitments.
    const edited = await coordinator.request({
      method: "PATCH",
      url: `/api/v1/recommendations/${rec.id}`,
      payload: { version: rec.version, text: { ...rec.text, en: `${rec.text.en}.` } },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      priority: true,
      themes: ["virtual assets"],
      commitments: ["II.1", "II.4"],
    });
    rec = edited.json();
  });

  it("refuses reports and impossible steps before adoption; adopts and endorses with dates", async () => {
    const early = await report(focalTjk, { partnerCode: "TJK", status: "partial" });
    expect(early.statusCode).toBe(409);
    const skip = await transition(coordinator, { to: "implemented", version: rec.version }, "ru");
    expect(skip.statusCode).toBe(409);
    expect(skip.json()).toMatchObject({ code: "invalid_transition", details: { from: "draft" } });
    expect(skip.json().title).toMatch(/невозможен/);

    const adopted = await transition(coordinator, { to: "adopted", on: "2030-03-02", version: rec.version });
    expect(adopted.statusCode).toBe(200);
    const noPcgm = await transition(coordinator, {
      to: "endorsed",
      meetingId: later.id,
      version: adopted.json().version,
    });
    expect(noPcgm.statusCode).toBe(400);
    expect(noPcgm.json().errors[0]).toMatchObject({ path: "body.meetingId", code: "endorsing_meeting_required" });
    const endorsed = await transition(coordinator, {
      to: "endorsed",
      meetingId: pcgm.id,
      version: adopted.json().version,
    });
    expect(endorsed.statusCode).toBe(200);
    const body = endorsed.json();
    expect(body.status).toBe("endorsed");
    expect(body.endorsedBy).toMatchObject({ id: pcgm.id, title: { en: "Twentieth PCGM" } });
    expect(body.transitions.map((x: { to: string; on: string }) => `${x.to}@${x.on}`)).toEqual([
      "draft@2030-03-01",
      "adopted@2030-03-02",
      "endorsed@2030-11-15",
    ]);
    expect(body.transitions[2].actorName).toMatch(/Test coordinator/);
    // The next step cannot be dated before the endorsement; nothing changes, and the reason is in Russian.
    const backwards = await transition(
      coordinator,
      { to: body.allowedTransitions[0], on: "2030-06-01", version: body.version },
      "ru",
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0]).toMatchObject({ path: "body.on", code: "transition_before_previous" });
    expect(backwards.json().errors[0].message).toContain("раньше предыдущего этапа");
    expect(backwards.json().errors[0].message).toContain("2030-11-15");
    expect((await coordinator.request({ url: `/api/v1/recommendations/${rec.id}` })).json()).toMatchObject({
      status: "endorsed",
      version: body.version,
    });
    rec = body;
    // Now public.
    expect((await visitor.request({ url: `/api/v1/recommendations/${rec.id}` })).json().reports).toEqual([]);
  });

  it("takes implementation reports from the partner's focal point and from coordinators, marked", async () => {
    const other = await report(focalTjk, { partnerCode: "KAZ", status: "done" });
    expect(other.statusCode).toBe(403);
    const unknown = await report(coordinator, { partnerCode: "XXX", status: "done" });
    expect(unknown.statusCode).toBe(400);
    const own = await report(focalTjk, {
      partnerCode: "TJK",
      status: "partial",
      narrative: { ru: "Создана межведомственная рабочая группа" },
      evidence: [{ label: "Order No. 12", url: "https://example.org/order-12" }],
    });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ partnerCode: "TJK", byCoordinator: false });
    const coord = await report(coordinator, { partnerCode: "KAZ", status: "done" });
    expect(coord.json().byCoordinator).toBe(true);
    const memberReport = await report(member, { partnerCode: "UZB", status: "done" });
    expect(memberReport.statusCode).toBe(403);

    const detail = (await member.request({ url: `/api/v1/recommendations/${rec.id}` })).json();
    expect(
      detail.latestByPartner.map((r: { partnerCode: string; status: string }) => `${r.partnerCode}:${r.status}`),
    ).toEqual(["KAZ:done", "TJK:partial"]);
    expect((await visitor.request({ url: `/api/v1/recommendations/${rec.id}` })).json().reports).toEqual([]);
  });

  it("draws the heatmap and the progress over time", async () => {
    const heat = (await member.request({ url: "/api/v1/recommendations/heatmap?pillar=2" })).json();
    expect(heat.partners).toEqual(["KAZ", "TJK"]);
    expect(heat.cells).toEqual(
      expect.arrayContaining([
        [0, 0, 2],
        [0, 1, 1],
      ]),
    );
    const progress = (await member.request({ url: "/api/v1/recommendations/progress?pillar=2" })).json();
    expect(progress.points.at(-1)).toMatchObject({ done: 1, partial: 1, notStarted: 0 });
    expect((await visitor.request({ url: "/api/v1/recommendations/heatmap" })).statusCode).toBe(401);
  });

  it("freezes a stock-taking snapshot that stays readable after later reports", async () => {
    const snap = await coordinator.request({
      method: "POST",
      url: `/api/v1/meetings/${later.id}/snapshots`,
      payload: { pillar: 2 },
    });
    expect(snap.statusCode).toBe(201);
    const snapshot = snap.json();
    expect(snapshot.items).toHaveLength(1);
    expect(snapshot.items[0].reports.map((r: { status: string }) => r.status).sort()).toEqual(["done", "partial"]);
    const again = await coordinator.request({
      method: "POST",
      url: `/api/v1/meetings/${later.id}/snapshots`,
      payload: { pillar: 2 },
    });
    expect(again.statusCode).toBe(409);

    await report(focalTjk, { partnerCode: "TJK", status: "done" });
    const read = (await member.request({ url: `/api/v1/snapshots/${snapshot.id}` })).json();
    expect(read.items[0].reports.find((r: { partnerCode: string }) => r.partnerCode === "TJK").status).toBe("partial");
    const meeting = (await member.request({ url: `/api/v1/meetings/${later.id}` })).json();
    expect(meeting.snapshots).toMatchObject([{ id: snapshot.id, pillar: 2, recommendationCount: 1 }]);
  });

  it("finds recommendations by full text in both languages, by partner, and in the global search", async () => {
    const en = (await visitor.request({ url: "/api/v1/recommendations?q=purchase" })).json();
    expect(en.items.map((r: { id: string }) => r.id)).toEqual([rec.id]);
    const ru = (
      await visitor.request({ url: `/api/v1/recommendations?q=${encodeURIComponent("закупка активов")}` })
    ).json();
    expect(ru.items.map((r: { id: string }) => r.id)).toEqual([rec.id]);
    const byPartner = (await member.request({ url: "/api/v1/recommendations?partner=kaz" })).json();
    expect(byPartner.total).toBe(1);
    const global = (await visitor.request({ url: "/api/v1/search?q=contactless&type=recommendation" })).json();
    expect(global.items[0]).toMatchObject({
      entityType: "recommendation",
      entityId: rec.id,
      url: `/recommendations/${rec.id}`,
    });
    expect(await t.ctx.meetings.getRecommendationSummary(rec.id)).toMatchObject({ id: rec.id, status: "endorsed" });
  });

  it("exports XLSX and CSV (formula-safe)", async () => {
    const xlsx = await member.request({ url: "/api/v1/recommendations/export?format=xlsx&pillar=2" });
    expect(xlsx.headers["content-type"]).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(2).getCell(3).value).toBe("1");
    expect(ws?.getRow(2).getCell(12).value).toBe(2); // done: KAZ and now TJK
    const csv = await visitor.request({
      url: "/api/v1/recommendations/export?format=csv",
      headers: { "accept-language": "ru" },
    });
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.body).toContain("Совещание");
    expect(csv.body).toContain("Пресекать");
  });

  it("supersedes a recommendation only with a successor, and keeps revisions", async () => {
    const successor = (
      await coordinator.request({
        method: "POST",
        url: "/api/v1/recommendations",
        payload: { meetingId: later.id, number: "1", text: { en: "Successor" }, pillar: 2 },
      })
    ).json();
    const current = (await coordinator.request({ url: `/api/v1/recommendations/${rec.id}` })).json();
    const without = await transition(coordinator, { to: "superseded", version: current.version });
    expect(without.statusCode).toBe(400);
    // Dated after the endorsement (2030-11-15): today would read backwards and is refused.
    const ok = await transition(coordinator, {
      to: "superseded",
      successorId: successor.id,
      note: "Replaced at EWG 41",
      on: "2030-12-01",
      version: current.version,
    });
    expect(ok.json()).toMatchObject({ status: "superseded", successorId: successor.id, allowedTransitions: [] });
    const history = (await member.request({ url: `/api/v1/recommendations/${rec.id}/history` })).json().items;
    expect(history[0]).toMatchObject({ action: "transition" });
    expect(history[0].changes.status).toEqual({ from: "endorsed", to: "superseded" });
    // A step records what it changed, nothing read alongside it (meeting title, report count…).
    for (const entry of history.filter((h: { action: string }) => h.action === "transition")) {
      expect(Object.keys(entry.changes).sort()).not.toContain("meeting_title");
      expect(Object.keys(entry.changes)).not.toContain("report_count");
    }
    expect(Object.keys(history[0].changes).sort()).toEqual(["status", "successor_id"]);
  });
});
