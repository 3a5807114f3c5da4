import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditedActions, call, type Json, ok, userOf } from "../../../../test/api-calls.js";
import type { TestClient } from "../../../../test/app.js";
import { analysisInput } from "../../../../test/fixtures.js";
import { useMailingTestApp, waitFor } from "../../../../test/smtp.js";
import { ReportsRepository } from "./reports.repository.js";
import { ReportRuns } from "./reports.service.js";

const today = () => ((new Date().getUTCDay() + 6) % 7) + 1;
const notToday = () => (today() % 7) + 1;

describe("managing scheduled reports: pause, send now, the coordinators' list", () => {
  const { t, smtp } = useMailingTestApp();
  let owner: TestClient; // focal point of Tajikistan
  let colleague: TestClient; // member of Tajikistan
  let stranger: TestClient; // member of Uzbekistan
  let coordinator: TestClient;

  const emailOf = async (c: TestClient) => (await userOf(t, c)).email;
  async function runJobs() {
    while (await t.ctx.jobs.runNext()) {}
  }
  async function scheduled(visibility = "partner", day = notToday()) {
    const name = `Trained ${Math.random().toString(36).slice(2, 7)}`;
    const input = analysisInput(name, "trainings.report", "table", { by: "country" }, visibility);
    const analysis = await ok(owner, "POST", "/analyses", input);
    const schedule = await ok(owner, "POST", `/analyses/${analysis.id}/report-schedules`, {
      format: "xlsx",
      frequency: "weekly",
      day,
      recipientIds: [owner.userId, colleague.userId],
    });
    return { analysis, schedule };
  }

  beforeAll(async () => {
    owner = await t.signIn("focal_point", { partnerCode: "TJK" });
    colleague = await t.signIn("member", { partnerCode: "TJK" });
    stranger = await t.signIn("member", { partnerCode: "UZB" });
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    for (const c of [owner, colleague, stranger, coordinator]) await ok(c, "POST", "/seizures/terms/accept");
  });
  beforeEach(() => {
    smtp.received.length = 0;
  });

  it("pauses a schedule (not checked until resumed), with a revision, an audit entry and the version checked", async () => {
    const { schedule } = await scheduled();
    const url = `/report-schedules/${schedule.id}/pause`;
    // A colleague who may open the analysis but does not own it may not pause it; a stranger does not see it.
    expect((await call(colleague, "POST", url, { paused: true, version: 1 })).status).toBe(403);
    expect((await call(stranger, "POST", url, { paused: true, version: 1 })).status).toBe(404);
    expect((await call(owner, "POST", url, { paused: "yes", version: 1 })).status).toBe(400);
    const paused = await ok(owner, "POST", url, { paused: true, version: 1 });
    expect(paused.pausedAt).not.toBeNull();
    expect(paused.version).toBe(2);
    expect((await call(owner, "POST", url, { paused: false, version: 1 })).status).toBe(409);
    const repo = new ReportsRepository(t.ctx.database.db);
    expect((await repo.activeSchedules()).map((s) => s.id)).not.toContain(schedule.id);
    // Even on its day, a paused schedule opens no run.
    const row = await repo.findSchedule(schedule.id);
    if (!row) throw new Error("schedule missing");
    const runs = new ReportRuns(t.ctx.database.db, t.ctx.jobs);
    expect(await runs.openDueOne({ ...row, day: today(), created_at: new Date("2020-01-01") }, new Date())).toBe(false);
    // A coordinator resumes it.
    const resumed = await ok(coordinator, "POST", url, { paused: false, version: 2 });
    expect(resumed.pausedAt).toBeNull();
    expect((await repo.activeSchedules()).map((s) => s.id)).toContain(schedule.id);
    expect(await auditedActions(t, schedule.id)).toEqual([
      "report_schedule.create",
      "report_schedule.pause",
      "report_schedule.resume",
    ]);
    const revisions = await t.ctx.database.db
      .selectFrom("revisions")
      .select("version")
      .where("entity_id", "=", schedule.id)
      .execute();
    expect(revisions).toHaveLength(3);
  });

  it("sends now to the owner alone or to the list, records the run, and limits it per hour", async () => {
    const { analysis, schedule } = await scheduled();
    const url = `/report-schedules/${schedule.id}/send`;
    expect((await call(colleague, "POST", url, { to: "owner" })).status).toBe(403);
    expect((await call(owner, "POST", url, { to: "everyone" })).status).toBe(400);

    const first = await call(owner, "POST", url, { to: "owner" });
    expect(first.status).toBe(202);
    expect(first.body.period).toMatch(/^now:/);
    await runJobs();
    const outcome = await t.ctx.database.db.selectFrom("report_sends").select(["status", "reason"]).execute();
    expect(outcome).toEqual([{ status: "sent", reason: null }]);
    await waitFor(() => smtp.received.length >= 1, 10_000);
    expect(smtp.received.map((m) => m.to[0])).toEqual([await emailOf(owner)]);

    // The list: a run of its own (another minute's key), each recipient once.
    // Each recipient is claimed once per period: the first run and its sends move to another minute together
    // (within the same minute, the owner would rightly be skipped as already sent).
    for (const table of ["report_runs", "report_sends"] as const)
      await t.ctx.database.db
        .updateTable(table)
        .set({ period: "now:2000-01-01T00:00" })
        .where("period", "=", first.body.period)
        .execute();
    smtp.received.length = 0;
    expect((await call(owner, "POST", url, { to: "recipients" })).status).toBe(202);
    await runJobs();
    await waitFor(() => smtp.received.length >= 2, 10_000);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([await emailOf(owner), await emailOf(colleague)].sort());

    // Recorded: manual runs with who asked, the sends, and the audit.
    const runs = await t.ctx.database.db
      .selectFrom("report_runs")
      .selectAll()
      .where("schedule_id", "=", schedule.id)
      .execute();
    expect(runs.every((r) => r.manual && r.requested_by === owner.userId)).toBe(true);
    expect(runs).toHaveLength(2);
    const sends = (await ok(owner, "GET", `/analyses/${analysis.id}/report-schedules`)).items[0].sends as Json[];
    expect(sends.filter((s) => s.status === "sent")).toHaveLength(3);
    const audited = await t.ctx.database.db
      .selectFrom("audit_log")
      .select("details")
      .where("object_id", "=", schedule.id)
      .where("action", "=", "report_schedule.send_now")
      .execute();
    expect(audited).toHaveLength(2);

    // A third this hour is allowed; the fourth is 429 (the limit counts manual runs of the last hour).
    await t.ctx.database.db
      .updateTable("report_runs")
      .set({ period: "now:2000-01-01T00:01" })
      .where("schedule_id", "=", schedule.id)
      .where("period", "like", `now:${new Date().getUTCFullYear()}%`)
      .execute();
    expect((await call(owner, "POST", url, { to: "owner" })).status).toBe(202);
    const limited = await call(owner, "POST", url, { to: "owner" }, "ru");
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe("rate_limited");
    expect(limited.body.detail ?? limited.body.title).toMatch(/Слишком много запросов/);
  });

  it("lists every schedule to coordinators only, with its last run and last failure, paginated and filtered", async () => {
    const { schedule } = await scheduled("members");
    expect((await call(owner, "GET", "/report-schedules")).status).toBe(403);
    // A failed send of the schedule's last run.
    const repo = new ReportsRepository(t.ctx.database.db);
    const run = await repo.openRun(schedule.id, "weekly:2000-W01", false);
    if (!run) throw new Error("no run");
    expect(await repo.claim(run, colleague.userId as string, "w1", new Date(0))).toBe(true);
    await repo.finish(run, colleague.userId as string, "w1", { status: "failed", reason: "SMTP said no" });

    const all = await ok(coordinator, "GET", "/report-schedules?limit=100");
    expect(all.total).toBeGreaterThanOrEqual(3);
    const item = (all.items as Json[]).find((i) => i.id === schedule.id);
    expect(item?.target.owner.id).toBe(owner.userId);
    expect(item?.target.name).toMatch(/^Trained /);
    expect(item?.lastRun).toMatchObject({ period: "weekly:2000-W01", manual: false, failed: 1, sent: 0 });
    expect(item?.lastFailure).toMatchObject({ reason: "SMTP said no" });
    const failing = await ok(coordinator, "GET", "/report-schedules?status=failing");
    expect((failing.items as Json[]).map((i) => i.id)).toEqual([schedule.id]);
    const page = await ok(coordinator, "GET", "/report-schedules?limit=1&offset=1");
    expect(page.items).toHaveLength(1);
    expect(page.items[0].id).not.toBe(all.items[0].id);
    expect((await call(coordinator, "GET", "/report-schedules?limit=1000")).status).toBe(400);
  });
});
