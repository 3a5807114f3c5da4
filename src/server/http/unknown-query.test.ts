import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../../../test/app.js";

const UUID = "00000000-0000-4000-8000-000000000000";
const PARAMS: Record<string, string> = { id: UUID, code: "TJK", iso3: "TJK", number: "1", year: "2023" };
const urlOf = (route: string) => route.replace(/:(\w+)/g, (_, name: string) => PARAMS[name] ?? "x");

/**
 * Issue 17, smaller holes: an unknown query parameter was dropped silently, so `/projects?commitment=I.6` answered
 * every project as if filtered. Every API route now refuses it with 400 problem+json naming the parameter.
 */
describe("unknown query parameters", () => {
  let t: TestApp;
  let admin: TestClient;
  let member: TestClient;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: "100000" } });
    admin = await t.signIn("administrator", { partnerCode: "UNODC" });
    member = await t.signIn("member", { partnerCode: "TUR" });
  });
  afterAll(() => t.close());

  it("refuses /projects?commitment=I.6 with the parameter named, in English and Russian", async () => {
    const en = await member.request({ url: "/api/v1/projects?commitment=I.6&q=opium" });
    expect(en.statusCode, en.body).toBe(400);
    expect(en.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(en.json()).toMatchObject({ code: "validation_failed", status: 400 });
    expect(en.json().errors).toEqual([
      { path: "query.commitment", code: "unknown_parameter", message: expect.stringContaining("commitment") },
    ]);
    expect(en.json().errors[0].message).toMatch(/unknown query parameter/i);

    const ru = await member.request({ url: "/api/v1/projects?commitment=I.6", headers: { "accept-language": "ru" } });
    expect(ru.statusCode).toBe(400);
    expect(ru.json().title).toBe("Некоторые поля заполнены неверно.");
    expect(ru.json().errors[0]).toMatchObject({ path: "query.commitment", code: "unknown_parameter" });
    expect(ru.json().errors[0].message).toMatch(/Неизвестный параметр запроса.*commitment/);
  });

  it("names every unknown parameter, repeated ones once, and keeps the known ones working", async () => {
    const res = await member.request({ url: "/api/v1/projects?pillar=1&zz=1&zz=2&yy=" });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(["query.zz", "query.yy"]);
    expect((await member.request({ url: "/api/v1/projects?q=opium&limit=5" })).statusCode).toBe(200);
    expect((await member.request({ url: "/api/v1/partners?kind=organization" })).statusCode).toBe(200);
  });

  it("refuses it on a route that takes no query at all, without running the handler", async () => {
    const health = await t.app.inject({ url: "/api/v1/health?verbose=1" });
    expect(health.statusCode).toBe(400);
    expect(health.json().errors[0]).toMatchObject({ path: "query.verbose", code: "unknown_parameter" });
    const before = await t.ctx.database.db.selectFrom("audit_log").select("id").execute();
    const signOut = await member.request({ method: "POST", url: "/api/v1/auth/sign-out?next=/", payload: {} });
    expect(signOut.statusCode).toBe(400);
    expect((await member.request({ url: "/api/v1/auth/me" })).json().authenticated).toBe(true);
    expect((await t.ctx.database.db.selectFrom("audit_log").select("id").execute()).length).toBe(before.length);
  });

  it("still answers a visitor on a protected route with 401, before looking at its input", async () => {
    const res = await t.app.inject({ url: "/api/v1/projects?commitment=I.6" });
    expect(res.statusCode).toBe(401);
  });

  it("holds on every registered API route", async () => {
    const failures: string[] = [];
    const api = t.routes.filter((r) => r.url.startsWith("/api/v1") && r.access?.kind !== "infrastructure");
    expect(api.length).toBeGreaterThan(100);
    for (const route of api) {
      const res = await admin.request({
        method: route.method as "GET",
        url: `${urlOf(route.url)}?zz_stray=1`,
        ...(route.method === "GET" || route.method === "DELETE" ? {} : { payload: {} }),
      });
      const paths = res.statusCode === 400 ? (res.json().errors ?? []).map((e: { path: string }) => e.path) : [];
      if (!paths.includes("query.zz_stray")) failures.push(`${route.method} ${route.url} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });
});
