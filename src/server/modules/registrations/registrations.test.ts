import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../../../../test/app.js";
import { parseMail, useMailingTestApp } from "../../../../test/smtp.js";
import { REMINDER_JOB } from "./registrations.service.js";

const HOUR = 3_600_000;
const PASSWORD = "Nine blue kettles sing at dawn";

describe("registration with approval", () => {
  const { t, smtp } = useMailingTestApp({ env: { PUBLIC_URL: "https://pact.test" } });
  let coordinator: TestClient;
  let focalTjk: TestClient;
  let focalUzb: TestClient;
  let termsIds: string[];
  let ipCounter = 0;

  /** A visitor's POST from its own address (the registration route is rate limited per address). */
  async function visitorPost(url: string, payload: unknown, opts: { ip?: string; lang?: string } = {}) {
    const remoteAddress = opts.ip ?? `10.0.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
    const me = await t.app.inject({ url: "/api/v1/auth/me", remoteAddress });
    const csrf = me.cookies.find((c) => c.name === "pact_csrf")?.value ?? "";
    return t.app.inject({
      method: "POST",
      url,
      payload: payload as object,
      remoteAddress,
      cookies: { pact_csrf: csrf },
      headers: { "x-csrf-token": csrf, ...(opts.lang ? { "accept-language": opts.lang } : {}) },
    });
  }

  let n = 0;
  function application(overrides: Record<string, unknown> = {}) {
    n += 1;
    return {
      displayName: `Officer Number${n}`,
      email: `officer.${n}@mvd.gov.tj`,
      partnerCode: "tjk",
      agency: "Drug Control Agency",
      position: "Senior analyst",
      workPhone: "+992 (37) 221-00-00",
      reason: "I analyse heroin seizures on the northern route and need the partners' data.",
      password: PASSWORD,
      language: "en",
      acceptedTerms: termsIds,
      website: "",
      ...overrides,
    };
  }

  const count = async (table: "registrations" | "users") =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const mailTo = (email: string) => smtp.received.filter((m) => m.to.includes(email)).map((m) => parseMail(m.raw).body);
  const tokenFrom = (body: string) => /\/register\/confirm\?token=([\w%-]+)/.exec(body)?.[1] ?? "";

  /** Registers and confirms; returns the request as the coordinator's queue shows it. */
  async function pendingRegistration(overrides: Record<string, unknown> = {}) {
    const input = application(overrides);
    const res = await visitorPost("/api/v1/registrations", input);
    expect(res.statusCode, res.body).toBe(202);
    const token = tokenFrom(mailTo(input.email as string).at(-1) ?? "");
    const confirmed = await visitorPost("/api/v1/registrations/confirm", { token: decodeURIComponent(token) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const list = await coordinator.request({ url: "/api/v1/registrations?status=pending&limit=200" });
    const item = list.json().items.find((r: { email: string }) => r.email === input.email);
    expect(item).toBeTruthy();
    return { input, item };
  }

  beforeAll(async () => {
    coordinator = await t.signIn("coordinator", { partnerCode: "UNODC" });
    focalTjk = await t.signIn("focal_point", { partnerCode: "TJK" });
    focalUzb = await t.signIn("focal_point", { partnerCode: "UZB" });
    const terms = await t.app.inject({ url: "/api/v1/terms/current" });
    termsIds = terms.json().items.map((v: { id: string }) => v.id);
  });

  it("publishes the first terms of use and access policy in both languages", async () => {
    const res = await t.app.inject({ url: "/api/v1/terms/current" });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((v: { kind: string }) => v.kind).sort()).toEqual(["access_policy", "terms"]);
    for (const v of items) {
      expect(v.version).toBe(1);
      expect(v.body.en).toContain("law-enforcement authorities, government agencies and organizations");
      expect(v.body.ru).toMatch(/правоохранительн/);
    }
  });

  it("takes a registration through e-mail confirmation, vouching and approval to a working account", async () => {
    const input = application({ email: "Rustam.Karimov@DCA.gov.tj", displayName: "Рустам Каримов", language: "ru" });
    const res = await visitorPost("/api/v1/registrations", input, { lang: "ru" });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ status: "received" });

    const [confirmation] = mailTo("rustam.karimov@dca.gov.tj");
    expect(confirmation).toMatch(/подтвердите адрес/i);
    expect(confirmation).toContain("https://pact.test/register/confirm?token=");
    const token = decodeURIComponent(tokenFrom(confirmation ?? ""));
    expect(token.length).toBeGreaterThan(30);
    const stored = await t.ctx.database.db
      .selectFrom("registrations")
      .selectAll()
      .where("email", "=", "rustam.karimov@dca.gov.tj")
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe("unconfirmed");
    expect(stored.token_hash).not.toContain(token);
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);

    // Not in the queue before the address is confirmed.
    const early = await coordinator.request({ url: "/api/v1/registrations?status=pending" });
    expect(early.json().items.map((r: { email: string }) => r.email)).not.toContain("rustam.karimov@dca.gov.tj");

    const confirmed = await visitorPost("/api/v1/registrations/confirm", { token });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toEqual({ status: "pending", targetHours: 48 });

    // Reviewers are told: the coordinators and the focal point of the partner, not other partners' focal points.
    const notified = async (client: TestClient) =>
      (await t.ctx.notifications.list(client.userId as string, { limit: 50, offset: 0 })).items.filter(
        (x) => x.kind === "registration_pending",
      ).length;
    expect(await notified(coordinator)).toBe(1);
    expect(await notified(focalTjk)).toBe(1);
    expect(await notified(focalUzb)).toBe(0);

    const queue = await focalTjk.request({ url: "/api/v1/registrations?status=pending" });
    expect(queue.statusCode).toBe(200);
    const item = queue.json().items.find((r: { email: string }) => r.email === "rustam.karimov@dca.gov.tj");
    expect(item).toMatchObject({ partnerCode: "TJK", status: "pending", overdue: false, vouch: null, version: 2 });
    expect(item.waitedHours).toBeLessThan(1);
    expect(new Date(item.dueAt).getTime() - new Date(item.submittedAt).getTime()).toBe(48 * HOUR);

    const vouched = await focalTjk.request({
      method: "POST",
      url: `/api/v1/registrations/${item.id}/vouch`,
      payload: { version: item.version, comment: "Known to our service." },
    });
    expect(vouched.statusCode, vouched.body).toBe(200);
    expect(vouched.json().vouch).toMatchObject({ state: "vouched", comment: "Known to our service." });

    const approved = await coordinator.request({
      method: "POST",
      url: `/api/v1/registrations/${item.id}/approve`,
      payload: { version: vouched.json().version },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: "approved", approvedRole: "member" });

    const decision = mailTo("rustam.karimov@dca.gov.tj").at(-1) ?? "";
    expect(decision).toContain("одобрена");
    expect(decision).toContain("https://pact.test/sign-in");

    const user = await t.ctx.database.db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", "rustam.karimov@dca.gov.tj")
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({
      role: "member",
      partner_code: "TJK",
      language: "ru",
      status: "active",
      must_change_password: false,
    });
    const after = await t.ctx.database.db
      .selectFrom("registrations")
      .selectAll()
      .where("id", "=", item.id)
      .executeTakeFirstOrThrow();
    expect(after.password_hash).toBeNull();
    expect(after.user_id).toBe(user.id);

    // The registrant signs in with the password chosen at registration; the terms accepted then count.
    const visitor = await t.visitor();
    const signIn = await visitor.request({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: "rustam.karimov@dca.gov.tj", password: PASSWORD },
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    expect(signIn.json().user).toMatchObject({ role: "member", mustAcceptTerms: false });

    const events = await t.ctx.database.db
      .selectFrom("registration_events")
      .select(["event", "from_status", "to_status"])
      .where("registration_id", "=", item.id)
      .orderBy("at")
      .execute();
    expect(events.map((e) => e.event)).toEqual(["submitted", "confirmed", "vouched", "approved"]);
    expect(events.at(-1)).toMatchObject({ from_status: "pending", to_status: "approved" });
    const audit = await t.ctx.audit.list({ objectType: "registration", objectId: item.id, limit: 20, offset: 0 });
    expect(audit.items.map((a) => a.action).sort()).toEqual(
      ["registration.approved", "registration.confirmed", "registration.submitted", "registration.vouched"].sort(),
    );
  });

  it("answers an address already in use exactly like a new one, and e-mails its owner instead", async () => {
    const answer = (res: Awaited<ReturnType<typeof visitorPost>>) => ({
      status: res.statusCode,
      type: res.headers["content-type"],
      body: res.body,
    });
    const fresh = await visitorPost("/api/v1/registrations", application(), { lang: "ru" });
    expect(answer(fresh)).toEqual({
      status: 202,
      type: "application/json; charset=utf-8",
      body: '{"status":"received"}',
    });
    const registrations = await count("registrations");
    const users = await count("users");

    // An address with an account (approved above, Russian-speaking): the same answer, and a mail to its owner.
    const owner = "rustam.karimov@dca.gov.tj";
    const mailsBefore = mailTo(owner).length;
    const existing = await visitorPost(
      "/api/v1/registrations",
      application({ email: "Rustam.Karimov@DCA.gov.tj", language: "en" }),
      { lang: "ru" },
    );
    expect(answer(existing)).toEqual(answer(fresh));
    const [notice, ...more] = smtp.received.filter((m) => m.to.includes(owner)).slice(mailsBefore);
    expect(more).toHaveLength(0);
    const { subject, body } = parseMail(notice?.raw ?? "");
    // In the account holder's language, not the one the form was sent in.
    expect(subject).toBe("У вас уже есть учетная запись — платформа Парижского пакта");
    expect(body).toContain("Здравствуйте, Рустам Каримов!");
    expect(body).toContain("https://pact.test/sign-in");
    expect(body).toContain("https://pact.test/forgot-password");
    expect(body).not.toContain("/register/confirm");

    // An address with an open request: the same answer, and a mail that says so (no second request).
    const pending = application();
    expect((await visitorPost("/api/v1/registrations", pending)).statusCode).toBe(202);
    const again = await visitorPost("/api/v1/registrations", { ...application(), email: pending.email.toUpperCase() });
    expect(answer(again)).toEqual(answer(fresh));
    const pendingMails = smtp.received.filter((m) => m.to.includes(pending.email)).map((m) => parseMail(m.raw));
    expect(pendingMails).toHaveLength(2);
    expect(pendingMails[1]?.subject).toBe("You have already asked to register — Paris Pact Platform");
    expect(pendingMails[1]?.body).not.toContain("/register/confirm?token=");

    // Repeating it does not turn the form into a way of flooding someone's mailbox.
    const mailsNow = smtp.received.length;
    for (const email of [owner, pending.email]) {
      const res = await visitorPost("/api/v1/registrations", application({ email }));
      expect(answer(res)).toEqual(answer(fresh));
    }
    expect(smtp.received.length).toBe(mailsNow);

    expect(await count("registrations")).toBe(registrations + 1);
    expect(await count("users")).toBe(users);
    const audit = await t.ctx.audit.list({ action: "registration.existing_account", limit: 5, offset: 0 });
    expect(audit.items.length).toBeGreaterThanOrEqual(1);
  });

  it("refuses disposable and malformed addresses, weak passwords, unknown partners and oversized fields", async () => {
    const before = await count("registrations");
    const mailsBefore = smtp.received.length;
    const expectField = async (payload: Record<string, unknown>, path: string, code?: string) => {
      const res = await visitorPost("/api/v1/registrations", payload);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(res.json().code).toBe("validation_failed");
      const error = res.json().errors.find((e: { path: string }) => e.path === path);
      expect(error, res.body).toBeTruthy();
      if (code) expect(error.code).toBe(code);
      expect(error.message).toBeTruthy();
    };
    await expectField(application({ email: "someone@mailinator.com" }), "body.email", "email_disposable");
    await expectField(application({ email: "not-an-address" }), "body.email");
    await expectField(application({ password: "password1234" }), "body.password", "too_common");
    await expectField(application({ password: "aaaaaaaaaaaaaaaa" }), "body.password", "too_weak");
    await expectField(application({ password: "short" }), "body.password");
    await expectField(application({ partnerCode: "XYZ" }), "body.partnerCode", "unknown_partner");
    await expectField(application({ reason: "x".repeat(2001) }), "body.reason");
    await expectField(application({ reason: "too short" }), "body.reason");
    await expectField(application({ displayName: "x".repeat(201) }), "body.displayName");
    await expectField(application({ workPhone: "call me" }), "body.workPhone");
    await expectField(
      application({ acceptedTerms: ["00000000-0000-4000-8000-000000000000"] }),
      "body.acceptedTerms",
      "terms_not_current",
    );
    // Every problem at once, not one per attempt.
    const many = await visitorPost(
      "/api/v1/registrations",
      application({ email: "x@yopmail.com", partnerCode: "XYZ", password: "password1234" }),
    );
    expect(
      many
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["body.email", "body.partnerCode", "body.password"]);
    expect(await count("registrations")).toBe(before);
    expect(smtp.received.length).toBe(mailsBefore);
  });

  it("answers a filled honeypot as if all were fine, but keeps nothing and audits a bot", async () => {
    const before = await count("registrations");
    const mailsBefore = smtp.received.length;
    const res = await visitorPost("/api/v1/registrations", application({ website: "http://spam.example" }));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: "received" });
    expect(await count("registrations")).toBe(before);
    expect(smtp.received.length).toBe(mailsBefore);
    const audit = await t.ctx.audit.list({ action: "registration.bot", limit: 5, offset: 0 });
    expect(audit.items).toHaveLength(1);
  });

  it("rate limits registrations per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await visitorPost("/api/v1/registrations", application({ partnerCode: "XYZ" }), { ip: "10.9.9.9" }))
          .statusCode,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses[5]).toBe(429);
  });

  it("uses a confirmation link once, and not after it expires", async () => {
    const input = application();
    await visitorPost("/api/v1/registrations", input);
    const token = decodeURIComponent(tokenFrom(mailTo(input.email).at(-1) ?? ""));
    expect((await visitorPost("/api/v1/registrations/confirm", { token })).statusCode).toBe(200);
    const reused = await visitorPost("/api/v1/registrations/confirm", { token });
    expect(reused.statusCode).toBe(400);
    expect(reused.json()).toMatchObject({ code: "registration_link_invalid", details: { reason: "used" } });
    const unknown = await visitorPost("/api/v1/registrations/confirm", { token: "x".repeat(43) });
    expect(unknown.json()).toMatchObject({ code: "registration_link_invalid", details: { reason: "unknown" } });

    const late = application();
    await visitorPost("/api/v1/registrations", late);
    const lateToken = decodeURIComponent(tokenFrom(mailTo(late.email).at(-1) ?? ""));
    await t.ctx.database.db
      .updateTable("registrations")
      .set({ token_expires_at: new Date(Date.now() - 1000) })
      .where("email", "=", late.email)
      .execute();
    const expired = await visitorPost("/api/v1/registrations/confirm", { token: lateToken });
    expect(expired.statusCode).toBe(400);
    expect(expired.json()).toMatchObject({ code: "registration_link_invalid", details: { reason: "expired" } });
    // An expired, unconfirmed request no longer holds the address.
    const retry = await visitorPost("/api/v1/registrations", { ...application(), email: late.email });
    expect(retry.statusCode, retry.body).toBe(202);
  });

  it("keeps focal points to their own partner", async () => {
    const { item } = await pendingRegistration();
    const own = await focalUzb.request({ url: "/api/v1/registrations" });
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((r: { id: string }) => r.id)).not.toContain(item.id);
    const other = await focalUzb.request({ url: "/api/v1/registrations?partner=TJK" });
    expect(other.statusCode).toBe(403);
    for (const action of ["vouch", "decline"]) {
      const res = await focalUzb.request({
        method: "POST",
        url: `/api/v1/registrations/${item.id}/${action}`,
        payload: { version: item.version, reason: "Not one of ours." },
      });
      expect(res.statusCode, action).toBe(404);
    }
    const member = await t.signIn("member", { partnerCode: "TJK" });
    expect((await member.request({ url: "/api/v1/registrations" })).statusCode).toBe(403);
    expect(
      (
        await focalTjk.request({
          method: "POST",
          url: `/api/v1/registrations/${item.id}/approve`,
          payload: { version: item.version },
        })
      ).statusCode,
    ).toBe(403);
  });

  it("records a focal point's decline as a recommendation; the coordinator rejects with a reason, e-mailed", async () => {
    const { input, item } = await pendingRegistration({ language: "en" });
    const declined = await focalTjk.request({
      method: "POST",
      url: `/api/v1/registrations/${item.id}/decline`,
      payload: { version: item.version, reason: "Not known to our agency." },
    });
    expect(declined.statusCode).toBe(200);
    expect(declined.json()).toMatchObject({
      status: "pending",
      vouch: { state: "declined", comment: "Not known to our agency." },
    });

    const stale = await coordinator.request({
      method: "POST",
      url: `/api/v1/registrations/${item.id}/reject`,
      payload: { version: item.version, reason: "Not eligible." },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: "version_conflict",
      details: { current: { version: item.version + 1 } },
    });

    const noReason = await coordinator.request({
      method: "POST",
      url: `/api/v1/registrations/${item.id}/reject`,
      payload: { version: item.version + 1, reason: "" },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe("body.reason");

    const rejected = await coordinator.request({
      method: "POST",
      url: `/api/v1/registrations/${item.id}/reject`,
      payload: { version: item.version + 1, reason: "The agency is not a law-enforcement authority." },
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: "rejected",
      decisionReason: "The agency is not a law-enforcement authority.",
    });
    const mail = mailTo(input.email).at(-1) ?? "";
    expect(mail).toContain("declined");
    expect(mail).toContain("The agency is not a law-enforcement authority.");
    expect(await t.ctx.accounts.isEmailRegistered(input.email)).toBe(false);

    const again = await coordinator.request({
      method: "POST",
      url: `/api/v1/registrations/${item.id}/approve`,
      payload: { version: rejected.json().version },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "conflict", details: { reason: "not_pending" } });
  });

  it("reminds reviewers once, 12 hours before the 48-hour target", async () => {
    const { item } = await pendingRegistration();
    const submitted = new Date(item.submittedAt).getTime();
    // Requests of earlier tests are pending too; reminders count only the ones due in the window.
    expect((await t.ctx.registrations.sendReminders(new Date(submitted + 30 * HOUR))).reminded).toBe(0);
    const before = (await t.ctx.notifications.list(focalTjk.userId as string, { limit: 100, offset: 0 })).total;
    const first = await t.ctx.registrations.sendReminders(new Date(submitted + 37 * HOUR));
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    const after = await t.ctx.notifications.list(focalTjk.userId as string, { limit: 100, offset: 0 });
    expect(after.total).toBe(before + first.reminded);
    expect(after.items[0]?.title.en).toMatch(/^Reminder/);
    expect((await t.ctx.registrations.sendReminders(new Date(submitted + 50 * HOUR))).reminded).toBe(0);
    const reminded = await t.ctx.database.db
      .selectFrom("registrations")
      .select("reminded_at")
      .where("id", "=", item.id)
      .executeTakeFirstOrThrow();
    expect(reminded.reminded_at).not.toBeNull();
    // The job the worker runs every 15 minutes.
    await t.ctx.jobs.enqueue(REMINDER_JOB, {}, { userId: null, label: "test", ip: null, requestId: null });
    expect(await t.ctx.jobs.runNext()).toMatchObject({ kind: REMINDER_JOB, status: "succeeded" });
  });

  it("computes the approval-time figures per month from the data", async () => {
    const now = new Date();
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 3, 8));
    const rows = [
      { hours: 10, status: "approved" },
      { hours: 20, status: "approved" },
      { hours: 60, status: "rejected" },
      { hours: null, status: "pending" },
    ] as const;
    for (const [i, r] of rows.entries()) {
      const submitted = new Date(month.getTime() + i * HOUR);
      await t.ctx.database.db
        .insertInto("registrations")
        .values({
          email: `stats.${i}@mvd.gov.tj`,
          display_name: `Stats ${i}`,
          partner_code: "TJK",
          agency: "Agency",
          position: "Officer",
          work_phone: "+992 000000",
          reason: "Known data for the dashboard test.",
          language: "en",
          accepted_terms: "[]",
          status: r.status,
          submitted_at: submitted,
          decided_at: r.hours === null ? null : new Date(submitted.getTime() + r.hours * HOUR),
        })
        .execute();
    }
    const res = await coordinator.request({ url: "/api/v1/registrations/stats?months=6" });
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json();
    expect(stats.targetHours).toBe(48);
    expect(stats.months).toHaveLength(6);
    const figures = stats.months.find((m: { month: string }) => m.month === month.toISOString().slice(0, 7));
    expect(figures).toEqual({
      month: month.toISOString().slice(0, 7),
      submitted: 4,
      approved: 2,
      rejected: 1,
      pending: 1,
      medianHours: 20,
      p95Hours: 56,
      withinTargetShare: 0.667,
    });
    expect(stats.overall.submitted).toBeGreaterThanOrEqual(4);
    expect(stats.overall.overdue).toBeGreaterThanOrEqual(1);
    // The stored rows are what the database computes with: check the percentile there too.
    const check = await sql<{
      p: number;
    }>`select percentile_cont(0.95) within group (order by x) as p from (values (10),(20),(60)) v(x)`.execute(
      t.ctx.database.db,
    );
    expect(Number(check.rows[0]?.p)).toBeCloseTo(56, 5);
    expect((await focalTjk.request({ url: "/api/v1/registrations/stats" })).statusCode).toBe(403);
  });

  it("asks for the terms again after a new version is published", async () => {
    const member = await t.signIn("member", { partnerCode: "TJK", acceptTerms: false });
    const me = async () => (await member.request({ url: "/api/v1/auth/me" })).json().user;
    expect((await me()).mustAcceptTerms).toBe(true);
    // Until the current texts are accepted, protected data is refused; public pages still answer.
    const gated = await member.request({ url: "/api/v1/directory", headers: { "accept-language": "ru" } });
    expect(gated.statusCode).toBe(403);
    expect(gated.json()).toMatchObject({ code: "terms_acceptance_required" });
    expect(gated.json().title).toMatch(/принять/);
    expect((await member.request({ url: "/api/v1/partners" })).statusCode).toBe(200);
    const accepted = await member.request({
      method: "POST",
      url: "/api/v1/terms/accept",
      payload: { termsVersionIds: termsIds },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toEqual({ mustAcceptTerms: false });
    expect((await me()).mustAcceptTerms).toBe(false);
    expect((await member.request({ url: "/api/v1/directory" })).statusCode).toBe(200);

    const published = await coordinator.request({
      method: "POST",
      url: "/api/v1/terms/versions",
      payload: {
        kind: "terms",
        title: { en: "Terms of use (2)", ru: "Условия использования (2)" },
        body: { en: "Second version.", ru: "Вторая редакция." },
      },
    });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toMatchObject({ kind: "terms", version: 2 });
    expect((await me()).mustAcceptTerms).toBe(true);
    expect((await t.ctx.terms.pendingFor(member.userId as string)).map((v) => v.id)).toEqual([published.json().id]);
    expect((await member.request({ url: "/api/v1/directory" })).json().code).toBe("terms_acceptance_required");

    const old = await member.request({
      method: "POST",
      url: "/api/v1/terms/accept",
      payload: { termsVersionIds: termsIds },
    });
    expect(old.statusCode).toBe(400);
    expect(old.json().errors[0]).toMatchObject({ path: "body.termsVersionIds", code: "terms_not_current" });
    const current = (await t.app.inject({ url: "/api/v1/terms/current" }))
      .json()
      .items.map((v: { id: string }) => v.id);
    const ok = await member.request({
      method: "POST",
      url: "/api/v1/terms/accept",
      payload: { termsVersionIds: current },
    });
    expect(ok.json()).toEqual({ mustAcceptTerms: false });

    // A registration must carry the current versions.
    const stale = await visitorPost("/api/v1/registrations", application());
    expect(stale.statusCode).toBe(400);
    expect(stale.json().errors[0]).toMatchObject({ path: "body.acceptedTerms", code: "terms_not_current" });
  });
});
