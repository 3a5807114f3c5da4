import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { binaryUpload } from "../../../../test/imports.js";

const ENGLISH = {
  title: { en: "Border liaison offices on the Tajik-Afghan border" },
  summary: {
    en: "Equipment and training for border liaison offices and mobile interagency teams at the Panj crossing points; canine units and x-ray scanners for the Tajik Border Guard.",
  },
  stage: "implementation",
  plannedStart: "2026-01-01",
  plannedEnd: "2027-12-31",
  themes: ["border_control", "training"],
  pillars: [1],
  commitments: [],
  dacCodes: ["16063"],
  fundings: [{ donorName: "United States (INL)", donorCode: "USA", amount: "1500000", currency: "USD" }],
  locations: [{ code: "TJK", kind: "country", share: 100 }],
  organizations: [
    { role: "implementing", name: "UNODC" },
    { role: "beneficiary", name: "Border Guard of Tajikistan" },
  ],
};

const RUSSIAN = {
  title: { ru: "Пункты пограничной связи на таджикско-афганской границе" },
  summary: {
    ru: "Оборудование и обучение для пунктов пограничной связи и мобильных межведомственных групп на пунктах пропуска Пяндж; кинологические подразделения и рентгеновские сканеры для пограничных войск Таджикистана.",
  },
  stage: "implementation",
  plannedStart: "2026-03-01",
  plannedEnd: "2027-12-31",
  themes: ["border_control", "training"],
  pillars: [1],
  dacCodes: ["16063"],
  fundings: [{ donorName: "Япония", donorCode: "JPN", amount: "1200000.50", currency: "EUR" }],
  locations: [{ code: "TJK", kind: "country" }],
  organizations: [
    { role: "implementing", name: "УНП ООН" },
    { role: "beneficiary", name: "Пограничные войска Таджикистана" },
  ],
};

