import { expect } from "vitest";
import type { TestApp, TestClient } from "./app.js";
import { SEIZURE_INPUT } from "./fixtures.js";

// biome-ignore lint/suspicious/noExplicitAny: test reads of JSON answers
export type Json = Record<string, any>;
type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** One API call as `c`, in `lang`: the status, the parsed body and the raw text (for failure messages). */
export async function call(c: TestClient, method: Method, url: string, payload?: unknown, lang = "en") {
  const res = await c.request({
    method,
    url: `/api/v1${url}`,
    ...(payload !== undefined ? { payload } : {}),
    headers: { "accept-language": lang },
  });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as Json, raw: res.body };
}

/** A call that must succeed; its body. */
export async function ok(c: TestClient, method: Method, url: string, payload?: unknown): Promise<Json> {
  const res = await call(c, method, url, payload);
  expect(res.status, res.raw).toBeLessThan(300);
  return res.body;
}

/** A seizure entered by `by` and published by `coordinator` (validated, then published), with its sharing level. */
export async function publishedSeizure(
  by: TestClient,
  coordinator: TestClient,
  sharing: string,
  quantity: number,
): Promise<string> {
  const created = await ok(by, "POST", "/seizures", { ...SEIZURE_INPUT, sharing, quantity });
  for (const [action, version] of [
    ["validate", created.version],
    ["publish", created.version + 1],
  ] as const) {
    await ok(coordinator, "POST", "/seizures/transitions", { action, records: [{ id: created.id, version }] });
  }
  return created.id as string;
}

/** Gives `client` (a liaison officer) the countries whose seizure records it enters, imports and validates. */
export async function scopeToCountries(t: TestApp, client: TestClient, countries: string[]) {
  await t.ctx.database.db
    .insertInto("user_country_scopes")
    .values(countries.map((c) => ({ user_id: client.userId as string, country_code: c })))
    .execute();
}

/** `client` accepts the DMP terms that open individual seizure records (answered 200). */
export async function acceptSeizureTerms(client: TestClient) {
  const res = await client.request({ method: "POST", url: "/api/v1/seizures/terms/accept" });
  expect(res.statusCode, res.body).toBe(200);
}

/** The `users` row of `client`, a signed-in user (their e-mail address, display name…). */
export function userOf(t: TestApp, client: TestClient) {
  return t.ctx.database.db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", client.userId as string)
    .executeTakeFirstOrThrow();
}

/** The actions the audit log recorded on `objectId`, oldest first. */
export async function auditedActions(t: TestApp, objectId: string): Promise<string[]> {
  const rows = await t.ctx.database.db
    .selectFrom("audit_log")
    .select("action")
    .where("object_id", "=", objectId)
    .orderBy("at")
    .execute();
  return rows.map((r) => r.action);
}

/** `coordinator` records a basic training course of pillar I (answered 201); its id. */
export async function createCourse(
  coordinator: TestClient,
  code: string,
  title: Record<string, string>,
  topic: string,
): Promise<string> {
  const res = await coordinator.request({
    method: "POST",
    url: "/api/v1/trainings/courses",
    payload: { code, title, topic, level: "basic", pillar: 1 },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
