import type { AddressInfo } from "node:net";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { type TestClient, useTestApp } from "../../../test/app.js";
import type { DB } from "../db/schema.js";
import type { Actor } from "./audit.js";
import type { JobProgress } from "./jobs.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const actorFor = (userId: string | null): Actor => ({ userId, label: "test", ip: null, requestId: null });

describe("jobs", () => {
  const t = useTestApp({ reference: false });

  /** Drains jobs queued by earlier tests so each test runs its own. */
  async function drain() {
    await t.ctx.database.db.updateTable("jobs").set({ status: "cancelled" }).where("status", "=", "queued").execute();
  }

  it("runs a job to success, recording throttled progress and always the last report", async () => {
    await drain();
    const seen: { progress: number; total: number | null }[] = [];
    t.ctx.jobs.register("test.count", async (job, progress) => {
      await progress.set(1, 3, "one");
      const afterFirst = await t.ctx.jobs.get(job.id);
      seen.push({ progress: afterFirst.progress, total: afterFirst.total });
      await progress.set(2, undefined, "two");
      const throttled = await t.ctx.jobs.get(job.id);
      seen.push({ progress: throttled.progress, total: throttled.total });
      await progress.set(3, undefined, "three");
      return { counted: (job.payload as { upTo: number }).upTo };
    });
    const id = await t.ctx.jobs.enqueue("test.count", { upTo: 3 }, actorFor(null));
    expect((await t.ctx.jobs.get(id)).status).toBe("queued");
    const finished = await t.ctx.jobs.runNext();
    expect(finished).toMatchObject({
      id,
      status: "succeeded",
      progress: 3,
      total: 3,
      message: "three",
      result: { counted: 3 },
      error: null,
    });
    expect(finished?.startedAt).toMatch(/^\d{4}-/);
    expect(finished?.finishedAt).toMatch(/^\d{4}-/);
    // The first report is written at once; the second, 0 ms later, waits for the throttle.
    expect(seen).toEqual([
      { progress: 1, total: 3 },
      { progress: 1, total: 3 },
    ]);
    expect(await t.ctx.jobs.runNext()).toBeNull();
  });

  it("records a failing handler's error", async () => {
    await drain();
    t.ctx.jobs.register("test.fail", async (_job, progress) => {
      await progress.set(5, 10, "halfway");
      throw new Error("row 6: unknown country XYZ");
    });
    const id = await t.ctx.jobs.enqueue("test.fail", {}, actorFor(null));
    const job = await t.ctx.jobs.runNext();
    expect(job).toMatchObject({ id, status: "failed", progress: 5, error: "row 6: unknown country XYZ", result: null });
  });

  it("fails a job of an unknown kind with a clear error", async () => {
    await drain();
    const id = await t.ctx.jobs.enqueue("test.nobody-handles-this", {}, actorFor(null));
    const job = await t.ctx.jobs.runNext();
    expect(job).toMatchObject({ id, status: "failed" });
    expect(job?.error).toContain('No handler is registered for job kind "test.nobody-handles-this"');
  });

  it("gives each job to exactly one of several concurrent workers", async () => {
    await drain();
    const runs: string[] = [];
    t.ctx.jobs.register("test.once", async (job) => {
      runs.push(job.id);
      await sleep(20);
      return "done";
    });
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add(await t.ctx.jobs.enqueue("test.once", { i }, actorFor(null)));
    const worker = async (name: string) => {
      while (await t.ctx.jobs.runNext(name)) {}
    };
    await Promise.all([worker("worker-a"), worker("worker-b"), worker("worker-c")]);
    expect(runs.sort()).toEqual([...ids].sort());
    for (const id of ids) expect((await t.ctx.jobs.get(id)).status).toBe("succeeded");
  });

  it("requeues a job whose worker stopped responding, and fails it after 3 attempts", async () => {
    await drain();
    const gate = deferred();
    let signal: AbortSignal | undefined;
    t.ctx.jobs.register("test.stale", async (_job, progress: JobProgress) => {
      signal = progress.signal;
      await gate.promise;
      await progress.set(1, 1);
      return "late";
    });
    const id = await t.ctx.jobs.enqueue("test.stale", {}, actorFor(null));
    const running = t.ctx.jobs.runNext("worker-crashed");
    await vi.waitFor(async () => expect((await t.ctx.jobs.get(id)).status).toBe("running"));
    const db = t.ctx.database.db;
    await sql`update jobs set heartbeat_at = now() - interval '1 hour' where id = ${id}`.execute(db);

    expect(await t.ctx.jobs.recoverStale(60_000)).toEqual({ requeued: 1, failed: 0 });
    expect((await t.ctx.jobs.get(id)).status).toBe("queued");
    // The old worker finishing late neither overwrites the requeued job nor keeps its lock.
    gate.resolve();
    await running;
    expect(signal?.aborted).toBe(true);
    expect((await t.ctx.jobs.get(id)).status).toBe("queued");

    await sql`update jobs set status = 'running', attempts = 3, heartbeat_at = now() - interval '1 hour' where id = ${id}`.execute(
      db,
    );
    expect(await t.ctx.jobs.recoverStale(60_000)).toEqual({ requeued: 0, failed: 1 });
    const failed = await t.ctx.jobs.get(id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/3 attempts/);
    // A fresh heartbeat is left alone.
    expect(await t.ctx.jobs.recoverStale(60_000)).toEqual({ requeued: 0, failed: 0 });
  });

  it("runs queued jobs in the background until stopped", async () => {
    await drain();
    const finished: string[] = [];
    t.ctx.jobs.register("test.background", async (job) => {
      await sleep(30);
      finished.push(job.id);
    });
    const ids = [
      await t.ctx.jobs.enqueue("test.background", {}, actorFor(null)),
      await t.ctx.jobs.enqueue("test.background", {}, actorFor(null)),
    ];
    t.ctx.jobs.start({ pollMs: 20 });
    await vi.waitFor(async () => expect((await t.ctx.jobs.get(ids[1] as string)).status).toBe("succeeded"), {
      timeout: 5000,
    });
    await t.ctx.jobs.stop();
    // Both may be enqueued within the same clock tick, so their order is not defined: compare as sets.
    expect([...finished].sort()).toEqual([...ids].sort());
    const later = await t.ctx.jobs.enqueue("test.background", {}, actorFor(null));
    await sleep(100);
    expect((await t.ctx.jobs.get(later)).status).toBe("queued");
    await drain();
  });

  describe("HTTP", () => {
    let origin: string;
    let owner: TestClient;

    beforeAll(async () => {
      await t.app.listen({ port: 0, host: "127.0.0.1" });
      origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      owner = await t.signIn("member");
    });

    const cookieHeader = (client: TestClient) =>
      Object.entries(client.cookies)
        .map(([k, v]) => `${k}=${v}`)
        .join("; ");

    it("shows a job to its creator and coordinators only", async () => {
      await drain();
      const id = await t.ctx.jobs.enqueue("test.view", {}, actorFor(owner.userId));
      const mine = await owner.request({ url: `/api/v1/jobs/${id}` });
      expect(mine.statusCode).toBe(200);
      expect(mine.json()).toMatchObject({ id, kind: "test.view", status: "queued", progress: 0 });
      const coordinator = await t.signIn("coordinator");
      expect((await coordinator.request({ url: `/api/v1/jobs/${id}` })).statusCode).toBe(200);
      const other = await t.signIn("member");
      expect((await other.request({ url: `/api/v1/jobs/${id}` })).statusCode).toBe(404);
      expect((await other.request({ url: `/api/v1/jobs/${id}/events` })).statusCode).toBe(404);
      const visitor = await t.visitor();
      expect((await visitor.request({ url: `/api/v1/jobs/${id}` })).statusCode).toBe(401);
      await drain();
    });

    it("streams progress events until the job finishes", async () => {
      await drain();
      t.ctx.jobs.register("test.sse", async (_job, progress) => {
        for (let i = 1; i <= 3; i++) {
          await sleep(600);
          await progress.set(i, 3, `step ${i}`);
        }
        return { ok: true };
      });
      const id = await t.ctx.jobs.enqueue("test.sse", {}, actorFor(owner.userId));
      const response = await fetch(`${origin}/api/v1/jobs/${id}/events`, { headers: { cookie: cookieHeader(owner) } });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const run = t.ctx.jobs.runNext();
      const body = await response.text();
      await run;
      const events = body
        .split("\n\n")
        .filter((block) => block.startsWith("event: progress"))
        .map((block) => JSON.parse(block.split("\ndata: ")[1] as string));
      expect(events[0]).toMatchObject({ id, status: "queued" });
      expect(events.at(-1)).toMatchObject({ id, status: "succeeded", progress: 3, result: { ok: true } });
      const progressSeen = new Set(events.filter((e) => e.status === "running").map((e) => e.progress));
      expect(progressSeen.size).toBeGreaterThanOrEqual(2);
    });

    it("stops polling when the client goes away", async () => {
      await drain();
      const id = await t.ctx.jobs.enqueue("test.abandoned", {}, actorFor(owner.userId));
      const spy = vi.spyOn(t.ctx.jobs, "get");
      const controller = new AbortController();
      const response = await fetch(`${origin}/api/v1/jobs/${id}/events`, {
        headers: { cookie: cookieHeader(owner) },
        signal: controller.signal,
      });
      const reader = response.body?.getReader();
      await reader?.read();
      await sleep(1100);
      expect(spy.mock.calls.length).toBeGreaterThan(0);
      controller.abort();
      await sleep(300);
      const calls = spy.mock.calls.length;
      await sleep(1200);
      expect(spy.mock.calls.length).toBe(calls);
      spy.mockRestore();
      await drain();
    });
  });
});

describe("health", () => {
  const t = useTestApp({ reference: false });

  it("reports the database and the version, and 503 when the database does not answer", async () => {
    const ok = await t.app.inject({ url: "/api/v1/health" });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      status: "ok",
      // Tests connect to a database of their own on the test server, so this platform did not start it.
      database: { kind: "server", status: "up" },
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });

    const pool = new pg.Pool({ connectionString: "postgres://nobody@127.0.0.1:1/none", connectionTimeoutMillis: 300 });
    pool.on("error", () => {});
    const unreachable = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const real = t.ctx.database;
    t.ctx.database = { ...real, db: unreachable };
    try {
      const down = await t.app.inject({ url: "/api/v1/health" });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ status: "degraded", database: { status: "down" } });
    } finally {
      t.ctx.database = real;
      await unreachable.destroy();
    }
  });
});
