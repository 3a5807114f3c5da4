import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/app.js";

describe("OpenAPI description", () => {
  const t = useTestApp({ reference: false });

  it("is a valid OpenAPI 3.1 document covering every API route", async () => {
    const res = await t.app.inject({ url: "/api/v1/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ":$1")}`),
      ),
    );
    const missing = t.routes
      .filter((r) => r.url.startsWith("/api/v1") && r.url !== "/api/v1/openapi.json")
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !documented.has(k));
    expect(missing).toEqual([]);
  });

  it("declares the session and bearer schemes, and every route's access rule, security and permission", async () => {
    const doc = (await t.app.inject({ url: "/api/v1/openapi.json" })).json();
    expect(doc.components.securitySchemes).toMatchObject({
      session: { type: "apiKey", in: "cookie", name: "pact_session" },
      bearer: { type: "http", scheme: "bearer" },
    });
    type Operation = { security?: Record<string, string[]>[]; description?: string } & Record<string, unknown>;
    const operations = new Map<string, Operation>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, op] of Object.entries(ops)) {
        operations.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`, op);
      }
    }
    const problems: string[] = [];
    const api = t.routes.filter((r) => r.url.startsWith("/api/v1") && r.url !== "/api/v1/openapi.json");
    for (const route of api) {
      const key = `${route.method} ${route.url}`;
      const op = operations.get(key);
      const rule = route.access;
      if (!op || !rule) {
        problems.push(`${key}: not documented or no rule`);
        continue;
      }
      if (op["x-access"] !== rule.kind) problems.push(`${key}: x-access ${String(op["x-access"])} ≠ ${rule.kind}`);
      const permission = rule.kind === "permission" ? rule.permission : undefined;
      if (op["x-permission"] !== permission) problems.push(`${key}: x-permission ${String(op["x-permission"])}`);
      if (!/Access: /.test(op.description ?? "")) problems.push(`${key}: no access sentence in the description`);
      if (permission && !op.description?.includes(`\`${permission}\``)) problems.push(`${key}: description lacks it`);
      const schemes = (op.security ?? []).map((s) => Object.keys(s).join("+") || "anonymous");
      const tokens = route.url.startsWith("/api/v1/auth/") && key !== "GET /api/v1/auth/me" ? [] : ["bearer"];
      const expected = rule.kind === "public" ? ["anonymous", "session", ...tokens] : ["session", ...tokens];
      if (schemes.join(",") !== expected.join(",")) problems.push(`${key}: security ${schemes.join(",")}`);
      const bearer = op.security?.find((s) => s.bearer)?.bearer;
      if (bearer && bearer.join(",") !== (permission ?? "")) problems.push(`${key}: bearer scopes ${bearer.join(",")}`);
    }
    expect(problems).toEqual([]);
    expect(operations.get("POST /api/v1/terms/accept")).toMatchObject({
      "x-access": "permission",
      "x-permission": "account:write",
      security: [{ session: [] }, { bearer: ["account:write"] }],
    });
    expect(operations.get("GET /api/v1/health")?.security).toEqual([{}, { session: [] }, { bearer: [] }]);
  });

  it("renders the API documentation page", async () => {
    const res = await t.app.inject({ url: "/api/docs/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
  });
});
