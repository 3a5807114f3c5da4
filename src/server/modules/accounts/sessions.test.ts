import { describe, expect, it } from "vitest";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";

const PASSWORD = "correct horse battery staple";
const DAY = 24 * 60 * 60 * 1000;

describe("sessions: list, end one, sign out everywhere, lifetime", () => {
  const t = useTestApp({ reference: false });

  /** A session of an existing user, through the sign-in route, with its own user agent. */
  async function signInAs(email: string, agent: string) {
    const client = await t.visitor();
    const response = await client.request({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email, password: PASSWORD },
      headers: { "user-agent": agent },
    });
    expect(response.statusCode).toBe(200);
    client.csrfToken = response.json().csrfToken;
    return { client, response };
  }
  const anotherSession = async (email: string, agent: string): Promise<TestClient> =>
    (await signInAs(email, agent)).client;
  const signedIn = async (client: TestClient) =>
    (await client.request({ url: "/api/v1/auth/me" })).json().authenticated as boolean;

  it("lists my sessions with the current one flagged, and ends another one", async () => {
    const laptop = await t.signIn("member", { email: "sessions.one@example.org" });
    const phone = await anotherSession("sessions.one@example.org", "Phone browser 1.0");
    const stranger = await t.signIn("member");
    const res = await laptop.request({ url: "/api/v1/auth/sessions" });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; current: boolean; userAgent: string | null; ip: string }[];
    expect(items).toHaveLength(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    const phoneSession = items.find((s) => s.userAgent === "Phone browser 1.0");
    expect(phoneSession).toMatchObject({ current: false, ip: "127.0.0.1" });
    // The id shown is not the stored key (the SHA-256 of the cookie).
    const keys = await t.ctx.database.db.selectFrom("sessions").select("id").execute();
    expect(keys.map((k) => k.id)).not.toContain(phoneSession?.id);

    const foreign = await stranger.request({ method: "DELETE", url: `/api/v1/auth/sessions/${phoneSession?.id}` });
    expect(foreign.statusCode).toBe(404);
    expect(await signedIn(phone)).toBe(true);
    const ended = await laptop.request({ method: "DELETE", url: `/api/v1/auth/sessions/${phoneSession?.id}` });
    expect(ended.statusCode).toBe(204);
    expect(await signedIn(phone)).toBe(false);
    expect(await signedIn(laptop)).toBe(true);
    expect((await laptop.request({ url: "/api/v1/auth/sessions" })).json().items).toHaveLength(1);
    const audit = await t.ctx.audit.list({ action: "auth.session_revoked", limit: 5, offset: 0 });
    expect(audit.items[0]).toMatchObject({ object_id: laptop.userId, details: { session: phoneSession?.id } });

    const current = (await laptop.request({ url: "/api/v1/auth/sessions" })).json().items[0];
    const self = await laptop.request({ method: "DELETE", url: `/api/v1/auth/sessions/${current.id}` });
    expect(self.statusCode).toBe(204);
    expect(self.cookies.find((c) => c.name === "pact_session")?.value).toBe("");
    expect(await signedIn(laptop)).toBe(false);
  });

  it("signs out everywhere, this session included", async () => {
    const first = await t.signIn("member", { email: "sessions.two@example.org" });
    const second = await anotherSession("sessions.two@example.org", "Second");
    const third = await anotherSession("sessions.two@example.org", "Third");
    const bystander = await t.signIn("member");
    const res = await second.request({ method: "POST", url: "/api/v1/auth/sessions/sign-out-everywhere" });
    expect(res.statusCode).toBe(204);
    for (const client of [first, second, third]) expect(await signedIn(client)).toBe(false);
    expect(await signedIn(bystander)).toBe(true);
    const again = await second.request({ method: "POST", url: "/api/v1/auth/sessions/sign-out-everywhere" });
    expect(again.statusCode).toBe(401);
    const audit = await t.ctx.audit.list({ action: "auth.signed_out_everywhere", limit: 5, offset: 0 });
    expect(audit.items[0]?.details).toMatchObject({ sessionsEnded: 3 });
  });

  it("sets an HttpOnly, SameSite=Lax cookie; ends the session after seven days however active, never sliding past", async () => {
    const { user } = await t.ctx.accounts.createUser(
      { email: "sessions.three@example.org", displayName: "Three", role: "member", password: PASSWORD },
      SYSTEM_ACTOR,
    );
    const { client, response } = await signInAs("sessions.three@example.org", "Cookie check");
    const cookie = response.cookies.find((c) => c.name === "pact_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", maxAge: 7 * 24 * 60 * 60 });
    expect(cookie?.secure).toBeFalsy();

    const db = t.ctx.database.db;
    // Six days and 23 hours old, last seen two minutes ago: the idle expiry slides, but only to the 7-day mark.
    const created = new Date(Date.now() - 7 * DAY + 60 * 60 * 1000);
    await db
      .updateTable("sessions")
      .set({ created_at: created, last_seen_at: new Date(Date.now() - 120_000) })
      .where("user_id", "=", user.id)
      .execute();
    expect(await signedIn(client)).toBe(true);
    const row = await db
      .selectFrom("sessions")
      .select("expires_at")
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(new Date(row.expires_at).getTime()).toBe(created.getTime() + 7 * DAY);
    await db
      .updateTable("sessions")
      .set({ created_at: new Date(Date.now() - 7 * DAY - 1000), expires_at: new Date(Date.now() + 60 * 60 * 1000) })
      .where("user_id", "=", user.id)
      .execute();
    expect(await signedIn(client)).toBe(false);
  });
});
