import ExcelJS from "exceljs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditedActions, call, type Json, ok, publishedSeizure, userOf } from "../../../../test/api-calls.js";
import type { TestClient } from "../../../../test/app.js";
import { analysisInput } from "../../../../test/fixtures.js";
import { mailAttachment, mailPart, useMailingTestApp, waitFor } from "../../../../test/smtp.js";
import { periodOf } from "../digests/digests.periods.js";
import { ReportsRepository } from "./reports.repository.js";
import { duePeriod, REPORT_JOB, ReportRuns } from "./reports.service.js";

/** The XLSX attached to a mail: its file name and its sheets (each one's name and rows of cell values). */
async function attachedWorkbook(raw: string) {
  const file = mailAttachment(raw, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file?.content as unknown as ArrayBuffer);
  const sheets = wb.worksheets.map((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    return { name: ws.name, rows };
  });
  return { filename: file?.filename, sheets };
}

const today = () => ((new Date().getUTCDay() + 6) % 7) + 1;
/** A weekday that is not today: a schedule on it is not due at once. */
const notToday = () => (today() % 7) + 1;

describe("report schedule periods", () => {
  it("is due from its day of the ISO week or month, starting with the period it was made in if made by that day", () => {
    const created = "2026-12-01T09:00:00Z"; // a Tuesday
    const weekly = { frequency: "weekly" as const, day: 3, created_at: created }; // Wednesdays
    expect(duePeriod(weekly, new Date("2026-12-01T23:00:00Z"))).toBeNull();
    expect(duePeriod(weekly, new Date("2026-12-02T00:00:00Z"))).toBe("weekly:2026-W49");
    expect(duePeriod(weekly, new Date("2026-12-06T23:59:00Z"))).toBe("weekly:2026-W49");
    // Made on a Tuesday for Mondays: nothing this week, the next Monday's week is due.
    const monday = { frequency: "weekly" as const, day: 1, created_at: created };
    expect(duePeriod(monday, new Date("2026-12-03T00:00:00Z"))).toBeNull();
    expect(duePeriod(monday, new Date("2026-12-07T08:00:00Z"))).toBe("weekly:2026-W50");
    // Made on its own day: due that day.
    expect(duePeriod({ ...weekly, day: 2 }, new Date("2026-12-01T10:00:00Z"))).toBe("weekly:2026-W49");
    const monthly = { frequency: "monthly" as const, day: 15, created_at: created };
    expect(duePeriod(monthly, new Date("2026-12-14T23:00:00Z"))).toBeNull();
    expect(duePeriod(monthly, new Date("2026-12-15T00:00:00Z"))).toBe("monthly:2026-12");
    expect(duePeriod(monthly, new Date("2027-01-20T00:00:00Z"))).toBe("monthly:2027-01");
  });
});

