import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  launchBrowser,
  newContext,
  type RunningPlatform,
  screenshot,
  startPlatform,
} from "./harness.js";

/**
 * Search across English and Russian (issue 19): a reader of the Russian interface types an English word and gets
 * the records in Russian, the matches marked with <mark> elements (not «quotes», never markup from the server).
 */
describe("search across languages", () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    page = await (await newContext(browser, { locale: "ru-RU" })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it("finds Russian text for an English query and marks the matches", async () => {
    await page.goto(`${platform.url}/search?q=opiates`);
    await expect.poll(() => page.locator("main mark").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const marks = await page.locator("main mark").allTextContents();
    // In the Russian interface the snippets are cut from the Russian text: the marked words are Russian ones.
    expect(marks.some((m) => /опи/i.test(m))).toBe(true);
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).not.toMatch(/[«»]опи/i);
    await expectAccessible(page, "search across languages (ru)");
    await screenshot(page, "search-cross-language-ru");
  });
});
