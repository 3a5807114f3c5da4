import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../../../test/app.js";
import { parseMail, useMailingTestApp } from "../../../test/smtp.js";
import { MailService } from "./mail.js";
import { NotificationService } from "./notifications.js";

describe("notifications", () => {
  const { t, smtp } = useMailingTestApp({ reference: false });
  let english: TestClient;
  let russian: TestClient;

  beforeAll(async () => {
    t.ctx.notifications.registerKind({
      kind: "test.meeting",
      label: { en: "Meetings", ru: "Совещания" },
      defaultInApp: true,
      defaultEmail: true,
    });
    english = await t.signIn("member", { email: "english@example.org" });
    russian = await t.signIn("member", { email: "russian@example.org" });
    await t.ctx.database.db
      .updateTable("users")
      .set({ language: "ru" })
      .where("id", "=", russian.userId as string)
      .execute();
  });
  afterAll(async () => {
    t.ctx.mail.close();
  });

  const meeting = {
    kind: "test.meeting",
    title: { en: "New expert working group", ru: "Новая экспертная рабочая группа" },
    body: { en: "A meeting was scheduled.", ru: "Назначено совещание." },
    link: "/meetings/42",
  };

  it("notifies in the app and by e-mail in each user's language", async () => {
    smtp.received.length = 0;
    const summary = await t.ctx.notifications.notify([english.userId as string, russian.userId as string], meeting);
    expect(summary).toEqual({ inApp: 2, emailed: 2, mailFailed: 0 });
    expect(smtp.received).toHaveLength(2);
    const toRussian = smtp.received.find((m) => m.to.includes("russian@example.org"));
    const toEnglish = smtp.received.find((m) => m.to.includes("english@example.org"));
    expect(parseMail(toRussian?.raw ?? "").subject).toBe("Новая экспертная рабочая группа");
    expect(parseMail(toRussian?.raw ?? "").body).toContain("Назначено совещание.");
    expect(parseMail(toRussian?.raw ?? "").body).toContain("https://pact.example.org/meetings/42");
    expect(parseMail(toEnglish?.raw ?? "").subject).toBe("New expert working group");

    const list = (await english.request({ url: "/api/v1/notifications" })).json();
    expect(list).toMatchObject({ total: 1, unread: 1 });
    expect(list.items[0]).toMatchObject({
      kind: "test.meeting",
      title: meeting.title,
      link: "/meetings/42",
      readAt: null,
    });
    const row = await t.ctx.database.db
      .selectFrom("notifications")
      .select("emailed_at")
      .where("id", "=", list.items[0].id)
      .executeTakeFirst();
    expect(row?.emailed_at).not.toBeNull();
  });

  it("follows each user's preferences", async () => {
    const save = await english.request({
      method: "PUT",
      url: "/api/v1/notifications/preferences",
      payload: { items: [{ kind: "test.meeting", inApp: true, email: false }] },
    });
    expect(save.statusCode).toBe(200);
    expect(save.json().items).toContainEqual({
      kind: "test.meeting",
      inApp: true,
      email: false,
      label: { en: "Meetings", ru: "Совещания" },
    });
    await russian.request({
      method: "PUT",
      url: "/api/v1/notifications/preferences",
      payload: { items: [{ kind: "test.meeting", inApp: false, email: true }] },
    });
    smtp.received.length = 0;
    const summary = await t.ctx.notifications.notify([english.userId as string, russian.userId as string], meeting);
    expect(summary).toEqual({ inApp: 1, emailed: 1, mailFailed: 0 });
    expect(smtp.received.map((m) => m.to)).toEqual([["russian@example.org"]]);
    expect((await russian.request({ url: "/api/v1/notifications" })).json().total).toBe(1);
    expect((await english.request({ url: "/api/v1/notifications" })).json().total).toBe(2);

    const prefs = (await english.request({ url: "/api/v1/notifications/preferences" })).json().items;
    // One row per registered kind; modules register their own kinds too, so look at this test's two.
    expect(prefs).toHaveLength(t.ctx.notifications.kinds().length);
    expect(prefs.filter((p: { kind: string }) => p.kind === "system" || p.kind === "test.meeting")).toEqual([
      {
        kind: "system",
        inApp: true,
        email: false,
        label: { en: "Platform announcements", ru: "Объявления платформы" },
      },
      { kind: "test.meeting", inApp: true, email: false, label: { en: "Meetings", ru: "Совещания" } },
    ]);
    const unknown = await english.request({
      method: "PUT",
      url: "/api/v1/notifications/preferences",
      payload: { items: [{ kind: "no.such.kind", inApp: true, email: true }] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ path: "body.items.0.kind", code: "unknown_kind" });
  });

  it("keeps the in-app notification when the e-mail fails", async () => {
    const log = pino({ level: "silent" });
    const broken = new MailService({ sendMail: () => Promise.reject(new Error("SMTP down")) }, "x@example.org", log);
    const service = new NotificationService(t.ctx.database.db, broken, "https://pact.example.org", log);
    const summary = await service.notify([english.userId as string], {
      kind: "system",
      title: { en: "Maintenance tonight" },
    });
    expect(summary).toEqual({ inApp: 1, emailed: 0, mailFailed: 0 });
    await service.setPreferences(english.userId as string, [{ kind: "system", inApp: true, email: true }]);
    const failing = await service.notify([english.userId as string], {
      kind: "system",
      title: { en: "Maintenance now" },
    });
    expect(failing).toEqual({ inApp: 1, emailed: 0, mailFailed: 1 });
    const list = await service.list(english.userId as string, { limit: 1, offset: 0 });
    expect(list.items[0]?.title).toEqual({ en: "Maintenance now" });
    await service.setPreferences(english.userId as string, [{ kind: "system", inApp: true, email: false }]);
  });

  it("shows and changes only one's own notifications", async () => {
    const mine = (await english.request({ url: "/api/v1/notifications?limit=100" })).json();
    const theirs = (await russian.request({ url: "/api/v1/notifications" })).json();
    const theirId = theirs.items[0].id as string;
    expect(mine.items.map((i: { id: string }) => i.id)).not.toContain(theirId);

    expect((await english.request({ method: "POST", url: `/api/v1/notifications/${theirId}/read` })).statusCode).toBe(
      404,
    );
    expect((await russian.request({ url: "/api/v1/notifications" })).json().unread).toBe(1);

    const first = mine.items[0].id as string;
    expect((await english.request({ method: "POST", url: `/api/v1/notifications/${first}/read` })).statusCode).toBe(
      204,
    );
    const after = (await english.request({ url: "/api/v1/notifications" })).json();
    expect(after.unread).toBe(mine.unread - 1);
    expect(after.items.find((i: { id: string }) => i.id === first).readAt).not.toBeNull();

    expect((await english.request({ method: "POST", url: "/api/v1/notifications/read-all" })).statusCode).toBe(204);
    expect((await english.request({ url: "/api/v1/notifications" })).json().unread).toBe(0);
    expect((await russian.request({ url: "/api/v1/notifications" })).json().unread).toBe(1);

    const visitor = await t.visitor();
    expect((await visitor.request({ url: "/api/v1/notifications" })).statusCode).toBe(401);
  });

  it("pages the list", async () => {
    const page = (await english.request({ url: "/api/v1/notifications?limit=1&offset=1" })).json();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThan(1);
  });
});
