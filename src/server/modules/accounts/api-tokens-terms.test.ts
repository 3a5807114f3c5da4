import { describe, expect, it } from "vitest";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";

const inDays = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();

/** The terms-of-use gate holds back personal API tokens as it holds back sessions. */
describe("terms gate for personal API tokens", () => {
  const t = useTestApp({ reference: false });

  const bearer = (
    value: string,
    url: string,
    options: { method?: "GET" | "POST"; lang?: string; payload?: unknown } = {},
  ) =>
    t.app.inject({
      method: options.method ?? "GET",
      url,
      headers: { authorization: `Bearer ${value}`, ...(options.lang ? { "accept-language": options.lang } : {}) },
      ...(options.payload !== undefined ? { payload: options.payload as object } : {}),
    });

  async function tokenOf(client: TestClient, permissions = ["notifications:read"]) {
    const res = await client.request({
      method: "POST",
      url: "/api/v1/auth/tokens",
      payload: { name: "Script", permissions, expiresAt: inDays(30) },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().value as string;
  }

  const currentIds = async () => (await t.ctx.terms.current()).map((v) => v.id);

  it("refuses a token of a user who never accepted the terms, EN and RU; terms and /auth/me stay open", async () => {
    // Account routes are open to a session before acceptance, so such a user can make a token.
    const member = await t.signIn("member", { acceptTerms: false });
    const value = await tokenOf(member);

    const en = await bearer(value, "/api/v1/notifications");
    expect(en.statusCode).toBe(403);
    expect(en.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(en.json()).toMatchObject({ code: "terms_acceptance_required", status: 403 });
    expect(en.json().title).toMatch(/terms of use/);
    const ru = await bearer(value, "/api/v1/notifications", { lang: "ru" });
    expect(ru.statusCode).toBe(403);
    expect(ru.json().code).toBe("terms_acceptance_required");
    expect(ru.json().title).toMatch(/принять/);
    // A write is held back too, and has no effect.
    await t.ctx.notifications.notify([member.userId as string], {
      kind: "system",
      title: { en: "Hello", ru: "Привет" },
    });
    const write = await bearer(value, "/api/v1/notifications/read-all", { method: "POST", payload: {} });
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe("terms_acceptance_required");
    expect((await t.ctx.notifications.list(member.userId as string, { limit: 10, offset: 0 })).unread).toBe(1);

    // What the script needs to find out why, and to read the texts, answers.
    const me = await bearer(value, "/api/v1/auth/me");
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ authenticated: true, user: { mustAcceptTerms: true } });
    const texts = await bearer(value, "/api/v1/terms/current");
    expect(texts.statusCode).toBe(200);
    expect(texts.json().items.length).toBeGreaterThan(0);

    // Once the user accepts (here in the web app, with the session), the same token works.
    const accepted = await member.request({
      method: "POST",
      url: "/api/v1/terms/accept",
      payload: { termsVersionIds: await currentIds() },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await bearer(value, "/api/v1/notifications")).statusCode).toBe(200);
    expect((await bearer(value, "/api/v1/auth/me")).json().user.mustAcceptTerms).toBe(false);
  });

  it("holds a working token back when a new version is published, until it is accepted (also by the token)", async () => {
    const member = await t.signIn("member");
    // Accepting is an act on the account: the token needs account:write (a read-only one gets 403, see
    // api-token-scopes.test.ts).
    const value = await tokenOf(member, ["notifications:read", "account:write"]);
    expect((await bearer(value, "/api/v1/notifications")).statusCode).toBe(200);

    await t.ctx.terms.publish(
      {
        kind: "access_policy",
        title: { en: "Access policy (2)", ru: "Политика доступа (2)" },
        body: { en: "Second version.", ru: "Вторая редакция." },
      },
      SYSTEM_ACTOR,
    );
    const gated = await bearer(value, "/api/v1/notifications");
    expect(gated.statusCode).toBe(403);
    expect(gated.json().code).toBe("terms_acceptance_required");
    // The session is held back the same way (the gate is one for both).
    const bySession = await member.request({ url: "/api/v1/notifications" });
    expect(bySession.statusCode).toBe(403);
    expect(bySession.json().code).toBe("terms_acceptance_required");

    // The terms routes are the exception: the token may read the current texts, and accept them when given account:write.
    const accepted = await bearer(value, "/api/v1/terms/accept", {
      method: "POST",
      payload: { termsVersionIds: await currentIds() },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toEqual({ mustAcceptTerms: false });
    expect((await bearer(value, "/api/v1/notifications")).statusCode).toBe(200);
    expect((await member.request({ url: "/api/v1/notifications" })).statusCode).toBe(200);
  });
});
