import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { acceptSeizureTerms, scopeToCountries } from "../../../../test/api-calls.js";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { SEIZURE_INPUT } from "../../../../test/fixtures.js";

/**
 * Server support of the web app's offline seizure entry (issue 18): the idempotency key of a create, and the
 * session's key of the offline queue.
 */
describe("offline seizure entry: idempotent create and the session key", () => {
  const t = useTestApp();
  let liaison: TestClient;
  let otherLiaison: TestClient;

  const create = (client: TestClient, key: string | null, payload: Record<string, unknown> = SEIZURE_INPUT) =>
    client.request({
      method: "POST",
      url: "/api/v1/seizures",
      payload,
      ...(key ? { headers: { "idempotency-key": key } } : {}),
    });
  const countByKey = async (key: string) =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom("seizures")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("idempotency_key", "=", key)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    liaison = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    otherLiaison = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    await scopeToCountries(t, liaison, ["TJK"]);
    await scopeToCountries(t, otherLiaison, ["TJK"]);
    await acceptSeizureTerms(liaison);
    await acceptSeizureTerms(otherLiaison);
  });

  it("a repeated create with the same key answers the first record and creates no second one", async () => {
    const key = randomUUID();
    const first = await create(liaison, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers["idempotency-replayed"]).toBeUndefined();
    const again = await create(liaison, key);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.headers["idempotency-replayed"]).toBe("true");
    expect(again.json().id).toBe(first.json().id);
    expect(await countByKey(key)).toBe(1);
    // The key is bookkeeping, not data: it is not in the record's history.
    const history = await liaison.request({ url: `/api/v1/seizures/${first.json().id}/history` });
    expect(JSON.stringify(history.json())).not.toContain(key);
    // Without a key, every create is a new record as before.
    const a = await create(liaison, null);
    const b = await create(liaison, null);
    expect(a.json().id).not.toBe(b.json().id);
  });

  it("two sends of one key at once make one record", async () => {
    const key = randomUUID();
    const answers = await Promise.all([create(liaison, key), create(liaison, key), create(liaison, key)]);
    for (const a of answers) expect(a.statusCode, a.body).toBe(201);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await countByKey(key)).toBe(1);
  });

  it("another user's identical key neither finds nor reveals the first user's record", async () => {
    const key = randomUUID();
    const mine = await create(liaison, key, { ...SEIZURE_INPUT, place: "Khorog" });
    expect(mine.statusCode).toBe(201);
    const theirs = await create(otherLiaison, key, { ...SEIZURE_INPUT, place: "Kulob" });
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect(theirs.headers["idempotency-replayed"]).toBeUndefined();
    expect(theirs.json().id).not.toBe(mine.json().id);
    expect(theirs.json().place).toBe("Kulob");
    // Even with different content the other user gets no 409 naming the first record.
    expect(theirs.body).not.toContain(mine.json().id);
    expect(await countByKey(key)).toBe(2);
  });

  it("the same key with other content is refused with the first record named, and changes nothing", async () => {
    const key = randomUUID();
    const first = await create(liaison, key);
    const changed = await create(liaison, key, { ...SEIZURE_INPUT, quantity: 13 });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe("idempotency_key_reused");
    expect(changed.json().details).toEqual({ id: first.json().id, version: 1 });
    const record = await liaison.request({ url: `/api/v1/seizures/${first.json().id}` });
    expect(record.json().quantity).toBe(12.5);
    expect(await countByKey(key)).toBe(1);
  });

  it("a refused create (errors, unconfirmed warnings) keeps the key free for the corrected entry", async () => {
    const key = randomUUID();
    const invalid = await create(liaison, key, { ...SEIZURE_INPUT, seizureDate: "2999-01-01" });
    expect(invalid.statusCode).toBe(400);
    const unconfirmed = await create(liaison, key, { ...SEIZURE_INPUT, quantity: 5000 });
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.json().code).toBe("confirmation_required");
    expect(await countByKey(key)).toBe(0);
    const confirmed = await create(liaison, key, {
      ...SEIZURE_INPUT,
      quantity: 5000,
      confirmWarnings: ["large_quantity"],
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(confirmed.json().warningsConfirmed).toEqual(["large_quantity"]);
    expect(await countByKey(key)).toBe(1);
  });

  it("refuses a key that is not a UUID", async () => {
    const res = await create(liaison, "not-a-uuid");
    expect(res.statusCode).toBe(400);
  });

  it("the offline key: one per session, stable, not cached, gone with the session; none for visitors or tokens", async () => {
    const first = await liaison.request({ url: "/api/v1/auth/offline-key" });
    expect(first.statusCode).toBe(200);
    expect(first.headers["cache-control"]).toBe("no-store");
    const key = first.json().key as string;
    expect(Buffer.from(key, "base64")).toHaveLength(32);
    expect((await liaison.request({ url: "/api/v1/auth/offline-key" })).json().key).toBe(key);
    // Stored sealed, not as it is given out.
    const stored = await t.ctx.database.db.selectFrom("sessions").select("offline_key").execute();
    expect(stored.map((s) => s.offline_key)).not.toContain(key);
    // Another session (even of another user) has another key.
    const other = (await otherLiaison.request({ url: "/api/v1/auth/offline-key" })).json().key;
    expect(other).not.toBe(key);
    // A visitor has none.
    const visitor = await t.visitor();
    expect((await visitor.request({ url: "/api/v1/auth/offline-key" })).statusCode).toBe(401);
    // An API token has none (it is not a browser session).
    const member = await t.signIn("member");
    const token = await member.request({
      method: "POST",
      url: "/api/v1/auth/tokens",
      payload: { name: "script", permissions: ["notifications:read"], expiresAt: new Date(Date.now() + 86400000) },
    });
    expect(token.statusCode, token.body).toBe(201);
    const byToken = await t.app.inject({
      url: "/api/v1/auth/offline-key",
      headers: { authorization: `Bearer ${token.json().value}` },
    });
    expect(byToken.statusCode).toBeGreaterThanOrEqual(401);
    expect(byToken.statusCode).toBeLessThan(404);
    // After sign-out the session (and its key) is gone; signing in again gives a new key.
    const session = await t.signIn("liaison_officer", { partnerCode: "UNODC", email: "offline.key@example.org" });
    const before = (await session.request({ url: "/api/v1/auth/offline-key" })).json().key;
    expect((await session.request({ method: "POST", url: "/api/v1/auth/sign-out" })).statusCode).toBeLessThan(300);
    expect((await session.request({ url: "/api/v1/auth/offline-key" })).statusCode).toBe(401);
    const keys = await t.ctx.database.db.selectFrom("sessions").select("offline_key").execute();
    expect(keys.length).toBeGreaterThan(0);
    const again = await t.signIn("liaison_officer", { partnerCode: "UNODC", email: "offline.key.2@example.org" });
    expect((await again.request({ url: "/api/v1/auth/offline-key" })).json().key).not.toBe(before);
  });
});
