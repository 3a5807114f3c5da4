import { expect } from "vitest";
import type { TestApp, TestClient } from "../../../../test/app.js";
import type { Role } from "../../../common/platform.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";
import { totpCode } from "./two-factor.service.js";

export const PASSWORD = "correct horse battery staple";

/** Helpers of the 2FA tests: a new user, a password sign-in through the API, enrolment through the API. */
export function twoFactorFixtures(app: () => TestApp) {
  let n = 0;

  async function newUser(role: Role) {
    n += 1;
    const email = `tf.${role}.${n}@example.org`;
    const { user } = await app().ctx.accounts.createUser(
      { email, displayName: `TF ${n}`, role, password: PASSWORD },
      SYSTEM_ACTOR,
    );
    // These tests are about 2FA, not the terms: the user has accepted the current texts.
    const current = (await app().ctx.terms.current()).map((v) => v.id);
    await app().ctx.terms.accept(user.id, current, SYSTEM_ACTOR, "en");
    return email;
  }

  async function signInWithPassword(email: string) {
    const client = await app().visitor();
    const res = await client.request({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    client.csrfToken = res.json().csrfToken;
    return { client, body: res.json() };
  }

  /** Enrols 2FA through the API (confirming with the previous step's code); returns secret and recovery codes. */
  async function enrol(client: TestClient) {
    const setup = await client.request({ method: "POST", url: "/api/v1/auth/2fa/setup" });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri, qrSvg } = setup.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/.*algorithm=SHA1&digits=6&period=30/);
    expect(qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const wrong = await client.request({ method: "POST", url: "/api/v1/auth/2fa/enable", payload: { code: "000000" } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ path: "body.code", code: "invalid_code" });
    // The previous step's code, or the current one when a step ended between computing the code and the check.
    const enable = (step: number) =>
      client.request({ method: "POST", url: "/api/v1/auth/2fa/enable", payload: { code: totpCode(secret, step) } });
    let enabled = await enable(-1);
    if (enabled.statusCode === 400) enabled = await enable(0);
    expect(enabled.statusCode).toBe(200);
    const { recoveryCodes } = enabled.json();
    return { secret: secret as string, recoveryCodes: recoveryCodes as string[] };
  }

  return { newUser, signInWithPassword, enrol };
}
