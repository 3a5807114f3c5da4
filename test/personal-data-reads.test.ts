import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../src/common/platform.js";
import { SYSTEM_ACTOR } from "../src/server/platform/audit.js";
import { createTestApp, type TestApp, type TestClient } from "./app.js";

/**
 * Issue 17, smaller holes: reading the registration queue, the members' directory and the user pages showed
 * people's names, e-mail addresses, phones and agencies without a trace. Each read is now in the audit log, like
 * `seizure.read`: who, when, from where, and the ids of the people read.
 */
describe("audited reads of personal data", () => {
  let t: TestApp;
  let coordinator: TestClient;
  let focalTjk: TestClient;
  let member: TestClient;

  const entries = async (action: string, actorId: string | null) =>
    t.ctx.database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", action)
      .where("actor_id", "=", actorId)
      .orderBy("at", "asc")
      .execute();

  async function registration(email: string, partnerCode: string) {
    const row = await t.ctx.database.db
      .insertInto("registrations")
      .values({
        email,
        display_name: `Applicant ${email}`,
        partner_code: partnerCode,
        agency: "Drug Control Agency",
        position: "Analyst",
        work_phone: "+992 37 221 00 00",
        reason: "I analyse seizures on the northern route.",
        language: "en",
        password_hash: null,
        accepted_terms: JSON.stringify([]),
        status: "pending",
        confirmed_at: new Date(),
        submitted_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  const person = async (email: string, role: Role, partnerCode: string) =>
    (await t.ctx.accounts.createUser({ email, displayName: email, role, partnerCode }, SYSTEM_ACTOR)).user.id;

  let tjkRequest: string;
  let uzbRequest: string;
  let focalUzbId: string;

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    focalTjk = await t.signIn("focal_point", { partnerCode: "TJK" });
    member = await t.signIn("member", { partnerCode: "TUR" });
    tjkRequest = await registration("applicant.tjk@example.tj", "TJK");
    uzbRequest = await registration("applicant.uzb@example.uz", "UZB");
    focalUzbId = await person("fp.uzb@example.uz", "focal_point", "UZB");
  });
  afterAll(() => t.close());

  it("audits the registration queue with the ids of the requests shown", async () => {
    const all = await coordinator.request({ url: "/api/v1/registrations?status=pending" });
    expect(all.statusCode, all.body).toBe(200);
    const own = await focalTjk.request({ url: "/api/v1/registrations" });
    expect(own.statusCode, own.body).toBe(200);

    const [byCoordinator] = await entries("registration.read", coordinator.userId);
    expect(byCoordinator).toMatchObject({ object_type: "registration", actor_label: expect.stringContaining("@") });
    expect(byCoordinator?.request_id).toBeTruthy();
    const shown = all.json().items.map((r: { id: string }) => r.id);
    expect(shown).toEqual(expect.arrayContaining([tjkRequest, uzbRequest]));
    expect(byCoordinator?.details).toMatchObject({ ids: shown, count: shown.length, filter: { status: "pending" } });

    const [byFocal] = await entries("registration.read", focalTjk.userId);
    expect(byFocal?.details).toMatchObject({ ids: [tjkRequest], count: 1 });
  });

  it("audits the members' directory with the ids of the people listed", async () => {
    const res = await member.request({ url: "/api/v1/directory?partner=UZB" });
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().items.map((p: { id: string }) => p.id);
    expect(ids).toEqual([focalUzbId]);
    const [entry] = await entries("directory.read", member.userId);
    expect(entry).toMatchObject({ object_type: "user" });
    expect(entry?.details).toMatchObject({ ids, count: 1, filter: { partner: "UZB" } });
  });

  it("audits the directory section of a partner page shown to a member, not the page a visitor sees", async () => {
    const page = await member.request({ url: "/api/v1/partners/UZB" });
    expect(page.statusCode, page.body).toBe(200);
    const section = page.json().sections.find((s: { key: string }) => s.key === "directory");
    expect(section.items.map((i: { detail: string }) => i.detail)).toEqual(["fp.uzb@example.uz"]);
    const reads = await entries("directory.read", member.userId);
    expect(reads.at(-1)?.details).toMatchObject({ ids: [focalUzbId], count: 1, view: "partner-page" });

    const before = (await t.ctx.database.db.selectFrom("audit_log").select("id").execute()).length;
    expect((await t.app.inject({ url: "/api/v1/partners/UZB" })).statusCode).toBe(200);
    expect((await t.ctx.database.db.selectFrom("audit_log").select("id").execute()).length).toBe(before);
  });

  it("audits the user list and each user page", async () => {
    const list = await coordinator.request({ url: "/api/v1/users?partner=UZB" });
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().items.map((u: { id: string }) => u.id);
    expect(ids).toEqual([focalUzbId]);
    const page = await coordinator.request({ url: `/api/v1/users/${focalUzbId}` });
    expect(page.statusCode, page.body).toBe(200);

    const reads = await entries("user.read", coordinator.userId);
    expect(reads).toHaveLength(2);
    expect(reads[0]).toMatchObject({ object_type: "user", object_id: null });
    expect(reads[0]?.details).toMatchObject({ ids, count: 1, filter: { partner: "UZB" } });
    expect(reads[1]).toMatchObject({ object_type: "user", object_id: focalUzbId });
    // The page's own list of recent entries about the user keeps to changes, not to who looked.
    const again = await coordinator.request({ url: `/api/v1/users/${focalUzbId}` });
    expect(again.json().recentAudit.map((e: { action: string }) => e.action)).not.toContain("user.read");
  });
});
