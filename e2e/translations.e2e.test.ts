import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  launchBrowser,
  newContext,
  type RunningPlatform,
  screenshot,
  signInAdministratorByApi,
  startPlatform,
} from "./harness.js";

/**
 * Issue 19's translation workflow in the browser, in Russian: a news item written only in English shows the
 * "no Russian translation" badge in the news list; for a coordinator the badge opens the item's entry in the
 * translation queue, where the Russian title is written beside the English one and saved; the queue is then empty
 * and the list shows the Russian title without a badge.
 */

const WAIT = { timeout: 30_000 };
const NEW_PASSWORD = "a long new passphrase for Vienna 2026";

describe("translation queue: from the badge in a list to the filled text", () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let newsId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    context = await newContext(browser, { locale: "ru-RU" });
    await context.addInitScript(() => localStorage.setItem("pact.lang", "ru"));
    const { post } = await signInAdministratorByApi(context, platform, NEW_PASSWORD);
    const news = await post("/news", {
      title: { en: "Precursor case meeting held in Tashkent" },
      body: { en: "Regional hubs linked three cases.", ru: "Региональные центры связали три дела." },
      pillars: [3],
    });
    newsId = news.id;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it("a coordinator follows the badge, fills the Russian title and the record leaves the queue", async () => {
    const page = await context.newPage();
    // On the item's own page the badge leads to the same entry.
    await page.goto(`${platform.url}/news/${newsId}`);
    const detailBadge = page.getByRole("link", { name: /Нет перевода на русский язык/ });
    await detailBadge.first().waitFor(WAIT);
    expect(await detailBadge.first().getAttribute("href")).toContain(`record=${newsId}`);
    await page.goto(`${platform.url}/news`);
    const badge = page.getByRole("link", { name: /Нет перевода на русский язык/ });
    await badge.first().waitFor(WAIT);
    await badge.first().click();
    await page.waitForURL(/\/admin\/translations\?/, WAIT);
    expect(new URL(page.url()).searchParams.get("record")).toBe(newsId);
    await page.getByRole("heading", { level: 1, name: "Незавершенные переводы" }).waitFor(WAIT);
    const entry = page.getByRole("region", { name: "Precursor case meeting held in Tashkent" });
    await entry.waitFor(WAIT);
    // Only the title lacks Russian: the body has both languages and is not offered.
    const box = entry.getByRole("textbox", { name: "Название · русский" });
    expect(await entry.getByRole("textbox").count()).toBe(1);
    await expectAccessible(page, "/admin/translations");
    await screenshot(page, "translations-queue-ru");
    const save = entry.getByRole("button", { name: "Сохранить перевод" });
    expect(await save.isDisabled()).toBe(true);
    await box.fill("В Ташкенте прошло совещание по делам о прекурсорах");
    await save.click();
    await page.getByText("Все переведено").waitFor(WAIT);

    await page.goto(`${platform.url}/news`);
    await page.getByRole("link", { name: "В Ташкенте прошло совещание по делам о прекурсорах" }).waitFor(WAIT);
    expect(await page.getByText("Нет перевода на русский язык").count()).toBe(0);
    const history = await context.request.get(`${platform.url}/api/v1/news/${newsId}`);
    expect((await history.json()).version).toBe(2);
  }, 240_000);
});
