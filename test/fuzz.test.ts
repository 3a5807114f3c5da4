import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseSummary, type TableSummary } from "../src/server/platform/backup.js";
import { createTestApp, type TestApp, type TestClient } from "./app.js";

/**
 * Bad input against every write route, generated from the OpenAPI description: for each POST/PUT/PATCH/DELETE
 * route, a plausible body built from its schema is mutated field by field (wrong types, nulls, oversized and
 * Unicode-edge strings, injection strings, out-of-range numbers, deep nesting, prototype pollution keys), and
 * whole bodies are sent malformed. The platform must never answer 5xx, and a route that refused every
 * payload must have changed nothing in the database (bookkeeping tables aside).
 */

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  minimum?: number;
  minLength?: number;
  $ref?: string;
};

const UUID = "00000000-0000-4000-8000-000000000000";
const PARAMS: Record<string, string> = { id: UUID, code: "TJK", iso3: "TJK", number: "1", year: "2023" };

const EDGE_STRINGS = [
  "",
  " ",
  "x".repeat(100_000),
  "\u0000null byte",
  "\uD800 lone surrogate",
  "\u202Eright-to-left override",
  "👨‍👩‍👧‍👦 🏳️‍🌈 Ω≈ç√",
  "'; drop table users; --",
  "' or '1'='1",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "../../../../etc/passwd",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection probe, literally.
  "${jndi:ldap://x}",
  "{{7*7}}",
  "Юрий Ковалёв\r\nBcc: x@y.z",
];
const WRONG_VALUES: unknown[] = [
  null,
  true,
  -1,
  0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  [],
  {},
  [null],
  { __proto__: { admin: true } },
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  nest(60),
  ...EDGE_STRINGS,
];

/** Mutations every field receives. */
const CORE_VALUES: unknown[] = [null, 12345, "x".repeat(100_000), "\u0000null byte", "'; drop table users; --", [{}]];

function nest(depth: number): unknown {
  let v: unknown = "deep";
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

function resolve(schema: Schema | undefined, root: Record<string, unknown>): Schema {
  if (!schema) return {};
  if (schema.$ref) {
    const path = schema.$ref.replace(/^#\//, "").split("/");
    let node: unknown = root;
    for (const p of path) node = (node as Record<string, unknown>)?.[p];
    return resolve(node as Schema, root);
  }
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((s) => resolve(s, root)));
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) return resolve(alt.find((s) => s.type !== "null") ?? alt[0], root);
  return schema;
}

/** A plausible value of the schema's shape (not necessarily valid: the point is to reach the validators). */
function sample(schema: Schema | undefined, root: Record<string, unknown>, depth = 0): unknown {
  const s = resolve(schema, root);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if (type === "object" || s.properties) {
    if (depth > 4) return {};
    const out: Record<string, unknown> = {};
    for (const [key, prop] of Object.entries(s.properties ?? {})) out[key] = sample(prop, root, depth + 1);
    return out;
  }
  if (type === "array") return [sample(s.items, root, depth + 1)];
  if (type === "integer" || type === "number") return Math.max(1, s.minimum ?? 1);
  if (type === "boolean") return true;
  if (s.format === "uuid") return UUID;
  if (s.format === "email") return "fuzz@example.org";
  if (s.format === "date") return "2023-05-17";
  if (s.format === "date-time") return "2023-05-17T10:00:00Z";
  return "x".repeat(Math.max(1, s.minLength ?? 1));
}

interface WriteRoute {
  method: string;
  url: string;
  schema: Schema | undefined;
  multipart: boolean;
}

/** Routes that end the caller's own session would stop the rest of the run; they are covered elsewhere. */
const SKIP = [/\/auth\/sign-out/, /\/auth\/sessions/];
/** Bookkeeping that a refused request legitimately writes. */
const BOOKKEEPING = /audit|session|attempt|rate|notification|job|login|token/;

function pick(summary: Record<string, TableSummary>) {
  return Object.fromEntries(Object.entries(summary).filter(([t]) => !BOOKKEEPING.test(t)));
}

describe("fuzzing every write route", () => {
  let t: TestApp;
  let admin: TestClient;
  const routes: WriteRoute[] = [];
  let openapi: Record<string, unknown>;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: "1000000" } });
    admin = await t.signIn("administrator");
    openapi = (await admin.request({ url: "/api/v1/openapi.json" })).json();
    const paths = openapi.paths as Record<
      string,
      Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>
    >;
    for (const [path, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!["post", "put", "patch", "delete"].includes(method)) continue;
        const url = `/api/v1${path.replace(/^\/api\/v1/, "")}`.replace(
          /\{(\w+)\}/g,
          (_, n: string) => PARAMS[n] ?? "x",
        );
        if (SKIP.some((r) => r.test(url))) continue;
        const content = op.requestBody?.content ?? {};
        routes.push({
          method: method.toUpperCase(),
          url,
          schema: content["application/json"]?.schema,
          multipart: "multipart/form-data" in content,
        });
      }
    }
  }, 120_000);
  afterAll(async () => t?.close());

  it("finds the write routes in the OpenAPI description", () => {
    expect(routes.length).toBeGreaterThan(20);
  });

  it("never answers 5xx, and a route that refused everything changed nothing", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      // Some payloads are legitimately accepted (a PATCH with a Unicode name); keep a live session anyway.
      const me = (await admin.request({ url: "/api/v1/auth/me" })).json();
      if (!me.user) admin = await t.signIn("administrator");
      const before = pick(await databaseSummary(t.ctx.database.db));
      const base = (route.schema ? sample(route.schema, openapi) : {}) as Record<string, unknown>;
      const bodies: { label: string; payload: unknown; contentType?: string }[] = [
        { label: "malformed JSON", payload: '{"a": [1, 2', contentType: "application/json" },
        { label: "array body", payload: "[1,2,3]", contentType: "application/json" },
        { label: "string body", payload: '"just a string"', contentType: "application/json" },
        { label: "form body", payload: "a=1&b=2", contentType: "application/x-www-form-urlencoded" },
        { label: "deep body", payload: JSON.stringify(nest(500)), contentType: "application/json" },
      ];
      if (base && typeof base === "object" && !Array.isArray(base)) {
        // Every field gets the core mutations and a rotating share of the rest, so the whole catalogue is
        // used across the run while each route stays cheap.
        for (const [k, key] of Object.keys(base).entries()) {
          const rotating = [0, 1, 2].map((j) => WRONG_VALUES[(k * 3 + j) % WRONG_VALUES.length]);
          for (const value of [...CORE_VALUES, ...rotating]) {
            bodies.push({ label: `${key}=${JSON.stringify(value)?.slice(0, 40)}`, payload: { ...base, [key]: value } });
          }
        }
      }
      let accepted = 0;
      for (const body of bodies) {
        const res = await admin.request({
          method: route.method as "POST",
          url: route.url,
          payload: typeof body.payload === "string" ? body.payload : (body.payload as object),
          ...(body.contentType
            ? { headers: { "content-type": body.contentType, "x-csrf-token": admin.csrfToken } }
            : {}),
        });
        if (res.statusCode >= 500)
          failures.push(`${route.method} ${route.url} [${body.label}] → ${res.statusCode} ${res.body.slice(0, 200)}`);
        else if (res.statusCode < 400) accepted++;
      }
      if (accepted === 0) {
        const after = pick(await databaseSummary(t.ctx.database.db));
        const changed = Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
        if (changed.length)
          failures.push(`${route.method} ${route.url} refused everything but changed ${changed.join(", ")}`);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