describe("scheduled reports", () => {
  const { t, smtp } = useMailingTestApp();
  let owner: TestClient; // focal point of Tajikistan
  let colleague: TestClient; // member of Tajikistan
  let stranger: TestClient; // member of Uzbekistan
  let unodc: TestClient; // member of UNODC
  let coordinator: TestClient;

  const query = (q: Record<string, string>) => new URLSearchParams(q).toString();
  const seizure = (by: TestClient, sharing: string, quantity: number) =>
    publishedSeizure(by, coordinator, sharing, quantity);
  const emailOf = async (c: TestClient) => (await userOf(t, c)).email;
  /** The owner saves an analysis: the trained-by-country table unless another kind is given. */
  const saveAnalysis = (
    name: string,
    visibility: string,
    kind = "trainings.report",
    view = "table",
    config: Record<string, string> = { by: "country" },
  ) => ok(owner, "POST", "/analyses", analysisInput(name, kind, view, config, visibility));
  /** The owner schedules a weekly spreadsheet of an analysis or dashboard (`path`), to `recipients` when given. */
  const weeklyReport = (path: string, day: number, recipients?: TestClient[]) =>
    ok(owner, "POST", `${path}/report-schedules`, {
      format: "xlsx",
      frequency: "weekly",
      day,
      ...(recipients ? { recipientIds: recipients.map((r) => r.userId) } : {}),
    });
  /** Runs the queued report jobs to the end, as a worker would. */
  async function runJobs() {
    while (await t.ctx.jobs.runNext()) {}
  }

  beforeAll(async () => {
    owner = await t.signIn("focal_point", { partnerCode: "TJK" });
    colleague = await t.signIn("member", { partnerCode: "TJK" });
    stranger = await t.signIn("member", { partnerCode: "UZB" });
    unodc = await t.signIn("member", { partnerCode: "UNODC" });
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    for (const c of [owner, colleague, stranger, unodc, coordinator]) await ok(c, "POST", "/seizures/terms/accept");
    await t.ctx.database.db
      .updateTable("users")
      .set({ language: "ru" })
      .where("id", "=", unodc.userId as string)
      .execute();
  });
  beforeEach(() => {
    smtp.received.length = 0;
  });

  it("lets only the owner or a coordinator manage schedules, and refuses a recipient who may not open the item", async () => {
    const analysis = await saveAnalysis("Tajik pivot", "partner", "adam.pivot", "table", { rows: "donor" });
    const url = `/analyses/${analysis.id}/report-schedules`;
    const input = { format: "xlsx", frequency: "weekly", day: notToday() };

    // The Uzbek member may not open a Tajik partner analysis: refused by name, in the reader's language, nothing saved.
    const refused = await call(
      owner,
      "POST",
      url,
      { ...input, recipientIds: [colleague.userId, stranger.userId] },
      "ru",
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toHaveLength(1);
    expect(refused.body.errors[0]).toMatchObject({ path: "body.recipientIds.1", code: "recipient_cannot_open" });
    expect(refused.body.errors[0].message).toMatch(/не может открыть этот анализ/);
    const strangerName = (await userOf(t, stranger)).display_name;
    expect(refused.body.errors[0].message).toContain(strangerName);
    const unknown = await call(owner, "POST", url, {
      ...input,
      recipientIds: ["00000000-0000-4000-8000-000000000000"],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].code).toBe("invalid_reference");
    // Bad input: a weekday beyond Sunday, an unknown format.
    expect((await call(owner, "POST", url, { ...input, day: 8 })).status).toBe(400);
    expect((await call(owner, "POST", url, { ...input, format: "docx" })).status).toBe(400);
    expect((await ok(owner, "GET", url)).items).toEqual([]);
    // The picker offers only members who may open it: the Tajik colleague, never the Uzbek member.
    const picked = (await ok(owner, "GET", `/analyses/${analysis.id}/report-recipients?q=`)).items.map(
      (u: Json) => u.id,
    );
    expect(picked).toContain(colleague.userId);
    expect(picked).not.toContain(stranger.userId);
    expect((await call(stranger, "GET", `/analyses/${analysis.id}/report-recipients`)).status).toBe(404);

    // Someone who may open it but does not own it: 403; someone who may not open it: 404.
    expect((await call(colleague, "POST", url, input)).status).toBe(403);
    expect((await call(colleague, "GET", url)).status).toBe(403);
    expect((await call(stranger, "GET", url)).status).toBe(404);

    // Empty recipients: the owner alone.
    const created = await call(owner, "POST", url, input);
    expect(created.status, created.raw).toBe(201);
    expect(created.body).toMatchObject({
      targetType: "analysis",
      targetId: analysis.id,
      format: "xlsx",
      day: input.day,
      version: 1,
    });
    expect(created.body.recipients.map((r: Json) => r.id)).toEqual([owner.userId]);
    // Nothing is due today: no run was opened.
    expect(
      await t.ctx.database.db
        .selectFrom("report_runs")
        .selectAll()
        .where("schedule_id", "=", created.body.id)
        .execute(),
    ).toEqual([]);

    const edited = await ok(owner, "PUT", `/report-schedules/${created.body.id}`, {
      format: "pdf",
      frequency: "monthly",
      day: 28,
      recipientIds: [owner.userId, colleague.userId],
      version: 1,
    });
    expect(edited).toMatchObject({ format: "pdf", frequency: "monthly", day: 28, version: 2 });
    const stale = await call(owner, "PUT", `/report-schedules/${created.body.id}`, { ...input, version: 1 });
    expect(stale.status).toBe(409);
    // A coordinator sees and manages it too.
    expect((await ok(coordinator, "GET", url)).items.map((s: Json) => s.id)).toEqual([created.body.id]);
    expect((await call(colleague, "POST", `/report-schedules/${created.body.id}/archive`, { version: 2 })).status).toBe(
      403,
    );
    expect(
      (await call(coordinator, "POST", `/report-schedules/${created.body.id}/archive`, { version: 2 })).status,
    ).toBe(204);
    expect((await ok(owner, "GET", url)).items).toEqual([]);
    expect(await auditedActions(t, created.body.id)).toEqual([
      "report_schedule.create",
      "report_schedule.update",
      "report_schedule.delete",
    ]);
  });

  it("opens a period's run once when two instances check at once, and claims each recipient once", async () => {
    const analysis = await saveAnalysis("Claim test", "private");
    const schedule = await weeklyReport(`/analyses/${analysis.id}`, notToday());
    // Its run for next week's day, checked by two instances at the same instant.
    const later = new Date(periodOf("weekly", new Date()).end.getTime() + (notToday() - 1) * 86_400_000 + 3_600_000);
    const a = new ReportRuns(t.ctx.database.db, t.ctx.jobs);
    const b = new ReportRuns(t.ctx.database.db, t.ctx.jobs);
    const row = await new ReportsRepository(t.ctx.database.db).findSchedule(schedule.id);
    if (!row) throw new Error("schedule missing");
    const opened = await Promise.all([a.openDueOne(row, later), b.openDueOne(row, later), a.openDueOne(row, later)]);
    const runs = await t.ctx.database.db
      .selectFrom("report_runs")
      .selectAll()
      .where("schedule_id", "=", schedule.id)
      .execute();
    expect(runs).toHaveLength(1);
    expect(opened.filter(Boolean)).toHaveLength(1);
    const jobs = await t.ctx.database.db
      .selectFrom("jobs")
      .select("id")
      .where("kind", "=", REPORT_JOB)
      .where("id", "=", runs[0]?.job_id as string)
      .execute();
    expect(jobs).toHaveLength(1);

    const repo = new ReportsRepository(t.ctx.database.db);
    const run = runs[0] as NonNullable<(typeof runs)[0]>;
    const stale = new Date(Date.now() - 60_000);
    const claims = await Promise.all([
      repo.claim(run, owner.userId as string, "worker-a", stale),
      repo.claim(run, owner.userId as string, "worker-b", stale),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    // The job of either instance then sends nothing twice: the recipient is already claimed (not yet stale).
    await runJobs();
    expect(smtp.received).toHaveLength(0);
    // The worker that claimed stopped: once its claim is stale, the run is queued again (by one instance of two)
    // and the report goes, once.
    await t.ctx.database.db
      .updateTable("report_sends")
      .set({ claimed_at: new Date(Date.now() - 11 * 60_000) })
      .where("run_id", "=", run.id)
      .execute();
    const resumed = await Promise.all([a.resumeStalled(), b.resumeStalled()]);
    expect(resumed.reduce((n, x) => n + x, 0)).toBe(1);
    await runJobs();
    await waitFor(() => smtp.received.length >= 1, 10_000);
    expect(smtp.received.map((m) => m.to[0])).toEqual([await emailOf(owner)]);
    expect(await a.resumeStalled()).toBe(0);
    const [send] = await t.ctx.database.db
      .selectFrom("report_sends")
      .selectAll()
      .where("run_id", "=", run.id)
      .execute();
    expect(send?.status).toBe("sent");
    // An archived analysis's schedules are no longer checked.
    expect((await repo.activeSchedules()).map((r) => r.id)).toContain(schedule.id);
    await ok(owner, "POST", `/analyses/${analysis.id}/archive`, { version: 1 });
    expect((await repo.activeSchedules()).map((r) => r.id)).not.toContain(schedule.id);
  });

  it("mails each recipient an XLSX of what their own access gives, and drops one who can no longer open it", async () => {
    await seizure(owner, "members", 10);
    await seizure(owner, "members", 20);
    await seizure(owner, "partner", 400);
    const analysis = await saveAnalysis("Tajik heroin", "members", "dmp.dashboard", "totals", {
      countries: "TJK",
      drugs: "heroin",
    });
    const created = await weeklyReport(`/analyses/${analysis.id}`, today(), [owner, unodc, stranger]);
    // Today's report was queued at once; before it goes, the Uzbek member's account is suspended.
    await t.ctx.database.db
      .updateTable("users")
      .set({ status: "suspended" })
      .where("id", "=", stranger.userId as string)
      .execute();
    await runJobs();
    await waitFor(() => smtp.received.length >= 2, 10_000);
    const byUser = new Map(smtp.received.map((m) => [m.to[0], m.raw]));
    expect(smtp.received).toHaveLength(2);

    const totalsOf = async (raw: string) => {
      const { filename, sheets } = await attachedWorkbook(raw);
      expect(filename).toMatch(/\.xlsx$/);
      return (sheets[0] as { rows: unknown[][] }).rows;
    };
    const direct = async (c: TestClient) =>
      (await ok(c, "GET", `/seizures/dashboard?${query(analysis.config)}`)).totals;
    const ownerRows = await totalsOf(byUser.get(await emailOf(owner)) as string);
    const unodcRows = await totalsOf(byUser.get(await emailOf(unodc)) as string);
    // The header row and the one row of totals: English for the owner, Russian for the UNODC reader.
    expect(ownerRows).toContainEqual(["Cases", "Mass, kg"]);
    expect(unodcRows).toContainEqual(["Случаи", "Масса, кг"]);
    const ownerTotals = await direct(owner);
    const unodcTotals = await direct(unodc);
    expect(ownerTotals.cases).toBe(3);
    expect(unodcTotals.cases).toBe(2);
    expect(ownerRows.at(-1)).toEqual([ownerTotals.cases, ownerTotals.massKg]);
    expect(unodcRows.at(-1)).toEqual([unodcTotals.cases, unodcTotals.massKg]);
    // Countries by name in the reader's language.
    const countrySheet = async (raw: string) => (await attachedWorkbook(raw)).sheets[1]?.rows ?? [];
    expect(await countrySheet(byUser.get(await emailOf(owner)) as string)).toContainEqual([
      "Tajikistan",
      ownerTotals.cases,
      ownerTotals.massKg,
    ]);
    expect(await countrySheet(byUser.get(await emailOf(unodc)) as string)).toContainEqual([
      "Таджикистан",
      unodcTotals.cases,
      unodcTotals.massKg,
    ]);
    // The mail: plain text and HTML in the reader's language, with the link to the analysis.
    const ru = byUser.get(await emailOf(unodc)) as string;
    expect(mailPart(ru, "text/plain")).toContain(`https://pact.example.org/analyses/${analysis.id}`);
    expect(mailPart(ru, "text/plain")).toMatch(/Во вложении ваш отчет XLSX/);
    expect(mailPart(ru, "text/html")).toContain(`href="https://pact.example.org/analyses/${analysis.id}"`);

    // Each send recorded, the suspended recipient dropped with the reason.
    const list = await ok(owner, "GET", `/analyses/${analysis.id}/report-schedules`);
    const sends = list.items[0].sends as Json[];
    const status = Object.fromEntries(sends.map((s) => [s.userId, [s.status, s.reason]]));
    expect(status).toEqual({
      [owner.userId as string]: ["sent", null],
      [unodc.userId as string]: ["sent", null],
      [stranger.userId as string]: ["dropped", "inactive"],
    });
    expect(list.items[0].id).toBe(created.id);

    // Once per recipient per period: the same period checked and run again sends nothing more.
    smtp.received.length = 0;
    await new ReportRuns(t.ctx.database.db, t.ctx.jobs).openDue();
    await runJobs();
    expect(smtp.received).toHaveLength(0);
    await t.ctx.database.db
      .updateTable("users")
      .set({ status: "active" })
      .where("id", "=", stranger.userId as string)
      .execute();
  });

  it("drops at send time a recipient whose access to the analysis changed", async () => {
    const analysis = await saveAnalysis("Partner report", "members");
    const schedule = await weeklyReport(`/analyses/${analysis.id}`, notToday(), [colleague, stranger]);
    // Now shared with Tajikistan only: the Uzbek member can no longer open it.
    await ok(owner, "PATCH", `/analyses/${analysis.id}`, { visibility: "partner", version: 1 });
    const later = new Date(periodOf("weekly", new Date()).end.getTime() + (notToday() - 1) * 86_400_000 + 3_600_000);
    const row = await new ReportsRepository(t.ctx.database.db).findSchedule(schedule.id);
    if (!row) throw new Error("schedule missing");
    expect(await new ReportRuns(t.ctx.database.db, t.ctx.jobs).openDueOne(row, later)).toBe(true);
    await runJobs();
    await waitFor(() => smtp.received.length >= 1, 10_000);
    expect(smtp.received.map((m) => m.to[0])).toEqual([await emailOf(colleague)]);
    const sends = (await ok(owner, "GET", `/analyses/${analysis.id}/report-schedules`)).items[0].sends as Json[];
    expect(sends.find((s) => s.userId === stranger.userId)).toMatchObject({ status: "dropped", reason: "no_access" });
  });

  it("mails a dashboard with a section per tile, a tile the recipient may not open carrying nothing of it", async () => {
    const report = await saveAnalysis("Trained by country", "members");
    const secret = await saveAnalysis("Owner secret pivot", "private", "adam.pivot", "table", { rows: "donor" });
    const dashboard = await ok(owner, "POST", "/dashboards", {
      name: "Shared board",
      visibility: "members",
      tiles: [{ analysisId: report.id }, { analysisId: secret.id }],
    });
    await weeklyReport(`/dashboards/${dashboard.id}`, today(), [owner, stranger]);
    await runJobs();
    await waitFor(() => smtp.received.length >= 2, 10_000);
    const cellsOf = async (c: TestClient) => {
      const email = await emailOf(c);
      const mail = smtp.received.find((m) => m.to[0] === email);
      expect(mail, `no mail to ${email}`).toBeDefined();
      return (await attachedWorkbook(mail?.raw as string)).sheets;
    };
    const ownerSheets = await cellsOf(owner);
    const strangerSheets = await cellsOf(stranger);
    expect(JSON.stringify(ownerSheets)).toContain("Owner secret pivot");
    // The stranger's copy names nothing of the private tile, and says it is not available to them.
    expect(JSON.stringify(strangerSheets)).not.toContain("Owner secret");
    expect(JSON.stringify(strangerSheets)).toContain("Not available to you");
    // The tile they may open holds exactly their own direct call's totals.
    const direct = await ok(stranger, "GET", "/trainings/reports?by=country");
    const trained = strangerSheets.find((s) => s.name.startsWith("Trained by country"));
    expect(trained?.rows.at(-1)).toEqual(["Total", direct.totals.persons, direct.totals.participations]);
    expect(mailPart(smtp.received[0]?.raw as string, "text/plain")).toContain(
      `https://pact.example.org/dashboards/${dashboard.id}`,
    );
  });

  it("mails a saved seizure map as its layer's table, each recipient's own figures in their language", async () => {
    await publishedSeizure(owner, coordinator, "members", 11);
    await publishedSeizure(owner, coordinator, "partner", 333);
    const map = await saveAnalysis("Tajik map", "members", "dmp.map", "choropleth", { countries: "TJK" });
    await weeklyReport(`/analyses/${map.id}`, today(), [owner, unodc]);
    await runJobs();
    await waitFor(() => smtp.received.length >= 2, 10_000);
    const rowOf = async (c: TestClient, country: string) => {
      const email = await emailOf(c);
      const mail = smtp.received.find((m) => m.to[0] === email && m.raw.includes("Tajik map"));
      expect(mail, `no mail to ${email}`).toBeDefined();
      return (await attachedWorkbook(mail?.raw as string)).sheets[0]?.rows.find((r) => r[0] === country);
    };
    const direct = async (c: TestClient) =>
      (await ok(c, "GET", "/seizures/map/countries?countries=TJK")).items[0] as Json;
    // The UNODC member reads Russian: the country named so, and their own figures, without the partner-level record.
    const theirs = await rowOf(unodc, "Таджикистан");
    const mine = await rowOf(owner, "Tajikistan");
    const [theirDirect, myDirect] = [await direct(unodc), await direct(owner)];
    expect(theirs).toEqual(["Таджикистан", theirDirect.cases, theirDirect.massKg]);
    expect(mine).toEqual(["Tajikistan", myDirect.cases, myDirect.massKg]);
    expect(Number(theirs?.[1])).toBeLessThan(Number(mine?.[1]));
  });

  it("never lets a request from outside use the internal-call header", async () => {
    const visitor = await t.visitor();
    const res = await visitor.request({
      url: "/api/v1/seizures/dashboard",
      headers: { "x-pact-internal-call": "made-up" },
    });
    expect(res.statusCode).toBe(401);
  });
});
