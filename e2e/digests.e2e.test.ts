import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiSession,
  expectAccessible,
  launchBrowser,
  type Mailbox,
  newContext,
  type RunningPlatform,
  screenshot,
  signInAdministratorByApi,
  startMailbox,
  startPlatform,
} from "./harness.js";

/**
 * The digest journey of issue 20: a member who reads Russian chooses a weekly digest of pillar I news on their
 * settings page; the coordinator sends this week's digest from the "what was sent" page; the digest arrives on
 * the test SMTP server in Russian with the pillar I news and not the pillar III one; its unsubscribe link works in
 * a browser that is not signed in (after a tampered copy of it is refused), and the member's setting is then
 * "never".
 */

const WAIT = { timeout: 30_000, interval: 100 };
const STEP_TIMEOUT = 240_000;
const ADMIN_PASSWORD = "a long new passphrase for Vienna 2026";
const MEMBER = {
  email: "a.ivanova@fskn.example.ru",
  name: "Анна Иванова",
  password: "гранат облако Хорог 47 велосипед",
};
const PILLAR_ONE = "Совместная операция на северном маршруте";
const PILLAR_THREE = "Новые правила контроля прекурсоров";

async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: "visible", timeout: WAIT.timeout });
  return locator;
}

/** A user's first sign-in through the API of `context`: one-time password → their own → the current terms. */
async function signInMemberByApi(context: BrowserContext, platform: RunningPlatform, oneTimePassword: string) {
  const { post, acceptTerms } = await apiSession(context, platform);
  await post("/auth/sign-in", { email: MEMBER.email, password: oneTimePassword });
  await post("/auth/password", { currentPassword: oneTimePassword, newPassword: MEMBER.password });
  await acceptTerms();
}

describe("digests: weekly digest in Russian, unsubscribe without signing in", () => {
  let mailbox: Mailbox;
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    mailbox = await startMailbox();
    platform = await startPlatform({ SMTP_URL: mailbox.url });
    browser = await launchBrowser();
  }, STEP_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await mailbox?.close();
  });

  it(
    "sends the chosen items in Russian and unsubscribes through the link alone",
    async () => {
      const admin = await newContext(browser);
      const { post } = await signInAdministratorByApi(admin, platform, ADMIN_PASSWORD);
      const created = await post("/users", {
        email: MEMBER.email,
        displayName: MEMBER.name,
        role: "member",
        partnerCode: "RUS",
        language: "ru",
      });
      for (const [title, pillar] of [
        [PILLAR_ONE, 1],
        [PILLAR_THREE, 3],
      ] as const) {
        await post("/news", {
          title: { ru: title },
          body: { ru: "Подробности в документе." },
          pillars: [pillar],
          visibility: "members",
        });
      }

      // The member, in Russian, chooses a weekly digest of pillar I news.
      const member = await newContext(browser, { locale: "ru-RU" });
      await signInMemberByApi(member, platform, created.oneTimePassword);
      const page = await member.newPage();
      await page.goto(`${platform.url}/account/digest`);
      await visible(page.getByRole("heading", { name: "Сводка по электронной почте", level: 1 }));
      await page.getByRole("radio", { name: "Еженедельно" }).check();
      for (const subject of [
        "Совещания и рекомендации",
        "Проекты АДАМ и предупреждения о дублировании",
        "Предупреждения Платформы мониторинга наркотиков",
        "Новые информационные бюллетени",
        "Учебные мероприятия в моих странах",
      ]) {
        await page.getByRole("checkbox", { name: subject }).uncheck();
      }
      await page.getByText("Направление I", { exact: true }).click();
      await expectAccessible(page, "digest settings (ru)");
      await page.getByRole("button", { name: "Сохранить" }).click();
      await visible(page.getByText("Настройки сводки сохранены."));
      await screenshot(page, "digest-settings-ru");

      // The coordinator sends this week's digest from the page of what was sent.
      const adminPage = await admin.newPage();
      await adminPage.goto(`${platform.url}/admin/digests`);
      await visible(adminPage.getByRole("heading", { name: "Digests sent", level: 1 }));
      await adminPage.getByRole("button", { name: "Send this week's digest now" }).click();
      await adminPage.getByRole("button", { name: /Confirm: send the Weekly digest/ }).click();
      await visible(adminPage.getByText(/1 sent, 0 with nothing new, 0 failed, 0 being sent/));
      await expectAccessible(adminPage, "digests sent (en)");
      await adminPage.getByRole("button", { name: "Recipients" }).first().click();
      await visible(adminPage.getByRole("cell", { name: /Анна Иванова/ }));
      await expect.poll(() => adminPage.getByRole("cell", { name: "News: 1" }).count(), WAIT).toBe(1);
      await screenshot(adminPage, "digests-sent");

      const mail = await mailbox.waitFor(MEMBER.email, { predicate: (m) => m.subject.includes("сводка") });
      expect(mail.subject).toMatch(/^Еженедельная сводка Парижского пакта/);
      expect(mail.text).toContain("Здравствуйте, Анна Иванова!");
      expect(mail.text).toContain(PILLAR_ONE);
      expect(mail.text).not.toContain(PILLAR_THREE);
      const link = /\/digest\/unsubscribe\?token=([\w.-]+)/.exec(mail.text);
      expect(link, mail.text).not.toBeNull();
      const token = link?.[1] as string;

      // Not signed in: a tampered link is refused, the real one unsubscribes.
      const stranger = await newContext(browser, { locale: "ru-RU" });
      const visitorPage: Page = await stranger.newPage();
      const tampered = `${token.slice(0, 12)}${token[12] === "x" ? "y" : "x"}${token.slice(13)}`;
      await visitorPage.goto(`${platform.url}/digest/unsubscribe?token=${tampered}`);
      await visitorPage.getByRole("button", { name: "Отписаться" }).click();
      await visible(visitorPage.getByText(/Ссылка для отказа от подписки недействительна/));
      await visitorPage.goto(`${platform.url}/digest/unsubscribe?token=${token}`);
      await visible(visitorPage.getByRole("heading", { name: "Отказ от сводок", level: 1 }));
      await expectAccessible(visitorPage, "unsubscribe (ru)");
      await visitorPage.getByRole("button", { name: "Отписаться" }).click();
      await visible(visitorPage.getByText(/сводки больше приходить не будут/));
      await screenshot(visitorPage, "digest-unsubscribed-ru");
      const me = await (await stranger.request.get(`${platform.url}/api/v1/auth/me`)).json();
      expect(me.user ?? null).toBeNull();

      const settings = await (await member.request.get(`${platform.url}/api/v1/digests/settings`)).json();
      expect(settings.frequency).toBe("never");
      await Promise.all([admin.close(), member.close(), stranger.close()]);
    },
    STEP_TIMEOUT,
  );
});
