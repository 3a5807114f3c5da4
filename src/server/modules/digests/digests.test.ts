import { sql } from "kysely";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { userOf } from "../../../../test/api-calls.js";
import type { TestClient } from "../../../../test/app.js";
import { projectInput } from "../../../../test/fixtures.js";
import { mailHeader, mailPart, parseMail, useMailingTestApp } from "../../../../test/smtp.js";
import { lastCompleted, periodOf } from "./digests.periods.js";
import { UnsubscribeTokens } from "./digests.token.js";

async function waitForCount(received: unknown[], n: number, ms = 10_000) {
  const until = Date.now() + ms;
  while (received.length < n) {
    if (Date.now() > until) throw new Error(`expected ${n} messages, got ${received.length}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("digest periods", () => {
  it("numbers ISO weeks across a year's end and starts months on the 1st (UTC)", () => {
    expect(periodOf("weekly", new Date("2026-12-06T23:59:00Z")).key).toBe("weekly:2026-W49");
    expect(periodOf("weekly", new Date("2026-12-07T00:00:00Z")).key).toBe("weekly:2026-W50");
    expect(periodOf("weekly", new Date("2027-01-01T12:00:00Z")).key).toBe("weekly:2026-W53");
    expect(periodOf("weekly", new Date("2025-12-29T00:00:00Z")).key).toBe("weekly:2026-W01");
    expect(lastCompleted("weekly", new Date("2026-12-06T10:00:00Z")).end.toISOString()).toBe(
      "2026-11-30T00:00:00.000Z",
    );
    const month = lastCompleted("monthly", new Date("2026-01-15T00:00:00Z"));
    expect([month.key, month.start.toISOString(), month.end.toISOString()]).toEqual([
      "monthly:2025-12",
      "2025-12-01T00:00:00.000Z",
      "2026-01-01T00:00:00.000Z",
    ]);
  });
});

describe("unsubscribe tokens", () => {
  const tokens = new UnsubscribeTokens(() => Buffer.alloc(32, 7));
  const user = "5b0c7c1e-8a8e-4c77-9d43-2b7c3f1d9a10";

  it("verifies a genuine token and refuses a tampered, re-signed, truncated or expired one", () => {
    const token = tokens.issue(user, 3);
    expect(tokens.verify(token)).toMatchObject({ userId: user, version: 3 });
    const [payload = "", signature = ""] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, u: "00000000-0000-4000-8000-000000000000" })).toString(
      "base64url",
    );
    expect(tokens.verify(`${forged}.${signature}`)).toBeNull();
    const flipped = signature.slice(0, -2) + (signature.endsWith("AA") ? "BB" : "AA");
    expect(tokens.verify(`${payload}.${flipped}`)).toBeNull();
    expect(tokens.verify(payload)).toBeNull();
    expect(tokens.verify(`${token}.x`)).toBeNull();
    expect(new UnsubscribeTokens(() => Buffer.alloc(32, 8)).verify(token)).toBeNull();
    expect(tokens.verify(token, new Date(Date.now() + 61 * 86_400_000))).toBeNull();
  });
});

describe("digests", () => {
  const { t, smtp } = useMailingTestApp();
  let coordinator: TestClient;
  /** A member of Russia who follows everything. */
  let member: TestClient;
  /** The focal point of the United States: sees their own partner's draft project. */
  let usa: TestClient;
  /** A liaison officer for Afghanistan: sees Afghanistan's DMP alerts. */
  let officer: TestClient;

  const subscribe = (client: TestClient, body: Record<string, unknown>) =>
    client.request({ method: "PUT", url: "/api/v1/digests/settings", payload: body });

  beforeAll(async () => {
    coordinator = await t.signIn("coordinator");
    member = await t.signIn("member", { partnerCode: "RUS" });
    usa = await t.signIn("focal_point", { partnerCode: "USA" });
    officer = await t.signIn("liaison_officer", { partnerCode: "UNODC" });
    await t.ctx.database.db
      .insertInto("user_country_scopes")
      .values({ user_id: officer.userId as string, country_code: "AFG" })
      .execute();
  });
  beforeEach(() => {
    smtp.received.length = 0;
  });

  it("keeps each user's choice and refuses bad input without changing it", async () => {
    const initial = await member.request({ url: "/api/v1/digests/settings" });
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toMatchObject({ frequency: "never", pillars: [], countries: [] });
    const saved = await subscribe(member, {
      frequency: "weekly",
      pillars: [1, 3],
      countries: ["tjk"],
      modules: ["news"],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ frequency: "weekly", pillars: [1, 3], countries: ["TJK"], modules: ["news"] });
    const bad = await subscribe(member, { frequency: "daily", modules: ["gossip"], countries: ["ZZZ"] });
    expect(bad.statusCode).toBe(400);
    const nothing = await subscribe(member, { frequency: "monthly", modules: [] });
    expect(nothing.statusCode).toBe(400);
    expect(JSON.stringify(nothing.json())).toContain("body.modules");
    const unknownCountry = await subscribe(member, { frequency: "monthly", countries: ["ZZZ"] });
    expect(unknownCountry.statusCode).toBe(400);
    expect(unknownCountry.json().errors?.[0]?.path ?? JSON.stringify(unknownCountry.json())).toContain("countries");
    expect((await member.request({ url: "/api/v1/digests/settings" })).json().frequency).toBe("weekly");
    const visitor = await t.visitor();
    expect((await visitor.request({ url: "/api/v1/digests/settings" })).statusCode).toBe(401);
    expect((await member.request({ url: "/api/v1/digests/runs" })).statusCode).toBe(403);
  });

  it("sends one mail per reader with only what the modules' own rules let them see, and a working unsubscribe link", async () => {
    const db = t.ctx.database.db;
    // Records of the week: news, a draft project of the United States, a DMP alert in Afghanistan, a published
    // fact sheet, trainings in Tajikistan and Russia.
    const news = await coordinator.request({
      method: "POST",
      url: "/api/v1/news",
      payload: {
        title: { en: "Expert working group on precursors", ru: "Экспертная рабочая группа по прекурсорам" },
        body: { en: "Report.", ru: "Доклад." },
        pillars: [3],
        visibility: "members",
      },
    });
    expect(news.statusCode).toBe(201);
    const project = await usa.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: projectInput("Secret draft <b>"),
    });
    expect(project.statusCode).toBe(201);
    await db
      .insertInto("seizure_alerts")
      .values({
        country: "AFG",
        drug: "heroin",
        year: 2026,
        month: 10,
        mass_kg: 900,
        median: 80,
        score: 9,
        direction: "up",
      })
      .execute();
    await db
      .insertInto("factsheets")
      .values({
        scope: "country",
        subject: "KAZ",
        year: 2025,
        status: "published",
        edition: 1,
        published_at: new Date(),
        notes: JSON.stringify({}),
        sources: JSON.stringify([]),
      })
      .execute();
    const course = await db
      .insertInto("training_courses")
      .values({
        code: "DIG-1",
        title: JSON.stringify({ en: "Profiling" }),
        topic: "profiling",
        level: "basic",
        pillar: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("trainings")
      .values([
        {
          course_id: course.id,
          title: "Risk profiling in Dushanbe",
          starts_on: "2026-11-02",
          ends_on: "2026-11-06",
          country: "TJK",
          format: "in_person",
        },
        {
          course_id: course.id,
          title: "Canine units in Moscow",
          starts_on: "2026-11-09",
          ends_on: "2026-11-13",
          country: "RUS",
          format: "in_person",
        },
      ])
      .execute();

    const everything = { frequency: "weekly", pillars: [], countries: [] };
    expect((await subscribe(member, everything)).statusCode).toBe(200);
    // Subscribed, then a new version of the terms came out that this user has not accepted: nothing until they do.
    const late = await t.signIn("member", { partnerCode: "RUS", email: "late@example.org" });
    expect((await subscribe(late, everything)).statusCode).toBe(200);
    await db
      .deleteFrom("terms_acceptances")
      .where("user_id", "=", late.userId as string)
      .execute();
    expect((await subscribe(usa, everything)).statusCode).toBe(200);
    expect((await subscribe(officer, { ...everything, modules: ["seizure_alerts", "projects"] })).statusCode).toBe(200);
    await db
      .updateTable("users")
      .set({ language: "ru" })
      .where("id", "=", member.userId as string)
      .execute();

    const sent = await coordinator.request({
      method: "POST",
      url: "/api/v1/digests/runs",
      payload: { frequency: "weekly" },
    });
    expect(sent.statusCode).toBe(201);
    const run = sent.json();
    // The job does what the worker would; here it runs in the test's process.
    await t.ctx.digests.sendRun(run.id, "test-worker");
    const byUser = new Map<string, string>();
    for (const m of smtp.received) byUser.set(m.to[0] as string, m.raw);
    const emailOf = async (c: TestClient) => (await userOf(t, c)).email;

    const memberMail = byUser.get(await emailOf(member)) as string;
    const memberText = mailPart(memberMail, "text/plain") as string;
    expect(parseMail(memberMail).subject).toContain("Еженедельная сводка");
    expect(memberText).toContain("Экспертная рабочая группа по прекурсорам");
    expect(memberText).toContain("Информационный бюллетень");
    expect(memberText).toContain("Canine units in Moscow");
    // Not for this member: another partner's draft project, another country's DMP alert, another country's training.
    expect(memberText).not.toContain("Secret draft");
    expect(memberText).not.toContain("AFG");
    expect(memberText).not.toContain("Dushanbe");
    expect(memberText).not.toContain("(projects)");
    const html = mailPart(memberMail, "text/html") as string;
    expect(html).toContain('<a href="https://pact.example.org/news/');
    expect(mailHeader(memberMail, "List-Unsubscribe")).toContain("https://pact.example.org/digest/unsubscribe?token=");

    const usaText = mailPart(byUser.get(await emailOf(usa)) as string, "text/plain") as string;
    expect(usaText).toContain("Secret draft <b> (new)");
    const usaHtml = mailPart(byUser.get(await emailOf(usa)) as string, "text/html") as string;
    expect(usaHtml).toContain("Secret draft &lt;b&gt;");
    expect(usaText).not.toContain("AFG");

    const officerText = mailPart(byUser.get(await emailOf(officer)) as string, "text/plain") as string;
    expect(officerText).toContain("AFG, 2026-10");
    expect(officerText).not.toContain("Secret draft");
    expect(officerText).not.toContain("Expert working group");

    const deliveries = await coordinator.request({ url: `/api/v1/digests/runs/${run.id}/deliveries` });
    expect(deliveries.statusCode).toBe(200);
    const rows = deliveries.json().items as { email: string; status: string; counts: Record<string, number> }[];
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
    expect(rows.find((r) => r.email === "x")).toBeUndefined();
    const runs = await coordinator.request({ url: "/api/v1/digests/runs" });
    expect(runs.json().items.find((r: { id: string }) => r.id === run.id)).toMatchObject({ sent: 3, status: "done" });
    // The same period is never sent twice, by a coordinator or by a second worker.
    expect(
      (await coordinator.request({ method: "POST", url: "/api/v1/digests/runs", payload: { frequency: "weekly" } }))
        .statusCode,
    ).toBe(409);
    await t.ctx.digests.repo.reopenRun(run.id, run.jobId);
    expect(await t.ctx.digests.sendRun(run.id, "another-worker")).toMatchObject({ sent: 0, skipped: 3, held: 1 });
    expect([...byUser.keys()]).not.toContain("late@example.org");

    // The unsubscribe link works without a session, once; a tampered one changes nothing.
    const link = /https:\/\/pact\.example\.org\/digest\/unsubscribe\?token=(\S+)/.exec(memberText)?.[1] as string;
    const visitor = await t.visitor();
    const tampered = `${link.slice(0, 10)}${link[10] === "A" ? "B" : "A"}${link.slice(11)}`;
    const refused = await visitor.request({
      method: "POST",
      url: "/api/v1/digests/unsubscribe",
      payload: { token: tampered },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe("unsubscribe_link_invalid");
    expect((await member.request({ url: "/api/v1/digests/settings" })).json().frequency).toBe("weekly");
    const ok = await visitor.request({ method: "POST", url: "/api/v1/digests/unsubscribe", payload: { token: link } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ unsubscribed: true });
    expect(ok.json().email).not.toBe(await emailOf(member));
    expect((await member.request({ url: "/api/v1/digests/settings" })).json().frequency).toBe("never");
    const again = await visitor.request({
      method: "POST",
      url: "/api/v1/digests/unsubscribe",
      payload: { token: link },
    });
    expect(again.statusCode).toBe(400);
    // Subscribing again does not revive the old link.
    await subscribe(member, everything);
    expect(
      (await visitor.request({ method: "POST", url: "/api/v1/digests/unsubscribe", payload: { token: link } }))
        .statusCode,
    ).toBe(400);
    await subscribe(member, { frequency: "never" });
  });

  it("opens the run of each ended period once, however many instances check at once", async () => {
    const db = t.ctx.database.db;
    const now = new Date("2031-03-04T10:00:00Z");
    const opened = await Promise.all([
      t.ctx.digests.openDue(now),
      t.ctx.digests.openDue(now),
      t.ctx.digests.openDue(now),
    ]);
    expect(opened.flat().sort()).toEqual(["monthly:2031-02", "weekly:2031-W09"]);
    const runs = await db
      .selectFrom("digest_runs")
      .select(["period", "until", "job_id"])
      .where("period", "in", ["monthly:2031-02", "weekly:2031-W09"])
      .orderBy("period")
      .execute();
    expect(runs.map((r) => [r.period, new Date(r.until).toISOString()])).toEqual([
      ["monthly:2031-02", "2031-03-01T00:00:00.000Z"],
      ["weekly:2031-W09", "2031-03-03T00:00:00.000Z"],
    ]);
    expect(runs.every((r) => r.job_id !== null)).toBe(true);
    expect(await t.ctx.digests.openDue(now)).toEqual([]);
  });

  it("sends each user once when two workers send the same run, and resumes a crashed worker's claims", async () => {
    const db = t.ctx.database.db;
    await db.deleteFrom("digest_subscriptions").execute();
    const readers = await db
      .insertInto("users")
      .values(
        Array.from({ length: 24 }, (_, i) => ({
          email: `reader${i}@example.org`,
          display_name: `Reader ${i}`,
          role: "member" as const,
          partner_code: "RUS",
          status: "active" as const,
        })),
      )
      .returning("id")
      .execute();
    const ids = readers.map((r) => r.id);
    const current = await db.selectFrom("terms_versions").select("id").execute();
    await db
      .insertInto("terms_acceptances")
      .values(ids.flatMap((id) => current.map((v) => ({ user_id: id, terms_version_id: v.id, ip: null }))))
      .onConflict((oc) => oc.doNothing())
      .execute();
    await db
      .insertInto("digest_subscriptions")
      .values(
        ids.map((id) => ({ user_id: id, frequency: "monthly" as const, modules: sql<string[]>`'{news}'::text[]` })),
      )
      .execute();
    await coordinator.request({
      method: "POST",
      url: "/api/v1/news",
      payload: { title: { en: "Monthly news" }, body: { en: "Text." }, visibility: "public" },
    });
    const run = (
      await coordinator.request({ method: "POST", url: "/api/v1/digests/runs", payload: { frequency: "monthly" } })
    ).json();
    // A worker that died after claiming two readers (stale), and a live one holding a third (fresh).
    const period = periodOf("monthly", new Date()).key;
    const claim = (userId: string, by: string, at: Date) => ({
      run_id: run.id,
      user_id: userId,
      period,
      since: new Date(run.since),
      until: new Date(run.until),
      claimed_by: by,
      claimed_at: at,
    });
    const hourAgo = new Date(Date.now() - 3_600_000);
    await db
      .insertInto("digest_deliveries")
      .values([
        claim(ids[0] as string, "dead", hourAgo),
        claim(ids[1] as string, "dead", hourAgo),
        claim(ids[2] as string, "alive", new Date()),
      ])
      .execute();
    const [a, b] = await Promise.all([
      t.ctx.digests.sendRun(run.id, "worker-a"),
      t.ctx.digests.sendRun(run.id, "worker-b"),
    ]);
    await waitForCount(smtp.received, 23);
    expect(a.sent + b.sent).toBe(23);
    const recipients = smtp.received.map((m) => m.to[0]);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(recipients).toContain("reader0@example.org");
    expect(recipients).not.toContain("reader2@example.org");
    const pending = await db
      .selectFrom("digest_deliveries")
      .select("user_id")
      .where("status", "=", "claimed")
      .execute();
    expect(pending.map((p) => p.user_id)).toEqual([ids[2]]);
    expect((await t.ctx.digests.getRun(run.id)).status).toBe("sending");

    // The live worker dies too, after its job ended: the schedule queues the run again once the claim is stale.
    expect(await t.ctx.digests.resumeStalled()).toEqual([]);
    await db.updateTable("jobs").set({ status: "succeeded" }).where("id", "=", run.jobId).execute();
    await db
      .updateTable("digest_deliveries")
      .set({ claimed_at: hourAgo })
      .where("user_id", "=", ids[2] as string)
      .execute();
    await db.updateTable("digest_runs").set({ created_at: hourAgo }).where("id", "=", run.id).execute();
    const [first, second] = await Promise.all([t.ctx.digests.resumeStalled(), t.ctx.digests.resumeStalled()]);
    expect([...(first ?? []), ...(second ?? [])]).toEqual([period]);
    const resumed = await t.ctx.digests.getRun(run.id);
    expect(resumed.jobId).not.toBe(run.jobId);
    expect((await t.ctx.jobs.get(resumed.jobId as string)).status).toBe("queued");
    expect(await t.ctx.digests.sendRun(run.id, "worker-c")).toMatchObject({ sent: 1 });
    await waitForCount(smtp.received, 24);
    expect(smtp.received.map((m) => m.to[0])).toContain("reader2@example.org");
    expect((await t.ctx.digests.getRun(run.id)).status).toBe("done");
  });
});
