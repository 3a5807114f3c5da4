import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../../test/app.js";
import { twoFactorFixtures } from "./two-factor.fixtures.js";
import { stepOfCode, totpCode } from "./two-factor.service.js";

describe("two-factor authentication (TOTP) and the two-step sign-in", () => {
  const t = useTestApp({ reference: false });
  const { newUser, signInWithPassword, enrol } = twoFactorFixtures(() => t);

  it("enrols a member: secret and QR once, then recovery codes; the secret is never shown again", async () => {
    const email = await newUser("member");
    const { client } = await signInWithPassword(email);
    const before = (await client.request({ url: "/api/v1/auth/me" })).json();
    expect(before.user).toMatchObject({ twoFactorEnabled: false, twoFactorSetupRequired: false });
    const { secret, recoveryCodes } = await enrol(client);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);

    const status = (await client.request({ url: "/api/v1/auth/2fa" })).json();
    expect(status).toMatchObject({ enabled: true, required: false, recoveryCodesRemaining: 10 });
    expect(JSON.stringify(status)).not.toContain(secret);
    const me = (await client.request({ url: "/api/v1/auth/me" })).json();
    expect(me.user.twoFactorEnabled).toBe(true);
    const again = await client.request({ method: "POST", url: "/api/v1/auth/2fa/setup" });
    expect(again.statusCode).toBe(409);
    const stored = await t.ctx.database.db.selectFrom("recovery_codes").select("code_hash").execute();
    for (const row of stored) expect(recoveryCodes).not.toContain(row.code_hash);
    const audit = await t.ctx.audit.list({ action: "auth.two_factor_enabled", limit: 5, offset: 0 });
    expect(audit.total).toBe(1);
  });

  it("signs in in two steps; a replayed code is refused; a recovery code works once", async () => {
    const email = await newUser("member");
    const { client } = await signInWithPassword(email);
    const { secret, recoveryCodes } = await enrol(client);

    const first = await signInWithPassword(email);
    expect(first.body).toMatchObject({ authenticated: false, user: null, twoFactorRequired: true });
    expect(first.client.cookies.pact_session).toBeUndefined();
    const pending = first.client.cookies.pact_pending_sign_in;
    expect(pending).toBeDefined();
    expect((await first.client.request({ url: "/api/v1/notifications" })).statusCode).toBe(401);

    // enrol() used the previous step: the current step's code is fresh.
    const code = totpCode(secret);
    const ok = await first.client.request({ method: "POST", url: "/api/v1/auth/sign-in/2fa", payload: { code } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ authenticated: true, user: { email, twoFactorEnabled: true } });
    first.client.csrfToken = ok.json().csrfToken;
    expect((await first.client.request({ url: "/api/v1/notifications" })).statusCode).toBe(200);

    // The same code again, within its window, on a new sign-in: refused.
    const replay = await signInWithPassword(email);
    const replayed = await replay.client.request({
      method: "POST",
      url: "/api/v1/auth/sign-in/2fa",
      payload: { code },
    });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().code).toBe("invalid_two_factor_code");
    // Nor can an earlier step's code be used after a later one.
    const older = await replay.client.request({
      method: "POST",
      url: "/api/v1/auth/sign-in/2fa",
      payload: { code: totpCode(secret, -1) },
    });
    expect(older.json().code).toBe("invalid_two_factor_code");

    const recovery = recoveryCodes[0] as string;
    const withRecovery = await replay.client.request({
      method: "POST",
      url: "/api/v1/auth/sign-in/2fa",
      payload: { recoveryCode: recovery.toUpperCase() },
    });
    expect(withRecovery.statusCode).toBe(200);
    expect(withRecovery.json().authenticated).toBe(true);

    const reuse = await signInWithPassword(email);
    const reused = await reuse.client.request({
      method: "POST",
      url: "/api/v1/auth/sign-in/2fa",
      payload: { recoveryCode: recovery },
    });
    expect(reused.statusCode).toBe(401);
    expect(reused.json().code).toBe("invalid_two_factor_code");
    const status = (await first.client.request({ url: "/api/v1/auth/2fa" })).json();
    expect(status.recoveryCodesRemaining).toBe(9);
    const used = await t.ctx.audit.list({ action: "auth.recovery_code_used", limit: 5, offset: 0 });
    expect(used.total).toBe(1);
  });

  it("accepts codes one step either side of now, and no further", () => {
    const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    const now = Date.now();
    const step = Math.floor(now / 30_000);
    expect(stepOfCode(secret, totpCode(secret), now)).toBe(step);
    expect(stepOfCode(secret, totpCode(secret, 1), now)).toBe(step + 1);
    expect(stepOfCode(secret, totpCode(secret, -1), now)).toBe(step - 1);
    expect(stepOfCode(secret, totpCode(secret, 3), now)).toBeNull();
  });
});
