import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "./app.js";
import { created, domains, type Json, read, unique, useActors } from "./concurrency.domains.js";

/**
 * No lost update anywhere: for every record type editable through a versioned PATCH/PUT, two signed-in users
 * load the same record and both send an update carrying the version they read, at the same time. Exactly one
 * gets 200; the other gets 409 `version_conflict` whose body carries the current record with the winner's
 * change; the record then holds the winner's change (the loser's is nowhere) and the revision history has it.
 * Each edit writes a marker unique to its author, so "whose change" is read off the data, whichever one wins.
 * The record types and their edits are in test/concurrency.domains.ts.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const coordinatorA = await t.signIn("coordinator", { partnerCode: "UNODC" });
  const coordinatorB = await t.signIn("coordinator", { partnerCode: "UNODC" });
  const loA = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
  const loB = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
  const focalA = await t.signIn("focal_point", { partnerCode: "USA" });
  const focalB = await t.signIn("focal_point", { partnerCode: "USA" });
  for (const lo of [loA, loB]) {
    await t.ctx.database.db
      .insertInto("user_country_scopes")
      .values(["TJK", "KAZ", "UZB"].map((c) => ({ user_id: lo.userId as string, country_code: c })))
      .execute();
  }
  for (const c of [loA, loB]) {
    expect((await c.request({ method: "POST", url: "/api/v1/seizures/terms/accept" })).statusCode).toBe(200);
  }
  const course = await created(coordinatorA, "/api/v1/trainings/courses", {
    code: "CD-9",
    title: { en: "Controlled delivery" },
    topic: "controlled-delivery",
    level: "basic",
    pillar: 1,
  });
  useActors({ t, coordinatorA, coordinatorB, loA, loB, focalA, focalB, courseId: course.id as string });
});
afterAll(() => t.close());

describe("two users editing the same record: one 409, no lost update", () => {
  it.each(domains.map((d) => [d.name, d] as const))("%s", async (_name, domain) => {
    const s = await domain.setup();
    const carries = s.carries ?? ((record: Json, marker: string) => JSON.stringify(record).includes(marker));
    const load = async (client: TestClient) => (s.readUrl ? read(client, s.readUrl) : ((await s.load?.()) ?? {}));

    // Both load the record and see the same version.
    for (const u of s.users) {
      const loaded = await load(u.client);
      if (loaded.version !== undefined) expect(loaded.version).toBe(s.version);
    }

    // Both save what they read, at once.
    const markers = [unique("Alpha"), unique("Bravo")] as const;
    const responses = await Promise.all(
      s.users.map((u, i) =>
        u.client.request({ method: s.method, url: s.url, payload: u.body(s.version, markers[i] as string) }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect([...statuses].sort(), responses.map((r) => r.body.slice(0, 300)).join("\n")).toEqual([200, 409]);
    const w = statuses.indexOf(200);
    const winner = markers[w] as string;
    const loser = markers[1 - w] as string;

    // The refused user is told why and shown the record as the other user left it.
    const refused = (responses[1 - w] as (typeof responses)[number]).json();
    expect(refused.code).toBe("version_conflict");
    const current = refused.details?.current as Json;
    expect(current, JSON.stringify(refused)).toBeTruthy();
    expect(carries(current, winner), JSON.stringify(current)).toBe(true);
    expect(carries(current, loser)).toBe(false);
    if (current.version !== undefined) expect(current.version).toBe(s.version + 1);

    // The record holds the winner's change, and only it.
    const after = await load(s.users[1 - w]?.client as TestClient);
    expect(carries(after, winner), JSON.stringify(after)).toBe(true);
    expect(carries(after, loser)).toBe(false);
    if (after.version !== undefined) expect(after.version).toBe(s.version + 1);

    // The history has the change, and nothing of the refused one.
    if (s.revisionType) {
      const revisions = await t.ctx.database.db
        .selectFrom("revisions")
        .select(["version", "changes"])
        .where("entity_type", "=", s.revisionType)
        .where(sql<boolean>`changes::text like ${`%${winner}%`} or changes::text like ${`%${loser}%`}`)
        .execute();
      expect(revisions.map((r) => r.version)).toEqual([s.version + 1]);
      expect(JSON.stringify(revisions[0]?.changes)).toContain(winner);
    } else {
      const audit = await t.ctx.database.db
        .selectFrom("audit_log")
        .select("action")
        .where("action", "=", "meeting.registration.update")
        .execute();
      expect(audit.length).toBeGreaterThanOrEqual(1);
    }
  });
});
