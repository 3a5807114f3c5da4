import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.js";
import { ProjectsRepository } from "../modules/projects/projects.repository.js";
import { SYSTEM_ACTOR } from "./audit.js";
import type { LocalFileStorage } from "./file-storage.js";
import { MEDIA } from "./files.js";
import { SearchService } from "./search.js";

/**
 * What a kill -9 can leave behind and how the platform recovers (the end-to-end proof is
 * e2e/crash-safety.e2e.test.ts): stored bytes whose row never committed, temporary files of an interrupted
 * write, a job whose work committed but whose worker died before marking it done, and a save whose last
 * step fails (as a kill would cut it) after earlier steps were written.
 */
describe("crash recovery", () => {
  let t: TestApp;
  const hourAgo = () => new Date(Date.now() - 2 * 60 * 60 * 1000);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("sweeps stored bytes no row references and stale temporary files, keeping referenced and recent ones", async () => {
    const storage = t.ctx.files.storage as LocalFileStorage;
    const dir = path.join(t.dataDir, "files");
    const kept = await t.ctx.files.save({
      data: Buffer.from("kept,1\n"),
      originalName: "kept.csv",
      allowed: [MEDIA.csv],
      actor: SYSTEM_ACTOR,
    });
    // A crash between writing the bytes and committing their row: bytes without a row.
    const orphan = await storage.put(Buffer.from("orphan,2\n"), 1000);
    const recent = await storage.put(Buffer.from("in flight,3\n"), 1000);
    const temp = path.join(dir, ".tmp-crashed");
    fs.writeFileSync(temp, "half");
    const old = hourAgo();
    for (const file of [storage.pathOf(kept.sha256), storage.pathOf(orphan.sha256), temp])
      fs.utimesSync(file, old, old);

    expect(await t.ctx.files.sweepStore(60 * 60 * 1000)).toEqual({ temporary: 1, orphaned: 1 });
    expect(await storage.has(orphan.sha256)).toBe(false);
    expect(fs.existsSync(temp)).toBe(false);
    // Referenced bytes stay, and so do young unreferenced ones (an upload whose row is about to commit).
    expect(await storage.has(kept.sha256)).toBe(true);
    expect(await storage.has(recent.sha256)).toBe(true);
    expect((await t.ctx.files.open(kept.id)).record.id).toBe(kept.id);
    // Nothing left to do the second time.
    expect(await t.ctx.files.sweepStore(60 * 60 * 1000)).toEqual({ temporary: 0, orphaned: 0 });
  });

  it("commits a job's completion with its work: a crash after the commit does not run it again", async () => {
    const db = t.ctx.database.db;
    await db.updateTable("jobs").set({ status: "cancelled" }).where("status", "=", "queued").execute();
    await sql`create table if not exists crash_work (job_id uuid primary key)`.execute(db);
    let release!: () => void;
    const crashed = new Promise<void>((r) => {
      release = r;
    });
    t.ctx.jobs.register("test.crash-after-commit", async (job, progress) => {
      await db.transaction().execute(async (trx) => {
        await sql`insert into crash_work (job_id) values (${job.id})`.execute(trx);
        await progress.completeWithin(trx, { written: 1 });
      });
      await crashed; // the worker "dies" here: it never reaches its own finish
      return { written: 1 };
    });
    const id = await t.ctx.jobs.enqueue("test.crash-after-commit", {}, SYSTEM_ACTOR);
    const running = t.ctx.jobs.runNext("worker-killed");
    await vi.waitFor(async () => expect((await t.ctx.jobs.get(id)).status).toBe("succeeded"));
    // However silent the dead worker, recovery finds nothing to requeue: the work is not done twice.
    await sql`update jobs set heartbeat_at = now() - interval '1 hour' where id = ${id}`.execute(db);
    expect(await t.ctx.jobs.recoverStale(1000)).toEqual({ requeued: 0, failed: 0 });
    expect((await t.ctx.jobs.get(id)).result).toEqual({ written: 1 });
    release();
    await running;
  });

  it("rolls back the work of a worker that lost its job (recovered as stale and taken by another)", async () => {
    const db = t.ctx.database.db;
    await db.updateTable("jobs").set({ status: "cancelled" }).where("status", "=", "queued").execute();
    await sql`create table if not exists crash_runs (job_id uuid, run int)`.execute(db);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let runs = 0;
    t.ctx.jobs.register("test.lost-job", async (job, progress) => {
      runs += 1;
      const run = runs;
      if (run === 1) await gate; // the first worker stalls long enough to be taken for dead
      await db.transaction().execute(async (trx) => {
        await sql`insert into crash_runs (job_id, run) values (${job.id}, ${run})`.execute(trx);
        await progress.completeWithin(trx, { run });
      });
      return { run };
    });
    const id = await t.ctx.jobs.enqueue("test.lost-job", {}, SYSTEM_ACTOR);
    const stalled = t.ctx.jobs.runNext("worker-stalled");
    await vi.waitFor(async () => expect((await t.ctx.jobs.get(id)).status).toBe("running"));
    await sql`update jobs set heartbeat_at = now() - interval '1 hour' where id = ${id}`.execute(db);
    expect(await t.ctx.jobs.recoverStale(1000)).toEqual({ requeued: 1, failed: 0 });
    const second = await t.ctx.jobs.runNext("worker-second");
    expect(second?.status).toBe("succeeded");
    // The stalled worker wakes up: its completion is refused, so its transaction rolls back.
    release();
    await stalled;
    const job = await t.ctx.jobs.get(id);
    expect(job.status).toBe("succeeded");
    expect(job.result).toEqual({ run: 2 });
    const rows = await sql<{ run: number }>`select run from crash_runs where job_id = ${id}`.execute(db);
    expect(rows.rows.map((r) => r.run)).toEqual([2]);
  });

  it("stores a picture's thumbnail with its document: a save cut before the document leaves no thumbnail", async () => {
    const coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    const project = await coordinator.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: { partnerCode: "UNODC", title: { en: "Thumbnail crash test" } },
    });
    expect(project.statusCode, project.body).toBe(201);
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#aa3366" } })
      .png()
      .toBuffer();
    const boundary = "----pactcrash";
    const up = await coordinator.request({
      method: "POST",
      url: "/api/v1/files",
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        png,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    expect(up.statusCode, up.body).toBe(201);
    const thumbnails = async () =>
      Number(
        (
          await t.ctx.database.db
            .selectFrom("files")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("original_name", "=", "thumbnail.webp")
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await thumbnails();
    const cut = vi
      .spyOn(ProjectsRepository.prototype, "addDocumentVersion")
      .mockRejectedValueOnce(new Error("the process died here"));
    try {
      const failed = await coordinator.request({
        method: "POST",
        url: `/api/v1/projects/${project.json().id}/documents`,
        payload: { fileId: up.json().id },
      });
      expect(failed.statusCode).toBe(500);
    } finally {
      cut.mockRestore();
    }
    expect(await thumbnails()).toBe(before);
    const docs = await t.ctx.database.db
      .selectFrom("project_documents")
      .select("id")
      .where("project_id", "=", project.json().id)
      .execute();
    expect(docs).toEqual([]);
    // The same save, not cut, stores both.
    const ok = await coordinator.request({
      method: "POST",
      url: `/api/v1/projects/${project.json().id}/documents`,
      payload: { fileId: up.json().id },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await thumbnails()).toBe(before + 1);
  });

  it("publishes a fact sheet and enters it in search in one transaction: a cut publication stays in review", async () => {
    const coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    const created = await coordinator.request({
      method: "POST",
      url: "/api/v1/factsheets",
      payload: { scope: "country", subject: "TJK", year: 2021 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const submitted = await coordinator.request({
      method: "POST",
      url: `/api/v1/factsheets/${id}/transitions`,
      payload: { action: "submit", version: created.json().version },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const cut = vi.spyOn(SearchService.prototype, "upsert").mockRejectedValueOnce(new Error("the process died here"));
    try {
      const failed = await coordinator.request({
        method: "POST",
        url: `/api/v1/factsheets/${id}/transitions`,
        payload: { action: "publish", version: submitted.json().version },
      });
      expect(failed.statusCode).toBe(500);
    } finally {
      cut.mockRestore();
    }
    const sheet = await coordinator.request({ url: `/api/v1/factsheets/${id}` });
    expect(sheet.json()).toMatchObject({ status: "in_review", edition: 0 });
    const editions = await t.ctx.database.db
      .selectFrom("factsheet_editions")
      .select("edition")
      .where("factsheet_id", "=", id)
      .execute();
    expect(editions).toEqual([]);
  });

  it("gives concurrent project saves distinct codes (no save refused as a duplicate code)", async () => {
    const coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    const saves = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        coordinator.request({
          method: "POST",
          url: "/api/v1/projects",
          payload: { partnerCode: "UNODC", title: { en: `Concurrent save ${i} ${"xyzw"[i % 4]}${i * 7919}` } },
        }),
      ),
    );
    expect(saves.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(saves.map((r) => r.json().code)).size).toBe(8);
  });
});
