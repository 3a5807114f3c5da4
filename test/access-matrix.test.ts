import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../src/common/platform.js";
import { serverModules } from "../src/server/modules/index.js";
import { collectAccessMatrix, matrixFailures, matrixGaps } from "./access-matrix.js";
import { createTestApp, type TestApp, type TestClient } from "./app.js";

/**
 * Who may call what. Every registered API route must have a row: each module states its routes' rows in its
 * manifest (`accessMatrix`: "public" = everyone; "signed-in" = every role; otherwise the roles allowed), the app's
 * own in `access-matrix.ts`. A new route without a row, or a row without a route, fails this test.
 */
const ALL_ROLES: Role[] = ["member", "focal_point", "liaison_officer", "coordinator", "administrator"];
const MATRIX = collectAccessMatrix(serverModules);

describe("role × route matrix", () => {
  let t: TestApp;
  const clients = new Map<Role | "visitor", TestClient>();

  beforeAll(async () => {
    // Every route × every role is far more than one client's per-minute allowance: lift it for this test only.
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: "1000000" } });
    clients.set("visitor", await t.visitor());
    for (const role of ALL_ROLES) clients.set(role, await t.signIn(role, { partnerCode: "TJK" }));
  });
  afterAll(() => t.close());

  it("has an entry for every registered API route, and no stale entries", () => {
    const { missing, stale } = matrixGaps(t.routes, MATRIX);
    expect(missing, "routes without a matrix entry").toEqual([]);
    expect(stale, "entries without a route").toEqual([]);
  });

  it("every registered API route declares an access rule", () => {
    const withoutRule = t.routes.filter((r) => r.url.startsWith("/api/v1") && !r.access);
    expect(withoutRule).toEqual([]);
  });

  it("refuses exactly the roles the matrix refuses", async () => {
    const failures = await matrixFailures(MATRIX, clients);
    expect(failures).toEqual([]);
    // Several hundred role × route calls: minutes on a busy two-core machine, not seconds.
  }, 300_000);
});
