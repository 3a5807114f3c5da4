import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../src/common/platform.js";
import { createTestApp, type TestApp, type TestClient } from "./app.js";

/**
 * Who may call what. Every registered API route must have an entry here: a new route without one fails
 * this test. "public" = everyone; "signed-in" = every role; otherwise the roles allowed.
 */
const ALL_ROLES: Role[] = ["member", "focal_point", "liaison_officer", "coordinator", "administrator"];
const EDITORS: Role[] = ["focal_point", "liaison_officer", "coordinator", "administrator"];
type Allowed = "public" | "signed-in" | Role[];

const MATRIX: Record<string, Allowed> = {
  "GET /api/v1/openapi.json": "public",
  "GET /api/v1/health": "public",
  "GET /api/v1/system/backup": ["administrator"],
  "GET /api/v1/search": "public",
  "GET /api/v1/search/types": "public",
  "GET /api/v1/geo/countries": "public",
  "POST /api/v1/files": EDITORS,
  "GET /api/v1/files/:id": "signed-in",
  "GET /api/v1/jobs/:id": "signed-in",
  "GET /api/v1/jobs/:id/events": "signed-in",
  "GET /api/v1/notifications": "signed-in",
  "POST /api/v1/notifications/:id/read": "signed-in",
  "POST /api/v1/notifications/read-all": "signed-in",
  "GET /api/v1/notifications/preferences": "signed-in",
  "PUT /api/v1/notifications/preferences": "signed-in",
  "GET /api/v1/auth/me": "public",
  "POST /api/v1/auth/sign-in": "public",
  "POST /api/v1/auth/sign-out": "public",
  "POST /api/v1/auth/password": "signed-in",
  "POST /api/v1/auth/sign-in/2fa": "public",
  "GET /api/v1/auth/sessions": "signed-in",
  "DELETE /api/v1/auth/sessions/:id": "signed-in",
  "POST /api/v1/auth/sessions/sign-out-everywhere": "signed-in",
  "GET /api/v1/auth/2fa": "signed-in",
  "POST /api/v1/auth/2fa/setup": "signed-in",
  "POST /api/v1/auth/2fa/enable": "signed-in",
  "POST /api/v1/auth/2fa/disable": "signed-in",
  "POST /api/v1/auth/2fa/recovery-codes": "signed-in",
  "GET /api/v1/auth/tokens": "signed-in",
  "POST /api/v1/auth/tokens": "signed-in",
  "DELETE /api/v1/auth/tokens/:id": "signed-in",
  "POST /api/v1/auth/password-reset": "public",
  "POST /api/v1/auth/password-reset/complete": "public",
  "GET /api/v1/partners": "public",
  "GET /api/v1/partners/:code": "public",
  "PATCH /api/v1/partners/:code": ["coordinator", "administrator"],
  "GET /api/v1/partners/:code/history": "signed-in",
  "GET /api/v1/pillars": "public",
  "GET /api/v1/pillars/:number": "public",
  "GET /api/v1/commitments": "public",
  "GET /api/v1/routes": "public",
  "GET /api/v1/programme": "public",
  "POST /api/v1/registrations": "public",
  "POST /api/v1/registrations/confirm": "public",
  "GET /api/v1/registrations": ["focal_point", "coordinator", "administrator"],
  "GET /api/v1/registrations/stats": ["coordinator", "administrator"],
  "POST /api/v1/registrations/:id/vouch": ["focal_point", "coordinator", "administrator"],
  "POST /api/v1/registrations/:id/decline": ["focal_point", "coordinator", "administrator"],
  "POST /api/v1/registrations/:id/approve": ["coordinator", "administrator"],
  "POST /api/v1/registrations/:id/reject": ["coordinator", "administrator"],
  "GET /api/v1/terms/current": "public",
  "POST /api/v1/terms/accept": "signed-in",
  "POST /api/v1/terms/versions": ["coordinator", "administrator"],
  "GET /api/v1/users": ["coordinator", "administrator"],
  "POST /api/v1/users": ["coordinator", "administrator"],
  "GET /api/v1/users/:id": ["coordinator", "administrator"],
  "PATCH /api/v1/users/:id": ["coordinator", "administrator"],
  "GET /api/v1/audit": ["coordinator", "administrator"],
  "GET /api/v1/audit/export": ["coordinator", "administrator"],
  "GET /api/v1/directory": "signed-in",
};

const SAMPLE_PARAMS: Record<string, string> = {
  id: "00000000-0000-4000-8000-000000000000",
  code: "AFG",
  number: "1",
};

function concrete(url: string) {
  return url.replace(/:(\w+)/g, (_, name: string) => SAMPLE_PARAMS[name] ?? "x");
}

function allows(rule: Allowed, role: Role | "visitor") {
  if (rule === "public") return true;
  if (role === "visitor") return false;
  return rule === "signed-in" || rule.includes(role);
}

describe("role × route matrix", () => {
  let t: TestApp;
  const clients = new Map<Role | "visitor", TestClient>();

  beforeAll(async () => {
    t = await createTestApp();
    clients.set("visitor", await t.visitor());
    for (const role of ALL_ROLES) clients.set(role, await t.signIn(role, { partnerCode: "TJK" }));
  });
  afterAll(() => t.close());

  it("has an entry for every registered API route, and no stale entries", () => {
    const registered = t.routes.filter((r) => r.url.startsWith("/api/v1")).map((r) => `${r.method} ${r.url}`);
    const missing = registered.filter((key) => !(key in MATRIX));
    expect(missing, "routes without a matrix entry").toEqual([]);
    expect(
      Object.keys(MATRIX).filter((key) => !registered.includes(key)),
      "entries without a route",
    ).toEqual([]);
  });

  it("every registered API route declares an access rule", () => {
    const withoutRule = t.routes.filter((r) => r.url.startsWith("/api/v1") && !r.access);
    expect(withoutRule).toEqual([]);
  });

  it("refuses exactly the roles the matrix refuses", async () => {
    const failures: string[] = [];
    // Sign-out last: it ends the session the other calls use.
    // (sign-out-everywhere before sign-out, which is public and so passes without a session).
    const last = (key: string) => (key.endsWith("/sign-out") ? 2 : key.includes("sign-out") ? 1 : 0);
    const keys = Object.keys(MATRIX).sort((a, b) => last(a) - last(b));
    for (const key of keys) {
      const [method, url] = key.split(" ") as [string, string];
      for (const [role, client] of clients) {
        const res = await client.request({
          method: method as "GET",
          url: concrete(url),
          ...(method === "GET" ? {} : { payload: {} }),
        });
        const denied = res.statusCode === 401 || res.statusCode === 403;
        const expectedAllowed = allows(MATRIX[key] as Allowed, role);
        if (expectedAllowed === denied) failures.push(`${role} ${key}: got ${res.statusCode}`);
        if (!expectedAllowed && role === "visitor" && res.statusCode !== 401)
          failures.push(`visitor ${key}: want 401, got ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
