import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "./app.js";

/**
 * Issue 17, hole 2: a duplication alert must not show a partner's draft (title, code, donors, identifier) to
 * the focal point of another partner who cannot open it; it names only that partner.
 */
const PROJECT = {
  summary: {
    en: "Equipment and training for border liaison offices and mobile interagency teams at the Panj crossing points; canine units and x-ray scanners for the Tajik Border Guard.",
  },
  stage: "implementation",
  plannedStart: "2026-01-01",
  plannedEnd: "2027-12-31",
  themes: ["border_control", "training"],
  pillars: [1],
  dacCodes: ["16063"],
  locations: [{ code: "TJK", kind: "country" }],
  organizations: [
    { role: "implementing", name: "UNODC" },
    { role: "beneficiary", name: "Border Guard of Tajikistan" },
  ],
};

describe("duplication alerts tell each reader only about projects they may open", () => {
  let t: TestApp;
  let usa: TestClient;
  let tjk: TestClient;
  let secret: { id: string; code: string };

  beforeAll(async () => {
    t = await createTestApp();
    usa = await t.signIn("focal_point", { partnerCode: "USA" });
    tjk = await t.signIn("focal_point", { partnerCode: "TJK" });
    const mine = await usa.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: {
        ...PROJECT,
        title: { en: "Border liaison offices on the Tajik-Afghan border" },
        fundings: [{ donorName: "United States (INL)", donorCode: "USA", amount: "1500000", currency: "USD" }],
      },
    });
    expect(mine.statusCode, mine.body).toBe(201);
    const draft = await tjk.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: {
        ...PROJECT,
        title: { en: "Border liaison offices on the Tajik-Afghan border Qzwhisper" },
        fundings: [{ donorName: "Qzdonor Foundation", amount: "900000", currency: "USD" }],
      },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json().workflow).toBe("draft");
    secret = draft.json();
    expect((await usa.request({ url: `/api/v1/projects/${secret.id}` })).statusCode).toBe(404);
  });
  afterAll(() => t.close());

  function leaks(body: string) {
    return ["Qzwhisper", "Qzdonor", secret.code, secret.id].filter((s) => body.includes(s));
  }

  it("the other partner's focal point is notified without the draft's title, code or donors", async () => {
    const notes = await usa.request({ url: "/api/v1/notifications" });
    expect(notes.statusCode).toBe(200);
    expect(notes.body).toContain("duplication");
    expect(notes.body).toContain("TJK");
    expect(leaks(notes.body)).toEqual([]);
    // The draft's own partner is told everything.
    const own = await tjk.request({ url: "/api/v1/notifications" });
    expect(own.body).toContain("Qzwhisper");
  });

  it("the alert list names only the partner of a project the reader cannot open", async () => {
    const list = await usa.request({ url: "/api/v1/projects/duplicates" });
    expect(list.statusCode).toBe(200);
    const items = list.json().items;
    expect(items).toHaveLength(1);
    expect(leaks(list.body)).toEqual([]);
    const hidden = items[0].projects.find((p: { partnerCode: string }) => p.partnerCode === "TJK");
    expect(hidden).toMatchObject({ restricted: true, id: null, code: null, donors: [] });
    const theirs = await tjk.request({ url: "/api/v1/projects/duplicates" });
    expect(theirs.body).toContain("Qzdonor");
  });
});
