import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../../test/app.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";

describe("accounts: sign-in, sessions, passwords", () => {
  const t = useTestApp({ reference: false });

  it("signs in with a session cookie that is HttpOnly and SameSite, and signs out", async () => {
    const { oneTimePassword } = await t.ctx.accounts.createUser(
      { email: "Officer@Example.org", displayName: "Officer", role: "member" },
      SYSTEM_ACTOR,
    );
    const visitor = await t.visitor();
    const res = await visitor.request({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: "officer@example.org", password: oneTimePassword },
    });
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === "pact_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    const me = res.json();
    expect(me.authenticated).toBe(true);
    expect(me.user.mustChangePassword).toBe(true);
    expect(me.csrfToken).not.toBe(visitor.csrfToken);
    visitor.csrfToken = me.csrfToken;

    const out = await visitor.request({ method: "POST", url: "/api/v1/auth/sign-out" });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ url: "/api/v1/auth/me", cookies: { pact_session: session?.value ?? "" } });
    expect(after.json().authenticated).toBe(false);
  });

  it("refuses a wrong password without telling whether the account exists, and audits it", async () => {
    const visitor = await t.visitor();
    const wrong = await visitor.request({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: "officer@example.org", password: "not the password" },
    });
    const unknown = await visitor.request({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: "nobody@example.org", password: "not the password" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe("invalid_credentials");
    expect(unknown.json().code).toBe("invalid_credentials");
    const { items } = await t.ctx.audit.list({ action: "auth.sign_in_failed", limit: 10, offset: 0 });
    expect(items.length).toBeGreaterThanOrEqual(2);
  });

  it("holds back the failing (account, address) pair after five failures, even for the right password", async () => {
    await t.ctx.accounts.createUser(
      { email: "target@example.org", displayName: "Target", role: "member", password: "a long and good passphrase" },
      SYSTEM_ACTOR,
    );
    for (let i = 0; i < 6; i++) {
      await expect(t.ctx.accounts.signIn("target@example.org", "wrong", SYSTEM_ACTOR, null)).rejects.toMatchObject({
        code: "invalid_credentials",
      });
    }
    await expect(
      t.ctx.accounts.signIn("target@example.org", "a long and good passphrase", SYSTEM_ACTOR, null),
    ).rejects.toMatchObject({ code: "too_many_attempts", status: 429 });
    // Another address is not held back (sign-in-throttle.test.ts covers the rules through the API).
    const elsewhere = { ...SYSTEM_ACTOR, ip: "192.0.2.50" };
    const outcome = await t.ctx.accounts.signIn("target@example.org", "a long and good passphrase", elsewhere, null);
    expect(outcome.kind).toBe("session");
  });

  it("changes a password, enforcing the policy and ending other sessions", async () => {
    const client = await t.signIn("member", { email: "officer.two@example.org" });
    const other = await t.ctx.accounts.signIn(
      "officer.two@example.org",
      "correct horse battery staple",
      SYSTEM_ACTOR,
      null,
    );
    const weak = await client.request({
      method: "POST",
      url: "/api/v1/auth/password",
      payload: { currentPassword: "correct horse battery staple", newPassword: "aaaaaaaaaaaa" },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0]).toMatchObject({ path: "body.newPassword", code: "too_weak" });
    const common = await client.request({
      method: "POST",
      url: "/api/v1/auth/password",
      payload: { currentPassword: "correct horse battery staple", newPassword: "Password1234!" },
    });
    expect(common.json().errors[0]).toMatchObject({ path: "body.newPassword", code: "too_common" });
    const withEmail = await client.request({
      method: "POST",
      url: "/api/v1/auth/password",
      payload: { currentPassword: "correct horse battery staple", newPassword: "Officer.Two likes green tea a lot" },
    });
    expect(withEmail.json().errors[0]).toMatchObject({ path: "body.newPassword", code: "contains_email" });
    const wrongCurrent = await client.request({
      method: "POST",
      url: "/api/v1/auth/password",
      payload: { currentPassword: "nope", newPassword: "a brand new passphrase 42" },
    });
    expect(wrongCurrent.json().errors[0]).toMatchObject({ path: "body.currentPassword", code: "wrong_password" });
    const ok = await client.request({
      method: "POST",
      url: "/api/v1/auth/password",
      payload: { currentPassword: "correct horse battery staple", newPassword: "a brand new passphrase 42" },
    });
    expect(ok.statusCode).toBe(204);
    expect(await t.ctx.accounts.resolveSession(other.token)).toBeNull();
    const still = await client.request({ url: "/api/v1/auth/me" });
    expect(still.json().authenticated).toBe(true);
  });

  it("refuses a second account with the same e-mail in any letter case", async () => {
    await expect(
      t.ctx.accounts.createUser({ email: "OFFICER@example.org", displayName: "Dup", role: "member" }, SYSTEM_ACTOR),
    ).rejects.toMatchObject({ code: "conflict" });
  });
});
