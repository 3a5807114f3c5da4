import type { Browser, BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  launchBrowser,
  newContext,
  type RunningPlatform,
  screenshot,
  startPlatform,
} from "./harness.js";

/** Collects console errors and CSP violations of a page (MapLibre's worker and styles must pass the CSP). */
function watch(page: Page) {
  const problems: string[] = [];
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

/**
 * CSP violations, except zod's capability probe (`Function("")`, caught by zod, which then runs without
 * eval): other modules' route files bring zod into the main chunk, and that probe is not the map's doing.
 */
async function cspViolations(page: Page): Promise<string[]> {
  const all = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  return all.filter((v) => !/^script-src eval \S*\/assets\/(coerce|index)-[\w-]+\.js:/.test(v));
}

async function openContext(browser: Browser, locale: string, width: number): Promise<BrowserContext> {
  const context = await newContext(browser, { locale, width });
  await context.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = list;
    document.addEventListener("securitypolicyviolation", (e) =>
      list.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`),
    );
  });
  return context;
}

/** The map canvas is drawn: MapLibre's canvas exists and has a size. */
async function expectMapDrawn(page: Page) {
  const canvas = page.locator(".atlas-map canvas.maplibregl-canvas").first();
  await canvas.waitFor({ state: "visible", timeout: 30_000 });
  const box = await canvas.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(200);
  expect(box?.height ?? 0).toBeGreaterThan(200);
  // Wait until the style and sources are loaded (MapLibre adds the class "maplibregl-map" at once; idle later).
  await page.waitForFunction(() => document.querySelector(".atlas-map .maplibregl-ctrl-zoom-in") !== null);
  await page.waitForTimeout(1500);
}

describe("charts and maps: the trafficking routes map", () => {
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  for (const [locale, lang, width] of [
    ["en-GB", "en", 1280],
    ["ru-RU", "ru", 1280],
    ["en-GB", "en", 360],
    ["ru-RU", "ru", 360],
  ] as const) {
    it(`draws the routes map and its table (${lang}, ${width} px)`, async () => {
      const context = await openContext(browser, locale, width);
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(`${platform.url}/routes`);
      expect(await page.getAttribute("html", "lang")).toBe(lang);
      await expectMapDrawn(page);
      const label = await page.locator(".atlas-map canvas").first().getAttribute("aria-label");
      expect(label).toContain(lang === "en" ? "trafficking routes" : "маршрутов");
      const zoomIn = page.getByRole("button", { name: lang === "en" ? "Zoom in" : "Приблизить" });
      await expect.poll(() => zoomIn.count()).toBe(1);
      await expectAccessible(page, `routes map (${lang}, ${width})`);
      await screenshot(page, `viz-routes-${lang}-${width}`);

      // Keyboard only: Tab to the "Table" option of the switch, choose it with the arrow key.
      const tableOption = page.getByRole("radio", { name: lang === "en" ? "Table" : "Таблица" }).first();
      await tableOption.focus();
      await page.keyboard.press("Space");
      await expect.poll(() => tableOption.isChecked()).toBe(true);
      const table = page
        .locator("table")
        .filter({ hasText: lang === "en" ? "Balkan" : "Балкан" })
        .first();
      await table.waitFor({ state: "visible" });
      const text = (await table.textContent()) ?? "";
      expect(text).toContain(lang === "en" ? "Serbia" : "Сербия");
      expect(text).toContain(lang === "en" ? "Pakistan" : "Пакистан");
      await expectAccessible(page, `routes table (${lang}, ${width})`);
      await screenshot(page, `viz-routes-table-${lang}-${width}`);

      // Back to the map with the keyboard, then the map canvas takes focus and zooms with "+".
      await page.keyboard.press(lang === "en" ? "ArrowLeft" : "ArrowLeft");
      await expectMapDrawn(page);
      await page.locator(".atlas-map canvas").first().focus();
      await page.keyboard.press("Equal");
      expect(problems).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
      await context.close();
    });
  }

  it("shows the partner countries on a map", async () => {
    const context = await openContext(browser, "en-GB", 1280);
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${platform.url}/partners`);
    await page.locator("label", { hasText: /^Map$/ }).first().click();
    await expectMapDrawn(page);
    await expectAccessible(page, "partners map (en)");
    await screenshot(page, "viz-partners-map-en-1280");

    // The chart below the map: drawn on a canvas, then the same figures as a table, then as CSV.
    const panel = page.locator("section", { has: page.getByRole("heading", { name: "Partner countries by region" }) });
    await panel.locator("canvas").first().waitFor({ state: "visible" });
    await panel.locator("label", { hasText: /^Table$/ }).click();
    const table = panel.locator("table");
    await table.waitFor({ state: "visible" });
    expect(await table.textContent()).toContain("Northern Europe");
    await expectAccessible(page, "partners chart table (en)");
    await panel.getByRole("button", { name: /Download/ }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("menuitem", { name: "Table (CSV)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("Partner countries by region.csv");
    const csv = await new Promise<string>((resolve, reject) => {
      void download.createReadStream().then((stream) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        stream.on("error", reject);
      });
    });
    expect(csv.startsWith("\uFEFFRegion,Partner before 2012,Partner since 2012\r\n")).toBe(true);
    expect(csv).toContain("Northern Europe,9,0");
    await panel.locator("label", { hasText: /^Chart$/ }).click();
    await panel.locator("canvas").first().waitFor({ state: "visible" });
    await panel.getByRole("button", { name: /Download/ }).click();
    const [png] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("menuitem", { name: "Image (PNG)" }).click(),
    ]);
    expect(png.suggestedFilename()).toBe("Partner countries by region.png");
    expect(problems).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  });
});
