import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../../../../test/app.js";
import { parseMail, useMailingTestApp } from "../../../../test/smtp.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "seven quiet rivers under snow";

describe("password reset by e-mail link", () => {
  const { t, smtp } = useMailingTestApp({ reference: false });
  let visitor: TestClient;

  beforeAll(async () => {
    visitor = await t.visitor();
  });

  const createUser = (email: string, language: "en" | "ru" = "en") =>
    t.ctx.accounts.createUser(
      { email, displayName: `Person ${email}`, role: "member", language, password: PASSWORD },
      SYSTEM_ACTOR,
    );

  const ask = (email: string) =>
    visitor.request({ method: "POST", url: "/api/v1/auth/password-reset", payload: { email } });
  const complete = (token: string, newPassword = NEW_PASSWORD) =>
    visitor.request({ method: "POST", url: "/api/v1/auth/password-reset/complete", payload: { token, newPassword } });

  /** Asks for a reset and returns the token from the e-mail that arrives. */
  async function tokenFromMail(email: string) {
    const before = smtp.received.length;
    expect((await ask(email)).statusCode).toBe(202);
    await t.ctx.accounts.passwordReset.settled();
    const mails = smtp.received.slice(before).filter((m) => m.to.includes(email));
    expect(mails).toHaveLength(1);
    const { subject, body } = parseMail(mails[0]?.raw ?? "");
    const token = /https:\/\/pact\.example\.org\/reset-password\?token=([\w-]+)/.exec(body)?.[1];
    expect(token).toBeDefined();
    return { token: token as string, subject, body };
  }

  it("answers 202 for an unknown address and sends nothing, but audits the request", async () => {
    const res = await ask("nobody@example.org");
    expect(res.statusCode).toBe(202);
    await t.ctx.accounts.passwordReset.settled();
    expect(smtp.received).toHaveLength(0);
    const { items } = await t.ctx.audit.list({ action: "auth.password_reset_requested", limit: 10, offset: 0 });
    expect(items[0]?.details).toMatchObject({ email: "nobody@example.org", matched: false });
    const bad = await ask("not-an-address");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe("body.email");
  });

  it("e-mails a single-use link in the user's language; the reset ends every session and clears the throttle", async () => {
    const { user } = await createUser("olga@example.org", "ru");
    const first = await t.ctx.accounts.signIn("olga@example.org", PASSWORD, SYSTEM_ACTOR, null);
    const second = await t.ctx.accounts.signIn("olga@example.org", PASSWORD, SYSTEM_ACTOR, null);
    for (let i = 0; i < 6; i++) {
      await expect(t.ctx.accounts.signIn("olga@example.org", "wrong", SYSTEM_ACTOR, null)).rejects.toThrow();
    }
    await expect(t.ctx.accounts.signIn("olga@example.org", PASSWORD, SYSTEM_ACTOR, null)).rejects.toMatchObject({
      code: "too_many_attempts",
    });

    const { token, subject, body } = await tokenFromMail("olga@example.org");
    expect(subject).toBe("Сброс пароля — платформа Парижского пакта");
    expect(body).toContain("Здравствуйте, Person olga@example.org!");
    expect(body).toContain("30 минут");
    const stored = await t.ctx.database.db
      .selectFrom("password_reset_tokens")
      .select(["token_hash", "expires_at", "created_at"])
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.token_hash).not.toContain(token);
    expect(new Date(stored.expires_at).getTime() - new Date(stored.created_at).getTime()).toBeLessThanOrEqual(
      30 * 60_000 + 1000,
    );

    // A weak password is refused with its reason and does not use the link up.
    const weak = await complete(token, "password1234");
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0]).toMatchObject({ path: "body.newPassword", code: "too_common" });

    expect((await complete(token)).statusCode).toBe(204);
    expect(await t.ctx.accounts.resolveSession(first.token)).toBeNull();
    expect(await t.ctx.accounts.resolveSession(second.token)).toBeNull();
    const signedIn = await t.ctx.accounts.signIn("olga@example.org", NEW_PASSWORD, SYSTEM_ACTOR, null);
    expect(signedIn.kind).toBe("session");
    await expect(t.ctx.accounts.signIn("olga@example.org", PASSWORD, SYSTEM_ACTOR, null)).rejects.toMatchObject({
      code: "invalid_credentials",
    });

    const again = await complete(token, "another fine long passphrase");
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0]).toMatchObject({ path: "body.token", code: "invalid_or_expired" });
    const { items } = await t.ctx.audit.list({ action: "auth.password_reset_completed", limit: 5, offset: 0 });
    expect(items[0]).toMatchObject({ actor_id: user.id, object_id: user.id });
  });

  it("writes the e-mail in English for an English-speaking user", async () => {
    await createUser("edward@example.org", "en");
    const { subject, body } = await tokenFromMail("edward@example.org");
    expect(subject).toBe("Reset your password — Paris Pact Platform");
    expect(body).toContain("within 30 minutes");
  });

  it("voids older links when a new one is asked for", async () => {
    await createUser("fatima@example.org");
    const older = await tokenFromMail("fatima@example.org");
    const newer = await tokenFromMail("fatima@example.org");
    const stale = await complete(older.token);
    expect(stale.statusCode).toBe(400);
    expect(stale.json().errors[0].code).toBe("invalid_or_expired");
    expect((await complete(newer.token)).statusCode).toBe(204);
  });

  it("refuses an expired link", async () => {
    const { user } = await createUser("yusuf@example.org");
    const { token } = await tokenFromMail("yusuf@example.org");
    await t.ctx.database.db
      .updateTable("password_reset_tokens")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "=", user.id)
      .execute();
    const res = await complete(token);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: "body.token", code: "invalid_or_expired" });
    await expect(t.ctx.accounts.signIn("yusuf@example.org", PASSWORD, SYSTEM_ACTOR, null)).resolves.toMatchObject({
      kind: "session",
    });
  });

  it("sends at most three links per account in a quarter of an hour", async () => {
    await createUser("bombed@example.org");
    // Through the service: the route's own per-address rate limit would stop the fourth request first.
    for (let i = 0; i < 4; i++) await t.ctx.accounts.passwordReset.request("bombed@example.org", SYSTEM_ACTOR);
    await t.ctx.accounts.passwordReset.settled();
    expect(smtp.received.filter((m) => m.to.includes("bombed@example.org"))).toHaveLength(3);
    const { total } = await t.ctx.audit.list({ action: "auth.password_reset_throttled", limit: 5, offset: 0 });
    expect(total).toBe(1);
  });
});
