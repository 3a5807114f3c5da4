import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { createTestApp, type TestApp, type TestClient } from "./app.js";
import { facilityInput, projectInput, SEIZURE_INPUT } from "./fixtures.js";
import { type ReplicaClusters, replicaUnavailableReason, startReplicaClusters } from "./replica.js";

/**
 * DATABASE_URL = a primary, DATABASE_READ_URL = its streaming standby, both real PostgreSQL servers started by
 * the test (whatever TEST_DATABASE_URL says). The standby's replay is paused to make the replica visibly lag:
 * an analytical endpoint that still shows the old figures while the record page shows the new record proves
 * which server answered each.
 */
const unavailable = replicaUnavailableReason();

const SEIZURE = SEIZURE_INPUT;

const PROJECT = projectInput("Replica lag probe project");

function facility(word: string) {
  return {
    ...facilityInput(`Narcology centre ${word}`),
    capacity: 10,
    lastVerified: "2025-03-01",
  };
}

describe.skipIf(unavailable)(`read replica${unavailable ? ` (skipped: ${unavailable})` : ""}`, () => {
  let clusters: ReplicaClusters | undefined;
  let database: Database | undefined;
  let t: TestApp | undefined;
  let liaison: TestClient;
  let coordinator: TestClient;
  let member: TestClient;

  const app = () => t as TestApp;

  beforeAll(async () => {
    clusters = await startReplicaClusters();
    database = await openDatabase({
      databaseUrl: clusters.primaryUrl,
      databaseReadUrl: clusters.standbyUrl,
      poolSize: 4,
    });
    await migrateToLatest(database.db);
    t = await createTestApp({ database });
    liaison = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    await t.ctx.database.db
      .insertInto("user_country_scopes")
      .values({ user_id: liaison.userId as string, country_code: "TJK" })
      .execute();
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    member = await t.signIn("member", { partnerCode: "TUR" });
    for (const c of [liaison, coordinator, member]) {
      expect((await c.request({ method: "POST", url: "/api/v1/seizures/terms/accept" })).statusCode).toBe(200);
    }
    await clusters.waitForReplay();
  }, 120_000);

  afterAll(async () => {
    try {
      if (t) await t.close();
      else await database?.close();
    } finally {
      await clusters?.stop();
    }
  }, 60_000);

  async function publishSeizure(payload: Record<string, unknown>) {
    const created = await liaison.request({ method: "POST", url: "/api/v1/seizures", payload });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    for (const [action, version] of [
      ["validate", 1],
      ["publish", 2],
    ] as const) {
      // Four-eyes: the officer who entered the record does not validate it.
      const res = await (action === "validate" ? coordinator : liaison).request({
        method: "POST",
        url: "/api/v1/seizures/transitions",
        payload: { action, records: [{ id, version }] },
      });
      expect(res.json(), res.body).toEqual({ changed: 1, skipped: 0 });
    }
    return id;
  }

  const tjkCases = async () => {
    const res = await member.request({ url: "/api/v1/seizures/stats?groupBy=country&countries=TJK" });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().rows[0]?.cases ?? 0;
  };
  const dashboardCases = async () => {
    const res = await member.request({ url: "/api/v1/seizures/dashboard?countries=TJK" });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().totals.cases as number;
  };
  const pivotProjects = async () => {
    const res = await coordinator.request({ url: "/api/v1/projects/stats/pivot?rows=stage&measure=count" });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().total as number;
  };
  const gapProjects = async () => {
    const res = await coordinator.request({ url: "/api/v1/projects/gaps" });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().byPillar.find((p: { pillar: number }) => p.pillar === 1)?.projects as number;
  };
  const heatmapCells = async () => {
    const res = await member.request({ url: "/api/v1/recommendations/heatmap?pillar=2" });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().cells.length as number;
  };
  const progressDone = async () => {
    const res = await member.request({ url: "/api/v1/recommendations/progress?pillar=2" });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().points.at(-1)?.done ?? 0) as number;
  };
  const tjkFacilities = async () => {
    const res = await coordinator.request({ url: "/api/v1/facilities/stats/TJK" });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().facilities as number;
  };
  const searchHits = async (word: string) => {
    const res = await coordinator.request({ url: `/api/v1/search?q=${word}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().total as number;
  };

  it("reads analytics from a real read-only standby and everything else from the primary", async () => {
    const c = clusters as ReplicaClusters;
    expect(await c.query("standby", "select pg_is_in_recovery() as r")).toEqual([{ r: true }]);
    expect(await c.query("primary", "select pg_is_in_recovery() as r")).toEqual([{ r: false }]);
    // The app's read connection really is the standby: it refuses any write.
    await expect(sql`create table replica_probe (i int)`.execute(app().ctx.database.readDb)).rejects.toThrow(
      /read-only/,
    );
    expect(app().ctx.database.readDb).not.toBe(app().ctx.database.db);
    const health = await app().app.inject({ url: "/api/v1/health" });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: "ok", database: { status: "up" }, replica: { status: "up" } });
  });

  it("shows a published seizure in the dashboards once the replica has it", async () => {
    expect(await tjkCases()).toBe(0);
    await publishSeizure({ ...SEIZURE });
    await (clusters as ReplicaClusters).waitForReplay();
    expect(await tjkCases()).toBe(1);
    expect(await dashboardCases()).toBe(1);
  });

  it("serves the analytical reads from the lagging replica while record pages, sessions and writes use the primary", async () => {
    const c = clusters as ReplicaClusters;
    const word = `replicaprobe${Date.now().toString(36)}`;
    // A recommendation partners can report on, replicated before the lag begins.
    const meeting = await coordinator.request({
      method: "POST",
      url: "/api/v1/meetings",
      payload: { kind: "ewg", title: { en: "EWG on replicas" }, pillars: [2], startDate: "2030-03-01" },
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const rec = await coordinator.request({
      method: "POST",
      url: "/api/v1/recommendations",
      payload: { meetingId: meeting.json().id, number: "1", text: { en: "Share seizure data" }, pillar: 2 },
    });
    expect(rec.statusCode, rec.body).toBe(201);
    const adopted = await coordinator.request({
      method: "POST",
      url: `/api/v1/recommendations/${rec.json().id}/transitions`,
      payload: { to: "adopted", on: "2030-03-02", version: rec.json().version },
    });
    expect(adopted.statusCode, adopted.body).toBe(200);
    await c.waitForReplay();
    const before = {
      heatmap: await heatmapCells(),
      progress: await progressDone(),
      cases: await tjkCases(),
      dashboard: await dashboardCases(),
      projects: await pivotProjects(),
      gaps: await gapProjects(),
      facilities: await tjkFacilities(),
      search: await searchHits(word),
    };
    expect(before).toMatchObject({ cases: 1, dashboard: 1, search: 0 });

    await c.pauseReplay();
    let resumed = false;
    try {
      // Writes go to the primary and succeed although the standby would refuse them.
      const seizureId = await publishSeizure({ ...SEIZURE, quantity: 30, place: "Khorog" });
      const project = await coordinator.request({
        method: "POST",
        url: "/api/v1/projects",
        payload: { ...PROJECT, partnerCode: "USA" },
      });
      expect(project.statusCode, project.body).toBe(201);
      // Published, so ADAM's figures (published projects only) count it.
      for (const [to, version] of [
        ["submitted", 1],
        ["published", 2],
      ] as const) {
        const step = await coordinator.request({
          method: "POST",
          url: `/api/v1/projects/${project.json().id}/transition`,
          payload: { to, version },
        });
        expect(step.statusCode, step.body).toBe(200);
      }
      const created = await liaison.request({ method: "POST", url: "/api/v1/facilities", payload: facility(word) });
      expect(created.statusCode, created.body).toBe(201);
      const report = await coordinator.request({
        method: "POST",
        url: `/api/v1/recommendations/${rec.json().id}/reports`,
        payload: { partnerCode: "KAZ", status: "done" },
      });
      expect(report.statusCode, report.body).toBe(201);

      // The caller's own records are read on the primary: visible at once.
      const page = await member.request({ url: `/api/v1/seizures/${seizureId}` });
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json()).toMatchObject({ status: "published", place: "Khorog" });
      expect((await coordinator.request({ url: `/api/v1/projects/${project.json().id}` })).statusCode).toBe(200);
      expect((await liaison.request({ url: `/api/v1/facilities/${created.json().id}` })).statusCode).toBe(200);
      const [primary] = await c.query<{ n: number }>(
        "primary",
        "select sum(cases)::int as n from seizure_monthly where country = 'TJK'",
      );
      expect(primary?.n).toBe(2);

      // A session begun now lives on the primary only, and works.
      const newcomer = await app().signIn("member", { partnerCode: "TUR" });
      const me = await newcomer.request({ url: "/api/v1/auth/me" });
      expect(me.json().user?.id).toBe(newcomer.userId);

      // The analytical reads come from the paused standby: they do not show the new data yet.
      expect(await tjkCases()).toBe(before.cases);
      expect(await dashboardCases()).toBe(before.dashboard);
      expect(await pivotProjects()).toBe(before.projects);
      expect(await gapProjects()).toBe(before.gaps);
      expect(await tjkFacilities()).toBe(before.facilities);
      expect(await searchHits(word)).toBe(0);
      expect(await heatmapCells()).toBe(before.heatmap);
      expect(await progressDone()).toBe(before.progress);

      await c.resumeReplay();
      resumed = true;
      await c.waitForReplay();
      expect(await tjkCases()).toBe(before.cases + 1);
      expect(await dashboardCases()).toBe(before.dashboard + 1);
      expect(await pivotProjects()).toBe(before.projects + 1);
      expect(await gapProjects()).toBe(before.gaps + 1);
      expect(await tjkFacilities()).toBe(before.facilities + 1);
      expect(await searchHits(word)).toBeGreaterThan(0);
      expect(await heatmapCells()).toBe(before.heatmap + 1);
      expect(await progressDone()).toBe(before.progress + 1);
    } finally {
      if (!resumed) await c.resumeReplay();
    }
  });

  it("answers 503 on the analytical reads while the replica is down, and serves everything else", async () => {
    await (clusters as ReplicaClusters).stopStandby();
    const stats = await member.request({ url: "/api/v1/seizures/stats?groupBy=country&countries=TJK" });
    expect(stats.statusCode, stats.body).toBe(503);
    expect(stats.json().code).toBe("service_unavailable");
    const created = await liaison.request({ method: "POST", url: "/api/v1/seizures", payload: SEIZURE });
    expect(created.statusCode, created.body).toBe(201);
    expect((await member.request({ url: "/api/v1/auth/me" })).json().user?.id).toBe(member.userId);
    expect((await liaison.request({ url: `/api/v1/seizures/${created.json().id}` })).statusCode).toBe(200);
    // /health shows the replica down without failing the instance: the primary still serves.
    const health = await app().app.inject({ url: "/api/v1/health" });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({
      status: "degraded",
      database: { status: "up" },
      replica: { status: "down" },
    });
  });
});
