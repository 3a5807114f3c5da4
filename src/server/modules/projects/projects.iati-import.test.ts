import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestClient, useTestApp } from "../../../../test/app.js";
import { multipart } from "../../../../test/imports.js";
import { IATI_XML } from "../../platform/files.js";
import type { IatiImportResult } from "./projects.iati-import.js";

const SAMPLE = fs.readFileSync(new URL("./fixtures/iati/adam-sample-2.03.xml", import.meta.url));
const IDS = ["XM-TEST-0001-CADAP8", "XM-TEST-0001-TJK-BORDER"];

/**
 * Issue 16: IATI activity XML on the web's shared import flow: the caller's own upload to /files, a check job that
 * writes nothing and an import job, both answering with the import pipeline's report (a rejected activity named by
 * its identifier, with the reason), so `ImportFlow` shows it as every other import.
 */
describe("IATI XML through the shared import flow", () => {
  const t = useTestApp();
  let coordinator: TestClient;
  let member: TestClient;

  beforeAll(async () => {
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    member = await t.signIn("member", { partnerCode: "TJK" });
  });

  const run = async (client: TestClient, payload: Record<string, unknown>): Promise<IatiImportResult> => {
    const res = await client.request({ method: "POST", url: "/api/v1/projects/iati/imports", payload });
    expect(res.statusCode, res.body).toBe(202);
    await t.ctx.jobs.runNext();
    const job = (await client.request({ url: `/api/v1/jobs/${res.json().jobId}` })).json();
    expect(job.status, JSON.stringify(job)).toBe("succeeded");
    return job.result;
  };
  /** The coordinator uploads `content` as `filename`, the part typed by nothing but its name and bytes. */
  const upload = (filename: string, content: Buffer) =>
    coordinator.request({ method: "POST", url: "/api/v1/files", ...multipart(filename, content, null) });
  const written = async () =>
    (
      await t.ctx.database.db
        .selectFrom("projects")
        .select("iati_identifier")
        .where("iati_identifier", "in", IDS)
        .execute()
    ).length;

  it("checks, then imports, the caller's own upload: counts, the rejected activity named, nothing written on a check", async () => {
    const up = await upload("adam-sample-2.03.xml", SAMPLE);
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().id as string;

    const check = await run(coordinator, { fileId, dryRun: true });
    expect(check).toMatchObject({ activities: 3, created: 2, updated: 0, rejected: 1 });
    expect(check.report).toMatchObject({ refused: false, imported: 0, rowsRead: 3, errors: [] });
    expect(check.report.warnings).toHaveLength(1);
    expect(check.report.warnings[0]).toMatchObject({
      column: "iati-identifier",
      value: "XM-TEST-0001-NOTITLE",
      code: "rejected_activity",
    });
    expect(check.report.warnings[0]?.message.en).toMatch(/XM-TEST-0001-NOTITLE: no title/);
    expect(check.report.warnings[0]?.message.ru).toMatch(/XM-TEST-0001-NOTITLE: /);
    expect(await written()).toBe(0);

    // Strict mode: the rejected activity refuses the file, and nothing is written.
    const strict = await run(coordinator, { fileId, allOrNothing: true });
    expect(strict.report.refused).toBe(true);
    expect(strict.report.errors.map((e) => e.value)).toEqual(["XM-TEST-0001-NOTITLE"]);
    expect(await written()).toBe(0);

    const done = await run(coordinator, { fileId, dryRun: false });
    expect(done).toMatchObject({ created: 2, updated: 0, rejected: 1 });
    expect(done.report).toMatchObject({ refused: false, imported: 2 });
    expect(await written()).toBe(2);

    // The same file again updates the projects with the same identifiers.
    const again = await run(coordinator, { fileId });
    expect(again).toMatchObject({ created: 0, updated: 2, rejected: 1 });
    expect(await written()).toBe(2);

    // Another user's upload is not found, even for a coordinator.
    const other = await t.signIn("coordinator");
    const res = await other.request({ method: "POST", url: "/api/v1/projects/iati/imports", payload: { fileId } });
    expect(res.statusCode).toBe(404);
  });

  it("refuses a member without the permission, and a file that is not IATI XML", async () => {
    const own = await t.ctx.files.save({
      data: SAMPLE,
      originalName: "adam.xml",
      allowed: IATI_XML,
      actor: { userId: member.userId, label: "test", ip: null, requestId: null },
    });
    const res = await member.request({
      method: "POST",
      url: "/api/v1/projects/iati/imports",
      payload: { fileId: own.id, dryRun: true },
    });
    expect(res.statusCode).toBe(403);

    // Other XML never reaches the import: /files refuses it.
    const svg = await upload("a.xml", Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'));
    expect(svg.statusCode).toBe(415);
    const sneaky = await upload(
      "a.xml",
      Buffer.from('<iati-activities version="2.03"><script>alert(1)</script></iati-activities>'),
    );
    expect(sneaky.statusCode).toBe(415);

    // A spreadsheet given to the IATI import is refused with the pipeline's report.
    const csv = await upload("projects.csv", Buffer.from("title_en,donor\nA,B\n"));
    expect(csv.statusCode, csv.body).toBe(201);
    const refused = await run(coordinator, { fileId: csv.json().id, dryRun: true });
    expect(refused.report.refused).toBe(true);
    expect(refused.report.errors.map((e) => e.code)).toEqual(["not_iati"]);
  });
});
