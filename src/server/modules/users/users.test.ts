import { beforeAll, describe, expect, it } from "vitest";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import type { Role } from "../../../common/platform.js";
import { canActOnCountry, principalFor, VISITOR } from "../../http/access-policy.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";

describe("user administration: roles, scopes, status", () => {
  const t = useTestApp();
  let coordinator: TestClient;
  let admin: TestClient;

  const create = async (email: string, role: Role, partnerCode: string | null = null, displayName = email) =>
    (await t.ctx.accounts.createUser({ email, displayName, role, partnerCode }, SYSTEM_ACTOR)).user;
  const getUser = async (id: string) => (await admin.request({ url: `/api/v1/users/${id}` })).json();
  const patch = (client: TestClient, id: string, payload: unknown) =>
    client.request({ method: "PATCH", url: `/api/v1/users/${id}`, payload });

  beforeAll(async () => {
    coordinator = await t.signIn("coordinator", { email: "coord@unodc.org", partnerCode: "UNODC" });
    admin = await t.signIn("administrator", { email: "admin@unodc.org" });
    await create("alpha.fp@tjk.example", "focal_point", "TJK", "Alpha Focal");
    await create("bravo.member@tjk.example", "member", "TJK", "Bravo Member");
    await create("charlie.member@uzb.example", "member", "UZB", "Charlie Member");
    await create("delta.lo@unodc.example", "liaison_officer", "UNODC", "Delta Liaison");
    await create("echo.fp@uzb.example", "focal_point", "UZB", "Echo Focal");
  });

  it("lists users with filters, sorting and pages", async () => {
    const fps = await coordinator.request({ url: "/api/v1/users?role=focal_point" });
    expect(fps.statusCode).toBe(200);
    expect(fps.json().items.map((u: { email: string }) => u.email)).toEqual([
      "alpha.fp@tjk.example",
      "echo.fp@uzb.example",
    ]);

    const tjk = (await coordinator.request({ url: "/api/v1/users?partner=tjk" })).json();
    expect(tjk.total).toBe(2);
    expect(tjk.items.every((u: { partnerCode: string }) => u.partnerCode === "TJK")).toBe(true);

    const text = (await coordinator.request({ url: "/api/v1/users?q=CHARLIE" })).json();
    expect(text.items.map((u: { displayName: string }) => u.displayName)).toEqual(["Charlie Member"]);

    // A LIKE wildcard in the text is literal, not "anything".
    expect((await coordinator.request({ url: "/api/v1/users?q=%25" })).json().total).toBe(0);

    const all = (await coordinator.request({ url: "/api/v1/users?sort=name&order=asc&limit=100" })).json();
    const names = all.items.map((u: { displayName: string }) => u.displayName);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(all.total).toBe(7);

    const page1 = (await coordinator.request({ url: "/api/v1/users?sort=created&order=desc&limit=3&offset=0" })).json();
    const page3 = (await coordinator.request({ url: "/api/v1/users?sort=created&order=desc&limit=3&offset=6" })).json();
    expect(page1).toMatchObject({ total: 7, limit: 3, offset: 0 });
    expect(page1.items).toHaveLength(3);
    expect(page1.items[0].email).toBe("echo.fp@uzb.example");
    expect(page3.items).toHaveLength(1);
    expect(page3.items[0].email).toBe("coord@unodc.org");

    const bySignIn = (await coordinator.request({ url: "/api/v1/users?sort=lastSignIn&order=desc" })).json();
    // Only the two signed-in users have a last sign-in; never-signed-in users come last.
    expect(bySignIn.items.slice(0, 2).map((u: { email: string }) => u.email)).toEqual([
      "admin@unodc.org",
      "coord@unodc.org",
    ]);

    const bad = await coordinator.request({ url: "/api/v1/users?sort=password&limit=0" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("validation_failed");
  });

  it("edits with optimistic locking: a stale version gets 409 with the current record", async () => {
    const user = await create("foxtrot@tjk.example", "member", "TJK", "Foxtrot");
    const first = await patch(coordinator, user.id, { version: 1, displayName: "Foxtrot Renamed" });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ displayName: "Foxtrot Renamed", version: 2 });

    const stale = await patch(coordinator, user.id, { version: 1, displayName: "Someone else's edit" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe("version_conflict");
    expect(stale.json().details.current).toMatchObject({ displayName: "Foxtrot Renamed", version: 2 });
    expect((await getUser(user.id)).displayName).toBe("Foxtrot Renamed");

    const missing = await patch(coordinator, "00000000-0000-4000-8000-000000000000", { version: 1, displayName: "x" });
    expect(missing.statusCode).toBe(404);
    const nothing = await patch(coordinator, user.id, { version: 2 });
    expect(nothing.statusCode).toBe(400);
  });

  it("writes the revision history and the audit entry of each change, without secrets", async () => {
    const user = await create("golf@tjk.example", "member", "TJK", "Golf");
    const res = await patch(coordinator, user.id, { version: 1, role: "focal_point" });
    expect(res.statusCode).toBe(200);
    const history = await t.ctx.revisions.history("user", user.id);
    expect(history[0]).toMatchObject({ version: 2, action: "update" });
    expect(history[0]?.changes).toEqual({ role: { from: "member", to: "focal_point" } });
    const snapshot = JSON.stringify(await t.ctx.revisions.history("user", user.id));
    expect(snapshot).not.toContain("argon2");

    const detail = await getUser(user.id);
    expect(detail.recentAudit[0]).toMatchObject({
      action: "user.update",
      objectType: "user",
      objectId: user.id,
      actorEmail: "coord@unodc.org",
      details: { changes: { role: { from: "member", to: "focal_point" } } },
    });
  });

  it("refuses what only an administrator may do, and changes nothing", async () => {
    const member = await create("hotel@tjk.example", "member", "TJK", "Hotel");
    const otherAdmin = await create("india.admin@unodc.org", "administrator", null, "India Admin");

    const promote = await patch(coordinator, member.id, { version: 1, role: "administrator" });
    expect(promote.statusCode).toBe(403);
    expect(promote.json().code).toBe("administrator_required");

    const demote = await patch(coordinator, otherAdmin.id, { version: 1, role: "member" });
    expect(demote.statusCode).toBe(403);
    expect(demote.json().code).toBe("administrator_required");

    const rename = await patch(coordinator, otherAdmin.id, { version: 1, displayName: "Renamed" });
    expect(rename.statusCode).toBe(403);
    expect(rename.json().code).toBe("administrator_required");

    const suspend = await patch(coordinator, otherAdmin.id, { version: 1, status: "suspended" });
    expect(suspend.json().code).toBe("administrator_required");

    const createAdmin = await coordinator.request({
      method: "POST",
      url: "/api/v1/users",
      payload: { email: "juliet@unodc.org", displayName: "Juliet", role: "administrator" },
    });
    expect(createAdmin.statusCode).toBe(403);
    expect(createAdmin.json().code).toBe("administrator_required");

    expect(await getUser(member.id)).toMatchObject({ role: "member", version: 1 });
    expect(await getUser(otherAdmin.id)).toMatchObject({
      role: "administrator",
      displayName: "India Admin",
      version: 1,
    });
    expect((await admin.request({ url: "/api/v1/users?q=juliet" })).json().total).toBe(0);

    // An administrator may do all of it.
    expect((await patch(admin, member.id, { version: 1, role: "administrator" })).statusCode).toBe(200);
    expect((await patch(admin, otherAdmin.id, { version: 1, role: "coordinator" })).statusCode).toBe(200);
  });

  it("refuses a change of one's own role or status, for administrators too", async () => {
    const meCoord = (await coordinator.request({ url: "/api/v1/auth/me" })).json().user;
    const coordVersion = (await getUser(meCoord.id)).version;
    const ownRole = await patch(coordinator, meCoord.id, { version: coordVersion, role: "administrator" });
    expect(ownRole.statusCode).toBe(403);
    expect(ownRole.json().code).toBe("administrator_required");
    const ownDemotion = await patch(coordinator, meCoord.id, { version: coordVersion, role: "member" });
    expect(ownDemotion.statusCode).toBe(403);
    expect(ownDemotion.json().code).toBe("self_change_forbidden");

    const meAdmin = (await admin.request({ url: "/api/v1/auth/me" })).json().user;
    const adminVersion = (await getUser(meAdmin.id)).version;
    const ownSuspension = await patch(admin, meAdmin.id, { version: adminVersion, status: "suspended" });
    expect(ownSuspension.statusCode).toBe(403);
    expect(ownSuspension.json()).toMatchObject({ code: "self_change_forbidden", details: { field: "status" } });
    const ownRoleAdmin = await patch(admin, meAdmin.id, { version: adminVersion, role: "coordinator" });
    expect(ownRoleAdmin.json().code).toBe("self_change_forbidden");

    // One's own name is fine.
    const rename = await patch(admin, meAdmin.id, { version: adminVersion, displayName: "The Administrator" });
    expect(rename.statusCode).toBe(200);
    expect((await admin.request({ url: "/api/v1/auth/me" })).json().user.role).toBe("administrator");
  });

  it("checks that the partner exists and that a focal point has one", async () => {
    const user = await create("kilo@tjk.example", "member", "TJK", "Kilo");
    const unknown = await patch(coordinator, user.id, { version: 1, partnerCode: "NOWHERE" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      expect.objectContaining({ path: "body.partnerCode", code: "unknown_partner" }),
    ]);
    const noPartner = await patch(coordinator, user.id, { version: 1, role: "focal_point", partnerCode: null });
    expect(noPartner.json().errors).toEqual([
      expect.objectContaining({ path: "body.partnerCode", code: "partner_required" }),
    ]);
    expect(await getUser(user.id)).toMatchObject({ partnerCode: "TJK", role: "member", version: 1 });

    const ok = await patch(coordinator, user.id, { version: 1, partnerCode: "uzb" });
    expect(ok.json()).toMatchObject({ partnerCode: "UZB", version: 2 });
  });

  it("validates country scopes: ISO3 countries, for liaison officers only", async () => {
    const lo = await create("lima.lo@unodc.example", "liaison_officer", "UNODC", "Lima Liaison");
    const member = await create("mike@tjk.example", "member", "TJK", "Mike");

    const notCountry = await patch(coordinator, lo.id, { version: 1, countryScopes: ["TJK", "XYZ"] });
    expect(notCountry.statusCode).toBe(400);
    expect(notCountry.json().errors).toEqual([
      expect.objectContaining({ path: "body.countryScopes.1", code: "unknown_country" }),
    ]);
    const notIso3 = await patch(coordinator, lo.id, { version: 1, countryScopes: ["TJ"] });
    expect(notIso3.statusCode).toBe(400);
    expect(notIso3.json().errors[0].path).toBe("body.countryScopes.0");

    const notLiaison = await patch(coordinator, member.id, { version: 1, countryScopes: ["TJK"] });
    expect(notLiaison.statusCode).toBe(400);
    expect(notLiaison.json().errors).toEqual([
      expect.objectContaining({ path: "body.countryScopes", code: "liaison_officers_only" }),
    ]);
    expect(await t.ctx.users.countryScopesOf(lo.id)).toEqual([]);

    const ok = await patch(coordinator, lo.id, { version: 1, countryScopes: ["uzb", "TJK", "TJK"] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().countryScopes).toEqual(["TJK", "UZB"]);
    const scopes = await t.ctx.users.countryScopesOf(lo.id);
    expect(scopes).toEqual(["TJK", "UZB"]);

    const principal = principalFor(
      { id: lo.id, email: lo.email, displayName: lo.display_name, role: "liaison_officer", partnerCode: "UNODC" },
      null,
    );
    expect(canActOnCountry(principal, "TJK", scopes)).toBe(true);
    expect(canActOnCountry(principal, "AFG", scopes)).toBe(false);
    const fp = principalFor({ id: "f", email: "f@x", displayName: "f", role: "focal_point", partnerCode: "TJK" }, null);
    expect(canActOnCountry(fp, "TJK", [])).toBe(true);
    expect(canActOnCountry(fp, "UZB", ["UZB"])).toBe(false);
    const coord = principalFor(
      { id: "c", email: "c@x", displayName: "c", role: "coordinator", partnerCode: null },
      null,
    );
    expect(canActOnCountry(coord, "AFG", [])).toBe(true);
    const plain = principalFor({ id: "m", email: "m@x", displayName: "m", role: "member", partnerCode: "TJK" }, null);
    expect(canActOnCountry(plain, "TJK", ["TJK"])).toBe(false);
    expect(canActOnCountry(VISITOR, "TJK", ["TJK"])).toBe(false);

    // Leaving the liaison role drops the scopes, and the history says so.
    const demoted = await patch(coordinator, lo.id, { version: 2, role: "member" });
    expect(demoted.json().countryScopes).toEqual([]);
    const history = await t.ctx.revisions.history("user", lo.id);
    expect(history[0]?.changes).toMatchObject({ country_scopes: { from: ["TJK", "UZB"], to: [] } });
  });

  it("ends every session of a suspended user at once, and lets them back after reactivation", async () => {
    const client = await t.signIn("member", { email: "november@tjk.example", partnerCode: "TJK" });
    const id = client.userId as string;
    expect((await client.request({ url: "/api/v1/directory" })).statusCode).toBe(200);

    const res = await patch(coordinator, id, { version: 1, status: "suspended" });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe("suspended");
    expect((await client.request({ url: "/api/v1/auth/me" })).json().authenticated).toBe(false);
    expect((await client.request({ url: "/api/v1/directory" })).statusCode).toBe(401);
    const sessions = await t.ctx.database.db
      .selectFrom("sessions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(Number(sessions.n)).toBe(0);

    const detail = await getUser(id);
    expect(detail.recentAudit[0]).toMatchObject({ action: "user.suspend", details: { sessionsEnded: 1 } });
    await expect(
      t.ctx.accounts.signIn("november@tjk.example", "correct horse battery staple", SYSTEM_ACTOR, null),
    ).rejects.toMatchObject({ code: "invalid_credentials" });

    const back = await patch(coordinator, id, { version: 2, status: "active" });
    expect(back.json().status).toBe("active");
    const archived = await patch(coordinator, id, { version: 3, status: "archived" });
    expect(archived.json().status).toBe("archived");
    const history = await t.ctx.revisions.history("user", id);
    expect(history.map((h) => h.action)).toEqual(["archive", "update", "update"]);
  });

  it("creates a user with a one-time password shown once, under the same rules", async () => {
    const res = await coordinator.request({
      method: "POST",
      url: "/api/v1/users",
      payload: {
        email: "Oscar.LO@unodc.example",
        displayName: "Oscar Liaison",
        role: "liaison_officer",
        partnerCode: "unodc",
        language: "ru",
        countryScopes: ["KAZ", "kgz"],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = res.json();
    expect(body.oneTimePassword).toMatch(/^\S{20}$/);
    expect(body.user).toMatchObject({
      email: "oscar.lo@unodc.example",
      role: "liaison_officer",
      partnerCode: "UNODC",
      language: "ru",
      countryScopes: ["KAZ", "KGZ"],
      mustChangePassword: true,
      status: "active",
    });
    const signedIn = await t.ctx.accounts.signIn("oscar.lo@unodc.example", body.oneTimePassword, SYSTEM_ACTOR, null);
    expect(signedIn.user.must_change_password).toBe(true);
    const detail = await getUser(body.user.id);
    expect(JSON.stringify(detail)).not.toContain(body.oneTimePassword);
    expect((await t.ctx.revisions.history("user", body.user.id))[0]).toMatchObject({ action: "create" });

    const duplicate = await coordinator.request({
      method: "POST",
      url: "/api/v1/users",
      payload: { email: "OSCAR.lo@unodc.example", displayName: "Again", role: "member" },
    });
    expect(duplicate.statusCode).toBe(409);

    const badScopes = await coordinator.request({
      method: "POST",
      url: "/api/v1/users",
      payload: { email: "papa@tjk.example", displayName: "Papa", role: "member", countryScopes: ["TJK"] },
    });
    expect(badScopes.statusCode).toBe(400);
    const badPartner = await coordinator.request({
      method: "POST",
      url: "/api/v1/users",
      payload: { email: "papa@tjk.example", displayName: "Papa", role: "focal_point" },
    });
    expect(badPartner.json().errors[0]).toMatchObject({ path: "body.partnerCode", code: "partner_required" });
    expect((await coordinator.request({ url: "/api/v1/users?q=papa" })).json().total).toBe(0);
  });

  it("is for coordinators and administrators only", async () => {
    const focal = await t.signIn("focal_point", { partnerCode: "TJK" });
    expect((await focal.request({ url: "/api/v1/users" })).statusCode).toBe(403);
    const anyone = await t.visitor();
    expect((await anyone.request({ url: "/api/v1/users" })).statusCode).toBe(401);
    expect((await coordinator.request({ url: "/api/v1/users/not-a-uuid" })).statusCode).toBe(400);
  });
});
