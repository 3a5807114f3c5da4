import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../../../../test/app.js";

const inDays = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();

/**
 * Issue 17, smaller holes: a read-only personal API token could accept the terms of use (the platform's and
 * the DMP's) and change the owner's notification preferences. Those acts on the account take `account:write`,
 * which a token carries only when its owner gave it.
 */
describe("API token scopes on the account's own acts", () => {
  let t: TestApp;
  let member: TestClient;
  const READ_ONLY = ["member:read", "notifications:read", "seizures:read-records"];

  beforeAll(async () => {
    t = await createTestApp({ reference: false });
    member = await t.signIn("member", { partnerCode: "TUR" });
  });
  afterAll(() => t.close());

  async function tokenWith(client: TestClient, permissions: string[]) {
    const res = await client.request({
      method: "POST",
      url: "/api/v1/auth/tokens",
      payload: { name: `Script ${permissions.join(" ")}`, permissions, expiresAt: inDays(30) },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().value as string;
  }

  const bearer = (value: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${value}` }, ...(payload ? { payload } : {}) });

  const termsIds = async () => (await t.ctx.terms.current()).map((v) => v.id);
  const PREFERENCE = { items: [{ kind: "system", inApp: false, email: true }] };

  it("refuses a read-only token the acceptance of terms and a change of preferences, and changes nothing", async () => {
    const readOnly = await tokenWith(member, READ_ONLY);

    const terms = await bearer(readOnly, "POST", "/api/v1/terms/accept", { termsVersionIds: await termsIds() });
    expect(terms.statusCode, terms.body).toBe(403);
    expect(terms.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(terms.json().code).toBe("forbidden");

    const dmp = await bearer(readOnly, "POST", "/api/v1/seizures/terms/accept");
    expect(dmp.statusCode, dmp.body).toBe(403);
    expect(dmp.json().code).toBe("forbidden");
    expect((await bearer(readOnly, "GET", "/api/v1/seizures/terms")).json().accepted).toBe(false);

    const before = (await bearer(readOnly, "GET", "/api/v1/notifications/preferences")).json().items;
    const prefs = await bearer(readOnly, "PUT", "/api/v1/notifications/preferences", PREFERENCE);
    expect(prefs.statusCode, prefs.body).toBe(403);
    expect(prefs.json().code).toBe("forbidden");
    expect((await bearer(readOnly, "GET", "/api/v1/notifications/preferences")).json().items).toEqual(before);

    const audited = await t.ctx.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("actor_id", "=", member.userId)
      .where("action", "in", ["seizure.terms.accept", "notification.preferences"])
      .execute();
    expect(audited).toEqual([]);
  });

  it("lets a token given account:write do them", async () => {
    const writer = await tokenWith(member, [...READ_ONLY, "account:write"]);
    const terms = await bearer(writer, "POST", "/api/v1/terms/accept", { termsVersionIds: await termsIds() });
    expect(terms.statusCode, terms.body).toBe(200);
    const dmp = await bearer(writer, "POST", "/api/v1/seizures/terms/accept");
    expect(dmp.statusCode, dmp.body).toBe(200);
    expect(dmp.json().accepted).toBe(true);
    const prefs = await bearer(writer, "PUT", "/api/v1/notifications/preferences", PREFERENCE);
    expect(prefs.statusCode, prefs.body).toBe(200);
    expect(prefs.json().items).toContainEqual(expect.objectContaining({ kind: "system", inApp: false, email: true }));
  });

  it("keeps the web session able to do them (every role holds account:write)", async () => {
    const me = (await member.request({ url: "/api/v1/auth/me" })).json();
    expect(me.user.permissions).toContain("account:write");
    const prefs = await member.request({
      method: "PUT",
      url: "/api/v1/notifications/preferences",
      payload: PREFERENCE,
    });
    expect(prefs.statusCode, prefs.body).toBe(200);
  });
});
