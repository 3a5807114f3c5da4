import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { principalFor, VISITOR } from "./access-policy.js";
import { enforce, installRouteRegistry, publicAccess, requires, signedIn } from "./access-rules.js";
import type { AppError } from "./errors.js";

describe("access rules", () => {
  it("refuses to register an API route without an access rule", async () => {
    const app = Fastify();
    installRouteRegistry(app);
    expect(() => app.get("/api/v1/forgotten", async () => ({}))).toThrow(/declares no access rule/);
  });

  it("records every route with its rule", async () => {
    const app = Fastify();
    const registry = installRouteRegistry(app);
    app.get("/api/v1/open", { config: { access: publicAccess() } }, async () => ({}));
    app.post("/api/v1/closed", { config: { access: requires("users:manage") } }, async () => ({}));
    await app.ready();
    expect(registry).toEqual([
      { method: "GET", url: "/api/v1/open", access: { kind: "public" } },
      { method: "POST", url: "/api/v1/closed", access: { kind: "permission", permission: "users:manage" } },
    ]);
  });

  it("answers 401 to a visitor and 403 to a user without the permission", () => {
    const member = principalFor(
      { id: "u", email: "m@x.org", displayName: "M", role: "member", partnerCode: null },
      null,
    );
    const coordinator = principalFor(
      { id: "c", email: "c@x.org", displayName: "C", role: "coordinator", partnerCode: null },
      null,
    );
    const status = (fn: () => void) => {
      try {
        fn();
        return 200;
      } catch (e) {
        return (e as AppError).status;
      }
    };
    expect(status(() => enforce(signedIn(), VISITOR))).toBe(401);
    expect(status(() => enforce(requires("users:manage"), VISITOR))).toBe(401);
    expect(status(() => enforce(requires("users:manage"), member))).toBe(403);
    expect(status(() => enforce(requires("users:manage"), coordinator))).toBe(200);
    expect(status(() => enforce(publicAccess(), VISITOR))).toBe(200);
  });
});
