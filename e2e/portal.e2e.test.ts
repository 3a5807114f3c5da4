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

/** The first journey: a visitor opens the portal, switches to Russian, reads the pillars and the partners. */
describe("public portal in English and Russian", () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    page = await (await newContext(browser, { locale: "en-GB" })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it("opens the home page in English with the live counts", async () => {
    await page.goto(platform.url);
    await expect.poll(() => page.locator("h1").first().textContent()).toContain("Paris Pact");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await expect.poll(() => page.locator("main").textContent()).toContain("58");
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("23");
    await expectAccessible(page, "home (en)");
    await screenshot(page, "home-en");
  });

  it("switches to Russian, and remembers it after a reload", async () => {
    // The language switch is a radio group; a user clicks the visible "RU" label of its "Русский" option.
    await page.locator("label", { hasText: "RU" }).first().click();
    await expect.poll(() => page.getByRole("radio", { name: "Русский" }).isChecked()).toBe(true);
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("ru");
    await expect.poll(() => page.locator("h1").first().textContent()).toContain("Парижский пакт");
    await page.reload();
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("ru");
    await expect.poll(() => page.locator("h1").first().textContent()).toContain("Парижский пакт");
    await expectAccessible(page, "home (ru)");
    await screenshot(page, "home-ru");
  });

  it("opens the pillars and the 32 commitments", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Основные направления" }).first().click();
    await expect.poll(() => page.url()).toMatch(/\/pillars$/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Венской декларации");
    await expectAccessible(page, "pillars (ru)");
    await page.goto(`${platform.url}/pillars/3`);
    await expect.poll(() => page.locator("main").textContent()).toContain("III.10");
    const text = (await page.locator("main").textContent()) ?? "";
    for (let i = 1; i <= 10; i++) expect(text).toContain(`III.${i}`);
    await expectAccessible(page, "pillar III (ru)");
    await screenshot(page, "pillar-3-ru");
  });

  it("lists 58 partner countries and 23 organizations", async () => {
    await page.goto(`${platform.url}/partners`);
    await expect.poll(() => page.locator("main").textContent()).toContain("Таджикистан");
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("58");
    expect(main).toContain("23");
    await expectAccessible(page, "partners (ru)");
    await screenshot(page, "partners-ru");
    await page.getByText("Таджикистан").first().click();
    await expect.poll(() => page.url()).toMatch(/\/partners\/TJK$/i);
    await expect.poll(() => page.locator("h1").first().textContent()).toContain("Таджикистан");
    await expectAccessible(page, "partner TJK (ru)");
  });

  it("shows the server's first screen to a visitor before the app has loaded, then the app takes over", async () => {
    const context = await newContext(browser, { locale: "en-GB" });
    const visitor = await context.newPage();
    // Hold the app's code back: what is drawn meanwhile is the HTML the server rendered.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await visitor.route(/\/assets\/.*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await visitor.goto(`${platform.url}/partners`, { waitUntil: "commit" });
    await expect.poll(() => visitor.locator("main h1").textContent(), { timeout: 10_000 }).toBe("Partners");
    expect(await visitor.locator("[data-prerendered]").count()).toBe(1);
    expect(await visitor.locator("main").textContent()).toContain("Tajikistan");
    await expectAccessible(visitor, "prerendered partners (en)");
    release();
    // The app's code then arrives, runs and reads the partners: seconds on a loaded CI machine, not one.
    await expect.poll(() => visitor.locator("[data-prerendered]").count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => visitor.locator("main").textContent(), { timeout: 20_000 }).toContain("Tajikistan");
    await context.close();
  });

  it("reloads a page read before from the service worker while offline, and says how old its data are", async () => {
    const context = await newContext(browser, { locale: "en-GB" });
    const reader = await context.newPage();
    await reader.goto(`${platform.url}/partners`);
    await expect.poll(() => reader.locator("main").textContent()).toContain("Tajikistan");
    // The worker is registered once the page has loaded, and takes the page over.
    await expect
      .poll(() => reader.evaluate(() => !!navigator.serviceWorker?.controller), { timeout: 30_000 })
      .toBe(true);
    // Read again through the worker, which keeps the answers (network first).
    await reader.reload();
    await expect.poll(() => reader.locator("main").textContent()).toContain("Tajikistan");
    await expect.poll(() => reader.locator("[data-testid=offline-banner]").count()).toBe(0);
    const kept = () =>
      reader.evaluate(async () => {
        const found: string[] = [];
        for (const name of await caches.keys()) {
          if (!name.startsWith("pact-api-")) continue;
          for (const request of await (await caches.open(name)).keys()) found.push(new URL(request.url).pathname);
        }
        return found.sort();
      });
    await expect.poll(kept).toEqual(expect.arrayContaining(["/api/v1/auth/me", "/api/v1/partners"]));

    // The link goes down: for the page (CDP) and for its worker (Playwright's offline mode covers workers).
    const cdp = await context.newCDPSession(reader);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: true,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await context.setOffline(true);
    const response = await reader.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await expect.poll(() => reader.locator("main h1").textContent()).toBe("Partners");
    await expect.poll(() => reader.locator("main").textContent()).toContain("Tajikistan");
    const banner = reader.locator("[data-testid=offline-banner]");
    await expect.poll(() => banner.textContent()).toMatch(/^You are offline — showing data from \d{1,2} \w{3} \d{4}/);
    expect(await banner.getAttribute("role")).toBe("status");
    await expectAccessible(reader, "partners offline (en)");
    await screenshot(reader, "partners-offline-en");

    // Back online: the next answers come from the network and the banner goes.
    await context.setOffline(false);
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await reader.reload();
    await expect.poll(() => reader.locator("main").textContent()).toContain("Tajikistan");
    await expect.poll(() => banner.count()).toBe(0);
    await expect.poll(kept).toEqual(expect.arrayContaining(["/api/v1/partners"]));

    // Signing out (the worker sees the request) leaves no API answer behind for whoever uses the device next.
    const status = await reader.evaluate(async () => {
      const me = (await (await fetch("/api/v1/auth/me")).json()) as { csrfToken: string };
      const res = await fetch("/api/v1/auth/sign-out", { method: "POST", headers: { "x-csrf-token": me.csrfToken } });
      return res.status;
    });
    expect(status).toBeLessThan(300);
    await expect.poll(kept).toEqual([]);
    await context.close();
  });

  it("works on a 360-pixel-wide screen", async () => {
    const narrow = await (await newContext(browser, { locale: "ru-RU", width: 360 })).newPage();
    await narrow.goto(`${platform.url}/partners`);
    await expect.poll(() => narrow.locator("main").textContent()).toContain("Таджикистан");
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await expectAccessible(narrow, "partners at 360px (ru)");
    await screenshot(narrow, "partners-ru-360");
  });
});

