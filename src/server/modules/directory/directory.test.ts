import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../../../../test/app.js";
import type { Role } from "../../../common/platform.js";
import { SYSTEM_ACTOR } from "../../platform/audit.js";

describe("members' directory of focal points and liaison officers", () => {
  let t: TestApp;
  let member: TestClient;
  let visitor: TestClient;

  const create = async (email: string, displayName: string, role: Role, partnerCode: string | null) =>
    (await t.ctx.accounts.createUser({ email, displayName, role, partnerCode, language: "ru" }, SYSTEM_ACTOR)).user;

  beforeAll(async () => {
    t = await createTestApp();
    await create("fp.tjk@example.tj", "Farhod Rahimov", "focal_point", "TJK");
    await create("fp.uzb@example.uz", "Dilshod Karimov", "focal_point", "UZB");
    await create("fp.caricc@example.org", "Aigul Nurlanova", "focal_point", "CARICC");
    const lo = await create("lo.dushanbe@unodc.org", "Liaison Dushanbe", "liaison_officer", "UNODC");
    await t.ctx.database.db
      .insertInto("user_country_scopes")
      .values([
        { user_id: lo.id, country_code: "TJK" },
        { user_id: lo.id, country_code: "AFG" },
      ])
      .execute();
    const gone = await create("fp.old@example.tj", "Former Focal", "focal_point", "TJK");
    await t.ctx.database.db.updateTable("users").set({ status: "suspended" }).where("id", "=", gone.id).execute();
    await create("someone@example.tj", "Plain Member", "member", "TJK");
    member = await t.signIn("member", { partnerCode: "TUR" });
    visitor = await t.visitor();
  });
  afterAll(() => t.close());

  it("is closed to visitors", async () => {
    const res = await visitor.request({ url: "/api/v1/directory" });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe("unauthenticated");
  });

  it("shows members every active focal point and liaison officer, with partner names and scopes", async () => {
    const res = await member.request({ url: "/api/v1/directory" });
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    expect(total).toBe(4);
    const names = items.map((p: { displayName: string }) => p.displayName);
    expect(names).not.toContain("Former Focal");
    expect(names).not.toContain("Plain Member");
    expect(items.find((p: { partnerCode: string }) => p.partnerCode === "TJK")).toMatchObject({
      displayName: "Farhod Rahimov",
      role: "focal_point",
      email: "fp.tjk@example.tj",
      language: "ru",
      partnerName: { en: "Tajikistan", ru: "Таджикистан" },
      countries: [],
    });
    expect(items.find((p: { partnerCode: string }) => p.partnerCode === "CARICC").partnerName.en).toContain(
      "Central Asian Regional",
    );
    const lo = items.find((p: { role: string }) => p.role === "liaison_officer");
    expect(lo.countries.map((c: { code: string }) => c.code)).toEqual(["AFG", "TJK"]);
    expect(lo.countries[0].name.en).toContain("Afghanistan");
  });

  it("filters by partner (own partner or a liaison officer's country), role and name", async () => {
    const tjk = (await member.request({ url: "/api/v1/directory?partner=tjk" })).json();
    expect(tjk.items.map((p: { displayName: string }) => p.displayName).sort()).toEqual([
      "Farhod Rahimov",
      "Liaison Dushanbe",
    ]);
    const los = (await member.request({ url: "/api/v1/directory?role=liaison_officer" })).json();
    expect(los.total).toBe(1);
    const byName = (await member.request({ url: "/api/v1/directory?q=karim" })).json();
    expect(byName.items.map((p: { email: string }) => p.email)).toEqual(["fp.uzb@example.uz"]);
    expect((await member.request({ url: "/api/v1/directory?role=member" })).statusCode).toBe(400);
  });

  it("adds a section to partner pages for members only", async () => {
    const open = (await visitor.request({ url: "/api/v1/partners/TJK" })).json();
    expect(open.sections.find((s: { key: string }) => s.key === "directory")).toBeUndefined();

    const page = (await member.request({ url: "/api/v1/partners/TJK" })).json();
    const section = page.sections.find((s: { key: string }) => s.key === "directory");
    expect(section).toMatchObject({
      title: { en: "Focal points and liaison officers" },
      total: 2,
    });
    expect(section.items.map((i: { detail: string }) => i.detail).sort()).toEqual([
      "fp.tjk@example.tj",
      "lo.dushanbe@unodc.org",
    ]);
    expect(section.items[0].label.ru).toMatch(/национальный координатор|сотрудник по связям/);

    const none = (await member.request({ url: "/api/v1/partners/TUR" })).json();
    expect(none.sections.find((s: { key: string }) => s.key === "directory")).toMatchObject({ total: 0, items: [] });
  });
});
