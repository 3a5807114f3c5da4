import { describe, expect, it } from "vitest";
import { useTestApp } from "../../test/app.js";
import { UserListQuerySchema } from "../common/users.js";
import { ensureFirstAdministrator, shouldSeedDemo } from "./bootstrap.js";
import { loadConfig } from "./config.js";
import { removeDemo, seedDemo } from "./demo/index.js";
import { SYSTEM_ACTOR } from "./platform/audit.js";

describe("first start", () => {
  const t = useTestApp();

  it("creates one administrator with a one-time password that must be changed", async () => {
    const first = await ensureFirstAdministrator(t.ctx);
    expect(first.administrator?.oneTimePassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const again = await ensureFirstAdministrator(t.ctx);
    expect(again.administrator).toBeNull();
    const visitor = await t.visitor();
    const res = await visitor.request({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: first.administrator?.email, password: first.administrator?.oneTimePassword },
    });
    expect(res.json().user).toMatchObject({ role: "administrator", mustChangePassword: true });
  });

  it("seeds demo data only on a new embedded database unless told otherwise", () => {
    const embedded = loadConfig({});
    const server = loadConfig({ DATABASE_URL: "postgres://x@localhost/db" });
    expect(shouldSeedDemo(embedded, true)).toBe(true);
    expect(shouldSeedDemo(embedded, false)).toBe(false);
    expect(shouldSeedDemo(loadConfig({ PACT_DEMO: "0" }), true)).toBe(false);
    expect(shouldSeedDemo(server, false)).toBe(false);
    expect(shouldSeedDemo(loadConfig({ DATABASE_URL: "postgres://x@localhost/db", PACT_DEMO: "1" }), false)).toBe(true);
  });

  it("seeds demo accounts marked as demo and removes them with one call", async () => {
    const { summary } = await seedDemo(t.ctx);
    expect(summary.join("\n")).toContain("coordinator@demo.paris-pact.local");
    expect(await t.ctx.accounts.countUsers({ role: "coordinator" })).toBe(1);
    const liaison = (await t.ctx.users.list(UserListQuerySchema.parse({ role: "liaison_officer" }), SYSTEM_ACTOR))
      .items[0];
    expect(liaison && (await t.ctx.users.countryScopesOf(liaison.id))).toEqual(["KAZ", "KGZ", "TJK", "TKM", "UZB"]);
    const coordinator = await t.signIn("coordinator");
    const stats = (await coordinator.request({ url: "/api/v1/registrations/stats?months=12" })).json();
    expect(stats.months.reduce((n: number, m: { submitted: number }) => n + m.submitted, 0)).toBe(42);
    expect(stats.overall.pending).toBeGreaterThanOrEqual(4);
    const lines = await removeDemo(t.ctx);
    expect(lines.join("\n")).toContain("removed 42 demo registration requests");
    const after = (await coordinator.request({ url: "/api/v1/registrations/stats?months=12" })).json();
    expect(after.months.reduce((n: number, m: { submitted: number }) => n + m.submitted, 0)).toBe(0);
    expect(lines.join("\n")).toContain("removed 4 demo accounts");
    // Only the test's own (non-demo) coordinator is left.
    expect(await t.ctx.accounts.countUsers({ role: "coordinator" })).toBe(1);
    expect(await t.ctx.accounts.countUsers({ role: "administrator" })).toBe(1);
  });
});
