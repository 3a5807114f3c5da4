import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../../test/app.js";
import { PASSWORD, twoFactorFixtures } from "./two-factor.fixtures.js";
import { totpCode } from "./two-factor.service.js";

describe("two-factor authentication: attempt limits, required roles, turning it off", () => {
  const t = useTestApp({ reference: false });
  const { newUser, signInWithPassword, enrol } = twoFactorFixtures(() => t);

  it("limits attempts of the second step and counts them as failed sign-ins", async () => {
    const email = await newUser("member");
    const { client } = await signInWithPassword(email);
    const { secret } = await enrol(client);
    const attempt = await signInWithPassword(email);
    const wrong = String((Number(totpCode(secret)) + 500_000) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 4; i++) {
      const res = await attempt.client.request({
        method: "POST",
        url: "/api/v1/auth/sign-in/2fa",
        payload: { code: wrong },
      });
      expect(res.json().code).toBe("invalid_two_factor_code");
    }
    const fifth = await attempt.client.request({
      method: "POST",
      url: "/api/v1/auth/sign-in/2fa",
      payload: { code: wrong },
    });
    expect(fifth.json()).toMatchObject({ code: "invalid_two_factor_code", details: { attemptsLeft: 0 } });
    // Five wrong codes and one wrong password from this address: now even the right password waits.
    const visitor = await t.visitor();
    const signIn = (password: string) =>
      visitor.request({ method: "POST", url: "/api/v1/auth/sign-in", payload: { email, password } });
    expect((await signIn("not the password")).statusCode).toBe(401);
    const held = await signIn(PASSWORD);
    expect(held.statusCode).toBe(429);
    expect(held.json().code).toBe("too_many_attempts");
    expect(Number(held.headers["retry-after"])).toBeGreaterThan(0);
    const expired = await attempt.client.request({
      method: "POST",
      url: "/api/v1/auth/sign-in/2fa",
      payload: { code: totpCode(secret) },
    });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().details.reason).toBe("sign_in_expired");
  });

  it("refuses the second step without a pending sign-in, or once it has expired", async () => {
    const visitor = await t.visitor();
    const none = await visitor.request({
      method: "POST",
      url: "/api/v1/auth/sign-in/2fa",
      payload: { code: "123456" },
    });
    expect(none.statusCode).toBe(401);
    const email = await newUser("member");
    const { client } = await signInWithPassword(email);
    const { secret } = await enrol(client);
    const attempt = await signInWithPassword(email);
    await t.ctx.database.db
      .updateTable("pending_sign_ins")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    const late = await attempt.client.request({
      method: "POST",
      url: "/api/v1/auth/sign-in/2fa",
      payload: { code: totpCode(secret) },
    });
    expect(late.statusCode).toBe(401);
    const both = await attempt.client.request({
      method: "POST",
      url: "/api/v1/auth/sign-in/2fa",
      payload: { code: "123456", recoveryCode: "abcde-fghij" },
    });
    expect(both.statusCode).toBe(400);
  });

  it("blocks a 2FA-required role without 2FA until enrolment, with two_factor_setup_required", async () => {
    const email = await newUser("coordinator");
    const { client, body } = await signInWithPassword(email);
    expect(body.user).toMatchObject({ twoFactorEnabled: false, twoFactorSetupRequired: true, permissions: [] });
    const blocked = await client.request({ url: "/api/v1/notifications" });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe("two_factor_setup_required");
    const password = await client.request({
      method: "POST",
      url: "/api/v1/auth/password",
      payload: { currentPassword: PASSWORD, newPassword: "a brand new passphrase 42" },
    });
    // Replacing a (one-time) password comes before enrolment; nothing else does.
    expect(password.statusCode).toBe(204);
    expect((await client.request({ url: "/api/v1/auth/sessions" })).json().code).toBe("two_factor_setup_required");
    // Public routes answer as to a visitor.
    const health = await client.request({ url: "/api/v1/health" });
    expect(health.statusCode).toBe(200);

    const { secret } = await enrol(client);
    const me = (await client.request({ url: "/api/v1/auth/me" })).json();
    expect(me.user).toMatchObject({ twoFactorEnabled: true, twoFactorSetupRequired: false });
    expect(me.user.permissions).toContain("users:manage");
    expect((await client.request({ url: "/api/v1/notifications" })).statusCode).toBe(200);

    // Roles that require 2FA cannot turn it off.
    const off = await client.request({
      method: "POST",
      url: "/api/v1/auth/2fa/disable",
      payload: { password: PASSWORD, code: totpCode(secret, 1) },
    });
    expect(off.statusCode).toBe(403);
  });

  it("lets a member turn 2FA off with password and code, and regenerate recovery codes", async () => {
    const email = await newUser("member");
    const { client } = await signInWithPassword(email);
    const { secret, recoveryCodes } = await enrol(client);
    const regenerated = await client.request({
      method: "POST",
      url: "/api/v1/auth/2fa/recovery-codes",
      payload: { code: totpCode(secret) },
    });
    expect(regenerated.statusCode).toBe(200);
    const fresh: string[] = regenerated.json().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => recoveryCodes.includes(c))).toBe(false);
    const userId = (await client.request({ url: "/api/v1/auth/me" })).json().user.id as string;
    expect(await t.ctx.accounts.twoFactor.redeemRecoveryCode(userId, recoveryCodes[1] as string)).toBe(false);
    expect(await t.ctx.accounts.twoFactor.redeemRecoveryCode(userId, fresh[1] as string)).toBe(true);

    const wrongPassword = await client.request({
      method: "POST",
      url: "/api/v1/auth/2fa/disable",
      payload: { password: "not my password", code: totpCode(secret, 1) },
    });
    expect(wrongPassword.json().errors[0]).toMatchObject({ path: "body.password", code: "wrong_password" });
    const off = await client.request({
      method: "POST",
      url: "/api/v1/auth/2fa/disable",
      payload: { password: PASSWORD, code: totpCode(secret, 1) },
    });
    expect(off.statusCode).toBe(204);
    const again = await signInWithPassword(email);
    expect(again.body.authenticated).toBe(true);
    expect(again.body.user.twoFactorEnabled).toBe(false);
  });
});