describe("the first administrator signs in with the printed one-time password", () => {
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

  it("is sent to choose a new password, then is signed in", async () => {
    const page = await (await newContext(browser, { locale: "en-GB" })).newPage();
    await page.goto(`${platform.url}/sign-in`);
    await page.getByLabel(/e-mail/i).fill(platform.administrator.email);
    await page.getByLabel(/^password/i).fill(platform.administrator.password);
    await expectAccessible(page, "sign-in (en)");
    await page.getByRole("button", { name: /sign in/i }).click();
    // Sign-in verifies an argon2id hash: on a loaded machine that takes longer than expect.poll's default second.
    await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/\/account\/password/);
    await page.getByLabel(/current password/i).fill(platform.administrator.password);
    await page.getByLabel(/^new password/i).fill("short");
    await page.getByRole("button", { name: /change password|save/i }).click();
    await expect.poll(() => page.locator("main").textContent()).toMatch(/12/);
    await page.getByLabel(/^new password/i).fill("a long new passphrase for Vienna");
    const confirm = page.getByLabel(/confirm|repeat/i);
    if (await confirm.count()) await confirm.fill("a long new passphrase for Vienna");
    await page.getByRole("button", { name: /change password|save/i }).click();
    // The change hashes the new password with argon2id (and checks the current one): on a loaded machine that takes
    // longer than expect.poll's default second, as the sign-in above does.
    await expect
      .poll(async () => (await page.request.get(`${platform.url}/api/v1/auth/me`)).json(), { timeout: 15_000 })
      .toMatchObject({
        authenticated: true,
        user: { mustChangePassword: false },
      });
    await screenshot(page, "admin-signed-in");
  });
});
