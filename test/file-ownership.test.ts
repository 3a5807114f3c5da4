import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SPREADSHEETS } from "../src/server/platform/files.js";
import { createCourse } from "./api-calls.js";
import { createTestApp, type TestApp, type TestClient } from "./app.js";

/**
 * Issue 17, hole 1: a route that takes a `fileId` must never read another user's upload (not its headers, not
 * its cells in an error report); anyone but the uploader gets the same 404 as the file route itself.
 */
const SECRET = "Zqx-secret-cell";
const CSV = `SecretHeaderQ,Other\n${SECRET},1\n`;

describe("a fileId names only the caller's own upload", () => {
  let t: TestApp;
  /** Two users of the same role and partner, signed in once per role (sign-ins are rate-limited). */
  const pairs = new Map<string, [TestClient, TestClient]>();
  async function pair(role: "coordinator"): Promise<[TestClient, TestClient]> {
    const known = pairs.get(role);
    if (known) return known;
    const made: [TestClient, TestClient] = [await t.signIn(role), await t.signIn(role)];
    pairs.set(role, made);
    return made;
  }

  async function uploadAs(client: TestClient): Promise<string> {
    const file = await t.ctx.files.save({
      data: Buffer.from(CSV),
      originalName: "mine.csv",
      allowed: SPREADSHEETS,
      actor: { userId: client.userId, label: "test", ip: null, requestId: null },
    });
    return file.id;
  }
  async function scope(client: TestClient, countries: string[]) {
    await t.ctx.database.db
      .insertInto("user_country_scopes")
      .values(countries.map((c) => ({ user_id: client.userId as string, country_code: c })))
      .execute();
  }
  function refused(res: { statusCode: number; body: string; json(): { code: string } }) {
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json().code).toBe("not_found");
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain("SecretHeaderQ");
    expect(res.body).not.toContain("mine.csv");
  }

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("seizure imports: refused when enqueued, and the job refuses a file its enqueuer does not own", async () => {
    const a = await t.signIn("focal_point", { partnerCode: "TJK" });
    const b = await t.signIn("focal_point", { partnerCode: "TJK" });
    for (const c of [a, b]) await c.request({ method: "POST", url: "/api/v1/seizures/terms/accept" });
    const fileId = await uploadAs(a);
    for (const body of [{ dryRun: true }, { dryRun: true, mapping: { seizureDate: "SecretHeaderQ" } }]) {
      refused(await b.request({ method: "POST", url: "/api/v1/seizures/imports", payload: { fileId, ...body } }));
    }
    const mine = await a.request({
      method: "POST",
      url: "/api/v1/seizures/imports",
      payload: { fileId, dryRun: true },
    });
    expect(mine.statusCode, mine.body).toBe(202);
    expect((await t.ctx.jobs.runNext())?.status).toBe("succeeded");

    // A job whose payload names someone else's file (written before the check, or by a bug) must not read it.
    const actor = { userId: b.userId, label: "b", ip: null, requestId: null };
    const jobId = await t.ctx.jobs.enqueue(
      "imports.seizures",
      {
        fileId,
        request: { dryRun: true },
        options: { sharing: "members", userId: b.userId, partnerCode: "TJK", countries: null },
        actor,
      },
      actor,
    );
    const job = await t.ctx.jobs.runNext();
    expect(job?.id).toBe(jobId);
    expect(job?.status).toBe("failed");
    expect(JSON.stringify(job)).not.toContain(SECRET);
    expect(JSON.stringify(job)).not.toContain("SecretHeaderQ");
  });

  it("facility imports (preview and import)", async () => {
    const a = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    const b = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    const fileId = await uploadAs(a);
    refused(await b.request({ method: "POST", url: "/api/v1/facilities/import/preview", payload: { fileId } }));
    refused(await b.request({ method: "POST", url: "/api/v1/facilities/import", payload: { fileId, dryRun: true } }));
    const mine = await a.request({ method: "POST", url: "/api/v1/facilities/import/preview", payload: { fileId } });
    expect(mine.statusCode, mine.body).not.toBe(404);
  });

  it("facility and project imports on the shared pipeline: refused when enqueued, and when the job runs", async () => {
    const a = await t.signIn("focal_point", { partnerCode: "TJK" });
    const b = await t.signIn("focal_point", { partnerCode: "TJK" });
    const fileId = await uploadAs(a);
    for (const [url, body] of [
      ["/api/v1/facilities/imports", { country: "TJK", dryRun: true }],
      ["/api/v1/facilities/imports", { country: "TJK", dryRun: true, mapping: { name_en: "SecretHeaderQ" } }],
      ["/api/v1/projects/imports", { dryRun: true }],
    ] as const) {
      refused(await b.request({ method: "POST", url, payload: { fileId, ...body } }));
      const mine = await a.request({ method: "POST", url, payload: { fileId, ...body } });
      expect(mine.statusCode, mine.body).toBe(202);
      expect((await t.ctx.jobs.runNext())?.status).toBe("succeeded");
    }
    // A job whose payload names someone else's file (written before the check, or by a bug) must not read it.
    const actor = { userId: b.userId, label: "b", ip: null, requestId: null };
    for (const [kind, options] of [
      ["imports.facilities", { country: "TJK", sharing: "public", editable: ["TJK"], userId: b.userId }],
      ["imports.projects", { user: { id: b.userId, role: "focal_point", partnerCode: "TJK" } }],
    ] as const) {
      const jobId = await t.ctx.jobs.enqueue(kind, { fileId, request: { dryRun: true }, options, actor }, actor);
      const job = await t.ctx.jobs.runNext();
      expect(job?.id).toBe(jobId);
      expect(job?.status).toBe("failed");
      expect(JSON.stringify(job)).not.toContain(SECRET);
    }
  });

  it("factsheet imports (indicators and national totals)", async () => {
    const a = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    const b = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    await scope(a, ["UZB"]);
    await scope(b, ["UZB"]);
    const fileId = await uploadAs(a);
    for (const path of ["indicators", "national-totals"]) {
      const url = `/api/v1/factsheets/${path}/import`;
      refused(await b.request({ method: "POST", url, payload: { fileId, dryRun: true } }));
      const mine = await a.request({ method: "POST", url, payload: { fileId, dryRun: true } });
      expect(mine.statusCode, mine.body).toBe(200);
    }
  });

  it("training participant imports, even between coordinators", async () => {
    const [a, b] = await pair("coordinator");
    const courseId = await createCourse(a, "FO-1", { en: "Files" }, "controlled-delivery");
    const training = await a.request({
      method: "POST",
      url: "/api/v1/trainings",
      payload: {
        courseId,
        title: "Files",
        startsOn: "2025-03-10",
        endsOn: "2025-03-14",
        country: "KAZ",
        format: "online",
      },
    });
    expect(training.statusCode, training.body).toBe(201);
    const url = `/api/v1/trainings/${training.json().id}/participants/import`;
    const fileId = await uploadAs(a);
    refused(await b.request({ method: "POST", url, payload: { fileId, dryRun: true } }));
    const mine = await a.request({ method: "POST", url, payload: { fileId, dryRun: true } });
    expect(mine.statusCode, mine.body).toBe(200);
  });

  it("project documents and their versions", async () => {
    const a = await t.signIn("focal_point", { partnerCode: "TJK" });
    const b = await t.signIn("focal_point", { partnerCode: "TJK" });
    const project = await a.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: {
        title: { en: "Files in projects" },
        stage: "implementation",
        themes: ["training"],
        pillars: [1],
        fundings: [],
        locations: [{ code: "TJK", kind: "country" }],
        organizations: [],
      },
    });
    expect(project.statusCode, project.body).toBe(201);
    const url = `/api/v1/projects/${project.json().id}/documents`;
    const fileId = await uploadAs(a);
    refused(await b.request({ method: "POST", url, payload: { fileId } }));
    const doc = await a.request({ method: "POST", url, payload: { fileId } });
    expect(doc.statusCode, doc.body).toBe(201);
    refused(await b.request({ method: "POST", url: `${url}/${doc.json().id}/versions`, payload: { fileId } }));
  });

  it("meeting documents: a new attachment must be the attacher's own upload", async () => {
    const [a, b] = await pair("coordinator");
    const fileId = await uploadAs(a);
    const meeting = (documents: unknown[]) => ({
      kind: "ewg",
      title: { en: "Files in meetings" },
      startDate: "2031-03-10",
      endDate: "2031-03-11",
      format: "virtual",
      visibility: "members",
      documents,
    });
    const document = { title: { en: "Agenda" }, fileId };
    refused(await b.request({ method: "POST", url: "/api/v1/meetings", payload: meeting([document]) }));
    const created = await a.request({ method: "POST", url: "/api/v1/meetings", payload: meeting([document]) });
    expect(created.statusCode, created.body).toBe(201);
    // Another coordinator's edit keeps the attachment already there.
    const { id, version } = created.json();
    const kept = await b.request({
      method: "PATCH",
      url: `/api/v1/meetings/${id}`,
      payload: { version, documents: [document, { title: { en: "Notes" }, url: "https://example.org/notes" }] },
    });
    expect(kept.statusCode, kept.body).toBe(200);
  });
});
