import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../../../../test/app.js";

const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

describe("personal API tokens", () => {
  let t: TestApp;
  let member: TestClient;

  beforeAll(async () => {
    t = await createTestApp({ reference: false });
    member = await t.signIn("member", { email: "script.writer@example.org" });
  });
  afterAll(() => t.close());

  const create = (client: TestClient, payload: Record<string, unknown>) =>
    client.request({ method: "POST", url: "/api/v1/auth/tokens", payload });
  const bearer = (value: string, url: string, method: "GET" | "POST" | "PATCH" = "GET", payload?: unknown) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${value}` }, ...(payload ? { payload } : {}) });

  it("shows the value once; a bearer request has the token's permissions only and needs no CSRF token", async () => {
    const res = await create(member, {
      name: "Nightly export",
      permissions: ["notifications:read"],
      expiresAt: inDays(30),
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers["cache-control"]).toBe("no-store");
    const { token, value } = res.json();
    expect(value).toMatch(/^pact_[\w-]{43}$/);
    expect(token).toMatchObject({ name: "Nightly export", permissions: ["notifications:read"], revokedAt: null });
    expect(value.startsWith(token.prefix)).toBe(true);
    const list = await member.request({ url: "/api/v1/auth/tokens" });
    expect(list.json().items).toHaveLength(1);
    expect(list.body).not.toContain(value);
    const row = await t.ctx.database.db.selectFrom("api_tokens").select("token_hash").executeTakeFirstOrThrow();
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const allowed = await bearer(value, "/api/v1/notifications");
    expect(allowed.statusCode).toBe(200);
    const otherPermission = await bearer(value, `/api/v1/jobs/${UNKNOWN_ID}`);
    expect(otherPermission.statusCode).toBe(403);
    expect(otherPermission.json().code).toBe("forbidden");
    // A state-changing request with the bearer alone: no cookie, no CSRF header, accepted.
    const write = await bearer(value, "/api/v1/notifications/read-all", "POST", {});
    expect(write.statusCode).toBeLessThan(300);
    // The same request with the session cookie but no CSRF header is refused.
    const cookieOnly = await t.app.inject({
      method: "POST",
      url: "/api/v1/notifications/read-all",
      cookies: member.cookies,
      payload: {},
    });
    expect(cookieOnly.statusCode).toBe(403);
    expect(cookieOnly.json().code).toBe("csrf_failed");

    const me = (await bearer(value, "/api/v1/auth/me")).json();
    expect(me.user).toMatchObject({ email: "script.writer@example.org", permissions: ["notifications:read"] });
    const after = (await member.request({ url: "/api/v1/auth/tokens" })).json().items[0];
    expect(after.lastUsedAt).not.toBeNull();
    await bearer(value, "/api/v1/notifications");
    const touched = (await member.request({ url: "/api/v1/auth/tokens" })).json().items[0];
    expect(touched.lastUsedAt).toBe(after.lastUsedAt);
  });

  it("cannot manage tokens, 2FA, sessions or the password", async () => {
    const { value } = (
      await create(member, { name: "Limited", permissions: ["notifications:read"], expiresAt: inDays(7) })
    ).json();
    for (const [method, url] of [
      ["GET", "/api/v1/auth/tokens"],
      ["POST", "/api/v1/auth/tokens"],
      ["POST", "/api/v1/auth/2fa/setup"],
      ["GET", "/api/v1/auth/sessions"],
      ["POST", "/api/v1/auth/sessions/sign-out-everywhere"],
      ["POST", "/api/v1/auth/password"],
    ] as const) {
      const res = await bearer(value, url, method, method === "POST" ? {} : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it("refuses permissions the user does not have, and expiries in the past or beyond a year", async () => {
    const notHeld = await create(member, {
      name: "Too much",
      permissions: ["notifications:read", "users:manage"],
      expiresAt: inDays(30),
    });
    expect(notHeld.statusCode).toBe(400);
    expect(notHeld.json().errors).toEqual([
      expect.objectContaining({ path: "body.permissions.1", code: "not_allowed" }),
    ]);
    const tooFar = await create(member, {
      name: "Forever",
      permissions: ["notifications:read"],
      expiresAt: inDays(400),
    });
    expect(tooFar.json().errors[0]).toMatchObject({ path: "body.expiresAt", code: "too_far" });
    const past = await create(member, { name: "Past", permissions: ["notifications:read"], expiresAt: inDays(-1) });
    expect(past.json().errors[0]).toMatchObject({ path: "body.expiresAt", code: "in_the_past" });
    const noExpiry = await create(member, { name: "No expiry", permissions: ["notifications:read"] });
    expect(noExpiry.statusCode).toBe(400);
    expect(noExpiry.json().errors[0].path).toBe("body.expiresAt");
    const count = await t.ctx.database.db
      .selectFrom("api_tokens")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("name", "in", ["Too much", "Forever", "Past", "No expiry"])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("answers 401 for a revoked, expired, unknown or malformed token", async () => {
    const created = (
      await create(member, { name: "Short-lived", permissions: ["notifications:read"], expiresAt: inDays(1) })
    ).json();
    const other = await t.signIn("member");
    expect((await other.request({ method: "DELETE", url: `/api/v1/auth/tokens/${created.token.id}` })).statusCode).toBe(
      404,
    );
    expect((await bearer(created.value, "/api/v1/notifications")).statusCode).toBe(200);
    const revoked = await member.request({ method: "DELETE", url: `/api/v1/auth/tokens/${created.token.id}` });
    expect(revoked.statusCode).toBe(204);
    const afterRevoke = await bearer(created.value, "/api/v1/notifications");
    expect(afterRevoke.statusCode).toBe(401);
    // Even on a public route: a script with a bad token should know at once.
    expect((await bearer(created.value, "/api/v1/health")).statusCode).toBe(401);

    const expiring = (
      await create(member, { name: "Expiring", permissions: ["notifications:read"], expiresAt: inDays(1) })
    ).json();
    await t.ctx.database.db
      .updateTable("api_tokens")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("id", "=", expiring.token.id)
      .execute();
    expect((await bearer(expiring.value, "/api/v1/notifications")).statusCode).toBe(401);
    expect((await bearer(`pact_${"x".repeat(43)}`, "/api/v1/notifications")).statusCode).toBe(401);
    expect((await bearer("not-a-token", "/api/v1/notifications")).statusCode).toBe(401);
    const basic = await t.app.inject({ url: "/api/v1/notifications", headers: { authorization: "Basic abc" } });
    expect(basic.statusCode).toBe(401);
    const { items } = await t.ctx.audit.list({ action: "auth.token_rejected", limit: 10, offset: 0 });
    expect(items.map((i) => i.details.reason)).toEqual(expect.arrayContaining(["revoked", "expired", "unknown"]));
    expect((await t.ctx.audit.list({ action: "auth.token_revoked", limit: 5, offset: 0 })).total).toBe(1);
  });

  it("acts with the token's permissions that the user's current role still grants", async () => {
    const coordinator = await t.signIn("coordinator");
    const { value } = (
      await create(coordinator, {
        name: "Reference upkeep",
        permissions: ["reference:manage", "notifications:read"],
        expiresAt: inDays(90),
      })
    ).json();
    // Allowed through the rule (then 400: the body is not a valid change).
    const allowed = await bearer(value, "/api/v1/partners/AFG", "PATCH", {});
    expect(allowed.statusCode).toBe(400);
    await t.ctx.database.db
      .updateTable("users")
      .set({ role: "member" })
      .where("id", "=", coordinator.userId as string)
      .execute();
    const refused = await bearer(value, "/api/v1/partners/AFG", "PATCH", {});
    expect(refused.statusCode).toBe(403);
    expect((await bearer(value, "/api/v1/notifications")).statusCode).toBe(200);
  });
});
