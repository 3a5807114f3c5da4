import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCourse } from "../../../../test/api-calls.js";
import { createTestApp, type TestApp, type TestClient } from "../../../../test/app.js";
import { multipart } from "../../../../test/imports.js";

let t: TestApp;
let organizer: TestClient;
let otherLo: TestClient;
let coordinator: TestClient;
let member: TestClient;
let visitor: TestClient;
let courseId: string;

/** Runs the queued jobs (the linkage job a change queued) as the platform's worker would; returns them. */
async function runJobs() {
  const done = [];
  for (let job = await t.ctx.jobs.runNext(); job; job = await t.ctx.jobs.runNext()) done.push(job);
  return done;
}

async function scope(client: TestClient, countries: string[]) {
  await t.ctx.database.db
    .insertInto("user_country_scopes")
    .values(countries.map((c) => ({ user_id: client.userId as string, country_code: c })))
    .execute();
}

async function upload(client: TestClient, name: string, content: string): Promise<string> {
  const res = await client.request({ method: "POST", url: "/api/v1/files", ...multipart(name, content) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function createTraining(client: TestClient, overrides: Record<string, unknown> = {}) {
  const res = await client.request({
    method: "POST",
    url: "/api/v1/trainings",
    payload: {
      courseId,
      title: "Controlled delivery, Almaty",
      project: "XAC/K22",
      organizer: "UNODC ROCA",
      startsOn: "2025-03-10",
      endsOn: "2025-03-14",
      place: "Almaty",
      country: "KAZ",
      format: "in_person",
      trainers: ["A. Trainer"],
      ...overrides,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const FIRST_LIST = [
  "full_name,full_name_native,date_of_birth,sex,country,agency,position,completed",
  "Yuriy Kovalev,Ковалёв Юрий Иванович,12.04.1980,M,KAZ,Border Service,Major,yes",
  "Rustam Karimov,Каримов Рустам,1985-06-01,M,UZB,Drug Control Agency,Inspector,yes",
  "Aigul Zhumabaeva,Жумабаева Айгуль,1990-02-03,F,KAZ,Ministry of Internal Affairs,Captain,no",
].join("\n");

const SECOND_LIST = [
  "full_name,full_name_native,date_of_birth,sex,country,agency,position",
  "Iurii Kovalev,,1980-04-12,M,KAZ,Border Service,Major",
  "Karimov R.,,,M,UZB,Drug Control Agency,",
  "Aygul Jumabayeva,,,F,KGZ,,",
].join("\n");

beforeAll(async () => {
  t = await createTestApp();
  organizer = await t.signIn("liaison_officer");
  otherLo = await t.signIn("liaison_officer");
  coordinator = await t.signIn("coordinator");
  member = await t.signIn("member");
  visitor = await t.visitor();
  await scope(organizer, ["KAZ", "UZB"]);
  await scope(otherLo, ["AFG"]);
  const title = { en: "Controlled delivery", ru: "Контролируемая поставка" };
  courseId = await createCourse(coordinator, "CD-1", title, "controlled-delivery");
});
afterAll(() => t.close());

describe("trainings and participants", () => {
  let first: { id: string; version: number };
  let second: { id: string };

  it("records trainings; a liaison officer only in the countries of their scopes", async () => {
    first = await createTraining(organizer);
    expect(first).toMatchObject({ country: "KAZ", can: { manage: true }, participantCount: 0 });
    const refused = await otherLo.request({
      method: "POST",
      url: "/api/v1/trainings",
      payload: { courseId, title: "x", startsOn: "2025-01-01", endsOn: "2025-01-02", country: "KAZ", format: "online" },
    });
    expect(refused.statusCode).toBe(403);
    const bad = await organizer.request({
      method: "POST",
      url: "/api/v1/trainings",
      payload: { courseId, title: "x", startsOn: "2025-01-05", endsOn: "2025-01-02", format: "online" },
      headers: { "accept-language": "ru" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("endsOn");
  });

  it("refuses a participant list with bad rows as a whole, reporting each row", async () => {
    const csv = `${FIRST_LIST}\n,,,X,KZ,,,maybe\nOleg Petrov,,31.02.1980,M,KAZ,,,`;
    const fileId = await upload(organizer, "list.csv", csv);
    const res = await organizer.request({
      method: "POST",
      url: `/api/v1/trainings/${first.id}/participants/import`,
      payload: { fileId },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { report } = res.json();
    expect(report.refused).toBe(true);
    expect(report.imported).toBe(0);
    const codes = report.errors.map((e: { row: number; code: string }) => `${e.row}:${e.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        "5:invalid_sex",
        "5:invalid_country",
        "5:invalid_boolean",
        "5:name_required",
        "6:invalid_date",
      ]),
    );
    expect(report.errors[0].message.ru).toBeTruthy();
    const list = await organizer.request({ url: `/api/v1/trainings/${first.id}/participants` });
    expect(list.json().total).toBe(0);
  });

  it("imports a list, links the same officer across trainings and spellings, and alerts a repeat", async () => {
    const one = await organizer.request({
      method: "POST",
      url: `/api/v1/trainings/${first.id}/participants/import`,
      payload: { fileId: await upload(organizer, "first.csv", FIRST_LIST) },
    });
    expect(one.json().report, one.body).toMatchObject({ imported: 3, refused: false });
    second = await createTraining(organizer, {
      title: "Controlled delivery, Tashkent",
      country: "UZB",
      startsOn: "2025-09-01",
      endsOn: "2025-09-05",
    });
    const two = await organizer.request({
      method: "POST",
      url: `/api/v1/trainings/${second.id}/participants/import`,
      payload: { fileId: await upload(organizer, "second.csv", SECOND_LIST) },
    });
    expect(two.statusCode, two.body).toBe(200);
    expect(two.json()).toMatchObject({ report: { imported: 3 }, linkageJobId: expect.any(String) });
    // The first import's job was queued and not yet run: the second import joined it instead of queueing another.
    expect(two.json().linkageJobId).toBe(one.json().linkageJobId);
    const before = (await organizer.request({ url: `/api/v1/trainings/${second.id}/participants` })).json();
    expect(before.items.every((p: { personId: string | null }) => p.personId === null)).toBe(true);
    const jobs = await runJobs();
    expect(jobs.map((j) => [j.kind, j.status])).toEqual([["trainings.linkage", "succeeded"]]);
    expect(jobs[0]?.result).toMatchObject({ records: 6, fresh: 6 });
    const followed = await organizer.request({ url: `/api/v1/jobs/${two.json().linkageJobId}` });
    expect(followed.statusCode, followed.body).toBe(200);
    expect(followed.json().result.freshLinked).toBeGreaterThanOrEqual(1);
    expect(followed.json().result.alerts).toBeGreaterThanOrEqual(1);

    const participants = (await organizer.request({ url: `/api/v1/trainings/${second.id}/participants` })).json();
    const kovalev = participants.items.find((p: { fullName: string }) => p.fullName === "Iurii Kovalev");
    expect(kovalev.otherTrainings).toBe(1);

    const alerts = (await organizer.request({ url: "/api/v1/trainings/alerts" })).json().items;
    expect(alerts.find((a: { name: string }) => a.name === "Iurii Kovalev")).toMatchObject({
      previousTrainingId: first.id,
      topic: "controlled-delivery",
    });
    const notifications = (await organizer.request({ url: "/api/v1/notifications" })).json();
    expect(JSON.stringify(notifications)).toContain("Iurii Kovalev");

    const passport = await organizer.request({ url: `/api/v1/trainings/persons/${kovalev.personId}` });
    expect(passport.statusCode).toBe(200);
    expect(passport.json().trainings.map((x: { trainingId: string }) => x.trainingId)).toEqual([first.id, second.id]);
  });

  it("queues uncertain pairs with the reason, and keeps a reviewer's decision", async () => {
    const queue = (await organizer.request({ url: "/api/v1/trainings/linkage/review" })).json();
    const pair = queue.items.find((p: { a: { fullName: string | null }; b: { fullName: string | null } }) =>
      [p.a.fullName, p.b.fullName].includes("Aygul Jumabayeva"),
    );
    expect(pair, JSON.stringify(queue)).toBeTruthy();
    expect(pair.fields.map((f: { field: string }) => f.field)).toEqual([
      "name",
      "dob",
      "sex",
      "country",
      "agency",
      "position",
      "patronymic",
    ]);
    expect(pair.fields[0]).toMatchObject({ level: "equivalent" });
    expect(pair.fields[3]).toMatchObject({ level: "different" });
    expect(pair.fields[3].weight).toBeLessThan(0);
    const decided = await organizer.request({
      method: "POST",
      url: "/api/v1/trainings/linkage/decisions",
      payload: { a: pair.a.id, b: pair.b.id, same: true },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().jobId).toEqual(expect.any(String));
    const after = (await organizer.request({ url: "/api/v1/trainings/linkage/review" })).json();
    expect(
      after.items.some((p: { a: { id: string }; b: { id: string } }) => p.a.id === pair.a.id && p.b.id === pair.b.id),
    ).toBe(false);
    // A later run respects the decision: the run route answers 202 with the job, which joins the queued one.
    const run = await coordinator.request({ method: "POST", url: "/api/v1/trainings/linkage/run", payload: {} });
    expect(run.statusCode, run.body).toBe(202);
    expect(run.json().jobId).toBe(decided.json().jobId);
    expect((await runJobs()).map((j) => j.status)).toEqual(["succeeded"]);
    const list = (await organizer.request({ url: `/api/v1/trainings/${second.id}/participants` })).json().items;
    const decidedOne = list.find((p: { fullName: string }) => p.fullName === "Aygul Jumabayeva");
    expect(decidedOne.otherTrainings).toBe(1);
    expect(list.find((p: { fullName: string }) => p.fullName === "Karimov R.").otherTrainings).toBe(1);
  });

  it("runs linkage as a job: progress from inside the linkage, one queued at a time, readable by its users only", async () => {
    const run = await coordinator.request({ method: "POST", url: "/api/v1/trainings/linkage/run", payload: {} });
    expect(run.statusCode, run.body).toBe(202);
    const { jobId } = run.json();
    const again = await coordinator.request({ method: "POST", url: "/api/v1/trainings/linkage/run", payload: {} });
    expect(again.json().jobId).toBe(jobId);
    const status = (await organizer.request({ url: "/api/v1/trainings/linkage/review" })).json().linkage;
    expect(status).toMatchObject({ job: { id: jobId, status: "queued" }, canRun: false });
    expect((await coordinator.request({ url: "/api/v1/trainings/linkage/review" })).json().linkage.canRun).toBe(true);
    // Others' jobs are 404 unless they are users of the linkage (organizers, reviewers) or coordinate.
    expect((await member.request({ url: `/api/v1/jobs/${jobId}` })).statusCode).toBe(404);
    expect((await otherLo.request({ url: `/api/v1/jobs/${jobId}` })).statusCode).toBe(200);
    expect(
      (await member.request({ method: "POST", url: "/api/v1/trainings/linkage/run", payload: {} })).statusCode,
    ).toBe(403);

    // The linkage itself reports where it is, with the records and pairs it has done of how many.
    const reports: { done: number; total: number | null | undefined; message: string | undefined }[] = [];
    const controller = new AbortController();
    await t.ctx.trainings.linkage.run({ userId: null, label: "test", ip: null, requestId: null }, [], {
      set: async (done, total, message) => {
        reports.push({ done, total, message });
      },
      signal: controller.signal,
      completeWithin: async () => {},
    });
    const phases = [...new Set(reports.map((r) => r.message))];
    expect(phases).toEqual(["blocking", "comparing", "scoring", "clustering", "saving"]);
    const blocking = reports.find((r) => r.message === "blocking");
    expect(blocking?.total).toBe(6);
    const comparing = reports.find((r) => r.message === "comparing");
    expect(comparing?.total).toBeGreaterThan(0);

    const [job] = await runJobs();
    expect(job).toMatchObject({ id: jobId, status: "succeeded" });
    // While a run is under way, a change queues the next one (the running one may have read the data already).
    const next = await coordinator.request({ method: "POST", url: "/api/v1/trainings/linkage/run", payload: {} });
    expect(next.json().jobId).not.toBe(jobId);
    await runJobs();
  });

  it("a linkage job claimed while an earlier one runs on another worker waits for it", async () => {
    const db = t.ctx.database.db;
    const earlier = await db
      .insertInto("jobs")
      .values({
        kind: "trainings.linkage",
        payload: JSON.stringify({ fresh: [] }),
        status: "running",
        locked_by: "another-worker",
        started_at: new Date(Date.now() - 60_000),
        heartbeat_at: new Date(),
        created_by: null,
        total: null,
        message: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    t.ctx.trainings.linkage.waitPollMs = 20;
    const run = await coordinator.request({ method: "POST", url: "/api/v1/trainings/linkage/run", payload: {} });
    const { jobId } = run.json();
    const finished = t.ctx.jobs.runNext("this-worker");
    await expect
      .poll(async () => (await t.ctx.jobs.get(jobId)).message, { timeout: 5000, interval: 20 })
      .toBe("waiting");
    expect((await t.ctx.jobs.get(jobId)).status).toBe("running");
    await db
      .updateTable("jobs")
      .set({ status: "cancelled", finished_at: new Date() })
      .where("id", "=", earlier.id)
      .execute();
    const job = await finished;
    expect(job).toMatchObject({ id: jobId, status: "succeeded", result: { waited: true } });
  });

  it("shows the thresholds in use: the defaults with few decisions, and says why", async () => {
    const status = (await organizer.request({ url: "/api/v1/trainings/linkage/review" })).json().linkage;
    expect(status.job).toBeNull();
    expect(status.lastRunAt).toEqual(expect.any(String));
    expect(status.thresholds).toMatchObject({
      source: "default",
      reason: "too_few_decisions",
      decisions: 1,
      same: 1,
      different: 0,
      upper: { value: 0.5, low: null, high: null },
      lower: { value: 0.1, low: null, high: null },
    });
    expect((await member.request({ url: "/api/v1/trainings/linkage/review" })).statusCode).toBe(403);
  });

  it("suggests likely existing persons as a name is typed", async () => {
    const res = await organizer.request({
      url: `/api/v1/trainings/persons/suggest?name=${encodeURIComponent("Ковалев Юрий")}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0]).toMatchObject({ fullName: expect.stringMatching(/Kovalev/) });
  });

  it("keeps personal data to organizers and coordinators, audits every read, aggregates for everyone", async () => {
    expect((await otherLo.request({ url: `/api/v1/trainings/${first.id}/participants` })).statusCode).toBe(403);
    expect((await member.request({ url: `/api/v1/trainings/${first.id}/participants` })).statusCode).toBe(403);
    expect((await visitor.request({ url: `/api/v1/trainings/${first.id}/participants` })).statusCode).toBe(401);
    expect((await coordinator.request({ url: `/api/v1/trainings/${first.id}/participants` })).statusCode).toBe(200);
    const training = (await member.request({ url: `/api/v1/trainings/${first.id}` })).json();
    expect(training).toMatchObject({ participantCount: 3, can: { manage: false } });
    expect(JSON.stringify(training)).not.toContain("Kovalev");
    const reads = await t.ctx.database.db
      .selectFrom("audit_log")
      .select(["action", "actor_id"])
      .where("action", "in", ["training.participants.read", "training.passport.read"])
      .execute();
    expect(reads.filter((r) => r.actor_id === organizer.userId).length).toBeGreaterThanOrEqual(3);
    expect(reads.some((r) => r.actor_id === coordinator.userId)).toBe(true);

    const report = (await visitor.request({ url: "/api/v1/trainings/reports?by=country" })).json();
    expect(report.totals).toMatchObject({ persons: 3, participations: 6, repeatRate: 1 });
    expect(report.rows.every((r: { persons: number | null }) => r.persons === null || r.persons >= 3)).toBe(true);
    const xlsx = await visitor.request({ url: "/api/v1/trainings/reports/export?by=topic&format=xlsx" });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-disposition"]).toContain("trainings-by-topic.xlsx");
  });

  it("refuses a stale edit with 409 and the current record", async () => {
    const current = (await organizer.request({ url: `/api/v1/trainings/${first.id}` })).json();
    const payload = { ...current, courseId, version: current.version };
    for (const k of ["id", "course", "participantCount", "can"]) delete payload[k];
    const ok = await organizer.request({
      method: "PATCH",
      url: `/api/v1/trainings/${first.id}`,
      payload: { ...payload, place: "Astana" },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await organizer.request({ method: "PATCH", url: `/api/v1/trainings/${first.id}`, payload });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe("version_conflict");
    const p = (await organizer.request({ url: `/api/v1/trainings/${first.id}/participants` })).json().items[0];
    const edit = { ...p, postScore: 88 };
    for (const k of ["id", "trainingId", "personId", "otherTrainings"]) delete edit[k];
    const saved = await organizer.request({
      method: "PATCH",
      url: `/api/v1/trainings/participants/${p.id}`,
      payload: edit,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ postScore: 88, version: p.version + 1 });
    // An edit queues a linkage run (the corrected record may link differently).
    expect((await runJobs()).map((j) => [j.kind, j.status])).toEqual([["trainings.linkage", "succeeded"]]);
    const again = await organizer.request({
      method: "PATCH",
      url: `/api/v1/trainings/participants/${p.id}`,
      payload: edit,
    });
    expect(again.statusCode).toBe(409);
  });
});