describe("ADAM projects", () => {
  const t = useTestApp();
  let coordinator: TestClient;
  let usa: TestClient;
  let tjk: TestClient;
  let member: TestClient;
  let english: { id: string; version: number };
  let russian: { id: string; version: number };

  beforeAll(async () => {
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    usa = await t.signIn("focal_point", { partnerCode: "USA" });
    tjk = await t.signIn("focal_point", { partnerCode: "TJK" });
    member = await t.signIn("member", { partnerCode: "TUR" });
  });

  it("stores a coordinator's exchange rate and refuses one from a focal point", async () => {
    const ok = await coordinator.request({
      method: "POST",
      url: "/api/v1/projects/rates",
      payload: { currency: "eur", date: "2026-01-01", usdPerUnit: "1.0850000000", source: "ECB reference rate" },
    });
    expect(ok.statusCode).toBe(201);
    const no = await tjk.request({
      method: "POST",
      url: "/api/v1/projects/rates",
      payload: { currency: "EUR", date: "2026-01-01", usdPerUnit: "2", source: "x" },
    });
    expect(no.statusCode).toBe(403);
  });

  it("lets a focal point create their partner's project, not another's, and not a member", async () => {
    const res = await usa.request({ method: "POST", url: "/api/v1/projects", payload: ENGLISH });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ partnerCode: "USA", workflow: "draft", totalUsd: "1500000.00", can: { edit: true } });
    expect(p.code).toMatch(/^ADAM-\d{4}-\d{5}$/);
    english = p;
    const foreign = await usa.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: { ...ENGLISH, partnerCode: "JPN" },
    });
    expect(foreign.statusCode).toBe(403);
    const byMember = await member.request({ method: "POST", url: "/api/v1/projects", payload: ENGLISH });
    expect(byMember.statusCode).toBe(403);
  });

  it("refuses bad input with field errors and changes nothing", async () => {
    const res = await usa.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: {
        ...ENGLISH,
        plannedEnd: "2025-01-01",
        commitments: ["I.99"],
        fundings: [{ donorName: "x", amount: "1.234", currency: "USD" }],
      },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toContain("body.fundings.0.amount");
    const bad = await usa.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: { ...ENGLISH, plannedEnd: "2025-01-01", commitments: ["I.99"] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { code: string }) => e.code)).toEqual(
      expect.arrayContaining(["unknown_commitment", "end_before_start"]),
    );
    const list = await coordinator.request({ url: "/api/v1/projects" });
    expect(list.json().total).toBe(1);
  });

  it("publishes through the workflow: submit by the focal point, publish by a coordinator", async () => {
    const early = await usa.request({
      method: "POST",
      url: `/api/v1/projects/${english.id}/transition`,
      payload: { to: "published", version: 1 },
    });
    expect(early.statusCode).toBe(409);
    const submit = await usa.request({
      method: "POST",
      url: `/api/v1/projects/${english.id}/transition`,
      payload: { to: "submitted", version: 1 },
    });
    expect(submit.statusCode, submit.body).toBe(200);
    const publishByFocal = await usa.request({
      method: "POST",
      url: `/api/v1/projects/${english.id}/transition`,
      payload: { to: "published", version: 2 },
    });
    expect(publishByFocal.statusCode).toBe(403);
    const publish = await coordinator.request({
      method: "POST",
      url: `/api/v1/projects/${english.id}/transition`,
      payload: { to: "published", version: 2 },
    });
    expect(publish.json()).toMatchObject({ workflow: "published", version: 3 });
    english = publish.json();
  });

  it("alerts on save across languages, explains the alert, notifies both focal points", async () => {
    const res = await tjk.request({ method: "POST", url: "/api/v1/projects", payload: RUSSIAN });
    expect(res.statusCode, res.body).toBe(201);
    russian = res.json();
    // USD value at the stored rate, in integer arithmetic: 1 200 000.50 × 1.085 = 1 302 000.5425 → 1 302 000.54
    expect(res.json().fundings[0]).toMatchObject({ usd: "1302000.54", rate: "1.0850000000", rateDate: "2026-01-01" });
    const alerts = await tjk.request({ url: "/api/v1/projects/duplicates" });
    expect(alerts.statusCode).toBe(200);
    const items = alerts.json().items;
    expect(items).toHaveLength(1);
    expect(items[0].score).toBeGreaterThan(0.6);
    expect(items[0].explanation.en).toContain("same country Tajikistan");
    expect(items[0].explanation.en).toMatch(/dates overlap \d+%/);
    expect(items[0].explanation.en).toMatch(/text similarity 0\.\d+/);
    // Donors by their code in the controlled list (the card names them in the reader's language), not as typed.
    expect(items[0].projects.map((p: { donors: string[] }) => p.donors).sort()).toEqual([["JPN"], ["USA"]]);
    for (const client of [tjk, usa]) {
      const n = await client.request({ url: "/api/v1/notifications" });
      expect(JSON.stringify(n.json())).toContain("duplication");
    }
    // A member of a third partner sees no alert.
    expect((await member.request({ url: "/api/v1/projects/duplicates" })).statusCode).toBe(403);
  });

  it("labels an alert with optimistic locking; the label is kept", async () => {
    const alert = (await tjk.request({ url: "/api/v1/projects/duplicates" })).json().items[0];
    const res = await tjk.request({
      method: "POST",
      url: `/api/v1/projects/duplicates/${alert.id}/label`,
      payload: { label: "cofinancing", version: alert.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().label).toBe("cofinancing");
    const stale = await usa.request({
      method: "POST",
      url: `/api/v1/projects/duplicates/${alert.id}/label`,
      payload: { label: "duplicate", version: alert.version },
    });
    expect(stale.statusCode).toBe(409);
    const labelled = await coordinator.request({ url: "/api/v1/projects/duplicates?status=labelled" });
    expect(labelled.json().items[0].label).toBe("cofinancing");
    const model = await coordinator.request({ url: "/api/v1/projects/duplicates/model" });
    expect(model.json()).toMatchObject({ labelled: 1 });
  });

  it("keeps a revision history and answers a stale update with 409 and the current record", async () => {
    const ok = await tjk.request({
      method: "PUT",
      url: `/api/v1/projects/${russian.id}`,
      payload: {
        ...RUSSIAN,
        title: { ru: RUSSIAN.title.ru, en: "Border liaison offices (TJK)" },
        version: russian.version,
      },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await tjk.request({
      method: "PUT",
      url: `/api/v1/projects/${russian.id}`,
      payload: { ...RUSSIAN, version: russian.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.current.title.en).toBe("Border liaison offices (TJK)");
    const history = await tjk.request({ url: `/api/v1/projects/${russian.id}/history` });
    expect(history.json().items.map((r: { action: string }) => r.action)).toEqual(["update", "create"]);
    expect(history.json().items[0].changes.title).toBeTruthy();
    // Another partner's focal point cannot edit it (and does not see the draft).
    const other = await usa.request({
      method: "PUT",
      url: `/api/v1/projects/${russian.id}`,
      payload: { ...RUSSIAN, version: 2 },
    });
    expect(other.statusCode).toBe(404);
  });

  it("searches in both languages with stemming, facets and visibility", async () => {
    const ru = await coordinator.request({ url: `/api/v1/projects?q=${encodeURIComponent("граница")}` });
    expect(ru.json().items.map((p: { id: string }) => p.id)).toContain(russian.id);
    const en = await coordinator.request({ url: "/api/v1/projects?q=scanner&sort=budget" });
    expect(en.json().items.map((p: { id: string }) => p.id)).toContain(english.id);
    const facets = (await coordinator.request({ url: "/api/v1/projects" })).json().facets;
    expect(facets.country).toEqual([{ value: "TJK", count: 2 }]);
    expect(facets.theme.map((f: { value: string }) => f.value)).toContain("border_control");
    // A member of another partner sees the published project only.
    const seen = (await member.request({ url: "/api/v1/projects" })).json();
    expect(seen.items.map((p: { id: string }) => p.id)).toEqual([english.id]);
    const saved = await member.request({
      method: "POST",
      url: "/api/v1/projects/saved-searches",
      payload: { name: "TJK border", query: { country: "TJK", theme: "border_control" } },
    });
    expect(saved.statusCode).toBe(201);
    expect((await member.request({ url: "/api/v1/projects/saved-searches" })).json().items).toHaveLength(1);
  });

  it("records needs and shows the gap view per country and pillar", async () => {
    const need = await tjk.request({
      method: "POST",
      url: "/api/v1/projects/needs",
      payload: {
        country: "TJK",
        pillar: 1,
        theme: "border_control",
        description: { ru: "Оснащение пунктов пропуска на границе с Афганистаном" },
        priority: "high",
        periodStart: "2026-01-01",
        periodEnd: "2027-06-30",
      },
    });
    expect(need.statusCode, need.body).toBe(201);
    const open = await tjk.request({
      method: "POST",
      url: "/api/v1/projects/needs",
      payload: {
        country: "TJK",
        pillar: 3,
        theme: "precursors",
        description: { en: "Precursor lab" },
        priority: "medium",
        periodStart: "2026-01-01",
        periodEnd: "2026-12-31",
      },
    });
    expect(open.statusCode).toBe(201);
    const gaps = (await coordinator.request({ url: "/api/v1/projects/gaps" })).json();
    const byTheme = Object.fromEntries(
      gaps.needs.map((n: { theme: string; coverage: string }) => [n.theme, n.coverage]),
    );
    expect(byTheme).toEqual({ border_control: "covered", precursors: "open" });
    expect(gaps.byPillar.find((p: { pillar: number }) => p.pillar === 1)).toMatchObject({
      needs: 1,
      covered: 1,
      // The Russian project is a draft: the gap view counts published projects only.
      projects: 1,
    });
    const bad = await member.request({ method: "POST", url: "/api/v1/projects/needs", payload: {} });
    expect(bad.statusCode).toBe(403);
  });

  it("builds pivots and exports them as CSV and XLSX", async () => {
    const json = (
      await coordinator.request({
        url: "/api/v1/projects/stats/pivot?rows=donor&columns=year&measure=usd&includeDrafts=true",
      })
    ).json();
    expect(json.rows).toEqual(expect.arrayContaining(["USA", "JPN"]));
    expect(json.labels.JPN).toEqual({ en: "Japan", ru: "Япония" });
    expect(json.total).toBeCloseTo(1_500_000 + 1_302_000.54, 2);
    const csv = await coordinator.request({ url: "/api/v1/projects/stats/pivot?rows=country&format=csv" });
    expect(csv.headers["content-type"]).toContain("text/csv");
    // Countries by name in the reader's language (issue 19), the one column named by the measure.
    expect(csv.body).toContain("Tajikistan");
    expect(csv.body).not.toContain("TJK");
    expect(csv.body).toContain("Committed, USD");
    const xlsx = await coordinator.request({ url: "/api/v1/projects/export?format=xlsx" });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });

  it("stores pictures with thumbnails and versioned documents behind the project's access check", async () => {
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#3366aa" } })
      .png()
      .toBuffer();
    const up = await tjk.request({
      method: "POST",
      url: "/api/v1/files",
      ...binaryUpload("checkpoint.png", png),
    });
    expect(up.statusCode, up.body).toBe(201);
    const doc = await tjk.request({
      method: "POST",
      url: `/api/v1/projects/${russian.id}/documents`,
      payload: { fileId: up.json().id, title: { ru: "Пункт пропуска" } },
    });
    expect(doc.statusCode, doc.body).toBe(201);
    expect(doc.json()).toMatchObject({ kind: "picture", hasThumbnail: true, version: 1 });
    const thumb = await tjk.request({
      url: `/api/v1/projects/${russian.id}/documents/${doc.json().id}/file?thumbnail=true`,
    });
    expect(thumb.statusCode).toBe(200);
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320);
    // "false" means the picture itself, not its thumbnail; a word other than true/false is refused.
    const full = await tjk.request({
      url: `/api/v1/projects/${russian.id}/documents/${doc.json().id}/file?thumbnail=false`,
    });
    expect(full.statusCode).toBe(200);
    expect((await sharp(full.rawPayload).metadata()).width).toBe(800);
    const vague = await tjk.request({
      url: `/api/v1/projects/${russian.id}/documents/${doc.json().id}/file?thumbnail=no`,
    });
    expect(vague.statusCode).toBe(400);

    const v1 = await tjk.request({
      method: "POST",
      url: "/api/v1/files",
      ...binaryUpload("report.txt", Buffer.from("Отчет, версия 1")),
    });
    const v2 = await tjk.request({
      method: "POST",
      url: "/api/v1/files",
      ...binaryUpload("report.txt", Buffer.from("Отчет, версия 2")),
    });
    const report = await tjk.request({
      method: "POST",
      url: `/api/v1/projects/${russian.id}/documents`,
      payload: { fileId: v1.json().id },
    });
    const next = await tjk.request({
      method: "POST",
      url: `/api/v1/projects/${russian.id}/documents/${report.json().id}/versions`,
      payload: { fileId: v2.json().id },
    });
    expect(next.json()).toMatchObject({ version: 2, versions: [{ version: 2 }, { version: 1 }] });
    const old = await tjk.request({
      url: `/api/v1/projects/${russian.id}/documents/${report.json().id}/file?version=1`,
    });
    expect(old.body).toBe("Отчет, версия 1");
    // The draft is not readable by another partner: neither its documents.
    expect(
      (await member.request({ url: `/api/v1/projects/${russian.id}/documents/${report.json().id}/file` })).statusCode,
    ).toBe(404);
    // Someone else's upload cannot be attached, and is answered as if it did not exist.
    const foreign = await usa.request({
      method: "POST",
      url: `/api/v1/projects/${english.id}/documents`,
      payload: { fileId: v1.json().id },
    });
    expect(foreign.statusCode).toBe(404);
  });
});
